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


def _new_row(f: Finding, at: datetime) -> Row:
    return {**_report(f, at), "detector": f.detector, "kind": f.kind, "jurisdiction": f.jurisdiction,
            "matter": f.matter, "departments": list(f.departments), "status": str(FindingStatus.OPEN)}


def _change_row(finding: str, seq: int, at: datetime, actor: str, before: FindingStatus | None,
                change: Transition) -> Row:
    return {"id": f"{finding}#{seq}", "finding": finding, "seq": seq, "at": at, "actor": actor,
            "from_status": str(before) if before else None, "to_status": str(change.to),
            "reason": change.reason, "category": str(change.category) if change.category else None,
            "deadline": change.deadline}


def _status_row(finding: str, change: Transition) -> Row:
    return {"id": finding, "status": str(change.to),
            "category": str(change.category) if change.category else None, "deadline": change.deadline}


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
        statuses.append(_status_row(f.id, change))
        changes.append(_change_row(f.id, steps[f.id] + 1, at, actor, FindingStatus.RESOLVED, change))
    for fid in plan.resolve:
        change = Transition(FindingStatus.RESOLVED, resolved_reason(at))
        statuses.append(_status_row(fid, change))
        changes.append(_change_row(fid, steps[fid] + 1, at, actor, existing[fid], change))
    run(tx, "create_findings", rows=[_new_row(f, at) for f in plan.new])
    run(tx, "refresh_findings", rows=[_report(f, at) for f in plan.seen_again + plan.reopen])
    run(tx, "set_finding_status", rows=statuses)
    run(tx, "append_finding_changes", rows=changes)
    run(tx, "link_finding_departments", rows=_involves(plan.new + plan.seen_again + plan.reopen))
    return CheckSummary(new=len(plan.new), seen_again=len(plan.seen_again), reopened=len(plan.reopen),
                        resolved=len(plan.resolve))


def transition(tx: Tx, finding: str, change: Transition, actor: str, at: datetime) -> None:
    found = run(tx, "finding_state", finding=finding)
    if not found:
        raise NotFound(f"问题 {finding} 不存在")
    current = FindingStatus(found[0]["status"])
    validate_transition(current, change)
    run(tx, "set_finding_status", rows=[_status_row(finding, change)])
    seq = (found[0]["changes"] or 0) + 1
    run(tx, "append_finding_changes", rows=[_change_row(finding, seq, to_second(at), actor, current, change)])


def get(tx: Tx, finding: str) -> LedgerEntry:
    found = run(tx, "finding", finding=finding)
    if not found:
        raise NotFound(f"问题 {finding} 不存在")
    row = found[0]
    history = sorted(row["history"], key=lambda c: c["seq"])
    return entry(row, [history_step(c) for c in history])


def select(tx: Tx, where: FindingFilter) -> list[LedgerEntry]:
    found = run(tx, "findings", jurisdiction=where.jurisdiction, kind=where.kind, detector=where.detector,
                status=str(where.status) if where.status is not None else None,
                department=where.department or None, offset=max(where.offset, 0),
                limit=cypher_limit(where.limit))
    return [entry(r, []) for r in found]


def history_step(c: Row) -> FindingChange:
    return FindingChange(at=c["at"], actor=c["actor"], from_status=c["from_status"], to_status=c["to_status"],
                         reason=c["reason"], category=c["category"], deadline=c["deadline"])


def entry(row: Row, history: list[FindingChange]) -> LedgerEntry:
    finding = Finding(id=row["id"], detector=row["detector"], kind=row["kind"], severity=row["severity"],
                      confidence=row["confidence"], jurisdiction=row["jurisdiction"], matter=row["matter"],
                      departments=list(row["departments"]),
                      evidence=[Evidence(**e) for e in json.loads(row["evidence"])], message=row["message"])
    return LedgerEntry(finding=finding, status=row["status"], category=row["category"],
                       deadline=row["deadline"], first_seen=row["first_seen"], last_seen=row["last_seen"],
                       history=history)
