// 职责交叉 candidates: pairs of departments of $jurisdiction existing at $at that both hold, in a
// lead role at $at, a clause concerning the same matter, with no 有关职责分工 clause in force at $at
// between the two that concerns the matter (by matter key or by naming it in its text). Detector
// OVL001 (`zhize check`) also reads wording variants, per-clause roles and 分段监管.
MATCH (a:Department)-[ha:HOLDS {role: 'lead'}]->(da:Duty)-[:CONCERNS]->(m:Matter)
      <-[:CONCERNS]-(db:Duty)<-[hb:HOLDS {role: 'lead'}]-(b:Department)
WHERE a.jurisdiction = $jurisdiction AND b.jurisdiction = $jurisdiction AND a.id < b.id
  AND da.section <> 'transformation' AND db.section <> 'transformation'
  AND ha.valid_from <= $at AND (ha.valid_to IS NULL OR $at < ha.valid_to)
  AND hb.valid_from <= $at AND (hb.valid_to IS NULL OR $at < hb.valid_to)
  AND (a.valid_to IS NULL OR $at < a.valid_to) AND (b.valid_to IS NULL OR $at < b.valid_to)
  AND NOT EXISTS {
    MATCH (a)<-[:BETWEEN]-(bd:Boundary)-[:BETWEEN]->(b), (bd)-[:FROM]->(bdoc:Document)
    WHERE bdoc.issue_date <= $at AND (bdoc.valid_to IS NULL OR $at < bdoc.valid_to)
      AND (m.key IN [(bd)-[:CONCERNS]->(x:Matter) | x.key] OR bd.text CONTAINS m.key)
  }
RETURN m.key AS matter, a.name AS first, collect(DISTINCT da.clause) AS first_clauses,
       b.name AS second, collect(DISTINCT db.clause) AS second_clauses
ORDER BY matter, first, second
