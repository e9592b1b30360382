// Reform events of one document, dated by its issue date; `detail` is JSON text.
MATCH (doc:Document {id: $document})
UNWIND $rows AS row
CREATE (e:Event {
  id: row.id, kind: row.kind, date: doc.issue_date, duty: row.duty, detail: row.detail,
  text: row.text, clause: row.clause, span_start: row.span_start, span_end: row.span_end,
  document: doc.id, ordinal: row.ordinal
})
CREATE (e)-[:FROM]->(doc)
FOREACH (concern IN row.matters |
  MERGE (matter:Matter {id: concern.id})
    ON CREATE SET matter.key = concern.key
  CREATE (e)-[:CONCERNS {text: concern.text}]->(matter)
)
