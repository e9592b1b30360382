// A matter through the years: every department that held a clause about $q (text or matter key),
// with the period of the 三定 it held it under, and the reform events that moved it. Oldest first.
CALL () {
  MATCH (dep:Department)-[h:HOLDS]->(duty:Duty)-[:FROM]->(doc:Document)
  WHERE ($jurisdiction IS NULL OR dep.jurisdiction = $jurisdiction)
    AND duty.section <> 'transformation'
    AND (duty.text CONTAINS $q OR EXISTS { (duty)-[:CONCERNS]->(m:Matter) WHERE m.key CONTAINS $q })
  RETURN h.valid_from AS date, 'held' AS what, dep.name AS department, h.role AS role,
         h.valid_to AS until, doc.title AS document, duty.clause AS clause, duty.text AS text
  UNION ALL
  MATCH (e:Event)-[:FROM]->(doc:Document)
  WHERE ($jurisdiction IS NULL OR doc.jurisdiction = $jurisdiction)
    AND (e.duty CONTAINS $q OR EXISTS { (e)-[:CONCERNS]->(m:Matter) WHERE m.key CONTAINS $q })
  RETURN e.date AS date, e.kind AS what,
         [(e)-[:SOURCE]->(s:Department) | s.name] + [' → '] + [(e)-[:TARGET]->(t:Department) | t.name]
           AS department,
         null AS role, null AS until, doc.title AS document, e.clause AS clause, e.duty AS text
}
RETURN date, what, department, role, until, document, clause, text
ORDER BY date, what, document, clause
