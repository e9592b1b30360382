"""The problem ledger's workflow (问题台账): allowed status changes as data, and the merge rule
that turns one check run into ledger changes. Pure functions; stores apply the results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zhize.graph.errors import LedgerError
from zhize.graph.models import Finding, RectifyCategory
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
    """Raise `LedgerError` (in Chinese) unless the workflow allows `current → change.to`."""
    if change.to not in TRANSITIONS.get(current, frozenset()):
        raise LedgerError(f"问题当前状态为“{current}”，不能改为“{change.to}”")
    if change.to in (S.DISMISSED, S.OPEN) and not change.reason.strip():
        raise LedgerError(f"改为“{change.to}”必须说明理由（--reason）")
    if change.to == S.RECTIFYING:
        if change.category is None:
            raise LedgerError("整改须注明类别：立查立改、限时整改或长期坚持（--category）")
        if change.category == RectifyCategory.TIME_LIMITED and change.deadline is None:
            raise LedgerError("限时整改须注明整改期限（--deadline）")


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
