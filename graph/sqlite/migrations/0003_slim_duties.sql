-- Zhize SQLite schema, version 3: slimmer duty rows for bulk loading, a search index split by role.
--
-- Measured (bench/store_bench.py, 200k-row micro runs): a 12-column duty row with a secondary
-- index and a separate duty_matter row cost 11.2 us per duty to insert; 10 columns with the
-- matters inline and no secondary index cost 5.6 us. So:
--  * ordinal is not stored: a document's duties are the rowids duty_lo..duty_hi in order, so
--    ordinal = rowid - duty_lo;
--  * jurisdiction_id is not stored: a jurisdiction's duties are the rowid ranges of its documents;
--  * matters are inline: 'key' US 'wording', several joined by RS (char 31 and 30, which the
--    writer keeps out of keys and wordings); document.matters lists the document's matter keys (RS-separated).
-- The trigram index is split into lead duties and the rest, so a store-wide search knows how
-- many lead hits there are before it decides how to find the first page (see read.search).
CREATE TABLE duty_new (
    rowid INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES document(seq),
    department_id TEXT NOT NULL, unit_id TEXT, body TEXT NOT NULL, role TEXT NOT NULL,
    section TEXT NOT NULL, clause TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    matters TEXT
);
INSERT INTO duty_new(rowid, doc, department_id, unit_id, body, role, section, clause, span_start, span_end, matters)
SELECT d.rowid, d.doc, d.department_id, d.unit_id, d.body, d.role, d.section, d.clause, d.span_start, d.span_end,
       (SELECT group_concat(m.matter || char(31) || m.wording, char(30)) FROM duty_matter m WHERE m.duty = d.rowid)
FROM duty d ORDER BY d.rowid;

ALTER TABLE document ADD COLUMN matters TEXT;
UPDATE document SET matters = (
    SELECT group_concat(matter, char(30)) FROM (
        SELECT DISTINCT m.matter FROM duty d JOIN duty_matter m ON m.duty = d.rowid WHERE d.doc = document.seq));

DROP TABLE duty_matter;
DROP INDEX duty_jurisdiction;
DROP TABLE duty;
ALTER TABLE duty_new RENAME TO duty;

-- Store-wide search walks documents in (jurisdiction name, title, id) order.
CREATE UNIQUE INDEX document_order ON document(jurisdiction_id, title, id);

DROP TABLE duty_vocab;
DROP TABLE duty_fts;
CREATE VIRTUAL TABLE duty_fts_lead USING fts5(
    body, content='', tokenize='trigram case_sensitive 1', detail='none', columnsize=0
);
CREATE VIRTUAL TABLE duty_fts_other USING fts5(
    body, content='', tokenize='trigram case_sensitive 1', detail='none', columnsize=0
);
-- Larger leaf pages and merging 8 segments at a time instead of 4: measured at 1M duties,
-- 6.5 -> 4.9 us per indexed duty; search p95 stays under 10 ms.
INSERT INTO duty_fts_lead(duty_fts_lead, rank) VALUES ('pgsz', 8000);
INSERT INTO duty_fts_other(duty_fts_other, rank) VALUES ('pgsz', 8000);
INSERT INTO duty_fts_lead(duty_fts_lead, rank) VALUES ('automerge', 8);
INSERT INTO duty_fts_other(duty_fts_other, rank) VALUES ('automerge', 8);
CREATE VIRTUAL TABLE duty_vocab_lead USING fts5vocab(duty_fts_lead, 'row');
CREATE VIRTUAL TABLE duty_vocab_other USING fts5vocab(duty_fts_other, 'row');
INSERT INTO duty_fts_lead(rowid, body)
SELECT rowid, body || char(31, 31) FROM duty
WHERE role = 'lead' AND rowid <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_watermark');
INSERT INTO duty_fts_other(rowid, body)
SELECT rowid, body || char(31, 31) FROM duty
WHERE role <> 'lead' AND rowid <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_watermark');
