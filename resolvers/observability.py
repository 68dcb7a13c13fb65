"""One report per GraphQL operation: logged as one line, handed to observers.

The report holds what operators need and nothing a client sent as data: the
operation's name, its kind, how long it took, whether it failed and with which
error codes, and the request id. Variables, the document and error messages
are never logged, since they can carry personal data.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext

from resolvers.errors import INTERNAL_CODE, VALIDATION_CODE
from sir.errors import SirError

logger = logging.getLogger("sir.graphql")

ANONYMOUS = "anonymous"
INVALID_NAME = "invalid"
# A GraphQL name, kept short: operation names become log fields and metric
# labels, so a client must not be able to send arbitrary text through them.
_NAME = re.compile(r"^[_A-Za-z][_0-9A-Za-z]{0,63}$")


@dataclass(frozen=True)
class OperationReport:
    """What one GraphQL operation did, without any of the data it carried."""

    name: str
    kind: str
    seconds: float
    error_codes: tuple[str, ...]
    request_id: str | None

    @property
    def status(self) -> str:
        """`ok` when the result had no errors, `error` otherwise."""
        return "error" if self.error_codes else "ok"


OperationObserver = Callable[[OperationReport], None]


def operation_label(name: str | None) -> str:
    """The operation name as logged: `anonymous`, a GraphQL name, or `invalid`."""
    if name is None:
        return ANONYMOUS
    return name if _NAME.match(name) else INVALID_NAME


def error_code(error: GraphQLError) -> str:
    """The `extensions.code` that a client sees for this error."""
    code = (error.extensions or {}).get("code")
    if isinstance(code, str):
        return code
    original = error.original_error
    if original is None:
        return VALIDATION_CODE
    return original.code if isinstance(original, SirError) else INTERNAL_CODE


def log_operation(report: OperationReport) -> None:
    """Write the one info line of an operation."""
    fields: dict[str, object] = {
        "operation": report.name,
        "kind": report.kind,
        "duration_ms": round(report.seconds * 1000, 2),
        "status": report.status,
        "request_id": report.request_id,
    }
    if report.error_codes:
        fields["error_codes"] = list(report.error_codes)
    logger.info("graphql operation", extra=fields)


class OperationReporter(SchemaExtension):
    """Times every operation and reports it to the log and to observers.

    Put it first among the schema's extensions: it then measures parsing,
    validation and execution, and sees the errors as clients get them.
    """

    def __init__(self, observers: Sequence[OperationObserver] = ()) -> None:
        self.observers = tuple(observers)

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        failure: tuple[str, ...] = ()
        try:
            yield
        except Exception:
            # Requests that never become an operation (no query at all, a
            # mutation over GET): Strawberry answers them with HTTP 400.
            failure = ("BAD_REQUEST",)
            raise
        finally:
            self._report(time.perf_counter() - started, failure)

    def _report(self, seconds: float, failure: tuple[str, ...]) -> None:
        context = self.execution_context
        report = OperationReport(
            name=operation_label(context.operation_name),
            kind=_operation_kind(context),
            seconds=seconds,
            error_codes=failure or _error_codes(context.result),
            request_id=_request_id(context.context),
        )
        log_operation(report)
        for observer in self.observers:
            observer(report)


def _operation_kind(context: ExecutionContext) -> str:
    try:
        return str(context.operation_type.value)
    except RuntimeError:
        # No document (it failed to parse) or no operation of that name.
        return "unknown"


def _error_codes(result: object) -> tuple[str, ...]:
    errors: list[GraphQLError] = getattr(result, "errors", None) or []
    return tuple(sorted({error_code(error) for error in errors}))


def _request_id(context: object) -> str | None:
    request = getattr(context, "request", None)
    state = getattr(request, "scope", {}).get("state") or {}
    value = state.get("request_id")
    return value if isinstance(value, str) else None
