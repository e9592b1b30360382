"""User tasks (新增任务) in SQLite: inserted once, never updated or deleted."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from zhize.graph.errors import InputError
from zhize.graph.models import Task
from zhize.graph.schema import task_id

_COLUMNS = "id, jurisdiction, text, actor, created_at"


def _task(row: tuple) -> Task:
    return Task(id=row[0], jurisdiction=row[1], text=row[2], actor=row[3], created_at=datetime.fromisoformat(row[4]))


def add(con: sqlite3.Connection, jurisdiction: str | None, text: str, actor: str, at: datetime) -> Task:
    body = " ".join((text or "").split())
    if not body:
        raise InputError("任务内容不能为空")
    place = (jurisdiction or "").strip() or None
    tid = task_id(place, body)
    con.execute(f"INSERT OR IGNORE INTO task({_COLUMNS}) VALUES (?,?,?,?,?)",
                (tid, place, body, actor, at.isoformat(timespec="seconds")))
    return _task(con.execute(f"SELECT {_COLUMNS} FROM task WHERE id = ?", (tid,)).fetchone())


def select(con: sqlite3.Connection, jurisdiction: str | None) -> list[Task]:
    sql, args = f"SELECT {_COLUMNS} FROM task", ()
    if jurisdiction is not None:
        sql, args = sql + " WHERE jurisdiction = ? OR jurisdiction IS NULL", (jurisdiction,)
    return [_task(r) for r in con.execute(sql + " ORDER BY created_at, id", args)]
