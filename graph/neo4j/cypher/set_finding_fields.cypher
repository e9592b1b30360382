// The ledger columns an office fills in (责任单位, 整改措施, 责任人, 整改进展); absent keys keep
// their value.
MATCH (f:Finding)
WHERE f.id = $finding
SET f.responsible_unit = coalesce($fields.responsible_unit, f.responsible_unit),
    f.measures = coalesce($fields.measures, f.measures),
    f.responsible_person = coalesce($fields.responsible_person, f.responsible_person),
    f.progress = coalesce($fields.progress, f.progress)
