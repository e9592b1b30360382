"""Ownership, transfers, lineage and checks for the HTTP API: the `queries` package answers
(the same functions and formats as `zhize who / transfers / lineage / check --json`); this module
only feeds them the server's cached projections and caches their answers."""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx

from zhize.api.resources import Resources
from zhize.api.schemas import CheckReport
from zhize.graph.errors import InputError
from zhize.graph.models import JurisdictionInfo
from zhize.queries.models import DocumentRef, Lineage, Ownership, Reform


class CachedProjections:
    """The store as `queries` sees it, with projections from the server's cache."""

    def __init__(self, res: Resources):
        self._res = res

    def project(self, jurisdiction: str, at: date | None = None) -> nx.MultiDiGraph:
        return self._res.project(jurisdiction, at)

    def jurisdictions(self) -> list[JurisdictionInfo]:
        # Every query starts by checking its jurisdiction: ~2 ms uncached on a 60-county store.
        return self._res.cached(("jurisdiction-infos",), self._res.store.jurisdictions)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._res.store, name)


def _ask(res: Resources, q: str, at: date | None, jurisdiction: str | None) -> Ownership:
    from zhize.queries.ownership import who as ask

    if not q.strip():
        raise InputError("查询内容不能为空")
    return ask(CachedProjections(res), q.strip(), jurisdiction=jurisdiction, at=at or date.today())


def who(res: Resources, q: str, at: date | None, jurisdiction: str | None) -> Ownership:
    return res.cached(("who", q.strip(), at or date.today(), jurisdiction), lambda: _ask(res, q, at, jurisdiction))


WHO_PAGE = 50  # holders (and earlier holders) per page of /api/who by default


def who_key(q: str, at: date | None, jurisdiction: str | None, offset: int = 0, limit: int = WHO_PAGE) -> tuple:
    return "who-json", q.strip(), at or date.today(), jurisdiction, offset, limit


def who_json(res: Resources, q: str, at: date | None, jurisdiction: str | None, offset: int = 0,
             limit: int = WHO_PAGE) -> bytes:
    """One page of the answer as JSON bytes, cached: the API's hot path serialises an answer once.
    Only the bytes are kept, not the model too: bytes are invisible to the garbage collector,
    thousands of cached models are not (see api.resources)."""
    return res.cached(who_key(q, at, jurisdiction, offset, limit),
                      lambda: page(_ask(res, q, at, jurisdiction), offset, limit).model_dump_json().encode("utf-8"))


def page(answer: Ownership, offset: int, limit: int) -> Ownership:
    """Holders and earlier holders `offset`..`offset + limit` (a broad question such as 负责 across
    a province has thousands), with their totals."""
    return answer.model_copy(update={
        "holders": answer.holders[offset:offset + limit], "past": answer.past[offset:offset + limit],
        "offset": offset, "total_holders": len(answer.holders), "total_past": len(answer.past)})


def transfers(res: Resources, jurisdiction: str | None, reform: str | None, at: date | None) -> list[Reform]:
    from zhize.queries.lineage import transfers as ask

    return ask(CachedProjections(res), jurisdiction, reform, at)


def lineage(res: Resources, q: str, jurisdiction: str | None, at: date | None) -> Lineage:
    from zhize.queries.lineage import lineage as ask

    if not q.strip():
        raise InputError("请填写部门名称或事项")
    return ask(CachedProjections(res), q, jurisdiction, at)


def reforms(res: Resources, jurisdiction: str | None = None) -> list[DocumentRef]:
    if jurisdiction:
        res.require_jurisdiction(jurisdiction)
    docs = [d for d in res.store.documents(jurisdiction) if d.kind == "改革方案"]
    return [DocumentRef(id=d.id, kind=d.kind, title=d.title, issue_date=d.issue_date) for d in docs]


def run_check(res: Resources, jurisdiction: str | None, at: date | None, actor: str) -> list[CheckReport]:
    """Every detector on each jurisdiction (or one), merged into the ledger; the actor is recorded."""
    from zhize.queries.check import run_check as check

    with res.write_lock:
        runs = check(res.store, actor=actor, jurisdiction=jurisdiction, at=at)
    res.changed()
    return [CheckReport(jurisdiction=r.jurisdiction, new=r.summary.new, seen_again=r.summary.seen_again,
                        reopened=r.summary.reopened, resolved=r.summary.resolved,
                        message=f"{r.jurisdiction}：发现问题 {len(r.findings)} 个，其中新发现 {r.summary.new} 个，"
                                f"重新打开 {r.summary.reopened} 个，已消除 {r.summary.resolved} 个")
            for r in runs]
