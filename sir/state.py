"""The State of the Relationship as stored: flat properties and snapshots.

The graph keeps the current state on the Relationship node and its history
as ``RelationshipState`` snapshots. These functions turn a profile into the
flat properties stored, read back the part of a stored state the model
compares with, and tell whether a new state is worth a snapshot.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sir.errors import InvalidInput
from sir.inputs import StateSnapshot
from sir.types import RelationshipProfile

StateValue = float | str | bool | datetime


def to_state_properties(profile: RelationshipProfile) -> dict[str, StateValue]:
    """The profile as the flat properties stored on a graph node."""
    return {
        "at": profile.at,
        "modelVersion": profile.model_version,
        "serve": profile.serve.value,
        "serveConfidence": profile.serve.confidence,
        "connect": profile.connect.value,
        "connectConfidence": profile.connect.confidence,
        "role": profile.role.value,
        "roleConfidence": profile.role.confidence,
        "goodwill": profile.goodwill,
        "goodwillTrend": profile.trend.goodwill,
        "tier": profile.tier.value,
        "gate": profile.gate.value,
        "type": profile.relationship_type.value,
        "atRisk": profile.at_risk,
    }


def snapshot_from_state_properties(flat: Mapping[str, object]) -> StateSnapshot:
    """Read back the stored properties the model compares a new state with."""
    missing = sorted({"at", "goodwill", "gate", "modelVersion"} - set(flat))
    if missing:
        message = f'The stored state lacks the property "{missing[0]}".'
        raise InvalidInput(message, field=missing[0])
    return StateSnapshot(
        at=flat["at"],  # type: ignore[arg-type]  # checked by StateSnapshot
        goodwill=flat["goodwill"],  # type: ignore[arg-type]
        gate=flat["gate"],  # type: ignore[arg-type]
        model_version=str(flat["modelVersion"]),
    )


# Goodwill runs to 100, the other figures to 1: scale the tolerance to match.
_SCALES = {"goodwill": 100.0, "goodwillTrend": 100.0}


def state_changed(
    old: Mapping[str, object] | None,
    new: Mapping[str, object],
    *,
    tolerance: float = 1e-3,
) -> bool:
    """Whether two stored states differ by more than float noise.

    ``at`` is ignored; numbers count as equal within ``tolerance`` of their
    scale (0.001 of a need, 0.1 goodwill point by default). Because callers
    compare with the last state kept, slow drift still shows once it adds up.
    """
    if old is None:
        return True
    for key in (set(old) | set(new)) - {"at"}:
        before, after = old.get(key), new.get(key)
        if _is_number(before) and _is_number(after):
            limit = tolerance * _SCALES.get(key, 1.0)
            if abs(float(before) - float(after)) > limit:  # type: ignore[arg-type]
                return True
        elif before != after:
            return True
    return False


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
