"""The one service of the HTTP server: what the JSON routes and the pages share. Each function takes
the resources and plain parameters and returns a model (`queries.models`, `graph.models` or
`api.schemas`), so a page and its JSON twin always show the same data.

Questions go to `queries` (the same functions and formats as `zhize who / transfers / lineage /
check --json`) through `res.reader`, which feeds them the server's cached projections; answers
are cached here. Ledger changes go through `queries.ledger`, the door the command line uses too.
"""

from __future__ import annotations

from datetime import date, datetime

from zhize.api.resources import Resources
from zhize.api.schemas import CheckReport, Page
from zhize.graph.errors import InputError, NotFound
from zhize.graph.ledger import PENDING, Transition
from zhize.graph.models import FindingFilter, FindingStatus, LedgerEntry, LedgerFields, RectifyCategory
from zhize.queries import ledger
from zhize.queries.department import department_detail as detail_of
from zhize.queries.department import matches_name
from zhize.queries.flows import sankey as flows_of
from zhize.queries.models import (
    DepartmentDetail,
    DepartmentSummary,
    DocumentRef,
    Lineage,
    Ownership,
    Reform,
    RelationGraph,
    Sankey,
)
from zhize.queries.relations import relation_graph as relations_of

ALL_FINDINGS = 10_000
# Detector kinds that mark a matter in the relationship graph.
OVERLAP_DETECTORS = {"OVL001": "overlap", "BPR001": "nolead", "BPR002": "nolead"}


def page_of(items: list, offset: int, limit: int, total: int | None = None) -> Page:
    total = len(items) if total is None else total
    return Page(items=items[offset:offset + limit], offset=offset, limit=limit, total=total,
                has_more=offset + limit < total)


def department_list(res: Resources, q: str | None, jurisdiction: str | None, at: date | None,
                    active: bool | None, offset: int, limit: int) -> Page[DepartmentSummary]:
    """Straight from the store (`departments`): no jurisdiction is projected for a list."""
    place = res.require_jurisdiction(jurisdiction) if jurisdiction else None
    day = at or date.today()
    found = res.cached(("departments", place, day),
                       lambda: [DepartmentSummary(**d.model_dump()) for d in res.store.departments(place, day)])
    q = (q or "").strip()
    found = [s for s in found if (not q or matches_name(s, q)) and (active is None or s.active == active)]
    return page_of(found, offset, limit)


def department_detail(res: Resources, department_id: str, at: date | None) -> DepartmentDetail:
    home = res.department_home(department_id)
    view = res.view(home, at)
    known = view.departments.get(department_id)
    findings = res.store.findings(FindingFilter(jurisdiction=home, department=known.name, limit=200)) if known else []
    return detail_of(view, department_id, findings)


def sankey(res: Resources, reform: str) -> Sankey:
    doc = res.store.document(reform)
    if doc.kind != "改革方案":
        raise NotFound(f"文档《{doc.title}》不是改革方案，没有划转关系可画")
    return flows_of(res.view(doc.jurisdiction), reform)


def relation_graph(res: Resources, jurisdiction: str, focus: str | None, q: str | None,
                   at: date | None) -> RelationGraph:
    view = res.view(res.require_jurisdiction(jurisdiction), at)
    if focus and focus not in view.departments:
        raise NotFound(f"部门 {focus} 不在 {jurisdiction}（{at or date.today()}）的数据中")
    flagged: dict[str, tuple[str, str]] | None = None
    for entry in res.store.findings(FindingFilter(jurisdiction=jurisdiction, limit=ALL_FINDINGS)):
        flagged = flagged if flagged is not None else {}  # a check has run here
        kind = OVERLAP_DETECTORS.get(entry.finding.detector)
        if kind and entry.finding.matter and entry.status in PENDING:
            flagged[entry.finding.matter] = (kind, entry.number or entry.finding.id)
    return relations_of(view, focus, (q or "").strip() or None, flagged)


def finding(res: Resources, finding: str) -> LedgerEntry:
    """One ledger entry with its history, by id or number (2026-015)."""
    return res.store.finding(finding)


def findings_page(res: Resources, where: FindingFilter) -> Page[LedgerEntry]:
    rows = res.store.findings(where.model_copy(update={"limit": where.limit + 1}))
    return Page(items=rows[:where.limit], offset=where.offset, limit=where.limit, total=None,
                has_more=len(rows) > where.limit)


