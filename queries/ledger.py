"""Ledger steps a reviewer takes (确认, 驳回, 整改, 销号, 重新打开), and finding ids as people type them."""

from __future__ import annotations

from datetime import date

from zhize.graph.errors import InputError, NotFound
from zhize.graph.ledger import Transition
from zhize.graph.models import FindingFilter, FindingStatus, LedgerEntry, RectifyCategory
from zhize.graph.store import GraphStore

ACTIONS = {
    "confirm": FindingStatus.CONFIRMED,
    "dismiss": FindingStatus.DISMISSED,
    "rectify": FindingStatus.RECTIFYING,
    "close": FindingStatus.CLOSED,
    "reopen": FindingStatus.OPEN,
}


def resolve(store: GraphStore, ref: str) -> str:
    """The full id of a finding given as `f:…`, without the `f:`, or as a unique prefix (≥ 4 characters)."""
    ref = ref.strip()
    if not ref:
        raise InputError("请给出问题编号")
    for candidate in (ref, "f:" + ref):
        try:
            return store.finding(candidate).finding.id
        except NotFound:
            pass
    if len(ref.removeprefix("f:")) < 4:
        raise NotFound(f"问题 {ref} 不存在")
    prefix = ref if ref.startswith("f:") else "f:" + ref
    matches = [e.finding.id for e in _all(store) if e.finding.id.startswith(prefix)]
    if not matches:
        raise NotFound(f"问题 {ref} 不存在。可用 zhize findings list 查看问题编号。")
    if len(matches) > 1:
        raise InputError(f"编号 {ref} 对应多个问题（{'、'.join(matches[:5])}），请多输入几位")
    return matches[0]


def _all(store: GraphStore) -> list[LedgerEntry]:
    out, offset = [], 0
    while True:
        page = store.findings(FindingFilter(limit=1000, offset=offset))
        out += page
        if len(page) < 1000:
            return out
        offset += 1000


def step(store: GraphStore, ref: str, action: str, *, actor: str, reason: str = "",
         category: str | None = None, deadline: date | None = None) -> LedgerEntry:
    """Apply one reviewer action to a finding; the workflow (`graph.ledger`) validates it."""
    if action not in ACTIONS:
        raise InputError(f"未知的操作“{action}”")
    kind = None
    if category:
        try:
            kind = RectifyCategory(category)
        except ValueError:
            raise InputError(f"整改类别应为 {'、'.join(c.value for c in RectifyCategory)} 之一") from None
    change = Transition(ACTIONS[action], reason.strip(), kind, deadline)
    return store.transition(resolve(store, ref), change, actor=actor)
