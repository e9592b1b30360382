// The events of reform plans: of jurisdiction $jurisdiction (null: every one), of the plan whose
// id starts with $reform or whose title contains it ($reform null: every plan). For a transfer,
// `landed_by_key` tells whether the receiving department holds, under a 三定 issued on or after
// the plan, a duty concerning one of the moved matters (`zhize transfers` also reads texts).
MATCH (e:Event)-[:FROM]->(doc:Document)
WHERE ($jurisdiction IS NULL OR doc.jurisdiction = $jurisdiction)
  AND ($reform IS NULL OR doc.id STARTS WITH $reform OR doc.title CONTAINS $reform)
RETURN doc.title AS reform, doc.issue_date AS date, e.ordinal AS ordinal, e.clause AS clause,
       e.kind AS kind, [(e)-[:SOURCE]->(s:Department) | s.name] AS sources,
       [(e)-[:TARGET]->(t:Department) | t.name] AS targets, e.duty AS duty,
       [(e)-[:CONCERNS]->(m:Matter) | m.key] AS matters,
       CASE WHEN e.kind IN ['transfer', 'merge'] AND EXISTS { (e)-[:CONCERNS]->(:Matter) } THEN
         EXISTS {
           MATCH (e)-[:TARGET]->(t:Department)-[h:HOLDS]->(:Duty)-[:CONCERNS]->(m:Matter)<-[:CONCERNS]-(e)
           WHERE h.valid_from >= doc.issue_date
         }
       END AS landed_by_key,
       e.text AS text
ORDER BY date, reform, ordinal
