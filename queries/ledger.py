"""The one door to the problem ledger's changes (确认, 驳回, 整改, 销号, 重新打开, 填写栏目): the
command line and the web both come through here, and the workflow (`graph.ledger`) validates every
change in the store. Also finding ids as people type them (2026-015, f:…, a unique prefix)."""

from __future__ import annotations

from datetime import date, datetime

from zhize.graph.errors import InputError, NotFound
from zhize.graph.ledger import Transition
from zhize.graph.models import FindingFilter, FindingStatus, LedgerEntry, LedgerFields, RectifyCategory
from zhize.graph.store import GraphReader, GraphStore

# The reviewer's actions as the command line names them, and the status each leads to.
ACTIONS = {
    "confirm": FindingStatus.CONFIRMED,
    "dismiss": FindingStatus.DISMISSED,
    "rectify": FindingStatus.RECTIFYING,
    "close": FindingStatus.CLOSED,
    "reopen": FindingStatus.OPEN,
}


def resolve(store: GraphReader, ref: str) -> str:
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


def _all(store: GraphReader) -> list[LedgerEntry]:
    out, offset = [], 0
    while True:
        page = store.findings(FindingFilter(limit=1000, offset=offset))
        out += page
        if len(page) < 1000:
            return out
        offset += 1000


def change_status(store: GraphStore, ref: str, change: Transition, *, actor: str,
                  at: datetime | None = None) -> LedgerEntry:
    """Move a finding (as people type it) to `change.to`; `LedgerError` when the workflow forbids it."""
    return store.transition(resolve(store, ref), change, actor=actor, at=at)


def annotate(store: GraphStore, ref: str, fields: LedgerFields, *, actor: str,
             at: datetime | None = None) -> LedgerEntry:
    """Write the ledger's columns (责任单位, 整改措施, 责任人, 整改进展) of a finding as people type it."""
    return store.annotate(resolve(store, ref), fields, actor=actor, at=at)


def transition(action: str, *, reason: str = "", category: str | None = None,
               deadline: date | None = None) -> Transition:
    """The change a reviewer's action asks for (`ACTIONS`), its category read from its Chinese name."""
    if action not in ACTIONS:
        raise InputError(f"未知的操作“{action}”")
    kind = None
    if category:
        try:
            kind = RectifyCategory(category)
        except ValueError:
            raise InputError(f"整改类别应为 {'、'.join(c.value for c in RectifyCategory)} 之一") from None
    return Transition(ACTIONS[action], reason.strip(), kind, deadline)
