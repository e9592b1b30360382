// A user task (新增任务): created once, never changed or deleted; returns the stored task.
MERGE (t:Task {id: $id})
  ON CREATE SET t.jurisdiction = $jurisdiction, t.text = $text, t.actor = $actor, t.created_at = $at
RETURN t.id AS id, t.jurisdiction AS jurisdiction, t.text AS text, t.actor AS actor,
       t.created_at AS created_at
