// Projection: staffing of documents issued by $at.
MATCH (doc:Document)-[:IN]->(:Jurisdiction {id: $jurisdiction})
WHERE doc.issue_date <= $at
MATCH (s:Staffing)-[:FROM]->(doc)
RETURN s.id AS id, s.department AS department, s.administrative AS administrative,
       s.other AS other, s.leaders AS leaders, s.posts AS posts, s.clause AS clause,
       doc.id AS document, doc.issue_date AS issued, doc.valid_to AS valid_to
