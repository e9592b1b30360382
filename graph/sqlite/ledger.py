"""The findings ledger in SQLite. Rows are updated and history appended; nothing is deleted."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime

from zhize.graph.errors import NotFound
from zhize.graph.ledger import (
    Transition,
    edit_reason,
    format_number,
    plan_check,
    plan_edits,
    validate_transition,
)
from zhize.graph.models import (
    CheckSummary,
    Evidence,
    Finding,
    FindingChange,
    FindingFilter,
    FindingStatus,
    LedgerEntry,
    LedgerFields,
)
from zhize.graph.sqlite.db import dumps, placeholders

_COLUMNS = ("id, detector, kind, severity, confidence, jurisdiction, matter, departments, evidence, message,"
            " status, category, deadline, first_seen, last_seen, number, responsible_unit, measures,"
            " responsible_person, progress, closed_at")


def _iso(at: datetime) -> str:
    return at.isoformat(timespec="seconds")


def _append_change(con: sqlite3.Connection, finding: str, at: datetime, actor: str,
                   before: FindingStatus | None, change: Transition, edits: dict[str, str] | None = None) -> None:
    con.execute(
        "INSERT INTO finding_change(finding_id, at, actor, from_status, to_status, reason, category, deadline,"
        " edits) VALUES (?,?,?,?,?,?,?,?,?)",
        (finding, _iso(at), actor, before, change.to, change.reason, change.category,
         change.deadline.isoformat() if change.deadline else None, dumps(edits) if edits else None))


def _insert(con: sqlite3.Connection, f: Finding, at: datetime, number: str) -> None:
    con.execute(
        "INSERT INTO finding(id, detector, kind, severity, confidence, jurisdiction, matter, departments, evidence,"
        " message, status, first_seen, last_seen, number) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (f.id, f.detector, f.kind, f.severity, f.confidence, f.jurisdiction, f.matter, dumps(f.departments),
         _evidence_json(f), f.message, FindingStatus.OPEN, _iso(at), _iso(at), number))
    con.executemany("INSERT OR IGNORE INTO finding_department(finding_id, department) VALUES (?,?)",
                    [(f.id, d) for d in f.departments])


def _evidence_json(f: Finding) -> str:
    return json.dumps([e.model_dump(mode="json") for e in f.evidence], ensure_ascii=False)


def _refresh(con: sqlite3.Connection, f: Finding, at: datetime) -> None:
    con.execute("UPDATE finding SET evidence = ?, message = ?, severity = ?, confidence = ?, last_seen = ?"
                " WHERE id = ?", (_evidence_json(f), f.message, f.severity, f.confidence, _iso(at), f.id))


def _set_status(con: sqlite3.Connection, finding: str, change: Transition, at: datetime) -> None:
    """The new status; category and deadline kept unless given; 销号时间 set on closing and
    cleared when the entry is opened again."""
    closed = _iso(at) if change.to == FindingStatus.CLOSED else None
    con.execute("UPDATE finding SET status = ?, category = coalesce(?, category),"
                " deadline = coalesce(?, deadline), closed_at = CASE WHEN ? IS NOT NULL THEN ?"
                " WHEN ? = ? THEN NULL ELSE closed_at END WHERE id = ?",
                (change.to, change.category, change.deadline.isoformat() if change.deadline else None,
                 closed, closed, change.to, FindingStatus.OPEN, finding))


def _next_sequence(con: sqlite3.Connection, year: int) -> int:
    row = con.execute("SELECT max(CAST(substr(number, 6) AS INTEGER)) FROM finding WHERE number LIKE ?",
                      (f"{year:04d}-%",)).fetchone()
    return (row[0] or 0) + 1


def record_check(con: sqlite3.Connection, jurisdiction: str, findings: list[Finding], actor: str,
                 at: datetime, detectors: list[str] | None) -> CheckSummary:
    sql, args = "SELECT id, status FROM finding WHERE jurisdiction = ?", [jurisdiction]
    if detectors is not None:
        sql += f" AND detector IN ({placeholders(len(detectors)) or 'NULL'})"
        args += detectors
    existing = {i: FindingStatus(s) for i, s in con.execute(sql, args)}
    plan = plan_check(existing, findings)
    sequence = _next_sequence(con, at.year) if plan.new else 0
    for i, f in enumerate(plan.new):
        _insert(con, f, at, format_number(at.year, sequence + i))
        _append_change(con, f.id, at, actor, None, Transition(FindingStatus.OPEN, "检测发现"))
    for f in plan.seen_again + plan.reopen:
        _refresh(con, f, at)
    for f in plan.reopen:
        change = Transition(FindingStatus.OPEN, "再次检测到该问题")
        _set_status(con, f.id, change, at)
        _append_change(con, f.id, at, actor, FindingStatus.RESOLVED, change)
    for fid in plan.resolve:
        change = Transition(FindingStatus.RESOLVED, f"{at.date().isoformat()} 检测未再发现该问题")
        _set_status(con, fid, change, at)
        _append_change(con, fid, at, actor, existing[fid], change)
    return CheckSummary(new=len(plan.new), seen_again=len(plan.seen_again), reopened=len(plan.reopen),
                        resolved=len(plan.resolve))


def transition(con: sqlite3.Connection, finding: str, change: Transition, actor: str, at: datetime) -> str:
    """Apply a status change; returns the entry's id (`finding` may be its number)."""
    row = con.execute("SELECT id, status FROM finding WHERE id = ? OR number = ?", (finding, finding)).fetchone()
    if row is None:
        raise NotFound(f"问题 {finding} 不存在")
    validate_transition(FindingStatus(row[1]), change)
    _set_status(con, row[0], change, at)
    _append_change(con, row[0], at, actor, FindingStatus(row[1]), change)
    return row[0]


