"""Checks every event before anything is written: shape, ranges and duplicates.

An event is a plain mapping in the shape that clients send, the same in the
GraphQL `EventInput` and in the lines of `sir import`: a `type` (one of
`EVENT_TYPES`) and the fields of that type, named as in GraphQL (camelCase).
`parse_events` turns a batch of them into `Event`s whose values are checked
and normalised: enums as their string values, times as aware datetimes in UTC.
Every problem is an `InvalidInput` naming the field, the event's position in
the batch (`item`) and the offending value. References to other nodes are
checked against the database by `graph.references`; the checks of single
values are in `graph.fields`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.fields import (
    Spec,
    Where,
    boolean,
    convert_fields,
    email,
    integer,
    list_of,
    moment,
    number,
    one_of,
    optional,
    record,
    shown,
    text,
)
from sir.config import ModelConfig
from sir.errors import InvalidInput, SirError
from sir.types import (
    ActionKind,
    Channel,
    Gate,
    Initiator,
    NeedKey,
    Outcome,
    RoleStatus,
    SignalKind,
)

MAX_ID = 200
MAX_NAME = 200
MAX_KEY = 64
MAX_NOTE = 2000


class RejectedBatch(SirError):
    """Raised when a batch holds invalid events; nothing of it was written."""

    def __init__(self, problems: Sequence[InvalidInput]) -> None:
        super().__init__(problems[0].message)
        self.problems = list(problems)


@dataclass(frozen=True)
class Event:
    """One checked event: its type, position in the batch and normal values."""

    type: str
    index: int
    values: dict[str, Any]

    @property
    def id(self) -> str | None:
        """The client-supplied id of the node the event writes, if it has one."""
        value = self.values.get("id")
        return value if isinstance(value, str) else None


ID = Spec(text(MAX_ID))
NAME = Spec(text(MAX_NAME))
KEY = Spec(text(MAX_KEY))
MOMENT = Spec(moment)
READINESS = Spec(number(0.0, 1.0))
NEED = record({"need": Spec(one_of(NeedKey)), "fulfilment": Spec(number(-1.0, 1.0))})

# The fields of each event type, as the GraphQL inputs and import lines name them.
SHAPES: dict[str, dict[str, Spec]] = {
    "organization": {"id": ID, "name": NAME},
    "customer": {
        "id": ID,
        "name": NAME,
        "email": optional(email),
        "createdAt": optional(moment),
    },
    "partner": {"id": ID, "name": NAME, "organization": ID},
    "role": {
        "id": ID,
        "organization": ID,
        "key": KEY,
        "name": NAME,
        "rung": Spec(integer(1, 10)),
        "capacity": optional(integer(0, 1_000_000)),
        "partner": optional(text(MAX_ID)),
    },
    "action": {
        "id": ID,
        "organization": ID,
        "key": KEY,
        "kind": Spec(one_of(ActionKind)),
        "need": optional(one_of(NeedKey)),
        "gate": optional(one_of(Gate)),
        "goodwillCost": optional(number(0.0, 100.0)),
        "cooldownDays": optional(integer(0, 3650)),
        "channel": optional(one_of(Channel)),
    },
    "touchpoint": {
        "id": ID,
        "customer": ID,
        "organization": ID,
        "channel": Spec(one_of(Channel)),
        "kind": KEY,
        "initiatedBy": Spec(one_of(Initiator)),
        "at": MOMENT,
        "effort": optional(number(0.0, 1.0)),
        "note": optional(text(MAX_NOTE)),
        "answered": optional(boolean),
        "partner": optional(text(MAX_ID)),
        "needs": optional(list_of(NEED, len(NeedKey))),
    },
    "signal": {
        "id": ID,
        "customer": ID,
        "organization": ID,
        "kind": Spec(one_of(SignalKind)),
        "weight": optional(number(0.0, 10.0)),
        "at": MOMENT,
    },
    "roleStatus": {
        "customer": ID,
        "role": ID,
        "status": Spec(one_of(RoleStatus)),
        "since": MOMENT,
    },
    "aspiration": {
        "customer": ID,
        "role": ID,
        "at": MOMENT,
        "clarity": READINESS,
        "motivation": READINESS,
        "ability": READINESS,
    },
    "contactPreferences": {
        "customer": ID,
        "organization": ID,
        "at": MOMENT,
        "consentedChannels": optional(list_of(one_of(Channel), len(Channel))),
        "optedOut": optional(boolean),
        "maxContactsPer30Days": optional(integer(0, 1000)),
        "preferredChannel": optional(one_of(Channel)),
    },
    "actionReceived": {
        "customer": ID,
        "action": ID,
        "at": MOMENT,
        "outcome": Spec(one_of(Outcome)),
    },
}
EVENT_TYPES = tuple(SHAPES)

# How error messages name the thing each event type writes.
SUBJECTS = {
    "signal": "goodwill signal",
    "roleStatus": "role status",
    "contactPreferences": "contact preferences",
    "actionReceived": "received action",
}


def subject_of(type_: str, data: Mapping[str, object]) -> str:
    """How an error message names an event: by its id, else by its customer."""
    label = SUBJECTS.get(type_, type_)
    for key, template in (("id", '{label} "{v}"'), ("customer", '{label} of "{v}"')):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return template.format(label=label, v=value)
    return f"the {label}"


def parse_event(data: object, index: int) -> Event:
    """Check one event in the client's shape; raise InvalidInput at a problem."""
    if not isinstance(data, Mapping):
        where = Where("the event", "type", index)
        raise where.fail(f"is missing: the event is {shown(data)}", data)
    type_ = data.get("type")
    if type_ not in SHAPES:
        allowed = ", ".join(EVENT_TYPES)
        message = f"Event type {shown(type_)} is not one of {allowed}."
        raise InvalidInput(message, field="type", item=index, value=type_)
    fields = {key: value for key, value in data.items() if key != "type"}
    where = Where(subject_of(type_, fields), "", index)
    values = convert_fields(fields, SHAPES[type_], where)
    complete(type_, values, where)
    return Event(type_, index, values)


