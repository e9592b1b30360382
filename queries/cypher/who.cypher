// 谁负责 $q: clauses held at $at (a date) by departments existing at $at, whose text contains $q
// or that concern a matter whose key contains $q; in jurisdiction $jurisdiction (null: every one).
// Lead roles first. The Python `zhize who` adds synonyms and per-clause roles on top of this.
MATCH (dep:Department)-[h:HOLDS]->(duty:Duty)-[:FROM]->(doc:Document)
WHERE ($jurisdiction IS NULL OR dep.jurisdiction = $jurisdiction)
  AND h.valid_from <= $at AND (h.valid_to IS NULL OR $at < h.valid_to)
  AND (dep.valid_from IS NULL OR dep.valid_from <= $at)
  AND (dep.valid_to IS NULL OR $at < dep.valid_to)
  AND duty.section <> 'transformation'
  AND (duty.text CONTAINS $q OR EXISTS { (duty)-[:CONCERNS]->(m:Matter) WHERE m.key CONTAINS $q })
OPTIONAL MATCH (unit:Unit)-[:PERFORMS]->(duty)
RETURN dep.jurisdiction AS jurisdiction, dep.name AS department, h.role AS role, unit.name AS unit,
       duty.clause AS clause, duty.text AS text, doc.title AS document
ORDER BY CASE role WHEN 'lead' THEN 0 WHEN 'guidance' THEN 1 WHEN 'support' THEN 2 ELSE 3 END,
         jurisdiction, department, clause
