"""The Cypher of the service: one statement per `.cypher` file under `cypher/`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from sir.errors import SirError

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"


class UnknownQuery(SirError):
    """Raised when code asks for a Cypher file that does not exist."""


class Queries(Mapping[str, str]):
    """Cypher statements keyed by their path, `area/verb_noun`, loaded once."""

    def __init__(self, root: Path = CYPHER_DIR) -> None:
        self.root = root
        self._texts = {
            path.relative_to(root).with_suffix("").as_posix(): strip_header(
                path.read_text(encoding="utf-8")
            )
            for path in sorted(root.rglob("*.cypher"))
        }

    def __getitem__(self, name: str) -> str:
        try:
            return self._texts[name]
        except KeyError:
            raise UnknownQuery(f'Cypher file "{name}.cypher" does not exist.') from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def under(self, area: str) -> list[str]:
        """Names of the statements in one folder, in file-name order."""
        prefix = area.rstrip("/") + "/"
        return [name for name in self._texts if name.startswith(prefix)]


def strip_header(text: str) -> str:
    """Drop the leading `//` comment lines that document a file's parameters."""
    lines = text.splitlines()
    while lines and (not lines[0].strip() or lines[0].lstrip().startswith("//")):
        lines.pop(0)
    return "\n".join(lines).strip()


@cache
def queries() -> Queries:
    """The process-wide set of statements, read from disk on first use."""
    return Queries()
