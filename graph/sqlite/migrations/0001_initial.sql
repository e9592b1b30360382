-- Zhize SQLite schema, version 1. Table names follow graph/schema.py labels.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE jurisdiction (
    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, level TEXT NOT NULL
);

CREATE TABLE document (
    seq INTEGER PRIMARY KEY,        -- internal number; duties point here
    id TEXT NOT NULL UNIQUE,        -- sha256
    kind TEXT NOT NULL, title TEXT NOT NULL,
    jurisdiction_id TEXT NOT NULL REFERENCES jurisdiction(id),
    issue_date TEXT NOT NULL, subject_id TEXT, source TEXT, chars INTEGER,
    valid_to TEXT,                  -- derived: superseded or subject ended
    duty_lo INTEGER, duty_hi INTEGER, -- the document's duties are rowids lo..hi
    loaded_at TEXT NOT NULL
);
CREATE INDEX document_jurisdiction ON document(jurisdiction_id, issue_date);
CREATE INDEX document_subject ON document(subject_id, issue_date);
CREATE INDEX document_source ON document(source);

CREATE TABLE department (
    id TEXT PRIMARY KEY, jurisdiction_id TEXT NOT NULL REFERENCES jurisdiction(id),
    name TEXT NOT NULL, valid_from TEXT, valid_to TEXT      -- derived from events
);
CREATE INDEX department_jurisdiction ON department(jurisdiction_id, name);

-- What each document says about a department (aliases, plaques, rank, type).
CREATE TABLE department_fact (
    document_id TEXT NOT NULL REFERENCES document(id), department_id TEXT NOT NULL,
    aliases TEXT NOT NULL, plaques TEXT NOT NULL, rank TEXT, type TEXT,
    PRIMARY KEY (department_id, document_id)
) WITHOUT ROWID;
CREATE INDEX department_fact_document ON department_fact(document_id);

CREATE TABLE unit (
    id TEXT PRIMARY KEY, key TEXT NOT NULL, document_id TEXT NOT NULL REFERENCES document(id),
    ordinal INTEGER NOT NULL, department_id TEXT NOT NULL, name TEXT NOT NULL,
    plaques TEXT NOT NULL, clause TEXT NOT NULL, span_start INTEGER, span_end INTEGER
);
CREATE INDEX unit_document ON unit(document_id);
CREATE INDEX unit_department ON unit(department_id);

-- Duties are the bulk of the data: integer keys in insertion order, one document's duties in
-- one rowid range, and one secondary index keep loading fast. Rowids are never reused (meta
-- 'next_duty'), so the index watermark stays truthful. Public id: record_id('t', document, ordinal).
CREATE TABLE duty (
    rowid INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES document(seq), ordinal INTEGER NOT NULL,
    jurisdiction_id TEXT NOT NULL, department_id TEXT NOT NULL, unit_id TEXT, body TEXT NOT NULL,
    role TEXT NOT NULL, section TEXT NOT NULL, clause TEXT NOT NULL,
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL
);
CREATE INDEX duty_jurisdiction ON duty(jurisdiction_id);

CREATE TABLE duty_matter (
    duty INTEGER NOT NULL, matter TEXT NOT NULL, wording TEXT NOT NULL,
    PRIMARY KEY (duty, matter)
) WITHOUT ROWID;

CREATE TABLE boundary (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES document(id), ordinal INTEGER NOT NULL,
    matter TEXT, wording TEXT, text TEXT NOT NULL, clause TEXT NOT NULL,
    span_start INTEGER, span_end INTEGER
);
CREATE INDEX boundary_document ON boundary(document_id);
CREATE TABLE boundary_party (
    boundary_id TEXT NOT NULL, department_id TEXT NOT NULL, does TEXT NOT NULL, role TEXT NOT NULL,
    PRIMARY KEY (boundary_id, department_id)
) WITHOUT ROWID;

CREATE TABLE staffing (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES document(id), ordinal INTEGER NOT NULL,
    department_id TEXT NOT NULL, administrative INTEGER, other TEXT NOT NULL,
    leaders TEXT NOT NULL, posts TEXT NOT NULL, clause TEXT NOT NULL, span_start INTEGER, span_end INTEGER
);
CREATE INDEX staffing_document ON staffing(document_id);

CREATE TABLE event (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES document(id), ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL, date TEXT NOT NULL, duty TEXT, detail TEXT NOT NULL, text TEXT NOT NULL,
    clause TEXT NOT NULL, span_start INTEGER, span_end INTEGER
);
CREATE INDEX event_document ON event(document_id);
CREATE TABLE event_department (
    event_id TEXT NOT NULL, department_id TEXT NOT NULL, side TEXT NOT NULL,
    PRIMARY KEY (event_id, side, department_id)
) WITHOUT ROWID;
CREATE INDEX event_department_department ON event_department(department_id);
CREATE TABLE event_matter (
    event_id TEXT NOT NULL, matter TEXT NOT NULL, wording TEXT NOT NULL,
    PRIMARY KEY (event_id, matter)
) WITHOUT ROWID;

-- The findings ledger: nothing here is ever deleted.
CREATE TABLE finding (
    id TEXT PRIMARY KEY, detector TEXT NOT NULL, kind TEXT NOT NULL, severity TEXT NOT NULL,
    confidence REAL NOT NULL, jurisdiction TEXT NOT NULL, matter TEXT, departments TEXT NOT NULL,
    evidence TEXT NOT NULL, message TEXT NOT NULL, status TEXT NOT NULL, category TEXT, deadline TEXT,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL
);
CREATE INDEX finding_scope ON finding(jurisdiction, detector);
CREATE INDEX finding_status ON finding(status);
CREATE TABLE finding_department (
    finding_id TEXT NOT NULL, department TEXT NOT NULL, PRIMARY KEY (department, finding_id)
) WITHOUT ROWID;
CREATE TABLE finding_change (
    id INTEGER PRIMARY KEY, finding_id TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
    from_status TEXT, to_status TEXT NOT NULL, reason TEXT NOT NULL, category TEXT, deadline TEXT
);
CREATE INDEX finding_change_finding ON finding_change(finding_id, id);

-- Store-wide substring search: a trigram index over duty bodies (rowid = duty rowid), built in
-- batches after documents commit; meta 'fts_watermark' is the highest duty rowid indexed and
-- search scans the duties above it. Case-sensitive (matches are checked with instr anyway, and
-- folding halves the indexing speed). Each body is indexed with two trailing pad characters so
-- that every 1- and 2-character substring begins some trigram: short queries expand to those.
CREATE VIRTUAL TABLE duty_fts USING fts5(
    body, content='', tokenize='trigram case_sensitive 1', detail='none', columnsize=0
);
CREATE VIRTUAL TABLE duty_vocab USING fts5vocab(duty_fts, 'row');
INSERT INTO meta(key, value) VALUES ('fts_watermark', '0');
INSERT INTO meta(key, value) VALUES ('next_duty', '1');
