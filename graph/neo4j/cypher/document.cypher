// One document with the number of records it contributed.
MATCH (doc:Document {id: $document})
RETURN doc.id AS id, doc.kind AS kind, doc.title AS title, doc.jurisdiction AS jurisdiction,
       doc.issue_date AS issue_date, [(doc)-[:REGULATES]->(subject:Department) | subject.name][0] AS subject,
       doc.source AS source, doc.date_source AS date_source, coalesce(doc.place_unknown, false) AS place_unknown,
       COUNT { (:Duty)-[:FROM]->(doc) } AS duty,
       COUNT { (:Unit)-[:FROM]->(doc) } AS unit,
       COUNT { (:Boundary)-[:FROM]->(doc) } AS boundary,
       COUNT { (:Staffing)-[:FROM]->(doc) } AS staffing,
       COUNT { (:Event)-[:FROM]->(doc) } AS event