def all_findings(res: Resources, where: FindingFilter) -> list[LedgerEntry]:
    """Every entry the filter selects, each with its history (exports and reports)."""
    return res.store.findings(where.model_copy(update={"limit": ALL_FINDINGS, "offset": 0, "history": True}))


def department_name(res: Resources, text: str | None, jurisdiction: str | None) -> str | None:
    """The full name of the department a user typed (水利局, 市场监管局 …) in a jurisdiction or
    anywhere; see `api.names.resolve`."""
    from zhize.api import names

    if not text or not text.strip():
        return None
    place = res.require_jurisdiction(jurisdiction) if jurisdiction else None
    known = res.cached(("department-infos", place), lambda: res.store.departments(place, date.today()))
    return names.resolve(text, known)


def annotate(res: Resources, finding: str, fields: LedgerFields, actor: str) -> LedgerEntry:
    entry = ledger.annotate(res.store, finding, fields, actor=actor, at=datetime.now().astimezone())
    res.answers.clear()
    return entry


def change_status(res: Resources, finding: str, status: FindingStatus, reason: str,
                  category: RectifyCategory | None, deadline: date | None, actor: str) -> LedgerEntry:
    change = Transition(to=status, reason=reason.strip(), category=category, deadline=deadline)
    entry = ledger.change_status(res.store, finding, change, actor=actor, at=datetime.now().astimezone())
    res.answers.clear()
    return entry


def parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"日期“{value}”格式不对，应为 YYYY-MM-DD") from None


def who_page(res: Resources, q: str, at: date | None, jurisdiction: str | None, department: str | None,
             offset: int = 0, limit: int | None = None):
    """谁负责 as the page shows it (api.who_view): the answer, one page of it, with the ledger's
    open findings on the matter, how each clause matched, and only `department` when given."""
    from zhize.api import who_view

    whole = who(res, q, at, jurisdiction)
    name = department_name(res, department, jurisdiction)
    places = sorted({h.jurisdiction for h in [*whole.holders, *whole.past]}) or whole.jurisdictions[:1]
    entries = [e for place in places
               for e in res.store.findings(FindingFilter(jurisdiction=place, limit=ALL_FINDINGS))]
    views = {place: res.view(place, whole.at) for place in places}
    shown = who_view.page(whole, entries, views, name)
    if limit is None:
        return shown
    return page(shown, offset, limit)


SUGGEST_PLACES = 16  # jurisdictions whose matters feed suggestions when none is chosen


def suggestions(res: Resources, kind: str, q: str, jurisdiction: str | None, limit: int = 20) -> list[str]:
    """Names that complete what a user is typing: matters (the keys of the duties held) or
    departments (full names, short forms and plaques), those starting with `q` first."""
    q = q.strip()
    if not q:
        return []
    place = res.require_jurisdiction(jurisdiction) if jurisdiction else None
    pool = res.cached(("suggest", kind, place), lambda: _suggestion_pool(res, kind, place))
    starts = [n for n in pool if n.startswith(q)]
    inside = [n for n in pool if q in n and not n.startswith(q)]
    return (sorted(starts, key=len) + sorted(inside, key=len))[:limit]


def _suggestion_pool(res: Resources, kind: str, place: str | None) -> list[str]:
    from zhize.api import names

    if kind == "departments":
        found = res.store.departments(place, date.today())
        return sorted({f for d in found for f in names.forms(d)})
    places = [place] if place else res.jurisdiction_names()[:SUGGEST_PLACES]
    return sorted({k for p in places for k in res.view(p).matters if k})


# -- ownership, transfers, lineage, checks ------------------------------------------------------

def _ask(res: Resources, q: str, at: date | None, jurisdiction: str | None) -> Ownership:
    from zhize.queries.ownership import who as ask

    if not q.strip():
        raise InputError("查询内容不能为空")
    return ask(res.reader, q.strip(), jurisdiction=jurisdiction, at=at or date.today())


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

    return ask(res.reader, jurisdiction, reform, at)


def lineage(res: Resources, q: str, jurisdiction: str | None, at: date | None) -> Lineage:
    from zhize.queries.lineage import lineage as ask

    if not q.strip():
        raise InputError("请填写部门名称或事项")
    return ask(res.reader, q, jurisdiction, at)


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
