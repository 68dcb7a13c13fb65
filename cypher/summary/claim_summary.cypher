// Claim the refresh of one organization's summary for a while, so that
// several processes do not compute the same summary at once. A claim that
// has run out (its process stopped) may be taken over. The claim is refused
// when the summary is newer than the one the caller found stale: another
// process has refreshed it since.
// Parameters: $organizationId (string), $now, $until (datetimes),
//   $computedAt (datetime of the summary the caller saw, or null when it
//   saw none).
// Returns: one row when this caller holds the claim, none otherwise.
MERGE (s:OrganizationSummary {organizationId: $organizationId})
WITH s
WHERE (s.claimedUntil IS NULL OR s.claimedUntil < $now)
  AND (s.computedAt IS NULL
    OR ($computedAt IS NOT NULL AND s.computedAt <= $computedAt))
SET s.claimedUntil = $until
RETURN s.organizationId AS claimed
