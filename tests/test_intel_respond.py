"""Answering proposed steps: status, the RECEIVED edge, learning, bad input."""

from __future__ import annotations

from typing import Any

import pytest

from graph.database import Database
from tests.conftest import ClientFor, GraphQLCall, post_graphql
from tests.test_intel import (
    ORG,
    act,
    ago,
    catalogue,
    contacts,
    person,
    record,
    rel,
    state,
    steps,
)
from tests.writes_support import counts

RESPOND = """
mutation ($rel: ID!, $action: ID!, $response: StepResponse!, $at: DateTime) {
  respondToStep(
    relationshipId: $rel, actionId: $action, response: $response, at: $at
  ) { relationshipId actionId status respondedAt changed }
}
"""


@pytest.fixture
async def proposed(gql: GraphQLCall) -> list[dict[str, Any]]:
    """A customer with two proposed steps: a fix and a small ask."""
    await record(
        gql,
        [
            *catalogue(
                act("fix", "SERVICE_FIX"),
                act("poll", "FEEDBACK_REQUEST", goodwillCost=2.0),
            ),
            {"organization": {"id": "o-2", "name": "Elsewhere"}},
            {
                "action": {
                    "id": "other",
                    "organization": "o-2",
                    "key": "other",
                    "kind": "SERVICE_FIX",
                }
            },
            person("c-1"),
            *contacts("c-1", 2, serve=0.5),
        ],
    )
    return await steps(gql, "c-1")


async def respond(
    gql: GraphQLCall, action: str, response: str, **extra: Any
) -> dict[str, Any]:
    """Answer a step of c-1's relationship; the whole response body."""
    variables = {"rel": rel("c-1"), "action": action, "response": response}
    return await gql(RESPOND, **(variables | extra))


async def test_completing_a_step_records_one_received_edge_however_often_sent(
    gql: GraphQLCall, database: Database, proposed: list[dict[str, Any]]
) -> None:
    at = ago()

    first = await respond(gql, "poll", "COMPLETED", at=at)
    again = await respond(gql, "poll", "COMPLETED", at=ago())

    assert first["data"]["respondToStep"]["changed"] is True
    assert again["data"]["respondToStep"] == {
        "relationshipId": rel("c-1"),
        "actionId": "poll",
        "status": "COMPLETED",
        "respondedAt": first["data"]["respondToStep"]["respondedAt"],
        "changed": False,
    }
    assert (await counts(database))["RECEIVED"] == 1


async def test_a_completed_ask_withdraws_goodwill_in_the_same_request(
    gql: GraphQLCall, proposed: list[dict[str, Any]]
) -> None:
    before = (await state(gql, "c-1"))["goodwill"]

    await respond(gql, "poll", "COMPLETED")

    after = (await state(gql, "c-1"))["goodwill"]
    assert after == pytest.approx(before - 2.0, abs=0.05)


async def test_a_completed_step_rests_and_is_not_proposed_again(
    gql: GraphQLCall, proposed: list[dict[str, Any]]
) -> None:
    await respond(gql, "poll", "COMPLETED")

    found = await steps(gql, "c-1")

    assert [s["action"]["id"] for s in proposed] == ["fix", "poll"]
    assert [s["action"]["id"] for s in found] == ["fix"]


async def test_a_rejected_step_is_not_proposed_again_for_a_while(
    gql: GraphQLCall, proposed: list[dict[str, Any]]
) -> None:
    body = await respond(gql, "fix", "REJECTED")

    found = await steps(gql, "c-1")

    assert body["data"]["respondToStep"]["status"] == "REJECTED"
    assert [s["action"]["id"] for s in found] == ["poll"]


async def test_an_accepted_step_stays_accepted_when_proposed_again(
    gql: GraphQLCall, proposed: list[dict[str, Any]]
) -> None:
    await respond(gql, "fix", "ACCEPTED")

    found = await steps(gql, "c-1")

    assert [(s["action"]["id"], s["status"]) for s in found] == [
        ("fix", "ACCEPTED"),
        ("poll", "PROPOSED"),
    ]


