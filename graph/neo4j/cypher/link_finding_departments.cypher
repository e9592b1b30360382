// The departments a finding involves, where they are loaded.
UNWIND $rows AS row
MATCH (f:Finding)
WHERE f.id = row.finding
MATCH (dep:Department)
WHERE dep.id = row.department
MERGE (f)-[:INVOLVES]->(dep)
