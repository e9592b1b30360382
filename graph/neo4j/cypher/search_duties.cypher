// Duties whose text contains $q, held under documents in force at $at, optionally of one
// jurisdiction (by name): a scan of the duties of documents in force. Lead roles first.
MATCH (doc:Document)
WHERE ($jurisdiction IS NULL OR doc.jurisdiction = $jurisdiction)
  AND doc.issue_date <= $at AND (doc.valid_to IS NULL OR $at < doc.valid_to)
MATCH (duty:Duty)-[:FROM]->(doc)
WHERE duty.text CONTAINS $q
MATCH (dep:Department)-[:HOLDS]->(duty)
RETURN duty.id AS duty, duty.text AS text, dep.id AS department, dep.name AS department_name,
       doc.jurisdiction AS jurisdiction, [(u:Unit)-[:PERFORMS]->(duty) | u.name][0] AS unit,
       duty.role AS role, duty.section AS section, duty.clause AS clause,
       duty.span_start AS span_start, duty.span_end AS span_end, duty.ordinal AS ordinal,
       doc.id AS document, doc.title AS document_title,
       doc.issue_date AS valid_from, doc.valid_to AS valid_to,
       [(duty)-[:CONCERNS]->(m:Matter) | m.key] AS matters
ORDER BY CASE WHEN role = $lead THEN 0 ELSE 1 END, jurisdiction, document_title, document, ordinal
LIMIT $limit
