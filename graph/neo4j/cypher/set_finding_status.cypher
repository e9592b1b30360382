// A status change; category and deadline are kept unless the change gives new ones. 销号时间
// (closed_at) is set on closing and cleared when the entry is opened again.
UNWIND $rows AS row
MATCH (f:Finding)
WHERE f.id = row.id
SET f.status = row.status, f.category = coalesce(row.category, f.category),
    f.deadline = coalesce(row.deadline, f.deadline),
    f.closed_at = CASE WHEN row.closed_at IS NOT NULL THEN row.closed_at
                       WHEN row.status = '待核实' THEN null ELSE f.closed_at END
