// Everything a document contributed except its declarations of (shared) departments.
MATCH (:Document {id: $document})<-[:FROM]-(n)
WHERE n:Unit OR n:Duty OR n:Boundary OR n:Staffing OR n:Event
DETACH DELETE n
