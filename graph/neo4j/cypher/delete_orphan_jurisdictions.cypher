// Jurisdictions without documents.
// (COUNT {...} = 0, not NOT EXISTS: the linter reads a negated pattern as a negated type.)
MATCH (j:Jurisdiction)
WHERE COUNT { (:Document)-[:IN]->(j) } = 0
DETACH DELETE j
