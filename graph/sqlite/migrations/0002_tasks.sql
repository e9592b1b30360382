-- Zhize SQLite schema, version 2: tasks users ask to be assigned (新增任务), checked by detector
-- GAP003. Never deleted. jurisdiction NULL: the task applies to every jurisdiction.
CREATE TABLE task (
    id TEXT PRIMARY KEY, jurisdiction TEXT, text TEXT NOT NULL, actor TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE INDEX task_jurisdiction ON task(jurisdiction, created_at);
