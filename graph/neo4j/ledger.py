"""The findings ledger in Neo4j: entries are updated and history appended; nothing is deleted.

A ledger entry is a `Finding` node; each step of its history a `FindingChange` node linked by
HAS_CHANGE and numbered by `seq` from 1. Times are kept to the second, as the SQLite store
keeps them, so both stores return the same entries.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

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
from zhize.graph.neo4j.connection import run
from zhize.graph.neo4j.read import cypher_limit
from zhize.graph.schema import department_id

Tx = Any
Row = dict[str, Any]

FOUND = "检测发现"
FOUND_AGAIN = "再次检测到该问题"


def resolved_reason(at: datetime) -> str:
    return f"{at.date().isoformat()} 检测未再发现该问题"


def to_second(at: datetime) -> datetime:
    return at.replace(microsecond=0)


def _evidence_json(f: Finding) -> str:
    return json.dumps([e.model_dump(mode="json") for e in f.evidence], ensure_ascii=False)


def _report(f: Finding, at: datetime) -> Row:
    return {"id": f.id, "evidence": _evidence_json(f), "message": f.message, "severity": str(f.severity),
            "confidence": f.confidence, "at": at}


def _new_row(f: Finding, at: datetime, number: str) -> Row:
    return {**_report(f, at), "detector": f.detector, "kind": f.kind, "jurisdiction": f.jurisdiction,
            "matter": f.matter, "departments": list(f.departments), "status": str(FindingStatus.OPEN),
            "number": number}


def _change_row(finding: str, seq: int, at: datetime, actor: str, before: FindingStatus | None,
                change: Transition, edits: dict[str, str] | None = None) -> Row:
    return {"id": f"{finding}#{seq}", "finding": finding, "seq": seq, "at": at, "actor": actor,
            "from_status": str(before) if before else None, "to_status": str(change.to),
            "reason": change.reason, "category": str(change.category) if change.category else None,
            "deadline": change.deadline,
            "edits": json.dumps(edits, ensure_ascii=False, sort_keys=True) if edits else None}


def _status_row(finding: str, change: Transition, at: datetime) -> Row:
    return {"id": finding, "status": str(change.to),
            "category": str(change.category) if change.category else None, "deadline": change.deadline,
            "closed_at": at if change.to == FindingStatus.CLOSED else None}


def _numbers(tx: Tx, findings: list[Finding], at: datetime) -> list[str]:
    """Numbers for new entries first seen at `at`: the year and the next sequences (2026-015)."""
    if not findings:
        return []
    prefix = f"{at.year:04d}-"
    last = run(tx, "finding_last_number", prefix=prefix)
    start = (last[0]["last"] if last and last[0]["last"] else 0) + 1
    return [format_number(at.year, start + i) for i in range(len(findings))]


def _involves(findings: list[Finding]) -> list[Row]:
    return [{"finding": f.id, "department": department_id(f.jurisdiction, name)}
            for f in findings for name in dict.fromkeys(f.departments)]


def record_check(tx: Tx, jurisdiction: str, findings: list[Finding], actor: str, at: datetime,
                 detectors: list[str] | None) -> CheckSummary:
    at = to_second(at)
    scope = run(tx, "finding_statuses", jurisdiction=jurisdiction,
                detectors=list(detectors) if detectors is not None else None)
    existing = {r["id"]: FindingStatus(r["status"]) for r in scope}
    steps = {r["id"]: r["changes"] or 0 for r in scope}
    plan = plan_check(existing, findings)
    changes, statuses = [], []
    for f in plan.new:
        changes.append(_change_row(f.id, 1, at, actor, None, Transition(FindingStatus.OPEN, FOUND)))
    for f in plan.reopen:
        change = Transition(FindingStatus.OPEN, FOUND_AGAIN)
        statuses.append(_status_row(f.id, change, at))
        changes.append(_change_row(f.id, steps[f.id] + 1, at, actor, FindingStatus.RESOLVED, change))
    for fid in plan.resolve:
        change = Transition(FindingStatus.RESOLVED, resolved_reason(at))
        statuses.append(_status_row(fid, change, at))
        changes.append(_change_row(fid, steps[fid] + 1, at, actor, existing[fid], change))
    numbers = _numbers(tx, plan.new, at)
    run(tx, "create_findings", rows=[_new_row(f, at, n) for f, n in zip(plan.new, numbers, strict=True)])
    run(tx, "refresh_findings", rows=[_report(f, at) for f in plan.seen_again + plan.reopen])
    run(tx, "set_finding_status", rows=statuses)
    run(tx, "append_finding_changes", rows=changes)
    run(tx, "link_finding_departments", rows=_involves(plan.new + plan.seen_again + plan.reopen))
    return CheckSummary(new=len(plan.new), seen_again=len(plan.seen_again), reopened=len(plan.reopen),
                        resolved=len(plan.resolve))


def transition(tx: Tx, finding: str, change: Transition, actor: str, at: datetime) -> str:
    """Apply a status change; returns the entry's id (`finding` may be its number)."""
    found = run(tx, "finding_state", finding=finding)
    if not found:
        raise NotFound(f"问题 {finding} 不存在")
    fid, current = found[0]["id"], FindingStatus(found[0]["status"])
    validate_transition(current, change)
    at = to_second(at)
    run(tx, "set_finding_status", rows=[_status_row(fid, change, at)])
    seq = (found[0]["changes"] or 0) + 1
    run(tx, "append_finding_changes", rows=[_change_row(fid, seq, at, actor, current, change)])
    return fid


