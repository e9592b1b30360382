// Which internal unit performs a duty.
UNWIND $rows AS row
MATCH (u:Unit)
WHERE u.id = row.unit
MATCH (duty:Duty)
WHERE duty.id = row.duty
CREATE (u)-[:PERFORMS]->(duty)
