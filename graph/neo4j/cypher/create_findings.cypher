// New ledger entries; their first history step is appended by append_finding_changes.
UNWIND $rows AS row
CREATE (:Finding {
  id: row.id, detector: row.detector, kind: row.kind, severity: row.severity,
  confidence: row.confidence, jurisdiction: row.jurisdiction, matter: row.matter,
  departments: row.departments, evidence: row.evidence, message: row.message,
  status: row.status, first_seen: row.at, last_seen: row.at, changes: 0, number: row.number,
  responsible_unit: '', measures: '', responsible_person: '', progress: ''
})
