"""The GraphQL schema, put together from the query and mutation modules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from resolvers import graph_view, intel, partner, reads, subscriptions, system, writes
from resolvers.errors import ErrorCodes, log_errors
from resolvers.observability import OperationObserver, OperationReporter

# Each area adds its Query and Mutation classes here.
QUERIES: tuple[type, ...] = (
    system.Query,
    graph_view.Query,
    reads.Query,
    partner.Query,
    intel.Query,
)
MUTATIONS: tuple[type, ...] = (writes.Mutation, intel.Mutation)
SUBSCRIPTIONS: tuple[type, ...] = (subscriptions.Subscription,)


class SirSchema(strawberry.Schema):
    """The schema, logging internal failures before they are masked."""

    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: ExecutionContext | None = None,
    ) -> None:
        log_errors(errors)


def build_schema(
    *, observers: Sequence[OperationObserver] = (), **options: Any
) -> strawberry.Schema:
    """Create the schema with error codes and the parser and validation caches.

    Every operation is logged in one line and reported to `observers`.
    """
    query = merge_types("Query", QUERIES)
    mutation = merge_types("Mutation", MUTATIONS) if MUTATIONS else None
    subscription = merge_types("Subscription", SUBSCRIPTIONS)
    return SirSchema(
        query=query,
        mutation=mutation,
        subscription=subscription,
        extensions=[
            # First, so that it times the whole operation and, as the last to
            # leave it, sees the error codes that the client gets.
            lambda: OperationReporter(observers),
            ErrorCodes,
            # Parsing and validating the same document again takes most of a
            # request's time; clients send a handful of distinct documents.
            # Both caches live at module level, so a factory per request is cheap.
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
            *options.pop("extensions", ()),
        ],
        **options,
    )
