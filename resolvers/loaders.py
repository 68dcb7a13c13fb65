"""Per-request DataLoaders: one database round trip per level of a request.

Resolvers never query for one item. They ask a loader of this request for
it; the loader collects every key asked for while the level resolves and
runs one statement of `graph.reads` for all of them. Loaders also cache, so
a customer named by fifty relationships is read once.

The loaders of a request are bound to the caller's scope (the organization
it is limited to), so every statement they run filters by it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from strawberry.dataloader import DataLoader

from graph import reads
from graph.database import Database, Row
from graph.reads import Slice, Window
from resolvers.context import Info
from resolvers.permissions import scope_of

LOADERS_KEY = "reads"
T_co = TypeVar("T_co", covariant=True)
# A relationship and the window of one of its lists.
WindowKey = tuple[str, int, int]


@dataclass
class Loaders:
    """The loaders of one request, created together on first use."""

    customers: DataLoader[str, Row | None]
    organizations: DataLoader[str, Row | None]
    relationships: DataLoader[str, Row | None]
    customer_relationships: DataLoader[str, list[Row]]
    touchpoints: DataLoader[WindowKey, Slice]
    signals: DataLoader[WindowKey, Slice]
    roles: DataLoader[WindowKey, Slice]
    history: DataLoader[tuple[str, int], list[Row]]


def loaders(info: Info) -> Loaders:
    """The loaders of this request."""
    found = info.context.loaders.get(LOADERS_KEY)
    if found is None:
        scope = scope_of(info.context.principal)["scopeOrganizationId"]
        found = make_loaders(info.context.database, scope)
        info.context.loaders[LOADERS_KEY] = found
    assert isinstance(found, Loaders)  # noqa: S101 - only this module sets it
    return found


def make_loaders(database: Database, scope: str | None) -> Loaders:
    """Fresh loaders bound to the database and scope, with empty caches."""
    return Loaders(
        customers=DataLoader(by_id(database, scope, reads.get_customers)),
        organizations=DataLoader(by_id(database, scope, reads.get_organizations)),
        relationships=DataLoader(by_id(database, scope, reads.get_relationships)),
        customer_relationships=DataLoader(
            lists_by_id(database, scope, reads.relationships_of_customers)
        ),
        touchpoints=DataLoader(
            windows(database, scope, "read/list_relationship_touchpoints")
        ),
        signals=DataLoader(windows(database, scope, "read/list_relationship_signals")),
        roles=DataLoader(windows(database, scope, "read/list_relationship_roles")),
        history=DataLoader(histories(database)),
    )


class ScopedRead(Protocol[T_co]):
    """A read of `graph.reads` by many ids, limited to a scope."""

    def __call__(
        self, database: Database, ids: Sequence[str], *, scope: str | None
    ) -> Awaitable[T_co]: ...


def by_id(
    database: Database, scope: str | None, read: ScopedRead[dict[str, Row]]
) -> Callable[[list[str]], Awaitable[list[Row | None]]]:
    """A batch function that reads many ids with one statement; None if missing."""

    async def load(ids: list[str]) -> list[Row | None]:
        found = await read(database, ids, scope=scope)
        return [found.get(id) for id in ids]

    return load


def lists_by_id(
    database: Database, scope: str | None, read: ScopedRead[dict[str, list[Row]]]
) -> Callable[[list[str]], Awaitable[list[list[Row]]]]:
    """A batch function for a list per id; an id without any gets []."""

    async def load(ids: list[str]) -> list[list[Row]]:
        found = await read(database, ids, scope=scope)
        return [found.get(id, []) for id in ids]

    return load


def windows(
    database: Database, scope: str | None, name: str
) -> Callable[[list[WindowKey]], Awaitable[list[Slice]]]:
    """A batch function for one list of many relationships.

    Keys asking for the same window share one statement; one request
    normally asks for one window per list, so this is one round trip.
    """

    async def load(keys: list[WindowKey]) -> list[Slice]:
        groups: dict[Window, list[str]] = defaultdict(list)
        for id, skip, limit in keys:
            groups[Window(skip, limit)].append(id)
        found: dict[WindowKey, Slice] = {}
        for window, ids in groups.items():
            slices = await reads.list_slices(database, name, ids, window, scope=scope)
            for id in ids:
                key = (id, window.skip, window.limit)
                found[key] = slices.get(id, Slice(0, []))
        return [found[key] for key in keys]

    return load


def histories(
    database: Database,
) -> Callable[[list[tuple[str, int]]], Awaitable[list[list[Row]]]]:
    """A batch function for the newest snapshots of many relationships."""

    async def load(keys: list[tuple[str, int]]) -> list[list[Row]]:
        groups: dict[int, list[str]] = defaultdict(list)
        for id, limit in keys:
            groups[limit].append(id)
        found: dict[tuple[str, int], list[Row]] = {}
        for limit, ids in groups.items():
            states = await reads.state_history(database, ids, limit)
            found |= {(id, limit): states.get(id, []) for id in ids}
        return [found[key] for key in keys]

    return load
