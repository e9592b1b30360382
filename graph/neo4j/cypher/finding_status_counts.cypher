// Ledger entries by status.
MATCH (f:Finding)
RETURN f.status AS status, count(*) AS entries
