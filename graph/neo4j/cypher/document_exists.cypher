// Whether a document (by sha256) is loaded.
MATCH (doc:Document {id: $document})
RETURN count(doc) AS found
