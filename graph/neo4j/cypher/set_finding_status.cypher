// A status change; category and deadline are kept unless the change gives new ones.
UNWIND $rows AS row
MATCH (f:Finding)
WHERE f.id = row.id
SET f.status = row.status, f.category = coalesce(row.category, f.category),
    f.deadline = coalesce(row.deadline, f.deadline)
