"""The problem ledger's workflow (问题台账): allowed status changes as data, and the merge rule
that turns one check run into ledger changes. Pure functions; stores apply the results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zhize.graph.errors import LedgerError
from zhize.graph.models import Finding, LedgerEntry, LedgerFields, RectifyCategory
from zhize.graph.models import FindingStatus as S

# Changes a reviewer may make. Automatic changes (已消除, reopening) come only from `plan_check`.
TRANSITIONS: dict[S, frozenset[S]] = {
    S.OPEN: frozenset({S.CONFIRMED, S.DISMISSED}),
    S.CONFIRMED: frozenset({S.RECTIFYING, S.DISMISSED, S.CLOSED}),
    S.RECTIFYING: frozenset({S.RECTIFYING, S.CLOSED}),
    S.DISMISSED: frozenset({S.OPEN}),
    S.CLOSED: frozenset({S.OPEN}),
    S.RESOLVED: frozenset({S.CLOSED, S.OPEN}),
}

# Statuses a later check may turn into 已消除 when the problem is no longer detected.
AUTO_RESOLVABLE = frozenset({S.OPEN, S.CONFIRMED, S.RECTIFYING})


@dataclass(frozen=True)
class Transition:
    to: S
    reason: str = ""
    category: RectifyCategory | None = None
    deadline: date | None = None


def validate_transition(current: S, change: Transition) -> None:
    """Raise `LedgerError` (in Chinese) unless the workflow allows `current → change.to`. What the
    change itself lacks (a reason, a category, a deadline) is said first: it is the same whatever
    the entry's status, and the one thing the person asking can fix at once."""
    if change.to in (S.DISMISSED, S.OPEN) and not change.reason.strip():
        raise LedgerError(f"改为“{change.to}”必须说明理由", field="reason")
    if change.to == S.RECTIFYING:
        if change.category is None:
            raise LedgerError("整改须注明类别：立查立改、限时整改或长期坚持", field="category")
        if change.category == RectifyCategory.TIME_LIMITED and change.deadline is None:
            raise LedgerError("限时整改须注明整改期限", field="deadline")
    if change.to not in TRANSITIONS.get(current, frozenset()):
        raise LedgerError(f"问题当前状态为“{current}”，不能改为“{change.to}”")


@dataclass(frozen=True)
class CheckPlan:
    """What one check run does to the ledger of its scope."""

    new: list[Finding]
    seen_again: list[Finding]
    reopen: list[Finding]  # was 已消除, detected again
    resolve: list[str]  # ids no longer detected


def plan_check(existing: dict[str, S], detected: list[Finding]) -> CheckPlan:
    """Merge a run's findings into the ledger state `existing` (id → status) of the same scope."""
    found = {f.id: f for f in detected}
    new = [f for i, f in found.items() if i not in existing]
    reopen = [f for i, f in found.items() if existing.get(i) == S.RESOLVED]
    again = [f for i, f in found.items() if i in existing and existing[i] != S.RESOLVED]
    resolve = [i for i, s in existing.items() if i not in found and s in AUTO_RESOLVABLE]
    return CheckPlan(new, again, reopen, resolve)


# -- the columns an office fills in, short ids, deadlines ---------------------------------------

# LedgerFields name → the column heading of a 问题台账 (as in “责任单位：县水利局”).
FIELD_LABELS = {"responsible_unit": "责任单位", "measures": "整改措施", "responsible_person": "责任人",
                "progress": "整改进展"}
MAX_FIELD = 2000
# Statuses whose deadline still binds: an entry past its deadline in one of them is overdue.
PENDING = frozenset({S.OPEN, S.CONFIRMED, S.RECTIFYING})


def plan_edits(entry: LedgerEntry, fields: LedgerFields) -> dict[str, str]:
    """The columns `fields` really changes (name → new text, stripped). Raises `LedgerError` on a
    text longer than MAX_FIELD characters."""
    edits = {}
    for name, value in fields.model_dump().items():
        if value is None:
            continue
        value = value.strip()
        if len(value) > MAX_FIELD:
            raise LedgerError(f"{FIELD_LABELS[name]}太长（{len(value)} 字），最多 {MAX_FIELD} 字", field=name)
        if value != getattr(entry, name):
            edits[name] = value
    return edits


def edit_reason(edits: dict[str, str]) -> str:
    """What a history step of an edit says, e.g. “修改台账：责任单位、整改措施”."""
    return "修改台账：" + "、".join(FIELD_LABELS.get(k, k) for k in edits)


def format_number(year: int, sequence: int) -> str:
    """2026, 15 → 2026-015: the short id of the 15th entry first seen in 2026."""
    return f"{year}-{sequence:03d}"


def sequence_of(number: str | None) -> int:
    """2026-015 → 15; anything else → 0."""
    tail = (number or "").partition("-")[2]
    return int(tail) if tail.isdigit() else 0


def is_overdue(entry: LedgerEntry, today: date) -> bool:
    """Past its 整改期限 and not yet closed, dismissed or resolved."""
    return entry.deadline is not None and entry.deadline < today and entry.status in PENDING