def complete(type_: str, values: dict[str, Any], where: Where) -> None:
    """Fill the defaults of an event and check what spans several fields."""
    if type_ == "action":
        model = ModelConfig()
        rule = model.actions[ActionKind(values["kind"])]
        cost = values["goodwillCost"]
        if cost and not rule.is_ask:
            # Only asks withdraw goodwill (the profile) and must be affordable
            # (next best steps); a cost on anything else would mean nothing.
            asks = ", ".join(sorted(kind.value for kind in model.ask_kinds))
            problem = (
                f"must be 0 for {values['kind']}, which is not an ask ({asks}), "
                f"not {cost:g}"
            )
            raise where.inner("goodwillCost").fail(problem, cost)
        defaults = {
            "need": rule.need.value,
            "gate": rule.gate.value,
            "goodwillCost": rule.goodwill_cost,
            "cooldownDays": rule.cooldown_days,
        }
        for name, default in defaults.items():
            if values[name] is None:
                values[name] = default
    elif type_ == "signal" and values["weight"] is None:
        values["weight"] = 1.0
    elif type_ == "touchpoint":
        values["needs"] = values["needs"] or []
        seen = [entry["need"] for entry in values["needs"]]
        for position, need in enumerate(seen):
            if need in seen[:position]:
                place = where.inner(f"needs[{position}].need")
                raise place.fail("names a need twice", need)


def parse_events(raw: Sequence[object], limit: int) -> list[Event]:
    """Check a whole batch; raise RejectedBatch with every problem found."""
    if not raw:
        raise RejectedBatch(
            [InvalidInput("The batch holds no events.", field="events")]
        )
    if len(raw) > limit:
        message = f"The batch holds {len(raw)} events; at most {limit} are allowed."
        raise RejectedBatch([InvalidInput(message, field="events", value=len(raw))])
    events: list[Event] = []
    problems: list[InvalidInput] = []
    for index, data in enumerate(raw):
        try:
            events.append(parse_event(data, index))
        except InvalidInput as problem:
            problems.append(problem)
    problems.extend(duplicates(events))
    if problems:
        raise RejectedBatch(sorted(problems, key=lambda p: item_order(p.item)))
    return events


def duplicates(events: Sequence[Event]) -> list[InvalidInput]:
    """A problem for each event whose id an earlier event of its type took."""
    first: dict[tuple[str, str], int] = {}
    problems: list[InvalidInput] = []
    for event in events:
        if event.id is None:
            continue
        key = (event.type, event.id)
        if key in first:
            label = SUBJECTS.get(event.type, event.type).capitalize()
            message = (
                f'{label} "{event.id}" appears twice in the batch, '
                f"as events {first[key]} and {event.index}."
            )
            problems.append(
                InvalidInput(message, field="id", item=event.index, value=event.id)
            )
        else:
            first[key] = event.index
    return problems


def item_order(item: int | str | None) -> int:
    """Sort key of a problem: batch-wide problems first, then by position."""
    return item if isinstance(item, int) else -1


def relationship_id(customer: str, organization: str) -> str:
    """The id of the Relationship between a customer and an organization.

    It is `<customer id>/<organization id>`, with `%` and `/` inside either id
    written as `%25` and `%2F`, so that no two pairs of ids share one.
    """
    return f"{escape(customer)}/{escape(organization)}"


def escape(identifier: str) -> str:
    """An id with the separator of relationship ids percent-escaped."""
    return identifier.replace("%", "%25").replace("/", "%2F")
