"""Relay-style connections: opaque cursors, bounded pages, `pageInfo`.

A cursor is the base64 of `offset:<n>`, the position of its item in the
ordered list; `after: cursor` starts the next page just behind that item.
Clients must treat cursors as opaque: the encoding may change.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from datetime import datetime
from typing import Generic, TypeVar

import strawberry

from graph.reads import Window
from resolvers.context import Info
from sir.errors import InvalidInput

T = TypeVar("T")
AS_OF = (
    "Null when read for this request. Otherwise the moment of the "
    "organization's summary the answer comes from (a large organization; "
    'README, "Organization summaries"): its order, counts and figures are '
    "those of that moment."
)

CURSOR_PREFIX = "offset:"
DEFAULT_PAGE_SIZE = 20
# The default of `Settings.max_page_size`, for a context without settings.
DEFAULT_MAX_PAGE_SIZE = 100


@strawberry.type(description="Where a page ends, and whether more items follow.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None = strawberry.field(
        description="The cursor of the last item of the page; null when empty."
    )


@strawberry.type(description="One item of a page and its cursor.")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="One page of a list, in the Relay connection shape.")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Items in all pages.")
    as_of: datetime | None = strawberry.field(default=None, description=AS_OF)


def encode_cursor(position: int) -> str:
    """The opaque cursor of the item at `position` (0 is the first)."""
    return base64.b64encode(f"{CURSOR_PREFIX}{position}".encode()).decode("ascii")


def decode_cursor(cursor: str) -> int:
    """The position behind a cursor; InvalidInput when it is not one of ours."""
    try:
        text = base64.b64decode(cursor.encode("ascii"), validate=True).decode()
        if text.startswith(CURSOR_PREFIX):
            position = int(text.removeprefix(CURSOR_PREFIX))
            if position >= 0:
                return position
    except (ValueError, UnicodeError, binascii.Error):
        pass
    message = f'The argument "after" is not a cursor of this list: "{cursor}".'
    raise InvalidInput(message, field="after", value=cursor)


def max_page_size(info: Info) -> int:
    """The largest page a client may ask for (`SIR_MAX_PAGE_SIZE`)."""
    # The settings live on the app; a context built without a request (a
    # test, a script) gets the default.
    request = info.context.request
    service = getattr(
        getattr(getattr(request, "app", None), "state", None), "service", None
    )
    limit = getattr(getattr(service, "settings", None), "max_page_size", None)
    return int(limit) if limit is not None else DEFAULT_MAX_PAGE_SIZE


def check_first(first: int, largest: int, name: str = "first") -> int:
    """`first` if it is a page size from 0 to `largest`, else InvalidInput."""
    if not 0 <= first <= largest:
        message = f'The argument "{name}" must be from 0 to {largest}, not {first}.'
        raise InvalidInput(message, field=name, value=first)
    return first


def page_window(info: Info, first: int, after: str | None) -> Window:
    """The slice a page asks for, with the page size and cursor checked."""
    size = check_first(first, max_page_size(info))
    skip = decode_cursor(after) + 1 if after is not None else 0
    return Window(skip=skip, limit=size)


def connection(
    nodes: Sequence[T],
    window: Window,
    total: int,
    *,
    has_next: bool | None = None,
    as_of: datetime | None = None,
) -> Connection[T]:
    """A page of nodes that starts at `window.skip` of a list of `total` items."""
    edges = [
        Edge(cursor=encode_cursor(window.skip + i), node=node)
        for i, node in enumerate(nodes)
    ]
    more = window.skip + len(nodes) < total if has_next is None else has_next
    info = PageInfo(has_next_page=more, end_cursor=edges[-1].cursor if edges else None)
    return Connection(edges=edges, page_info=info, total_count=total, as_of=as_of)
