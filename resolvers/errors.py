"""How errors reach clients: SiR errors with a code, everything else masked."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import StreamExecutionResult

from sir.errors import InvalidInput, SirError

logger = logging.getLogger("sir.graphql")

MASKED_MESSAGE = "Unexpected error; it has been logged."
INTERNAL_CODE = "INTERNAL_SERVER_ERROR"
VALIDATION_CODE = "GRAPHQL_VALIDATION_FAILED"


def error_extensions(error: SirError) -> dict[str, Any]:
    """The `extensions` of a SiR error: its code and, for bad input, where."""
    extensions: dict[str, Any] = {"code": error.code}
    if isinstance(error, InvalidInput):
        for name in ("field", "item", "value"):
            value = getattr(error, name, None)
            if value is not None:
                extensions[name] = (
                    value if isinstance(value, int | float) else str(value)
                )
    return extensions


def present_error(error: GraphQLError) -> GraphQLError:
    """Give a SiR error its code, keep GraphQL's own errors, mask the rest."""
    original = error.original_error
    if isinstance(original, SirError):
        return GraphQLError(
            str(original),
            nodes=error.nodes,
            path=error.path,
            original_error=original,
            extensions=error_extensions(original),
        )
    if original is None or isinstance(original, GraphQLError):
        # A GraphQLError as the cause is GraphQL's own: a variable that does
        # not fit its type, such as an unknown enum value. The client's mistake.
        code = (error.extensions or {}).get("code", VALIDATION_CODE)
        error.extensions = {**(error.extensions or {}), "code": code}
        return error
    return GraphQLError(
        MASKED_MESSAGE,
        nodes=error.nodes,
        path=error.path,
        extensions={"code": INTERNAL_CODE},
    )


class ErrorCodes(SchemaExtension):
    """Rewrites the errors of every result as `present_error` says.

    Queries and mutations have one result, seen when the operation ends; a
    subscription sends one result per event, each seen before it is sent.
    """

    def on_operation(self) -> Iterator[None]:
        yield
        present_errors(self.execution_context.result)

    def on_stream_result(self, result: StreamExecutionResult) -> Iterator[None]:
        present_errors(result)
        yield


def present_errors(result: object) -> None:
    """Rewrite the errors of one result in place, if it has any."""
    errors = getattr(result, "errors", None)
    if result is not None and errors:
        presented = [present_error(error) for error in errors]
        result.errors = presented  # type: ignore[attr-defined]


def log_errors(errors: list[GraphQLError]) -> None:
    """Log internal failures whole; a client's own mistakes are not errors."""
    for error in errors:
        original = error.original_error
        if original is None or isinstance(original, SirError | GraphQLError):
            continue
        logger.error(
            "unexpected error in %s",
            ".".join(map(str, error.path or [])) or "query",
            exc_info=original,
        )
