// User tasks: all of them ($jurisdiction null), or those of one jurisdiction and those for every one.
MATCH (t:Task)
WHERE $jurisdiction IS NULL OR t.jurisdiction = $jurisdiction OR t.jurisdiction IS NULL
RETURN t.id AS id, t.jurisdiction AS jurisdiction, t.text AS text, t.actor AS actor,
       t.created_at AS created_at
ORDER BY created_at, id
