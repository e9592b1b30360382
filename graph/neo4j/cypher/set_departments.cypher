// Derived department properties: lifetime and merged declarations.
UNWIND $rows AS row
MATCH (dep:Department)
WHERE dep.id = row.id
SET dep.valid_from = row.valid_from, dep.valid_to = row.valid_to,
    dep.aliases = row.aliases, dep.plaques = row.plaques, dep.rank = row.rank, dep.type = row.type
