"""A write that keeps losing to concurrent writes ends in a clear CONFLICT.

On the embedded server, two transactions that change the same record at the
same time conflict at commit, and the driver retries the loser for as long as
its retry time allows. When that runs out, the caller gets a `Conflict` that
says to send the write again, not an internal error.
"""

from __future__ import annotations

import neo4j
import pytest

from graph.database import Database, Transaction
from graph.runtime import Graph
from sir.errors import Conflict

ORGANIZATION = "write/merge_organizations"


def named(name: str) -> dict[str, object]:
    """The parameters that give organization o-1 this name."""
    return {"rows": [{"id": "o-1", "name": name}], "scopeOrganizationId": None}


async def test_a_write_that_keeps_losing_a_race_is_a_conflict(
    graph: Graph, database: Database
) -> None:
    assert graph.server is not None
    await database.write(ORGANIZATION, **named("Harbour Bikes"))
    # A driver that gives up at the first transient failure, instead of after
    # its default 30 seconds of retries.
    driver = neo4j.AsyncGraphDatabase.driver(
        graph.server.uri,
        auth=(graph.server.user, graph.server.password),
        max_transaction_retry_time=0,
    )
    impatient = Database(driver, database.name)

    async def work(tx: Transaction) -> None:
        await tx.run(ORGANIZATION, **named("Harbour Cycles"))
        # Another transaction changes the same organization and commits first.
        await database.write(ORGANIZATION, **named("Harbour Wheels"))

    try:
        with pytest.raises(Conflict, match="concurrent writes; send it again"):
            await impatient.write_transaction(work, label="rename")
    finally:
        await driver.close()
    found = await database.read(
        "read/get_organizations", ids=["o-1"], scopeOrganizationId=None
    )

    assert [row["organization"]["name"] for row in found] == ["Harbour Wheels"]
