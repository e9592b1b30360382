// One ledger entry with its history, by id or by number (2026-015).
MATCH (f:Finding)
WHERE f.id = $finding OR f.number = $finding
RETURN f.id AS id, f.detector AS detector, f.kind AS kind, f.severity AS severity,
       f.confidence AS confidence, f.jurisdiction AS jurisdiction, f.matter AS matter,
       f.departments AS departments, f.evidence AS evidence, f.message AS message,
       f.status AS status, f.category AS category, f.deadline AS deadline,
       f.first_seen AS first_seen, f.last_seen AS last_seen, f.changes AS changes,
       f.number AS number, f.responsible_unit AS responsible_unit, f.measures AS measures,
       f.responsible_person AS responsible_person, f.progress AS progress, f.closed_at AS closed_at,
       [(f)-[:HAS_CHANGE]->(c:FindingChange) |
         {seq: c.seq, at: c.at, actor: c.actor, from_status: c.from_status,
          to_status: c.to_status, reason: c.reason, category: c.category,
          deadline: c.deadline, edits: c.edits}] AS history
LIMIT 1
