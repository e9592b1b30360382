// When a 三定 stops being in force, and with it the holdings of its duties.
UNWIND $rows AS row
MATCH (doc:Document)
WHERE doc.id = row.id
SET doc.valid_to = row.valid_to
WITH doc, row
MATCH (doc)<-[:FROM]-(:Duty)<-[holds:HOLDS]-(:Department)
SET holds.valid_to = row.valid_to
