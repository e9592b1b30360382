// A document with a subject (a 三定) regulates that department.
MATCH (doc:Document {id: $document})
MATCH (dep:Department {id: $subject})
CREATE (doc)-[:REGULATES]->(dep)
