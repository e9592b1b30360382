// The document most recently loaded from a file.
MATCH (doc:Document)
WHERE doc.source = $source
WITH doc
ORDER BY doc.loaded_at DESC, doc.id
LIMIT 1
RETURN doc.id AS id
