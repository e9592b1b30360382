// Projection: departments of the jurisdiction that exist by $at, with what each document issued
// by $at declares about them.
MATCH (dep:Department)-[:IN]->(:Jurisdiction {id: $jurisdiction})
WHERE dep.valid_from IS NULL OR dep.valid_from <= $at
RETURN dep.id AS id, dep.name AS name, dep.valid_from AS valid_from, dep.valid_to AS valid_to,
       [(dep)-[declared:FROM]->(doc:Document) WHERE doc.issue_date <= $at |
         {document: doc.id, issue_date: doc.issue_date,
          regulation: doc.kind = $regulation AND doc.subject = dep.id,
          aliases: declared.aliases, plaques: declared.plaques,
          rank: declared.rank, type: declared.type}] AS facts