@pytest.mark.parametrize(
    ("relationship", "action", "response", "code", "message"),
    [
        ("nobody/o-1", "fix", "ACCEPTED", "NOT_FOUND", 'Relationship "nobody/o-1"'),
        ("c-1/o-1", "nothing", "ACCEPTED", "NOT_FOUND", 'Action "nothing" does not'),
        ("c-1/o-1", "other", "ACCEPTED", "BAD_USER_INPUT", "is not offered by"),
    ],
)
async def test_answers_naming_unknown_or_foreign_things_are_refused(
    gql: GraphQLCall,
    proposed: list[dict[str, Any]],
    relationship: str,
    action: str,
    response: str,
    code: str,
    message: str,
) -> None:
    body = await gql(RESPOND, rel=relationship, action=action, response=response)

    error = body["errors"][0]
    assert error["extensions"]["code"] == code
    assert message in error["message"]


async def test_a_step_never_proposed_cannot_be_answered(gql: GraphQLCall) -> None:
    await record(gql, [*catalogue(act("fix", "SERVICE_FIX")), person("c-1")])
    await record(gql, contacts("c-1", 1))

    body = await respond(gql, "fix", "COMPLETED")

    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "was never proposed" in body["errors"][0]["message"]


async def test_a_settled_step_cannot_take_another_answer(
    gql: GraphQLCall, database: Database, proposed: list[dict[str, Any]]
) -> None:
    await respond(gql, "fix", "REJECTED")

    body = await respond(gql, "fix", "COMPLETED")

    assert body["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert "RECEIVED" not in await counts(database)


async def test_an_answer_time_without_a_zone_is_refused(
    gql: GraphQLCall, proposed: list[dict[str, Any]]
) -> None:
    body = await respond(gql, "fix", "ACCEPTED", at="2025-01-01T10:00:00")

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_an_agent_of_another_organization_cannot_see_the_relationship(
    client_for: ClientFor, proposed: list[dict[str, Any]]
) -> None:
    agent = client_for("AGENT", org="o-2")

    body = await post_graphql(
        agent, RESPOND, rel=rel("c-1"), action="fix", response="ACCEPTED"
    )

    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_an_analyst_reads_steps_without_recording_them(
    client_for: ClientFor, gql: GraphQLCall
) -> None:
    await record(gql, [*catalogue(act("fix", "SERVICE_FIX")), person("c-1")])
    await record(gql, contacts("c-1", 1))
    analyst = client_for("ANALYST", org=ORG)

    read = await post_graphql(
        analyst,
        "query ($id: ID!) { nextBestSteps(relationshipId: $id) { status } }",
        id=rel("c-1"),
    )
    answer = await post_graphql(
        analyst, RESPOND, rel=rel("c-1"), action="fix", response="ACCEPTED"
    )

    assert read["data"]["nextBestSteps"] == [{"status": None}]
    assert answer["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_one_request_records_for_each_relationship_the_steps_it_returned(
    client_for: ClientFor, gql: GraphQLCall
) -> None:
    await record(
        gql,
        [
            *catalogue(
                act("fix", "SERVICE_FIX"),
                act("news", "INFORMATION"),
                act("upgrade", "SERVICE_UPGRADE"),
            ),
            person("c-1"),
            person("c-2"),
        ],
    )
    await record(gql, [*contacts("c-1", 1), *contacts("c-2", 1)])
    both = """
    query ($one: ID!, $two: ID!) {
      one: nextBestSteps(relationshipId: $one, first: 1) { action { id } }
      two: nextBestSteps(relationshipId: $two, first: 3) { action { id } }
    }
    """
    recorded = await gql(both, one=rel("c-1"), two=rel("c-2"))
    analyst = client_for("ANALYST", org=ORG)
    statuses = "query ($id: ID!) { nextBestSteps(relationshipId: $id) { status } }"

    one = await post_graphql(analyst, statuses, id=rel("c-1"))
    two = await post_graphql(analyst, statuses, id=rel("c-2"))

    assert len(recorded["data"]["one"]) == 1
    assert len(recorded["data"]["two"]) == 3
    assert [s["status"] for s in one["data"]["nextBestSteps"]] == [
        "PROPOSED",
        None,
        None,
    ]
    assert [s["status"] for s in two["data"]["nextBestSteps"]] == ["PROPOSED"] * 3
