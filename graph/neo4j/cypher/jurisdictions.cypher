// Jurisdictions with their number of departments and duties (superseded ones included).
MATCH (j:Jurisdiction)
RETURN j.id AS id, j.name AS name, j.level AS level,
       COUNT { (:Department)-[:IN]->(j) } AS departments,
       COUNT { (:Duty)-[:FROM]->(:Document)-[:IN]->(j) } AS duties
ORDER BY name
