// Creates or updates customers by their client-supplied id. `createdAt` is
// kept from the first write unless a row gives it; `archetype` is only set by
// the demo data generator (`sir seed`) and kept when a row leaves it out.
// Parameters: $rows (list of {id, name, email?, createdAt?, archetype?}),
//   $now (datetime, the createdAt of a new customer whose row has none),
//   $scopeOrganizationId (string: the caller's organization, or null for
//   every organization). A caller limited to one organization changes only
//   new customers, customers without any relationship yet, and customers
//   that have a relationship with its organization.
// Returns: written (integer, rows written).
UNWIND $rows AS row
WITH row
WHERE $scopeOrganizationId IS NULL
  OR NOT EXISTS {
    MATCH (known:Customer {id: row.id})-[:IN]->(:Relationship)
    WHERE NOT EXISTS {
      (known)-[:IN]->(:Relationship)-[:WITH]->(:Organization {id: $scopeOrganizationId})
    }
  }
MERGE (c:Customer {id: row.id})
ON CREATE SET c.createdAt = coalesce(row.createdAt, $now)
SET
  c.name = row.name,
  c.email = row.email,
  c.createdAt = coalesce(row.createdAt, c.createdAt),
  c.archetype = coalesce(row.archetype, c.archetype)
RETURN count(*) AS written
