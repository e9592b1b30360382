// One history step per row; `seq` numbers a finding's steps from 1. `edits` is the JSON of the
// ledger columns an edit changed (null for a status change).
UNWIND $rows AS row
MATCH (f:Finding)
WHERE f.id = row.finding
SET f.changes = row.seq
CREATE (f)-[:HAS_CHANGE]->(:FindingChange {
  id: row.id, finding: row.finding, seq: row.seq, at: row.at, actor: row.actor,
  from_status: row.from_status, to_status: row.to_status, reason: row.reason,
  category: row.category, deadline: row.deadline, edits: row.edits
})
