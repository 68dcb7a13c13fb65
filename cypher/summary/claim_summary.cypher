// Claim the refresh of one organization's summary for a while, so that
// several processes do not compute the same summary at once. A claim that
// has run out (its process stopped) may be taken over.
// Parameters: $organizationId (string), $now, $until (datetimes).
// Returns: one row when this caller holds the claim, none otherwise.
MERGE (s:OrganizationSummary {organizationId: $organizationId})
WITH s
WHERE s.claimedUntil IS NULL OR s.claimedUntil < $now
SET s.claimedUntil = $until
RETURN s.organizationId AS claimed
