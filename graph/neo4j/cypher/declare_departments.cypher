// The departments a document declares: shared nodes, one FROM per declaring document that
// carries what this document says about the department.
MATCH (doc:Document {id: $document})-[:IN]->(j:Jurisdiction)
UNWIND $rows AS row
MERGE (dep:Department {id: row.id})
  ON CREATE SET dep.name = row.name, dep.jurisdiction = doc.jurisdiction
MERGE (dep)-[:IN]->(j)
CREATE (dep)-[:FROM {aliases: row.aliases, plaques: row.plaques, rank: row.rank, type: row.type}]->(doc)
