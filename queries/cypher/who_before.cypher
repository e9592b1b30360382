// 此前谁负责 $q: clauses about $q held before $at — of superseded 三定 or of departments that
// no longer exist at $at — with the period each was in force. Oldest first.
MATCH (dep:Department)-[h:HOLDS]->(duty:Duty)-[:FROM]->(doc:Document)
WHERE ($jurisdiction IS NULL OR dep.jurisdiction = $jurisdiction)
  AND h.valid_from <= $at
  AND ((h.valid_to IS NOT NULL AND h.valid_to <= $at) OR (dep.valid_to IS NOT NULL AND dep.valid_to <= $at))
  AND duty.section <> 'transformation'
  AND (duty.text CONTAINS $q OR EXISTS { (duty)-[:CONCERNS]->(m:Matter) WHERE m.key CONTAINS $q })
RETURN dep.jurisdiction AS jurisdiction, dep.name AS department, h.role AS role,
       h.valid_from AS valid_from, coalesce(h.valid_to, dep.valid_to) AS valid_to,
       duty.clause AS clause, duty.text AS text, doc.title AS document
ORDER BY valid_from, jurisdiction, department, clause
