"""The SiR model: pure functions that profile a customer relationship.

Nothing here does I/O or imports another layer of the service. Build a
``RelationshipInputs`` from the graph, call ``profile_relationship`` and store
``to_state_properties`` of the result; ``docs/model.md`` explains the model.
"""

from sir.config import DEFAULT_CONFIG, ActionRule, ModelConfig
from sir.profile import profile_relationship
from sir.state import (
    snapshot_from_state_properties,
    state_changed,
    to_state_properties,
)

__all__ = [
    "DEFAULT_CONFIG",
    "ActionRule",
    "ModelConfig",
    "profile_relationship",
    "snapshot_from_state_properties",
    "state_changed",
    "to_state_properties",
]
