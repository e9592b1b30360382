// A department's lineage: the departments linked to the one named $name (full name, alias or
// plaque) by whole-body events — merges (整合组建) and renames (更名) — in either direction and
// over any number of reforms (A → B → C), then every event touching any of them, oldest first.
MATCH (start:Department)
WHERE ($jurisdiction IS NULL OR start.jurisdiction = $jurisdiction)
  AND (start.name = $name OR $name IN start.aliases OR $name IN start.plaques)
MATCH p = (start)-[:SOURCE|TARGET*0..16]-(member:Department)
WHERE all(n IN nodes(p) WHERE NOT n:Event OR n.kind IN ['merge', 'rename'])
WITH collect(DISTINCT member) AS family
UNWIND family AS member
MATCH (e:Event)-[:SOURCE|TARGET]->(member)
MATCH (e)-[:FROM]->(doc:Document)
WITH DISTINCT e, doc
RETURN e.date AS date, doc.title AS reform, e.ordinal AS ordinal, e.clause AS clause, e.kind AS kind,
       [(e)-[:SOURCE]->(s:Department) | s.name] AS sources,
       [(e)-[:TARGET]->(t:Department) | t.name] AS targets, e.duty AS duty
ORDER BY date, reform, ordinal
