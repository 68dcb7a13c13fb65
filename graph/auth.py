"""API keys of machine clients, kept on the graph as salted SHA-256 hashes.

A key reads `sir_<id>_<secret>`: the id finds the `(:ApiKey)` node, the
secret (32 random bytes) is what proves possession. The node keeps only
`sha256:<salt>:<digest>` of the secret with a random per-key salt, so a copy
of the database does not hold a usable key, and rotating the token signing
key (`SIR_AUTH_SECRET`) leaves the API keys valid. The secret is random
enough that a fast hash is sufficient: no password stretching is needed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from graph.database import Database, Row

KEY_PREFIX = "sir"
HASH_SCHEME = "sha256"
ID_BYTES = 8
SECRET_BYTES = 32
SALT_BYTES = 16


@dataclass(frozen=True)
class ApiKey:
    """A stored API key, without its secret: who it speaks for."""

    id: str
    role: str
    organization_id: str | None
    partner_id: str | None
    created_at: datetime | None


@dataclass(frozen=True)
class NewApiKey:
    """A key just made: `key` is shown to its owner once and never stored."""

    id: str
    key: str
    hash: str


def make_api_key() -> NewApiKey:
    """Draw a new random key and the salted hash that the graph keeps."""
    key_id = secrets.token_hex(ID_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    salt = secrets.token_hex(SALT_BYTES)
    return NewApiKey(
        id=key_id,
        key=f"{KEY_PREFIX}_{key_id}_{secret}",
        hash=f"{HASH_SCHEME}:{salt}:{digest(salt, secret)}",
    )


def digest(salt: str, secret: str) -> str:
    """The hex SHA-256 of the salt followed by the secret."""
    return hashlib.sha256(f"{salt}{secret}".encode()).hexdigest()


def split_key(key: str) -> tuple[str, str] | None:
    """The id and secret of a key in the `sir_<id>_<secret>` form, or None."""
    prefix, _, rest = key.partition("_")
    key_id, _, secret = rest.partition("_")
    if prefix != KEY_PREFIX or not key_id or not secret:
        return None
    return key_id, secret


def matches(stored_hash: str, secret: str) -> bool:
    """Whether `secret` hashes to the stored value, compared in constant time."""
    scheme, _, rest = stored_hash.partition(":")
    salt, _, expected = rest.partition(":")
    if scheme != HASH_SCHEME or not salt or not expected:
        return False
    return hmac.compare_digest(digest(salt, secret), expected)


async def store_api_key(
    database: Database,
    new: NewApiKey,
    *,
    role: str,
    organization_id: str | None = None,
    partner_id: str | None = None,
) -> ApiKey:
    """Keep the hash of a new key with the role it speaks for."""
    rows = await database.write(
        "auth/merge_api_key",
        id=new.id,
        hash=new.hash,
        role=role,
        org=organization_id,
        partner=partner_id,
    )
    return ApiKey(new.id, role, organization_id, partner_id, rows[0]["createdAt"])


async def find_api_key(database: Database, key: str) -> ApiKey | None:
    """The stored key that `key` proves, or None when it proves none."""
    parts = split_key(key)
    if parts is None:
        return None
    key_id, secret = parts
    rows = await database.read("auth/find_api_key", id=key_id)
    if not rows or not matches(str(rows[0]["hash"]), secret):
        return None
    return api_key_of(rows[0])


async def delete_api_key(database: Database, key_id: str) -> bool:
    """Revoke a key by its id; False when there was no such key."""
    rows = await database.write("auth/delete_api_key", id=key_id)
    return bool(rows and rows[0]["deleted"])


async def list_api_keys(database: Database) -> list[ApiKey]:
    """Every stored key, newest first, without hashes."""
    return [api_key_of(row) for row in await database.read("auth/list_api_keys")]


async def example_scopes(database: Database) -> tuple[str | None, str | None]:
    """An organization id and a partner id of the graph, for a login hint."""
    rows = await database.read("auth/find_example_scopes")
    return rows[0]["organization"], rows[0]["partner"]


def api_key_of(row: Row) -> ApiKey:
    """An `ApiKey` from a row of the auth statements."""
    return ApiKey(
        id=str(row["id"]),
        role=str(row["role"]),
        organization_id=row["org"],
        partner_id=row["partner"],
        created_at=row["createdAt"],
    )
