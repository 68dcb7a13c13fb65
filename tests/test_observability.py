"""One log line per GraphQL operation, with a request id the caller gets back."""

from __future__ import annotations

import json
import logging
import re

import httpx
import pytest

from api.logs import JsonFormatter
from api.middleware import REQUEST_ID_HEADER, accept_request_id
from resolvers.observability import operation_label

OPERATION_EVENT = "graphql operation"
GENERATED_ID = re.compile(r"^[0-9a-f]{32}$")


def operation_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, object]]:
    """The operation records, each as the JSON line a log collector receives."""
    formatter = JsonFormatter()
    return [
        json.loads(formatter.format(record))
        for record in caplog.records
        if record.getMessage() == OPERATION_EVENT
    ]


async def post(
    client: httpx.AsyncClient,
    document: str,
    headers: dict[str, str] | None = None,
    **body: object,
) -> httpx.Response:
    return await client.post(
        "/graphql", json={"query": document, **body}, headers=headers or {}
    )


@pytest.fixture(autouse=True)
def _capture_info(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="sir.graphql")


async def test_an_operation_is_logged_once_with_name_duration_status_and_id(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    response = await post(
        client,
        "query Stats { graphStats { organizations } }",
        headers={REQUEST_ID_HEADER: "req-42"},
    )

    [line] = operation_lines(caplog)
    assert response.status_code == 200
    assert line["level"] == "info"
    assert line["operation"] == "Stats"
    assert line["kind"] == "query"
    assert line["status"] == "ok"
    assert line["request_id"] == "req-42"
    assert isinstance(line["duration_ms"], float)
    assert line["duration_ms"] >= 0
    assert "error_codes" not in line


async def test_a_failed_operation_is_logged_with_its_error_codes(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    await post(client, "query Broken { nonsense }")

    [line] = operation_lines(caplog)
    assert line["operation"] == "Broken"
    assert line["status"] == "error"
    assert line["error_codes"] == ["GRAPHQL_VALIDATION_FAILED"]


async def test_an_operation_without_a_name_is_logged_as_anonymous(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    await post(client, "{ graphStats { customers } }")

    [line] = operation_lines(caplog)
    assert line["operation"] == "anonymous"


async def test_a_request_without_an_id_gets_one_in_the_log_and_the_response(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    response = await post(client, "query Stats { graphStats { customers } }")

    [line] = operation_lines(caplog)
    assert GENERATED_ID.match(response.headers[REQUEST_ID_HEADER])
    assert line["request_id"] == response.headers[REQUEST_ID_HEADER]


async def test_every_response_carries_a_request_id(client: httpx.AsyncClient) -> None:
    response = await client.get("/health", headers={REQUEST_ID_HEADER: "probe-1"})

    assert response.headers[REQUEST_ID_HEADER] == "probe-1"


async def test_variables_document_and_messages_never_reach_the_log(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "jane.doe@example.com"
    document = f'query Leak($email: String) {{ nonsense(email: "{secret}") }}'

    await post(client, document, variables={"email": secret})

    logged = "\n".join(JsonFormatter().format(r) for r in caplog.records)
    assert len(operation_lines(caplog)) == 1
    assert secret not in logged
    assert "nonsense" not in logged


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("req-42", True),
        ("3f2a:9b.c_d", True),
        ("with space", False),
        ("x" * 129, False),
        ("", False),
        (None, False),
    ],
)
def test_a_request_id_from_the_caller_is_kept_only_when_plain(
    given: str | None, kept: bool
) -> None:
    accepted = accept_request_id(given)

    assert (accepted == given) is kept
    assert kept or GENERATED_ID.match(accepted)


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("ProfileOfCustomer", "ProfileOfCustomer"),
        (None, "anonymous"),
        ("not a name", "invalid"),
        ("N" * 65, "invalid"),
    ],
)
def test_operation_names_are_logged_only_when_they_are_graphql_names(
    name: str | None, label: str
) -> None:
    assert operation_label(name) == label
