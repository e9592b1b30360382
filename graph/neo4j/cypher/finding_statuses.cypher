// The ledger entries of one check's scope: a jurisdiction, optionally only some detectors.
MATCH (f:Finding)
WHERE f.jurisdiction = $jurisdiction AND ($detectors IS NULL OR f.detector IN $detectors)
RETURN f.id AS id, f.status AS status, f.changes AS changes
