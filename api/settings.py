"""Settings of the service, read from `SIR_*` environment variables and `.env`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "SIR_"

# Schemes the official driver accepts; `neo4j` ones route across a cluster.
DATABASE_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
MIN_SECRET_LENGTH = 32
# Settings whose values never appear in an error message.
SECRET_SETTINGS = ("auth_secret", "database_password")


class SettingsError(Exception):
    """Raised when a setting is missing or malformed; the message is one line."""


class Settings(BaseSettings):
    """Everything the service reads from its environment."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    # An external Neo4j; when unset, the embedded ArcadeDB server is started.
    database_uri: str | None = None
    database_user: str = "neo4j"
    database_password: SecretStr | None = None
    # None means the server's default database.
    database_name: str | None = None

    data_dir: Path = Path("data")
    host: str = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535)] = 8000

    embedded_heap: Annotated[str, Field(pattern=r"^[0-9]+[kKmMgG]$")] = "512m"
    embedded_start_timeout: Annotated[float, Field(gt=0)] = 60.0
    embedded_database: Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")] = "sir"

    # Every database transaction is cut off after this many seconds.
    transaction_timeout: Annotated[float, Field(gt=0)] = 15.0
    # How often a write that lost a race on a new key is tried again.
    write_retries: Annotated[int, Field(ge=0, le=20)] = 5
    # The most events one `recordEvents` batch may hold (one transaction).
    batch_max: Annotated[int, Field(ge=1, le=100_000)] = 1000
    # Seconds next best steps reuse an organization's learned uplift (0: never).
    intel_uplift_ttl: Annotated[float, Field(ge=0, le=86_400)] = 60.0
    # Organizations with at least this many relationships answer their
    # dashboard, customers page and opportunities from a summary
    # (graph/summaries.py); smaller ones are read live.
    summary_from: Annotated[int, Field(ge=0)] = 1000
    # Seconds between two looks of the summarizer for organizations that
    # changed (0: no summarizer in this process).
    summary_interval: Annotated[float, Field(ge=0, le=86_400)] = 30.0
    # A summary is computed again after this many seconds even when no
    # state changed (a customer's new name, for one).
    summary_max_age: Annotated[float, Field(gt=0)] = 900.0

    graphiql: bool = True
    # Worker processes of `sir serve --workers N` leave migrations to the parent.
    migrate_on_start: bool = True
    log_level: Annotated[str, Field(pattern=r"^(DEBUG|INFO|WARNING|ERROR)$")] = "INFO"

    # Bearer tokens are HS256 JWTs signed with this key (docs/security.md).
    # Embedded: generated on first start into the data folder when unset.
    auth_secret: SecretStr | None = None
    auth_issuer: Annotated[str, Field(min_length=1)] = "sir"
    auth_audience: Annotated[str, Field(min_length=1)] = "sir-api"
    # Lifetime of the tokens `sir token` issues, in hours (at most a year).
    auth_token_hours: Annotated[float, Field(gt=0, le=8784)] = 8.0

    # Limits on one GraphQL request; each refusal has its own error code.
    max_query_depth: Annotated[int, Field(ge=1)] = 10
    max_aliases: Annotated[int, Field(ge=0)] = 15
    max_tokens: Annotated[int, Field(ge=10)] = 3000
    max_query_cost: Annotated[int, Field(ge=1)] = 10000
    max_page_size: Annotated[int, Field(ge=1)] = 100
    max_body_bytes: Annotated[int, Field(ge=1024)] = 1_000_000
    introspection: bool = True

    @field_validator("database_uri")
    @classmethod
    def _check_uri(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        parts = urlsplit(value)
        if parts.scheme not in DATABASE_SCHEMES or not parts.hostname:
            schemes = ", ".join(f"{s}://" for s in DATABASE_SCHEMES)
            raise ValueError(f"expected a URI starting with one of {schemes}")
        return value

    @model_validator(mode="after")
    def _password_with_uri(self) -> Settings:
        if self.database_uri and self.database_password is None:
            raise ValueError(
                f"{ENV_PREFIX}DATABASE_PASSWORD is required when "
                f"{ENV_PREFIX}DATABASE_URI is set"
            )
        return self

    @field_validator("auth_secret")
    @classmethod
    def _check_auth_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # HS256 wants a key at least as long as its 256-bit hash.
        if value is not None and len(value.get_secret_value()) < MIN_SECRET_LENGTH:
            raise ValueError(f"expected at least {MIN_SECRET_LENGTH} characters")
        return value

    @model_validator(mode="after")
    def _auth_secret_with_uri(self) -> Settings:
        # An external database usually means several API processes: they must
        # share one signing key, which no single process can invent.
        if self.database_uri and self.auth_secret is None:
            raise ValueError(
                f"{ENV_PREFIX}AUTH_SECRET is required when "
                f"{ENV_PREFIX}DATABASE_URI is set"
            )
        return self

    @property
    def embedded(self) -> bool:
        """Whether the service starts its own embedded database server."""
        return self.database_uri is None


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning any validation failure into one line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise SettingsError(describe_validation_error(error)) from None


def describe_validation_error(error: ValidationError) -> str:
    """Name the first bad setting, why it is bad and the value it had."""
    first = error.errors()[0]
    location = "".join(str(part) for part in first["loc"][:1])
    message = first["msg"].removeprefix("Value error, ")
    if not location:
        return f"Invalid settings: {message}."
    name = f"{ENV_PREFIX}{location.upper()}"
    value = first.get("input")
    hidden = isinstance(value, dict) or value is None or location in SECRET_SETTINGS
    shown = "" if hidden else f" (got {value!r})"
    return f"Setting {name} is invalid: {message}{shown}."
