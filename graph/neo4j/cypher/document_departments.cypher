// The departments a document declares.
MATCH (dep:Department)-[:FROM]->(:Document {id: $document})
RETURN dep.id AS id