def annotate(tx: Tx, finding: str, fields: LedgerFields, actor: str, at: datetime) -> str:
    """Write the columns an office fills in; the edit is a history step. Returns the entry's id."""
    current = get(tx, finding)
    edits = plan_edits(current, fields)
    fid = current.finding.id
    if edits:
        run(tx, "set_finding_fields", finding=fid, fields=edits)
        change = Transition(current.status, edit_reason(edits))
        run(tx, "append_finding_changes",
            rows=[_change_row(fid, len(current.history) + 1, to_second(at), actor, current.status, change, edits)])
    return fid


def get(tx: Tx, finding: str) -> LedgerEntry:
    found = run(tx, "finding", finding=finding)
    if not found:
        raise NotFound(f"问题 {finding} 不存在")
    return entry(found[0], steps_of(found[0]))


def select(tx: Tx, where: FindingFilter) -> list[LedgerEntry]:
    found = run(tx, "findings", jurisdiction=where.jurisdiction, kind=where.kind, detector=where.detector,
                status=str(where.status) if where.status is not None else None,
                department=where.department or None, offset=max(where.offset, 0),
                limit=cypher_limit(where.limit), history=where.history)
    return [entry(r, steps_of(r)) for r in found]


def steps_of(row: Row) -> list[FindingChange]:
    return [history_step(c) for c in sorted(row["history"], key=lambda c: c["seq"])]


def history_step(c: Row) -> FindingChange:
    return FindingChange(at=c["at"], actor=c["actor"], from_status=c["from_status"], to_status=c["to_status"],
                         reason=c["reason"], category=c["category"], deadline=c["deadline"],
                         edits=json.loads(c["edits"]) if c.get("edits") else {})


def entry(row: Row, history: list[FindingChange]) -> LedgerEntry:
    finding = Finding(id=row["id"], detector=row["detector"], kind=row["kind"], severity=row["severity"],
                      confidence=row["confidence"], jurisdiction=row["jurisdiction"], matter=row["matter"],
                      departments=list(row["departments"]),
                      evidence=[Evidence(**e) for e in json.loads(row["evidence"])], message=row["message"])
    return LedgerEntry(finding=finding, status=row["status"], category=row["category"],
                       deadline=row["deadline"], first_seen=row["first_seen"], last_seen=row["last_seen"],
                       history=history, number=row.get("number"),
                       responsible_unit=row.get("responsible_unit") or "", measures=row.get("measures") or "",
                       responsible_person=row.get("responsible_person") or "", progress=row.get("progress") or "",
                       closed_at=row.get("closed_at"))
