"""The findings ledger in SQLite. Rows are updated and history appended; nothing is deleted."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime

from zhize.graph.errors import NotFound
from zhize.graph.ledger import Transition, plan_check, validate_transition
from zhize.graph.models import (
    CheckSummary,
    Evidence,
    Finding,
    FindingChange,
    FindingFilter,
    FindingStatus,
    LedgerEntry,
)
from zhize.graph.sqlite.db import dumps, placeholders

_COLUMNS = ("id, detector, kind, severity, confidence, jurisdiction, matter, departments, evidence, message,"
            " status, category, deadline, first_seen, last_seen")


def _iso(at: datetime) -> str:
    return at.isoformat(timespec="seconds")


def _append_change(con: sqlite3.Connection, finding: str, at: datetime, actor: str,
                   before: FindingStatus | None, change: Transition) -> None:
    con.execute(
        "INSERT INTO finding_change(finding_id, at, actor, from_status, to_status, reason, category, deadline)"
        " VALUES (?,?,?,?,?,?,?,?)",
        (finding, _iso(at), actor, before, change.to, change.reason, change.category,
         change.deadline.isoformat() if change.deadline else None))


def _insert(con: sqlite3.Connection, f: Finding, at: datetime) -> None:
    con.execute(
        f"INSERT INTO finding({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (f.id, f.detector, f.kind, f.severity, f.confidence, f.jurisdiction, f.matter, dumps(f.departments),
         _evidence_json(f), f.message, FindingStatus.OPEN, None, None, _iso(at), _iso(at)))
    con.executemany("INSERT OR IGNORE INTO finding_department(finding_id, department) VALUES (?,?)",
                    [(f.id, d) for d in f.departments])


def _evidence_json(f: Finding) -> str:
    return json.dumps([e.model_dump(mode="json") for e in f.evidence], ensure_ascii=False)


def _refresh(con: sqlite3.Connection, f: Finding, at: datetime) -> None:
    con.execute("UPDATE finding SET evidence = ?, message = ?, severity = ?, confidence = ?, last_seen = ?"
                " WHERE id = ?", (_evidence_json(f), f.message, f.severity, f.confidence, _iso(at), f.id))


def _set_status(con: sqlite3.Connection, finding: str, change: Transition) -> None:
    con.execute("UPDATE finding SET status = ?, category = coalesce(?, category),"
                " deadline = coalesce(?, deadline) WHERE id = ?",
                (change.to, change.category, change.deadline.isoformat() if change.deadline else None, finding))


def record_check(con: sqlite3.Connection, jurisdiction: str, findings: list[Finding], actor: str,
                 at: datetime, detectors: list[str] | None) -> CheckSummary:
    sql, args = "SELECT id, status FROM finding WHERE jurisdiction = ?", [jurisdiction]
    if detectors is not None:
        sql += f" AND detector IN ({placeholders(len(detectors)) or 'NULL'})"
        args += detectors
    existing = {i: FindingStatus(s) for i, s in con.execute(sql, args)}
    plan = plan_check(existing, findings)
    for f in plan.new:
        _insert(con, f, at)
        _append_change(con, f.id, at, actor, None, Transition(FindingStatus.OPEN, "检测发现"))
    for f in plan.seen_again + plan.reopen:
        _refresh(con, f, at)
    for f in plan.reopen:
        change = Transition(FindingStatus.OPEN, "再次检测到该问题")
        _set_status(con, f.id, change)
        _append_change(con, f.id, at, actor, FindingStatus.RESOLVED, change)
    for fid in plan.resolve:
        change = Transition(FindingStatus.RESOLVED, f"{at.date().isoformat()} 检测未再发现该问题")
        _set_status(con, fid, change)
        _append_change(con, fid, at, actor, existing[fid], change)
    return CheckSummary(new=len(plan.new), seen_again=len(plan.seen_again), reopened=len(plan.reopen),
                        resolved=len(plan.resolve))


def transition(con: sqlite3.Connection, finding: str, change: Transition, actor: str, at: datetime) -> None:
    row = con.execute("SELECT status FROM finding WHERE id = ?", (finding,)).fetchone()
    if row is None:
        raise NotFound(f"问题 {finding} 不存在")
    validate_transition(FindingStatus(row[0]), change)
    _set_status(con, finding, change)
    _append_change(con, finding, at, actor, FindingStatus(row[0]), change)


def _entry(con: sqlite3.Connection, row: tuple, with_history: bool) -> LedgerEntry:
    finding = Finding(id=row[0], detector=row[1], kind=row[2], severity=row[3], confidence=row[4],
                      jurisdiction=row[5], matter=row[6], departments=json.loads(row[7]),
                      evidence=[Evidence(**e) for e in json.loads(row[8])], message=row[9])
    history = history_of(con, row[0]) if with_history else []
    return LedgerEntry(finding=finding, status=row[10], category=row[11],
                       deadline=date.fromisoformat(row[12]) if row[12] else None,
                       first_seen=datetime.fromisoformat(row[13]), last_seen=datetime.fromisoformat(row[14]),
                       history=history)


def history_of(con: sqlite3.Connection, finding: str) -> list[FindingChange]:
    rows = con.execute("SELECT at, actor, from_status, to_status, reason, category, deadline FROM finding_change"
                       " WHERE finding_id = ? ORDER BY id", (finding,))
    return [FindingChange(at=datetime.fromisoformat(r[0]), actor=r[1], from_status=r[2], to_status=r[3],
                          reason=r[4], category=r[5], deadline=date.fromisoformat(r[6]) if r[6] else None)
            for r in rows]


def get(con: sqlite3.Connection, finding: str) -> LedgerEntry:
    row = con.execute(f"SELECT {_COLUMNS} FROM finding WHERE id = ?", (finding,)).fetchone()
    if row is None:
        raise NotFound(f"问题 {finding} 不存在")
    return _entry(con, row, with_history=True)


def select(con: sqlite3.Connection, where: FindingFilter) -> list[LedgerEntry]:
    clauses, args = [], []
    for column, value in (("jurisdiction", where.jurisdiction), ("kind", where.kind),
                          ("detector", where.detector), ("status", where.status)):
        if value is not None:
            clauses.append(f"{column} = ?")
            args.append(str(value))
    if where.department:
        clauses.append("id IN (SELECT finding_id FROM finding_department WHERE department = ?)")
        args.append(where.department)
    sql = f"SELECT {_COLUMNS} FROM finding" + (" WHERE " + " AND ".join(clauses) if clauses else "")
    sql += " ORDER BY first_seen, id LIMIT ? OFFSET ?"
    rows = con.execute(sql, args + [where.limit, where.offset]).fetchall()
    return [_entry(con, r, with_history=False) for r in rows]
