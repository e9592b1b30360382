// The document itself, with its declarations (FROM), IN and REGULATES relationships.
MATCH (doc:Document {id: $document})
DETACH DELETE doc
