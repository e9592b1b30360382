// Projection: internal units of documents issued by $at.
MATCH (doc:Document)-[:IN]->(:Jurisdiction {id: $jurisdiction})
WHERE doc.issue_date <= $at
MATCH (u:Unit)-[:FROM]->(doc)
RETURN u.id AS id, u.name AS name, u.key AS key, u.department AS department, u.plaques AS plaques,
       doc.id AS document, doc.issue_date AS issued, doc.valid_to AS valid_to
