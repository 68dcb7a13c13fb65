"""Checks of single values of events: each turns a value into its stored form.

A check takes the value and `Where` it sits, and returns the value in the
form the graph stores (a stripped string, a float, a UTC datetime, an enum's
string value) or raises `InvalidInput` naming the field, the thing the event
writes, the event's position in its batch and the value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sir.errors import InvalidInput


@dataclass(frozen=True)
class Where:
    """Where a value sits: the event's subject, the field and the batch item."""

    subject: str
    field: str
    item: int

    def fail(self, problem: str, value: object) -> InvalidInput:
        """An error naming the field, the subject and the value."""
        message = f'Field "{self.field}" of {self.subject} {problem}.'
        return InvalidInput(message, field=self.field, item=self.item, value=value)

    def inner(self, name: str) -> Where:
        """The place of a field nested inside this one."""
        return Where(self.subject, f"{self.field}{name}", self.item)


Convert = Callable[[object, Where], Any]


@dataclass(frozen=True)
class Spec:
    """How one field of an event is checked, and whether it must be given."""

    convert: Convert
    required: bool = True


def shown(value: object) -> str:
    """A value as it appears in an error message."""
    return f'"{value}"' if isinstance(value, str | datetime) else repr(value)


def text(limit: int) -> Convert:
    """A non-empty string of at most `limit` characters, stripped."""

    def convert(value: object, where: Where) -> str:
        if not isinstance(value, str) or not value.strip():
            raise where.fail(f"must be a non-empty string, not {shown(value)}", value)
        if len(value) > limit:
            raise where.fail(f"is longer than {limit} characters", value)
        return value.strip()

    return convert


def email(value: object, where: Where) -> str:
    """An e-mail address: text with one @ and something either side of it."""
    address: str = text(254)(value, where)
    local, _, domain = address.partition("@")
    if not local or "." not in domain or " " in address:
        raise where.fail(f"is not an e-mail address: {shown(value)}", value)
    return address


def moment(value: object, where: Where) -> datetime:
    """An ISO 8601 time with a zone (a string or a datetime), in UTC."""
    parsed = value
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise where.fail(
                f"is not an ISO 8601 time: {shown(value)}", value
            ) from None
    if not isinstance(parsed, datetime):
        raise where.fail(f"is not an ISO 8601 time: {shown(value)}", value)
    if parsed.utcoffset() is None:
        written = parsed.isoformat()
        raise where.fail(f"has no time zone: {shown(written)}", written)
    return parsed.astimezone(UTC)


def number(low: float, high: float) -> Convert:
    """A number within [low, high]."""

    def convert(value: object, where: Where) -> float:
        given = value if isinstance(value, int | float) else math.nan
        if isinstance(value, bool) or not low <= given <= high:
            problem = f"must be a number from {low:g} to {high:g}, not {shown(value)}"
            raise where.fail(problem, value)
        return float(given)

    return convert


def integer(low: int, high: int) -> Convert:
    """A whole number within [low, high]."""

    def convert(value: object, where: Where) -> int:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not float(value).is_integer()
            or not low <= value <= high
        ):
            problem = f"must be a whole number from {low} to {high}, not {shown(value)}"
            raise where.fail(problem, value)
        return int(value)

    return convert


def boolean(value: object, where: Where) -> bool:
    """True or false."""
    if not isinstance(value, bool):
        raise where.fail(f"must be true or false, not {shown(value)}", value)
    return value


def one_of(kind: type[StrEnum]) -> Convert:
    """A member of a SiR enum, given as its name; stored as that string."""

    def convert(value: object, where: Where) -> str:
        try:
            return kind(str(value)).value
        except ValueError:
            allowed = ", ".join(kind)
            problem = f"must be one of {allowed}, not {shown(value)}"
            raise where.fail(problem, value) from None

    return convert


def list_of(convert: Convert, limit: int) -> Convert:
    """A list of at most `limit` values, each checked by `convert`."""

    def convert_list(value: object, where: Where) -> list[Any]:
        if not isinstance(value, list | tuple):
            raise where.fail(f"must be a list, not {shown(value)}", value)
        if len(value) > limit:
            raise where.fail(f"holds more than {limit} entries", len(value))
        return [convert(entry, where.inner(f"[{i}]")) for i, entry in enumerate(value)]

    return convert_list


def record(fields: Mapping[str, Spec]) -> Convert:
    """A nested object with the given fields and no others."""

    def convert(value: object, where: Where) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise where.fail(f"must be an object, not {shown(value)}", value)
        return convert_fields(value, fields, where)

    return convert


def optional(convert: Convert) -> Spec:
    """A field that may be left out or null."""
    return Spec(convert, required=False)


def convert_fields(
    data: Mapping[str, object], fields: Mapping[str, Spec], where: Where
) -> dict[str, Any]:
    """Check each field of `data` against `fields`; refuse unknown ones."""
    prefix = f"{where.field}." if where.field else ""
    for name in data:
        if name not in fields:
            raise Where(where.subject, prefix + name, where.item).fail(
                "is not a known field", data[name]
            )
    values: dict[str, Any] = {}
    for name, spec in fields.items():
        place = Where(where.subject, prefix + name, where.item)
        value = data.get(name)
        if value is None:
            if spec.required:
                raise place.fail("is missing", None)
            values[name] = None
            continue
        values[name] = spec.convert(value, place)
    return values
