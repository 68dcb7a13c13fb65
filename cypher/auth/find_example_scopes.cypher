// An organization and a partner to show in the demo's login hint, so that a
// newcomer can copy a `sir token` command that names real ids.
// Parameters: none.
// Returns one row: organization, partner (the smallest ids, or null when the
//   graph holds none).
OPTIONAL MATCH (o:Organization)
WITH min(o.id) AS organization
OPTIONAL MATCH (p:Partner)
RETURN organization, min(p.id) AS partner
