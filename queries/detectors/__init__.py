"""Detectors: one module per rule, its docstring the rule's documentation (bandit style).

Each module has a stable `ID`, a Chinese `KIND`, a `SEVERITY` and
`detect(graph, context) -> Iterator[Finding]` over the networkx projection of one jurisdiction at
one date, so they run the same on every store. `DETECTORS` is the registry, in report order.

| ID | KIND | module |
|---|---|---|
| OVL001 | 职责交叉 | `overlap` |
| GAP001 | 划转未落地 | `transfer_not_landed` |
| GAP002 | 职责悬空 | `orphaned_duty` |
| GAP003 | 新增任务无人承接 | `unassigned_task` |
| BPR001 | 无牵头 | `no_lead` |
| BPR002 | 相互推诿 | `mutual_deferral` |
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType

import networkx as nx

from zhize.graph.errors import InputError
from zhize.graph.models import Finding
from zhize.queries.detectors import (
    mutual_deferral,
    no_lead,
    orphaned_duty,
    overlap,
    transfer_not_landed,
    unassigned_task,
)
from zhize.queries.detectors.base import Context, Detector, dedupe
from zhize.queries.tenure import IN_FORCE, in_force_note
from zhize.queries.view import View, view_of

DETECTORS: tuple[ModuleType, ...] = (overlap, transfer_not_landed, orphaned_duty, unassigned_task, no_lead,
                                     mutual_deferral)

# The kinds of finding in the order a review report discusses them — who does the same thing, who does
# not lead, then what a reform left undone — and the ledger's filter lists them so.
KINDS: tuple[str, ...] = tuple(m.KIND for m in (overlap, no_lead, mutual_deferral, transfer_not_landed,
                                                orphaned_duty, unassigned_task))

__all__ = ["DETECTORS", "KINDS", "Context", "Detector", "by_id", "detect_all"]


def by_id(detector_id: str) -> ModuleType:
    for module in DETECTORS:
        if module.ID == detector_id.upper():
            return module
    known = "、".join(m.ID for m in DETECTORS)
    raise InputError(f"没有编号为“{detector_id}”的检测规则，可用的有：{known}")


def detect_all(graph: nx.MultiDiGraph, context: Context, only: Iterable[str] | None = None) -> list[Finding]:
    """Every detector's findings for one projection; the same problem reported twice (same id)
    becomes one finding with the evidence of both."""
    modules = [by_id(i) for i in only] if only else list(DETECTORS)
    merged: dict[str, Finding] = {}
    for module in modules:
        for f in module.detect(graph, context):
            if f.id in merged:
                old = merged[f.id]
                f = old.model_copy(update={"evidence": dedupe(old.evidence + f.evidence),
                                           "confidence": max(old.confidence, f.confidence)})
            merged[f.id] = f
    order = {m.ID: i for i, m in enumerate(DETECTORS)}
    view = view_of(graph)
    found = [_with_documents(view, f) for f in merged.values()]
    return sorted(found, key=lambda f: (order[f.detector], f.matter or "", f.departments))


def _with_documents(view: View, finding: Finding) -> Finding:
    """Every finding says which documents were in force at the date it was found on."""
    if IN_FORCE in finding.message:
        return finding
    ids = {d.name: d.id for d in view.departments.values()}
    note = in_force_note(view, [ids[n] for n in finding.departments if n in ids])
    return finding.model_copy(update={"message": finding.message + note}) if note else finding
