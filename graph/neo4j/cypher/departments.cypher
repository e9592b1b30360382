// Departments of one jurisdiction ($jurisdiction: its id, or null for every one) that exist by
// $at, each with what the documents issued by $at declare about it and the number of duties it
// holds under documents in force at $at: the Department nodes of the projection, unprojected.
MATCH (dep:Department)-[:IN]->(j:Jurisdiction)
WHERE ($jurisdiction IS NULL OR j.id = $jurisdiction)
  AND (dep.valid_from IS NULL OR dep.valid_from <= $at)
RETURN dep.id AS id, dep.name AS name, j.name AS jurisdiction,
       dep.valid_from AS valid_from, dep.valid_to AS valid_to,
       [(dep)-[declared:FROM]->(doc:Document) WHERE doc.issue_date <= $at |
         {document: doc.id, issue_date: doc.issue_date,
          regulation: doc.kind = $regulation AND doc.subject = dep.id,
          aliases: declared.aliases, plaques: declared.plaques,
          rank: declared.rank, type: declared.type}] AS facts,
       COUNT {
         MATCH (dep)-[:HOLDS]->(:Duty)-[:FROM]->(held:Document)
         WHERE held.issue_date <= $at AND (held.valid_to IS NULL OR $at < held.valid_to)
       } AS duties
