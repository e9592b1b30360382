// A ledger entry's status and how many history steps it has.
MATCH (f:Finding {id: $finding})
RETURN f.status AS status, f.changes AS changes
