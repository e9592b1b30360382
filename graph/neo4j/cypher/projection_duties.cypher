// Projection: duties of documents issued by $at, with the matters they concern.
MATCH (doc:Document)-[:IN]->(:Jurisdiction {id: $jurisdiction})
WHERE doc.issue_date <= $at
MATCH (duty:Duty)-[:FROM]->(doc)
RETURN duty.id AS id, duty.text AS text, duty.role AS role, duty.section AS section,
       duty.clause AS clause, duty.span_start AS span_start, duty.span_end AS span_end,
       duty.ordinal AS ordinal, duty.department AS department, duty.unit AS unit,
       doc.id AS document, doc.issue_date AS issued, doc.valid_to AS valid_to,
       [(duty)-[concern:CONCERNS]->(m:Matter) | {key: m.key, text: concern.text}] AS matters
