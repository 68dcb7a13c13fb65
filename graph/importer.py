"""`sir import`: events from JSON Lines, written in batches through the write path.

Each line is one event in the shape of the `recordEvents` mutation, with a
`"type"` field naming the kind of event (`graph.validation.EVENT_TYPES`).
Lines are read as a stream and written `batch_size` at a time, each batch in
one transaction. A batch with a bad line is not written at all; the bad lines
are reported by number and the import goes on with the next batch. Every
write is a MERGE, so an import that was cut off can simply be run again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.database import Database
from graph.validation import RejectedBatch, parse_events
from graph.writes import write_checked
from sir.errors import InvalidInput

Progress = Callable[[int], None]


@dataclass(frozen=True)
class LineProblem:
    """Why one line of the file was not written."""

    line: int
    message: str


@dataclass
class ImportReport:
    """What an import read and wrote, and the lines that failed."""

    lines: int = 0
    written: int = 0
    skipped: int = 0
    batches: int = 0
    problems: list[LineProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every line was written."""
        return not self.problems

    def describe(self) -> str:
        """The summary an operator reads at the end of an import."""
        text = f"Wrote {self.written} of {self.lines} lines in {self.batches} batches."
        if self.problems:
            failed = ", ".join(str(p.line) for p in self.problems)
            text += (
                f" {len(self.problems)} lines failed ({failed}); "
                f"{self.skipped} good lines of their batches were not written."
            )
        return text


@dataclass(frozen=True)
class Line:
    """One non-blank line: its number and the decoded event, or why not."""

    number: int
    event: object = None
    problem: str | None = None


def read_lines(path: Path, progress: Progress | None = None) -> Iterator[Line]:
    """The non-blank lines of a JSON Lines file, decoded one at a time."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if progress is not None:
                progress(len(raw))
            if raw.strip():
                yield decode(number, raw)


def decode(number: int, raw: bytes) -> Line:
    """One line as an event, or the reason it is not one."""
    try:
        return Line(number, json.loads(raw))
    except UnicodeDecodeError:
        return Line(number, problem=f"Line {number} is not UTF-8 text.")
    except json.JSONDecodeError as error:
        return Line(number, problem=f"Line {number} is not JSON: {error.msg}.")


async def import_lines(
    database: Database, lines: Iterable[Line], *, batch_size: int
) -> ImportReport:
    """Write decoded lines in batches of `batch_size`; report what failed."""
    report = ImportReport()
    batch: list[Line] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= batch_size:
            await import_batch(database, batch, report)
            batch = []
    if batch:
        await import_batch(database, batch, report)
    return report


async def import_batch(
    database: Database, batch: list[Line], report: ImportReport
) -> None:
    """Write one batch, or record its bad lines and write none of it."""
    report.lines += len(batch)
    report.batches += 1
    problems = [
        LineProblem(line.number, line.problem) for line in batch if line.problem
    ]
    decoded = [line for line in batch if line.problem is None]
    try:
        if decoded:
            events = parse_events([line.event for line in decoded], len(decoded))
            if not problems:
                await write_checked(database, events)
    except RejectedBatch as rejected:
        problems.extend(line_problem(decoded, p) for p in rejected.problems)
    if problems:
        report.problems.extend(sorted(problems, key=lambda p: p.line))
        report.skipped += len(batch) - len({p.line for p in problems})
        return
    report.written += len(batch)


def line_problem(decoded: list[Line], problem: InvalidInput) -> LineProblem:
    """A problem of a parsed event, told by the line it came from."""
    item = problem.item if isinstance(problem.item, int) else 0
    number = decoded[item].number
    return LineProblem(number, f"Line {number}: {problem.message}")
