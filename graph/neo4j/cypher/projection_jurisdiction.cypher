// Projection: the jurisdiction node.
MATCH (j:Jurisdiction {id: $jurisdiction})
RETURN j.id AS id, j.name AS name, j.level AS level
