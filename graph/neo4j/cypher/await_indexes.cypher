// Wait until every index is online (a new full-text index populates in the background).
CALL db.awaitIndexes($seconds)
