// Loaded documents, of one jurisdiction (by name) or all.
MATCH (doc:Document)
WHERE $jurisdiction IS NULL OR doc.jurisdiction = $jurisdiction
RETURN doc.id AS id, doc.kind AS kind, doc.title AS title, doc.jurisdiction AS jurisdiction,
       doc.issue_date AS issue_date, [(doc)-[:REGULATES]->(subject:Department) | subject.name][0] AS subject,
       doc.source AS source, doc.date_source AS date_source, coalesce(doc.place_unknown, false) AS place_unknown
ORDER BY issue_date, title, id
