// Projection: boundary clauses of documents issued by $at, with their parties and matter.
MATCH (doc:Document)-[:IN]->(:Jurisdiction {id: $jurisdiction})
WHERE doc.issue_date <= $at
MATCH (b:Boundary)-[:FROM]->(doc)
RETURN b.id AS id, b.text AS text, b.clause AS clause, b.span_start AS span_start,
       b.span_end AS span_end, b.ordinal AS ordinal, b.matter AS matter,
       doc.id AS document, doc.issue_date AS issued, doc.valid_to AS valid_to,
       [(b)-[concern:CONCERNS]->(m:Matter) | {key: m.key, text: concern.text}] AS matters,
       [(b)-[party:BETWEEN]->(dep:Department) |
         {department: dep.id, does: party.does, role: party.role}] AS parties
