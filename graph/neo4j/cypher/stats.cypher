// How much the store holds.
RETURN COUNT { (:Document) } AS documents,
       COUNT { (:Jurisdiction) } AS jurisdictions,
       COUNT { (:Department) } AS departments,
       COUNT { (:Unit) } AS units,
       COUNT { (:Duty) } AS duties,
       COUNT { (m:Matter) WHERE EXISTS { ()-[:CONCERNS]->(m) } } AS matters,
       COUNT { (:Event) } AS events,
       COUNT { (:Boundary) } AS boundaries
