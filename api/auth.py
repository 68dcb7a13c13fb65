"""Who is calling: bearer tokens (signed JWTs), API keys, and the 401 answers.

People and front-end apps send `Authorization: Bearer <jwt>`: an HS256 JSON
Web Token signed with `SIR_AUTH_SECRET`, whose claims `role`, `org` and
`partner` become the request's `Principal`. Machine clients may instead send
`X-API-Key: <key>`, checked against the salted hashes on the graph
(`graph.auth`). `/health` and `/ready` are open; `/graphql` is open for the
GraphiQL page only, and every query and mutation needs one of the two.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import jwt
from starlette.datastructures import Headers, QueryParams
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from api.limits_http import BodySizeLimit
from api.settings import Settings
from graph.auth import find_api_key
from graph.database import Database
from resolvers.permissions import Principal, Role, claims_problem
from sir.errors import InvalidInput, SirError, Unavailable

logger = logging.getLogger("sir.auth")

SECRET_FILE = "auth-secret"  # noqa: S105 - a file name, not a secret
ALGORITHM = "HS256"
REQUIRED_CLAIMS = ("exp", "iat", "iss", "aud", "sub", "role")
# Clocks of the issuer and of this service may differ by this much.
LEEWAY_SECONDS = 30
# A verified API key is trusted this long without asking the graph again; a
# revoked key can therefore keep working that long on a process that saw it.
API_KEY_CACHE_SECONDS = 30.0
API_KEY_CACHE_SIZE = 1024
# Where the middleware leaves the principal in the ASGI scope.
PRINCIPAL_SCOPE_KEY = "sir.principal"
REALM = "sir"
WEBSOCKET_POLICY_VIOLATION = 1008


class Unauthorized(SirError):
    """Raised when a request has no valid credentials; the HTTP answer is 401."""

    code: ClassVar[str] = "UNAUTHENTICATED"


class MissingCredentials(Unauthorized):
    """Raised when a request carries neither a bearer token nor an API key."""


def read_or_create_secret(data_dir: Path) -> str:
    """Return the signing key of the embedded setup, creating one on first use.

    The key is written to a private temporary file and then linked into place,
    so that several workers starting at once all end up with the same key and
    none ever reads a half-written file.
    """
    path = data_dir / SECRET_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    draft = data_dir / f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
    # Owner-only rights from the start, never wider.
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_urlsafe(48) + "\n")
    try:
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
    finally:
        draft.unlink()
    return path.read_text(encoding="utf-8").strip()


def signing_key(settings: Settings) -> str:
    """The HS256 key: `SIR_AUTH_SECRET`, else the embedded setup's own."""
    if settings.auth_secret is not None:
        return settings.auth_secret.get_secret_value()
    return read_or_create_secret(settings.data_dir)


@dataclass(frozen=True)
class TokenConfig:
    """How tokens are signed and checked: key, issuer, audience, lifetime."""

    key: str
    issuer: str
    audience: str
    hours: float

    @classmethod
    def from_settings(cls, settings: Settings) -> TokenConfig:
        """The token configuration of these settings, reading the key."""
        return cls(
            key=signing_key(settings),
            issuer=settings.auth_issuer,
            audience=settings.auth_audience,
            hours=settings.auth_token_hours,
        )


def issue_token(
    config: TokenConfig,
    principal: Principal,
    *,
    hours: float | None = None,
    now: datetime | None = None,
) -> str:
    """Sign a token that speaks for `principal` for `hours` (the default lifetime)."""
    issued = now or datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": principal.subject,
        "role": principal.role.value,
        "iss": config.issuer,
        "aud": config.audience,
        "iat": issued,
        "exp": issued + timedelta(hours=hours or config.hours),
    }
    if principal.organization_id is not None:
        claims["org"] = principal.organization_id
    if principal.partner_id is not None:
        claims["partner"] = principal.partner_id
    return jwt.encode(claims, config.key, algorithm=ALGORITHM)


def verify_token(config: TokenConfig, token: str) -> Principal:
    """The principal of a valid token; `Unauthorized` naming what is wrong."""
    try:
        claims = jwt.decode(
            token,
            config.key,
            algorithms=[ALGORITHM],
            audience=config.audience,
            issuer=config.issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": list(REQUIRED_CLAIMS)},
        )
    except jwt.PyJWTError as error:
        raise Unauthorized(token_problem(error, token, config)) from None
    return principal_from_claims(claims)


def token_problem(error: jwt.PyJWTError, token: str, config: TokenConfig) -> str:
    """One sentence saying why PyJWT refused a token."""
    if isinstance(error, jwt.ExpiredSignatureError):
        expired = jwt.decode(token, options={"verify_signature": False})["exp"]
        at = datetime.fromtimestamp(int(expired), UTC).isoformat()
        return f"The token expired at {at}."
    if isinstance(error, jwt.InvalidSignatureError):
        return "The token's signature does not match this service's signing key."
    if isinstance(error, jwt.InvalidAlgorithmError):
        return f"The token is not signed with {ALGORITHM}, the only accepted way."
    if isinstance(error, jwt.MissingRequiredClaimError):
        return f'The token lacks the "{error.claim}" claim.'
    if isinstance(error, jwt.InvalidAudienceError):
        return f'The token is not meant for audience "{config.audience}".'
    if isinstance(error, jwt.InvalidIssuerError):
        return f'The token was not issued by "{config.issuer}".'
    if isinstance(error, jwt.ImmatureSignatureError | jwt.InvalidIssuedAtError):
        return "The token is not valid yet: it was issued in the future."
    if isinstance(error, jwt.DecodeError):
        return "The bearer token is not a well-formed JWT."
    return f"The token is invalid: {error}."


