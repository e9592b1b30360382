// What is derived for a department comes from: its lifetime from the events that start and end
// it, the validity of the 三定 that regulate it, its merged declarations from every document.
UNWIND $departments AS department_id
MATCH (dep:Department {id: department_id})
RETURN dep.id AS department,
       [(e:Event)-[:TARGET]->(dep) WHERE e.kind IN $starts | e.date] AS starts,
       [(e:Event)-[:SOURCE]->(dep) WHERE e.kind IN $ends | e.date] AS ends,
       [(doc:Document)-[:REGULATES]->(dep) WHERE doc.kind = $regulation |
         {document: doc.id, issue_date: doc.issue_date}] AS regulations,
       [(dep)-[declared:FROM]->(doc:Document) |
         {document: doc.id, issue_date: doc.issue_date,
          regulation: doc.kind = $regulation AND doc.subject = dep.id,
          aliases: declared.aliases, plaques: declared.plaques,
          rank: declared.rank, type: declared.type}] AS facts
