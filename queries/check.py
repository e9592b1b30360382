"""A check run: every detector on every jurisdiction (or one) at a date, merged into the ledger.

The ledger keeps one entry per problem (`Finding.id` is stable), so running a check again keeps
ids, statuses and history; a problem no longer detected becomes 已消除 with the date (the store's
`record_check`, see `graph.ledger.plan_check`).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from zhize.graph.models import CheckSummary, Finding
from zhize.graph.store import GraphReader, GraphStore
from zhize.queries.detectors import DETECTORS, Context, by_id, detect_all
from zhize.queries.scope import jurisdictions
from zhize.queries.view import release


@dataclass(frozen=True)
class JurisdictionCheck:
    jurisdiction: str
    at: date
    findings: list[Finding]
    summary: CheckSummary = field(default_factory=CheckSummary)


def detect(store: GraphReader, jurisdiction: str, at: date | None = None,
           only: list[str] | None = None) -> list[Finding]:
    """The detectors' findings for one jurisdiction at a date, without touching the ledger."""
    day = at or date.today()
    context = Context(jurisdiction, day, tuple(store.tasks(jurisdiction)))
    with _no_cyclic_collection():
        graph = store.project(jurisdiction, day)
        try:
            return detect_all(graph, context, only)
        finally:
            release(graph)


@contextmanager
def _no_cyclic_collection():
    """A check builds some hundred thousand short-lived objects (statements, matches, arrays) and
    leaves no cycles worth collecting midway: the cyclic collector, which would otherwise rescan the
    growing heap many times over (a tenth of a check's time), waits until it is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_check(store: GraphStore, *, actor: str, jurisdiction: str | None = None, at: date | None = None,
              only: list[str] | None = None, record: bool = True) -> list[JurisdictionCheck]:
    """Detect in each jurisdiction and merge each run into the ledger (unless `record` is False)."""
    day = at or date.today()
    ids = [by_id(i).ID for i in only] if only else [m.ID for m in DETECTORS]
    try:
        return _check_each(store, actor, jurisdiction, day, ids, record)
    finally:
        gc.unfreeze()


def _check_each(store: GraphStore, actor: str, jurisdiction: str | None, day: date, ids: list[str],
                record: bool) -> list[JurisdictionCheck]:
    out = []
    for place in jurisdictions(store, jurisdiction):
        found = detect(store, place, day, ids)
        summary = store.record_check(place, found, actor=actor, detectors=ids) if record else CheckSummary()
        out.append(JurisdictionCheck(place, day, found, summary))
        # The findings kept so far are long-lived: collect this jurisdiction's garbage, then keep
        # the cyclic collector from rescanning the survivors (a province's check would otherwise
        # slow down as it goes).
        gc.collect()
        gc.freeze()
    return out
