// The matters a document's duties, boundaries and events concern.
MATCH (:Document {id: $document})<-[:FROM]-(n)-[:CONCERNS]->(m:Matter)
RETURN DISTINCT m.id AS id
