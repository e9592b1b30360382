// Staffing (人员编制) of one document; `other`, `leaders` and `posts` are JSON text.
MATCH (doc:Document {id: $document})
UNWIND $rows AS row
MATCH (dep:Department)
WHERE dep.id = row.department
CREATE (s:Staffing {
  id: row.id, department: row.department, administrative: row.administrative, other: row.other,
  leaders: row.leaders, posts: row.posts, clause: row.clause, span_start: row.span_start,
  span_end: row.span_end, document: doc.id, ordinal: row.ordinal
})
CREATE (s)-[:STAFFS]->(dep)
CREATE (s)-[:FROM]->(doc)
