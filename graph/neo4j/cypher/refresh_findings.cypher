// Findings seen again: their latest report and when it was seen.
UNWIND $rows AS row
MATCH (f:Finding)
WHERE f.id = row.id
SET f.evidence = row.evidence, f.message = row.message, f.severity = row.severity,
    f.confidence = row.confidence, f.last_seen = row.at
