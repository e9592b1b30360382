-- Zhize SQLite schema, version 5: a document whose place could not be read from it says so.
-- Its jurisdiction is then the bucket 未知 and its department names carry no place; the user sets
-- the place (zhize documents set DOC --place …) and the records are derived again.
ALTER TABLE document ADD COLUMN place_unknown INTEGER NOT NULL DEFAULT 0;
CREATE INDEX document_place_unknown ON document(place_unknown) WHERE place_unknown = 1;
