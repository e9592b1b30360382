// A ledger entry's id, status and how many history steps it has, by id or by number.
MATCH (f:Finding)
WHERE f.id = $finding OR f.number = $finding
RETURN f.id AS id, f.status AS status, f.changes AS changes
LIMIT 1
