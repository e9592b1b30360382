// 无牵头: matters of $jurisdiction that two or more departments existing at $at touch at $at,
// every one of them only in a support (配合/参与) or guidance (指导/监督) role. Detector BPR001
// (`zhize check`) also reads per-clause roles and looks for leads under other wordings.
MATCH (dep:Department)-[h:HOLDS]->(duty:Duty)-[:CONCERNS]->(m:Matter)
WHERE dep.jurisdiction = $jurisdiction AND duty.section <> 'transformation' AND h.role <> 'unspecified'
  AND h.valid_from <= $at AND (h.valid_to IS NULL OR $at < h.valid_to)
  AND (dep.valid_to IS NULL OR $at < dep.valid_to)
WITH m, collect(DISTINCT dep.name) AS departments, collect(DISTINCT h.role) AS roles,
     collect(dep.name + ' ' + duty.clause) AS clauses
WHERE size(departments) >= 2 AND NOT 'lead' IN roles
RETURN m.key AS matter, departments, roles, clauses
ORDER BY matter
