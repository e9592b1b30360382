// The document and its jurisdiction (created with the jurisdiction's first document).
MERGE (j:Jurisdiction {id: $jurisdiction_id})
  ON CREATE SET j.name = $jurisdiction, j.level = $level
CREATE (doc:Document {
  id: $document, kind: $kind, title: $title, jurisdiction: $jurisdiction, issue_date: $issue_date,
  date_source: $date_source, subject: $subject, source: $source, chars: $chars, loaded_at: $loaded_at,
  place_unknown: $place_unknown
})
CREATE (doc)-[:IN]->(j)
