// Duties of one document, held by their department from the document's issue date
// (valid_to is derived later, with the document's), and the matters they concern.
MATCH (doc:Document {id: $document})
UNWIND $rows AS row
MATCH (dep:Department)
WHERE dep.id = row.department
CREATE (duty:Duty {
  id: row.id, text: row.text, role: row.role, section: row.section, clause: row.clause,
  span_start: row.span_start, span_end: row.span_end, ordinal: row.ordinal,
  document: doc.id, department: row.department, unit: row.unit
})
CREATE (dep)-[:HOLDS {role: row.role, valid_from: doc.issue_date}]->(duty)
CREATE (duty)-[:FROM]->(doc)
FOREACH (concern IN row.matters |
  MERGE (matter:Matter {id: concern.id})
    ON CREATE SET matter.key = concern.key
  CREATE (duty)-[:CONCERNS {text: concern.text}]->(matter)
)
