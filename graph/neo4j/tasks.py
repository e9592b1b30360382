"""User tasks (新增任务) in Neo4j: `Task` nodes, created once, never changed or deleted."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from zhize.graph.errors import InputError
from zhize.graph.models import Task
from zhize.graph.neo4j.connection import run
from zhize.graph.neo4j.ledger import to_second
from zhize.graph.schema import task_id

Tx = Any


def _task(row: dict[str, Any]) -> Task:
    return Task(id=row["id"], jurisdiction=row["jurisdiction"], text=row["text"], actor=row["actor"],
                created_at=row["created_at"])


def add(tx: Tx, jurisdiction: str | None, text: str, actor: str, at: datetime) -> Task:
    body = " ".join((text or "").split())
    if not body:
        raise InputError("任务内容不能为空")
    place = (jurisdiction or "").strip() or None
    [row] = run(tx, "create_task", id=task_id(place, body), jurisdiction=place, text=body, actor=actor,
                at=to_second(at))
    return _task(row)


def select(tx: Tx, jurisdiction: str | None) -> list[Task]:
    return [_task(r) for r in run(tx, "tasks", jurisdiction=jurisdiction)]
