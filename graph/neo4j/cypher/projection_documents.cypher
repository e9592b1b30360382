// Projection: documents of the jurisdiction issued by $at.
MATCH (doc:Document)-[:IN]->(:Jurisdiction {id: $jurisdiction})
WHERE doc.issue_date <= $at
RETURN doc.id AS id, doc.kind AS kind, doc.title AS title, doc.issue_date AS issue_date,
       doc.subject AS subject, doc.valid_to AS valid_to
