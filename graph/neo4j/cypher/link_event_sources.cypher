// The losing side of reform events.
UNWIND $rows AS row
MATCH (e:Event)
WHERE e.id = row.event
MATCH (dep:Department)
WHERE dep.id = row.department
CREATE (e)-[:SOURCE]->(dep)
