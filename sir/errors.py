"""The one error hierarchy of the service, shared by every layer.

Each class carries the GraphQL ``extensions.code`` that the resolvers put on
the error they return, so a client can react to the kind of failure without
parsing the message. Messages are one plain sentence that names the thing and
the value, for example ``Customer "c-42" does not exist.``
"""

from __future__ import annotations

from typing import ClassVar


class SirError(Exception):
    """Raised when the service cannot do what was asked; the base of all errors."""

    code: ClassVar[str] = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(SirError):
    """Raised when a thing named by its id does not exist."""

    code: ClassVar[str] = "NOT_FOUND"


class Conflict(SirError):
    """Raised when a write clashes with data that is already there."""

    code: ClassVar[str] = "CONFLICT"


class InvalidInput(SirError):
    """Raised when a value given to the service is out of range or malformed.

    ``field`` names the input field, ``item`` the position or id of the item in
    a list of inputs, and ``value`` the offending value, so that a caller can
    point the user at exactly what to correct.
    """

    code: ClassVar[str] = "BAD_USER_INPUT"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        item: int | str | None = None,
        value: object = None,
    ) -> None:
        super().__init__(message)
        self.field = field
        self.item = item
        self.value = value


class Unavailable(SirError):
    """Raised when a service that the request depends on cannot be reached."""

    code: ClassVar[str] = "UNAVAILABLE"


class Forbidden(SirError):
    """Raised when the caller may not read or change what it asked for."""

    code: ClassVar[str] = "FORBIDDEN"
