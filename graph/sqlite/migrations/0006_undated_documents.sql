-- Zhize SQLite schema, version 6: documents without an issue date, and where a date comes from.
--
-- An undated document keeps issue_date '' (the empty string sorts before every ISO date, so it
-- counts as issued at any date), and so do its events; reads give None. date_source says where
-- the date was read (印发, 落款, 施行, 成文日期 …), that a user gave it (用户指定), or that it was
-- inferred (推定); NULL for documents loaded before this version.
ALTER TABLE document ADD COLUMN date_source TEXT;