def annotate(con: sqlite3.Connection, finding: str, fields: LedgerFields, actor: str, at: datetime) -> str:
    """Write the columns an office fills in; the edit is a history step. Returns the entry's id."""
    entry = get(con, finding)
    edits = plan_edits(entry, fields)
    if edits:
        fid = entry.finding.id
        con.execute(f"UPDATE finding SET {', '.join(f'{k} = ?' for k in edits)} WHERE id = ?",
                    [*edits.values(), fid])
        _append_change(con, fid, at, actor, entry.status, Transition(entry.status, edit_reason(edits)), edits)
    return entry.finding.id


def _entry(con: sqlite3.Connection, row: tuple, with_history: bool) -> LedgerEntry:
    finding = Finding(id=row[0], detector=row[1], kind=row[2], severity=row[3], confidence=row[4],
                      jurisdiction=row[5], matter=row[6], departments=json.loads(row[7]),
                      evidence=[Evidence(**e) for e in json.loads(row[8])], message=row[9])
    history = history_of(con, row[0]) if with_history else []
    return LedgerEntry(finding=finding, status=row[10], category=row[11],
                       deadline=date.fromisoformat(row[12]) if row[12] else None,
                       first_seen=datetime.fromisoformat(row[13]), last_seen=datetime.fromisoformat(row[14]),
                       history=history, number=row[15], responsible_unit=row[16], measures=row[17],
                       responsible_person=row[18], progress=row[19],
                       closed_at=datetime.fromisoformat(row[20]) if row[20] else None)


def history_of(con: sqlite3.Connection, finding: str) -> list[FindingChange]:
    rows = con.execute("SELECT at, actor, from_status, to_status, reason, category, deadline, edits"
                       " FROM finding_change WHERE finding_id = ? ORDER BY id", (finding,))
    return [FindingChange(at=datetime.fromisoformat(r[0]), actor=r[1], from_status=r[2], to_status=r[3],
                          reason=r[4], category=r[5], deadline=date.fromisoformat(r[6]) if r[6] else None,
                          edits=json.loads(r[7]) if r[7] else {})
            for r in rows]


def histories(con: sqlite3.Connection, findings: list[str]) -> dict[str, list[FindingChange]]:
    """The history of each of `findings` (one statement per chunk, not one per entry)."""
    out: dict[str, list[FindingChange]] = {f: [] for f in findings}
    for start in range(0, len(findings), 500):
        part = findings[start:start + 500]
        rows = con.execute("SELECT finding_id, at, actor, from_status, to_status, reason, category, deadline, edits"
                           f" FROM finding_change WHERE finding_id IN ({placeholders(len(part))}) ORDER BY id", part)
        for r in rows:
            out[r[0]].append(FindingChange(
                at=datetime.fromisoformat(r[1]), actor=r[2], from_status=r[3], to_status=r[4], reason=r[5],
                category=r[6], deadline=date.fromisoformat(r[7]) if r[7] else None,
                edits=json.loads(r[8]) if r[8] else {}))
    return out


def get(con: sqlite3.Connection, finding: str) -> LedgerEntry:
    """By id or by number (2026-015)."""
    row = con.execute(f"SELECT {_COLUMNS} FROM finding WHERE id = ? OR number = ?", (finding, finding)).fetchone()
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
    sql += " ORDER BY first_seen, number, id LIMIT ? OFFSET ?"
    rows = con.execute(sql, args + [where.limit, where.offset]).fetchall()
    entries = [_entry(con, r, with_history=False) for r in rows]
    if not where.history:
        return entries
    steps = histories(con, [e.finding.id for e in entries])
    return [e.model_copy(update={"history": steps[e.finding.id]}) for e in entries]
