"""Who gets in: bearer tokens and API keys over HTTP, and the 401 answers."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import jwt
import pytest

from api.auth import (
    SECRET_FILE,
    TokenConfig,
    issue_token,
    read_or_create_secret,
    verify_token,
)
from api.settings import Settings, SettingsError, load_settings
from graph.auth import make_api_key, store_api_key
from graph.database import Database
from graph.embedded import free_port
from resolvers.permissions import Principal, Role
from tests.conftest import ClientFor, post_graphql
from tests.test_process import (
    SIR,
    STOP_BOUND_SECONDS,
    environment,
    wait_ready,
)

STATS = "{ graphStats { customers } }"
OTHER_KEY = "another-service-signing-key-of-enough-length"


def config_of(settings: Settings) -> TokenConfig:
    return TokenConfig.from_settings(settings)


def claims(settings: Settings, **changes: object) -> dict[str, object]:
    """Valid ADMIN claims for this service, with some replaced or removed."""
    now = datetime.now(UTC)
    base: dict[str, object] = {
        "sub": "someone",
        "role": "ADMIN",
        "iss": settings.auth_issuer,
        "aud": settings.auth_audience,
        "iat": now,
        "exp": now + timedelta(hours=1),
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def signed(settings: Settings, **changes: object) -> str:
    return jwt.encode(claims(settings, **changes), config_of(settings).key, "HS256")


BadToken = Callable[[Settings], str]

BAD_TOKENS: list[tuple[str, BadToken, str]] = [
    ("malformed", lambda s: "not-a-jwt", "not a well-formed JWT"),
    (
        "foreign signature",
        lambda s: jwt.encode(claims(s), OTHER_KEY, "HS256"),
        "signature does not match",
    ),
    (
        "expired",
        lambda s: issue_token(
            config_of(s),
            Principal(Role.ADMIN, "old"),
            now=datetime.now(UTC) - timedelta(days=2),
        ),
        "The token expired at",
    ),
    ("other audience", lambda s: signed(s, aud="billing"), 'audience "sir-api"'),
    ("other issuer", lambda s: signed(s, iss="elsewhere"), 'not issued by "sir"'),
    ("no role", lambda s: signed(s, role=None), 'lacks the "role" claim'),
    ("no expiry", lambda s: signed(s, exp=None), 'lacks the "exp" claim'),
    ("unknown role", lambda s: signed(s, role="ROOT"), 'role "ROOT" is not one'),
    ("agent without org", lambda s: signed(s, role="AGENT"), "needs an organization"),
    (
        "unsigned",
        lambda s: jwt.encode(claims(s), None, algorithm="none"),
        "not signed with HS256",
    ),
]


async def test_a_request_without_credentials_is_refused_with_401(
    client_for: ClientFor,
) -> None:
    anonymous = client_for(headers={})

    response = await anonymous.post("/graphql", json={"query": STATS})

    assert response.status_code == 401
    assert response.json() == {
        "error": "unauthorized",
        "reason": (
            "The request has no credentials: send Authorization: Bearer <token> "
            "or X-API-Key: <key>."
        ),
    }
    assert response.headers["www-authenticate"] == 'Bearer realm="sir"'


@pytest.mark.parametrize(
    ("token", "reason"),
    [pytest.param(make, reason, id=name) for name, make, reason in BAD_TOKENS],
)
async def test_a_bad_token_is_refused_with_its_reason(
    client_for: ClientFor, settings: Settings, token: BadToken, reason: str
) -> None:
    caller = client_for(headers={"Authorization": f"Bearer {token(settings)}"})

    response = await caller.post("/graphql", json={"query": STATS})

    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
    assert reason in response.json()["reason"]
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"Authorization": "Basic YWRtaW46YWRtaW4="}, "must read Bearer"),
        ({"Authorization": "Bearer"}, "must read Bearer"),
        ({"X-API-Key": "sir_0123_guessed"}, "API key is not known"),
        ({"X-API-Key": "no-key-at-all"}, "API key is not known"),
        (
            {"X-API-Key": "sir_a_b", "Authorization": "Bearer x"},
            "either a bearer token or an API key",
        ),
    ],
    ids=["basic", "empty bearer", "unknown key", "malformed key", "both"],
)
async def test_bad_headers_are_refused_with_their_reason(
    client_for: ClientFor, headers: dict[str, str], reason: str
) -> None:
    caller = client_for(headers=headers)

    response = await caller.post("/graphql", json={"query": STATS})

    assert response.status_code == 401
    assert reason in response.json()["reason"]


@pytest.mark.parametrize("path", ["/health", "/ready"])
async def test_health_and_readiness_stay_open(client_for: ClientFor, path: str) -> None:
    anonymous = client_for(headers={})

    response = await anonymous.get(path)

    assert response.status_code == 200


async def test_the_graphiql_page_is_open_but_its_queries_are_not(
    client_for: ClientFor,
) -> None:
    anonymous = client_for(headers={})

    page = await anonymous.get("/graphql", headers={"accept": "text/html"})
    query = await anonymous.get("/graphql", params={"query": STATS})

    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    assert query.status_code == 401


async def test_a_valid_token_reaches_graphql(client_for: ClientFor) -> None:
    admin = client_for(Role.ADMIN)

    body = await post_graphql(admin, STATS)

    assert body == {"data": {"graphStats": {"customers": 0}}}


async def test_an_api_key_speaks_for_its_stored_role(
    client_for: ClientFor, database: Database
) -> None:
    new = make_api_key()
    await store_api_key(database, new, role="AGENT", organization_id="o-1")
    machine = client_for(headers={"X-API-Key": new.key})

    body = await post_graphql(machine, STATS)

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "Role AGENT may not read graph stats" in body["errors"][0]["message"]


async def test_an_api_key_with_a_wrong_secret_is_refused(
    client_for: ClientFor, database: Database
) -> None:
    new = make_api_key()
    await store_api_key(database, new, role="ADMIN")
    forged = new.key[:-4] + ("AAAA" if not new.key.endswith("AAAA") else "BBBB")
    machine = client_for(headers={"X-API-Key": forged})

    response = await machine.post("/graphql", json={"query": STATS})

    assert response.status_code == 401


async def test_the_graph_keeps_only_a_salted_hash_of_an_api_key(
    database: Database,
) -> None:
    new = make_api_key()
    other = make_api_key()

    await store_api_key(database, new, role="ADMIN")
    rows = await database.read("auth/find_api_key", id=new.id)

    stored = rows[0]["hash"]
    secret = new.key.split("_", 2)[2]
    assert stored.startswith("sha256:")
    assert secret not in stored
    assert new.key not in stored
    assert stored.split(":")[1] != other.hash.split(":")[1]


def test_a_token_carries_its_principal_there_and_back(settings: Settings) -> None:
    config = config_of(settings)
    principal = Principal(Role.PARTNER, "portal", partner_id="p-9")

    token = issue_token(config, principal, hours=1)

    assert verify_token(config, token) == principal


def test_the_embedded_secret_is_made_once_and_kept_owner_only(
    tmp_path: Path,
) -> None:
    first = read_or_create_secret(tmp_path / "data")
    second = read_or_create_secret(tmp_path / "data")

    mode = (tmp_path / "data" / SECRET_FILE).stat().st_mode & 0o777
    assert first == second
    assert len(first) >= 32
    assert mode == 0o600
    assert [p.name for p in (tmp_path / "data").iterdir()] == [SECRET_FILE]


def test_an_external_database_needs_a_signing_key() -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(
            _env_file=None,
            database_uri="neo4j://db.example:7687",
            database_password="pw",
        )

    assert str(raised.value) == (
        "Invalid settings: SIR_AUTH_SECRET is required when SIR_DATABASE_URI is set."
    )


def test_a_short_signing_key_is_refused_without_showing_it() -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(_env_file=None, auth_secret="hunter2")

    assert "SIR_AUTH_SECRET" in str(raised.value)
    assert "hunter2" not in str(raised.value)


async def test_graphql_over_http_is_refused_without_credentials_for_mutations(
    client_for: ClientFor,
) -> None:
    anonymous = client_for(headers={})
    mutation = (
        'mutation { upsertOrganization(input: {id: "o", name: "O"}) { written } }'
    )

    response = await anonymous.post("/graphql", json={"query": mutation})

    assert response.status_code == 401


def lines_until(process: subprocess.Popen[str], start: str) -> list[str]:
    """The lines of the process's output up to the first that starts so."""
    assert process.stdout is not None
    lines: list[str] = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith(start):
            return lines
    pytest.fail(f"the output has no line starting with {start!r}: {lines}")


def test_the_demo_prints_a_token_that_logs_in(tmp_path: Path) -> None:
    data_dir, port = tmp_path / "data", free_port()
    process = subprocess.Popen(
        [*SIR, "serve", "--demo"],
        env=environment(data_dir, port),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        wait_ready(port, process)
        # Printed before the service starts to answer, so it is there now.
        lines = lines_until(process, "               sir token --role PARTNER")
        login = next(line for line in lines if line.startswith("Log in with"))
        token = login.split("Bearer ", 1)[1].strip()

        response = httpx.post(
            f"http://127.0.0.1:{port}/graphql",
            json={"query": "{ graphStats { organizations } }"},
            headers={"Authorization": f"Bearer {token}"},
        )
    finally:
        process.terminate()
        process.wait(timeout=STOP_BOUND_SECONDS)

    assert response.json() == {"data": {"graphStats": {"organizations": 2}}}
    assert "sir token --role AGENT --org org-1\n" in lines[-3]
    assert lines[-1].endswith("--partner org-1-partner-1\n")
