// Projection: reform events of documents issued by $at (an event is dated by its document).
MATCH (doc:Document)-[:IN]->(:Jurisdiction {id: $jurisdiction})
WHERE doc.issue_date <= $at
MATCH (e:Event)-[:FROM]->(doc)
RETURN e.id AS id, e.kind AS kind, e.date AS date, e.duty AS duty, e.detail AS detail,
       e.text AS text, e.clause AS clause, e.span_start AS span_start, e.span_end AS span_end,
       e.ordinal AS ordinal, doc.id AS document,
       [(e)-[:SOURCE]->(dep:Department) | dep.id] AS sources,
       [(e)-[:TARGET]->(dep:Department) | dep.id] AS targets,
       [(e)-[concern:CONCERNS]->(m:Matter) | {key: m.key, text: concern.text}] AS matters
