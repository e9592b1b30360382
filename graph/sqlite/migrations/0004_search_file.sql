-- Zhize SQLite schema, version 4: the trigram index moves to its own file (`<store>.search`,
-- see graph/sqlite/search_index.py), written by a background thread in parallel with loading.
-- The store keeps what the index needs: an id the index file must match, and the bodies of
-- deleted duties until the index has taken them out.
DROP TABLE duty_vocab_lead;
DROP TABLE duty_vocab_other;
DROP TABLE duty_fts_lead;
DROP TABLE duty_fts_other;
DELETE FROM meta WHERE key = 'fts_watermark';
INSERT INTO meta(key, value) VALUES ('store_id', lower(hex(randomblob(16))));
CREATE TABLE fts_garbage (
    id INTEGER PRIMARY KEY, duty INTEGER NOT NULL, role TEXT NOT NULL, body TEXT NOT NULL
);
