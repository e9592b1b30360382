// Matters nothing concerns any more.
// (COUNT {...} = 0, not NOT EXISTS: the linter reads a negated pattern as a negated type.)
UNWIND $matters AS matter_id
MATCH (m:Matter {id: matter_id})
WHERE COUNT { ()-[:CONCERNS]->(m) } = 0
DELETE m
