// Date (or undate) a document, its events and the holdings of its duties; returns the
// departments it declares, whose derived values the caller refreshes.
MATCH (doc:Document {id: $document})
SET doc.issue_date = $issue_date, doc.date_source = $date_source
FOREACH (event IN [(e:Event)-[:FROM]->(doc) | e] | SET event.date = $issue_date)
FOREACH (held IN [(doc)<-[:FROM]-(:Duty)<-[holds:HOLDS]-(:Department) | holds] |
  SET held.valid_from = $issue_date)
RETURN [(dep:Department)-[:FROM]->(doc) | dep.id] AS departments
