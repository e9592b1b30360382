// Internal units of one document: each 三定 version has its own; `key` links the versions.
MATCH (doc:Document {id: $document})
UNWIND $rows AS row
MATCH (dep:Department)
WHERE dep.id = row.department
CREATE (u:Unit {
  id: row.id, key: row.key, name: row.name, department: row.department, plaques: row.plaques,
  document: doc.id, ordinal: row.ordinal, clause: row.clause,
  span_start: row.span_start, span_end: row.span_end
})
CREATE (u)-[:PART_OF]->(dep)
CREATE (u)-[:FROM]->(doc)
