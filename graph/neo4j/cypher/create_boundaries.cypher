// Boundary clauses (职责分工) of one document: the departments they divide a matter between.
MATCH (doc:Document {id: $document})
UNWIND $rows AS row
CREATE (b:Boundary {
  id: row.id, text: row.text, clause: row.clause, span_start: row.span_start,
  span_end: row.span_end, document: doc.id, ordinal: row.ordinal, matter: row.matter
})
CREATE (b)-[:FROM]->(doc)
FOREACH (concern IN row.matters |
  MERGE (matter:Matter {id: concern.id})
    ON CREATE SET matter.key = concern.key
  CREATE (b)-[:CONCERNS {text: concern.text}]->(matter)
)
WITH b, row
UNWIND row.parties AS party
MATCH (dep:Department)
WHERE dep.id = party.department
CREATE (b)-[:BETWEEN {does: party.does, role: party.role}]->(dep)
