-- Zhize SQLite schema, version 7: the columns of a 问题台账 an office fills in by hand (责任单位,
-- 整改措施, 责任人, 整改进展), when an entry was closed (销号时间), a short readable number per
-- entry (year first seen and a sequence, 2026-015), and the columns an edit changed in history.
ALTER TABLE finding ADD COLUMN number TEXT;
ALTER TABLE finding ADD COLUMN responsible_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE finding ADD COLUMN measures TEXT NOT NULL DEFAULT '';
ALTER TABLE finding ADD COLUMN responsible_person TEXT NOT NULL DEFAULT '';
ALTER TABLE finding ADD COLUMN progress TEXT NOT NULL DEFAULT '';
ALTER TABLE finding ADD COLUMN closed_at TEXT;
ALTER TABLE finding_change ADD COLUMN edits TEXT;
-- Entries already in the ledger are numbered in the order they were first seen, per year.
UPDATE finding SET number = (
    SELECT printf('%s-%03d', substr(x.first_seen, 1, 4), x.seq) FROM (
        SELECT id, first_seen, row_number() OVER (PARTITION BY substr(first_seen, 1, 4) ORDER BY first_seen, id) AS seq
        FROM finding) AS x
    WHERE x.id = finding.id);
UPDATE finding SET closed_at = (
    SELECT max(c.at) FROM finding_change AS c WHERE c.finding_id = finding.id AND c.to_status = '已销号')
WHERE status = '已销号';
CREATE UNIQUE INDEX finding_number ON finding(number);
