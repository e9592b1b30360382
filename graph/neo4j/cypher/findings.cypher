// Ledger entries matching a filter (any condition may be null), oldest first (then by number), one page; each
// with its history when $history is true.
MATCH (f:Finding)
WHERE ($jurisdiction IS NULL OR f.jurisdiction = $jurisdiction)
  AND ($kind IS NULL OR f.kind = $kind)
  AND ($detector IS NULL OR f.detector = $detector)
  AND ($status IS NULL OR f.status = $status)
  AND ($department IS NULL OR $department IN f.departments)
RETURN f.id AS id, f.detector AS detector, f.kind AS kind, f.severity AS severity,
       f.confidence AS confidence, f.jurisdiction AS jurisdiction, f.matter AS matter,
       f.departments AS departments, f.evidence AS evidence, f.message AS message,
       f.status AS status, f.category AS category, f.deadline AS deadline,
       f.first_seen AS first_seen, f.last_seen AS last_seen, f.changes AS changes,
       f.number AS number, f.responsible_unit AS responsible_unit, f.measures AS measures,
       f.responsible_person AS responsible_person, f.progress AS progress, f.closed_at AS closed_at,
       CASE WHEN $history THEN [(f)-[:HAS_CHANGE]->(c:FindingChange) |
         {seq: c.seq, at: c.at, actor: c.actor, from_status: c.from_status,
          to_status: c.to_status, reason: c.reason, category: c.category,
          deadline: c.deadline, edits: c.edits}] ELSE [] END AS history
ORDER BY first_seen, number, id
SKIP $offset
LIMIT $limit
