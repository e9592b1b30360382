// Departments no document declares any more.
// (COUNT {...} = 0, not NOT EXISTS: the linter reads a negated pattern as a negated type.)
UNWIND $departments AS department_id
MATCH (dep:Department {id: department_id})
WHERE COUNT { (dep)-[:FROM]->(:Document) } = 0
DETACH DELETE dep