def principal_from_claims(claims: Mapping[str, Any]) -> Principal:
    """The principal that verified claims speak for; `Unauthorized` if unusable."""
    role_name = claims.get("role")
    if not isinstance(role_name, str) or role_name not in Role.__members__:
        names = ", ".join(Role.__members__)
        raise Unauthorized(f'The token\'s role "{role_name}" is not one of {names}.')
    role = Role(role_name)
    organization, partner = claims.get("org"), claims.get("partner")
    if not isinstance(organization, str | None) or not isinstance(partner, str | None):
        raise Unauthorized('The token\'s "org" and "partner" claims must be strings.')
    problem = claims_problem(role, organization, partner)
    if problem is not None:
        raise Unauthorized(f"The token does not fit its role: {problem}")
    subject = str(claims.get("sub") or "")
    return Principal(role, subject, organization, partner)


class Authenticator:
    """Turns the credentials of a request into its `Principal`."""

    def __init__(self, tokens: TokenConfig, database: Callable[[], Database]) -> None:
        self.tokens = tokens
        self.database = database
        self._keys: dict[str, tuple[Principal, float]] = {}

    async def authenticate(self, headers: Headers) -> Principal:
        """The caller named by the headers; `Unauthorized` if there is none."""
        authorization = headers.get("authorization")
        api_key = headers.get("x-api-key")
        if authorization and api_key:
            raise Unauthorized("Send either a bearer token or an API key, not both.")
        if api_key:
            return await self.api_key_principal(api_key.strip())
        if not authorization:
            raise MissingCredentials(
                "The request has no credentials: send Authorization: Bearer <token> "
                "or X-API-Key: <key>."
            )
        scheme, _, token = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized(
                "The Authorization header must read Bearer followed by a token."
            )
        return verify_token(self.tokens, token.strip())

    async def api_key_principal(self, key: str) -> Principal:
        """The principal of a stored API key, from a short-lived cache if seen."""
        fingerprint = hashlib.sha256(key.encode()).hexdigest()
        cached = self._keys.get(fingerprint)
        if cached is not None and cached[1] > time.monotonic():
            return cached[0]
        stored = await find_api_key(self.database(), key)
        if stored is None:
            raise Unauthorized("The API key is not known to this service.")
        try:
            principal = Principal(
                Role(stored.role),
                f"api-key:{stored.id}",
                stored.organization_id,
                stored.partner_id,
            )
        except (ValueError, InvalidInput) as error:
            raise Unauthorized(f'API key "{stored.id}" is unusable: {error}') from None
        self.remember(fingerprint, principal)
        return principal

    def remember(self, fingerprint: str, principal: Principal) -> None:
        """Cache a verified key, forgetting the oldest when the cache is full."""
        if len(self._keys) >= API_KEY_CACHE_SIZE:
            self._keys.pop(next(iter(self._keys)))
        self._keys[fingerprint] = (principal, time.monotonic() + API_KEY_CACHE_SECONDS)


class RequireCredentials:
    """ASGI middleware of `/graphql`: no valid credentials, no GraphQL."""

    def __init__(self, app: ASGIApp, authenticator: Authenticator) -> None:
        self.app = app
        self.authenticator = authenticator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Authenticate the request, then pass it on with its principal."""
        if scope["type"] not in ("http", "websocket") or is_ide_page(scope):
            await self.app(scope, receive, send)
            return
        try:
            principal = await self.authenticator.authenticate(Headers(scope=scope))
        except Unauthorized as error:
            logger.info("request refused: %s", error.message)
            await refuse(scope, receive, send, error)
            return
        except Unavailable as error:
            await unavailable(scope, receive, send, error.message)
            return
        scope[PRINCIPAL_SCOPE_KEY] = principal
        await self.app(scope, receive, send)


def is_ide_page(scope: Scope) -> bool:
    """Whether this is a plain GET of the GraphiQL page, which runs no query."""
    if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
        return False
    return "query" not in QueryParams(scope.get("query_string", b""))


async def refuse(
    scope: Scope, receive: Receive, send: Send, error: Unauthorized
) -> None:
    """Answer 401 with the reason as JSON, or close a websocket."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": WEBSOCKET_POLICY_VIOLATION})
        return
    # RFC 6750: no error attribute when the request had no credentials at all.
    challenge = f'Bearer realm="{REALM}"'
    if not isinstance(error, MissingCredentials):
        description = error.message.replace('"', "'")
        challenge += f', error="invalid_token", error_description="{description}"'
    response = JSONResponse(
        {"error": "unauthorized", "reason": error.message},
        status_code=401,
        headers={"WWW-Authenticate": challenge},
    )
    await response(scope, receive, send)


async def unavailable(scope: Scope, receive: Receive, send: Send, reason: str) -> None:
    """Answer 503 when the graph that holds the API keys cannot be reached."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": WEBSOCKET_POLICY_VIOLATION})
        return
    response = JSONResponse({"error": "unavailable", "reason": reason}, 503)
    await response(scope, receive, send)


def principal_of(connection: HTTPConnection) -> Principal | None:
    """The principal that `RequireCredentials` found for this request."""
    principal = connection.scope.get(PRINCIPAL_SCOPE_KEY)
    return principal if isinstance(principal, Principal) else None


def guard_graphql(
    app: ASGIApp, settings: Settings, database: Callable[[], Database]
) -> ASGIApp:
    """The GraphQL app behind the body size limit and the credentials check."""
    authenticator = Authenticator(TokenConfig.from_settings(settings), database)
    return BodySizeLimit(
        RequireCredentials(app, authenticator), settings.max_body_bytes
    )
