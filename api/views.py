"""Pure functions from a projection (one jurisdiction at one date) to what the pages show:
department summaries and details, reform events, Sankey flows and the relationship graph."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import networkx as nx

from zhize.api.schemas import (
    BoundaryView,
    DepartmentDetail,
    DepartmentRef,
    DepartmentSummary,
    DocumentRef,
    DutyView,
    EventView,
    GraphEdge,
    GraphNode,
    PostView,
    RelationGraph,
    Sankey,
    SankeyClause,
    SankeyLink,
    SankeyNode,
    StaffingView,
    UnitView,
)
from zhize.graph.errors import NotFound
from zhize.graph.models import LedgerEntry
from zhize.graph.records import SECTION_LABELS, event_label, role_label, role_rank
from zhize.graph.schema import Label, Rel

FLOW_KINDS = ("transfer", "merge")


def nodes_of(g: nx.MultiDiGraph, label: Label) -> list[tuple[str, dict]]:
    return [(n, d) for n, d in g.nodes(data=True) if d.get("label") == label]


def out_of(g: nx.MultiDiGraph, node: str, rel: Rel) -> list[str]:
    return [v for _, v, k in g.out_edges(node, keys=True) if k == rel]


def into(g: nx.MultiDiGraph, node: str, rel: Rel) -> list[str]:
    return [u for u, _, k in g.in_edges(node, keys=True) if k == rel]


def name_of(g: nx.MultiDiGraph, node: str) -> str:
    return g.nodes[node].get("name", node) if node in g else node


def ref(g: nx.MultiDiGraph, department: str) -> DepartmentRef:
    return DepartmentRef(id=department, name=name_of(g, department))


def title_of(g: nx.MultiDiGraph, document: str) -> str:
    return g.nodes[document].get("title", "") if document in g else ""


def document_ref(g: nx.MultiDiGraph, document: str) -> DocumentRef:
    d = g.nodes[document]
    return DocumentRef(id=document, kind=d.get("kind", ""), title=d.get("title", ""),
                       issue_date=d.get("issue_date"), valid_to=d.get("valid_to"))


# -- departments --------------------------------------------------------------------------------

def current_duties(g: nx.MultiDiGraph, department: str) -> list[str]:
    return [v for _, v, k, e in g.out_edges(department, keys=True, data=True) if k == Rel.HOLDS and e.get("current")]


def department_summary(g: nx.MultiDiGraph, department: str) -> DepartmentSummary:
    d = g.nodes[department]
    return DepartmentSummary(id=department, name=d["name"], jurisdiction=g.graph.get("jurisdiction", ""),
                             aliases=d.get("aliases") or [], plaques=d.get("plaques") or [], rank=d.get("rank"),
                             type=d.get("type"), active=bool(d.get("active", True)), valid_from=d.get("valid_from"),
                             valid_to=d.get("valid_to"), duties=len(current_duties(g, department)))


def departments(g: nx.MultiDiGraph) -> list[DepartmentSummary]:
    found = [department_summary(g, n) for n, _ in nodes_of(g, Label.DEPARTMENT)]
    return sorted(found, key=lambda s: (not s.active, s.name))


def matches_name(summary: DepartmentSummary, q: str) -> bool:
    return any(q in name for name in (summary.name, *summary.aliases, *summary.plaques))


def duty_view(g: nx.MultiDiGraph, duty: str, holds: dict | None = None) -> DutyView:
    d = g.nodes[duty]
    unit = d.get("unit")
    holds = holds or {}
    return DutyView(id=duty, text=d.get("text", ""), role=d.get("role", "unspecified"),
                    role_label=role_label(d.get("role")), section=d.get("section", "main"),
                    section_label=SECTION_LABELS.get(d.get("section", ""), ""), clause=d.get("clause", ""),
                    unit=name_of(g, unit) if unit else None, matters=list(d.get("matters") or []),
                    document=d.get("document", ""), document_title=title_of(g, d.get("document", "")),
                    valid_from=holds.get("valid_from"), valid_to=holds.get("valid_to"),
                    current=bool(holds.get("current", True)))


def held_duties(g: nx.MultiDiGraph, department: str) -> list[DutyView]:
    found = [duty_view(g, v, e) for _, v, k, e in g.out_edges(department, keys=True, data=True)
             if k == Rel.HOLDS and e.get("current")]
    return sorted(found, key=lambda x: (x.document, g.nodes[x.id].get("ordinal", 0)))


def units_of(g: nx.MultiDiGraph, department: str, duties: list[DutyView]) -> list[UnitView]:
    by_unit: dict[str, list[DutyView]] = defaultdict(list)
    for duty in duties:
        unit = g.nodes[duty.id].get("unit")
        if unit:
            by_unit[unit].append(duty)
    units = [(u, g.nodes[u]) for u in into(g, department, Rel.PART_OF) if g.nodes[u].get("current")]
    return [UnitView(id=u, name=d.get("name", ""), plaques=d.get("plaques") or [], duties=by_unit.get(u, []))
            for u, d in sorted(units, key=lambda x: x[0])]


def staffing_of(g: nx.MultiDiGraph, department: str) -> list[StaffingView]:
    found = []
    for s in into(g, department, Rel.STAFFS):
        d = g.nodes[s]
        if not d.get("current"):
            continue
        found.append(StaffingView(
            administrative=d.get("administrative"), other=d.get("other") or {},
            leaders=[PostView(title=t, count=c) for t, c in d.get("leaders") or []],
            posts=[PostView(title=t, count=c) for t, c in d.get("posts") or []], clause=d.get("clause", ""),
            document=d.get("document", ""), document_title=title_of(g, d.get("document", ""))))
    return found


def boundaries_of(g: nx.MultiDiGraph, department: str) -> list[BoundaryView]:
    found = []
    for b in into(g, department, Rel.BETWEEN):
        d = g.nodes[b]
        if d.get("current"):
            found.append(boundary_view(g, b))
    return found


def boundary_view(g: nx.MultiDiGraph, boundary: str) -> BoundaryView:
    d = g.nodes[boundary]
    return BoundaryView(id=boundary, text=d.get("text", ""), clause=d.get("clause", ""), matter=d.get("matter"),
                        parties=[ref(g, p) for p in out_of(g, boundary, Rel.BETWEEN)],
                        document=d.get("document", ""), document_title=title_of(g, d.get("document", "")))


def sandings_of(g: nx.MultiDiGraph, department: str) -> list[DocumentRef]:
    docs = [document_ref(g, doc) for doc in into(g, department, Rel.REGULATES)]
    return sorted(docs, key=lambda x: (x.issue_date or date.min, x.id))


def sanding_in_force(docs: list[DocumentRef], at: date) -> DocumentRef | None:
    current = [d for d in docs if (d.issue_date or date.min) <= at and (d.valid_to is None or at < d.valid_to)]
    return current[-1] if current else None


def department_detail(g: nx.MultiDiGraph, department: str, findings: list[LedgerEntry]) -> DepartmentDetail:
    if department not in g or g.nodes[department].get("label") != Label.DEPARTMENT:
        raise NotFound(f"部门 {department} 在 {g.graph.get('at')} 尚未设立或不在库中")
    at = g.graph.get("at") or date.today()
    duties = held_duties(g, department)
    history = events_of(g, department)
    sandings = sandings_of(g, department)
    return DepartmentDetail(
        department=department_summary(g, department), at=at, sanding=sanding_in_force(sandings, at),
        sandings=sandings, duties=[d for d in duties if d.section != "unit"],
        units=units_of(g, department, duties), staffing=staffing_of(g, department),
        boundaries=boundaries_of(g, department),
        transfers_in=quote_once([e for e in history
                                 if e.kind in FLOW_KINDS and department in {t.id for t in e.targets}]),
        transfers_out=quote_once([e for e in history
                                  if e.kind in FLOW_KINDS and department in {s.id for s in e.sources}]),
        history=quote_once(history), findings=findings)


# -- events -------------------------------------------------------------------------------------

def quote_once(events: list[EventView]) -> list[EventView]:
    """One plan paragraph often announces several events (组建 B; A1 的职责划入 B; 不再保留 A1 …):
    a list quotes it under the first of them only."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for e in events:
        key = (e.document, e.clause, e.text)
        out.append(e if key not in seen else e.model_copy(update={"text": ""}))
        seen.add(key)
    return out


def matters_of(g: nx.MultiDiGraph, node: str) -> list[str]:
    return [g.nodes[m].get("key", m.removeprefix("m:")) for m in out_of(g, node, Rel.CONCERNS)]


def event_view(g: nx.MultiDiGraph, event: str) -> EventView:
    d = g.nodes[event]
    document = d.get("document", "")
    kind = d.get("kind", "")
    return EventView(id=event, kind=kind, kind_label=event_label(kind),
                     date=d.get("date"), duty=d.get("duty"), text=d.get("text", ""), clause=d.get("clause", ""),
                     document=document, document_title=title_of(g, document),
                     sources=[ref(g, s) for s in sorted(out_of(g, event, Rel.SOURCE))],
                     targets=[ref(g, t) for t in sorted(out_of(g, event, Rel.TARGET))],
                     matters=matters_of(g, event), detail={k: str(v) for k, v in (d.get("detail") or {}).items()})


def _event_order(g: nx.MultiDiGraph, event: str) -> tuple:
    d = g.nodes[event]
    return d.get("date") or date.min, d.get("document", ""), d.get("ordinal", 0)


def all_events(g: nx.MultiDiGraph, document: str | None = None) -> list[EventView]:
    found = [n for n, d in nodes_of(g, Label.EVENT) if document is None or d.get("document") == document]
    return [event_view(g, e) for e in sorted(found, key=lambda e: _event_order(g, e))]


def events_of(g: nx.MultiDiGraph, department: str) -> list[EventView]:
    found = set(into(g, department, Rel.SOURCE)) | set(into(g, department, Rel.TARGET))
    return [event_view(g, e) for e in sorted(found, key=lambda e: _event_order(g, e))]


# -- Sankey of one reform -----------------------------------------------------------------------

# How a flow landed, in the order the page lists them: from `queries.landing` (已落实, 未见于承接部门
# 三定, 无法核对), and 整体并入 for a merge that names no duty (a whole body joins another: there is
# no item to look for in the receiver's 三定).
LANDED, MISSING, UNVERIFIABLE, WHOLE = "已落实", "未落地", "无法核对", "整体并入"
LANDINGS = (LANDED, MISSING, UNVERIFIABLE, WHOLE)


def event_landings(g: nx.MultiDiGraph) -> dict[str, tuple[str, str]]:
    """event id → (landing, reason) for every transfer or merge `queries.landing` checks; an event
    moving several matters is 未落地 if one of them did not land, 已落实 if all did."""
    from zhize.queries import landing
    from zhize.queries.view import view_of

    words = {landing.LANDED: LANDED, landing.MISSING: MISSING, landing.UNVERIFIABLE: UNVERIFIABLE}
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for x in landing.landings(view_of(g)):
        found[x.event.id].append((words.get(x.status, UNVERIFIABLE), x.reason))
    out = {}
    for event, results in found.items():
        states = [s for s, _ in results]
        state = MISSING if MISSING in states else LANDED if all(s == LANDED for s in states) else UNVERIFIABLE
        out[event] = (state, "；".join(dict.fromkeys(r for s, r in results if s == state and r)))
    return out


def sankey(g: nx.MultiDiGraph, document: str) -> Sankey:
    if document not in g:
        raise NotFound(f"改革方案 {document} 不在库中")
    nodes: dict[str, int] = {}
    node_rows: list[SankeyNode] = []
    flows: dict[tuple[int, int, str], list[SankeyClause]] = defaultdict(list)
    status = _department_status(g, document)
    landed = event_landings(g)

    def node(department: str, side: str) -> int:
        key = f"{side}:{department}"
        if key not in nodes:
            nodes[key] = len(node_rows)
            node_rows.append(SankeyNode(id=key, label=name_of(g, department), side=side, department=department,
                                        status=status.get(department, "保留")))
        return nodes[key]

    for e in all_events(g, document):
        if e.kind not in FLOW_KINDS:
            continue
        state, reason = landed.get(e.id, (WHOLE if e.kind == "merge" else UNVERIFIABLE, ""))
        for s in e.sources:
            for t in e.targets:
                flows[(node(s.id, "before"), node(t.id, "after"), state)].append(SankeyClause(
                    event=e.id, kind_label=e.kind_label, duty=e.duty, matters=e.matters, clause=e.clause, text=e.text,
                    landing=state, landing_reason=reason))
    links = [SankeyLink(source=s, target=t, value=len(c), label=_flow_label(c), landing=state, clauses=_once(c))
             for (s, t, state), c in sorted(flows.items(), key=lambda kv: (kv[0][0], kv[0][1],
                                                                             LANDINGS.index(kv[0][2])))]
    totals = {state: sum(link.value for link in links if link.landing == state) for state in LANDINGS}
    return Sankey(reform=document_ref(g, document), jurisdiction=g.graph.get("jurisdiction", ""),
                  nodes=node_rows, links=links, totals={k: v for k, v in totals.items() if v})


def _once(clauses: list[SankeyClause]) -> list[SankeyClause]:
    """A plan paragraph that moves several duties along one flow is quoted once: later clauses of
    the same paragraph keep their duty and an empty text."""
    seen: set[tuple[str, str]] = set()
    out = []
    for c in clauses:
        key = (c.clause, c.text)
        out.append(c if key not in seen else c.model_copy(update={"text": ""}))
        seen.add(key)
    return out


def _department_status(g: nx.MultiDiGraph, document: str) -> dict[str, str]:
    status: dict[str, str] = {}
    for e, d in nodes_of(g, Label.EVENT):
        if d.get("document") != document:
            continue
        if d.get("kind") == "abolish":
            status.update({s: "撤销" for s in out_of(g, e, Rel.SOURCE)})
        elif d.get("kind") == "create":
            status.update({t: "组建" for t in out_of(g, e, Rel.TARGET)})
    return status


def _flow_label(clauses: list[SankeyClause]) -> str:
    words = []
    for c in clauses:
        word = "、".join(c.matters) or (c.duty or "全部职责")
        if word not in words:
            words.append(word)
    return "；".join(words)


# -- relationship graph -------------------------------------------------------------------------

def relation_graph(g: nx.MultiDiGraph, focus: str | None, q: str | None, flagged: dict[str, tuple[str, str]] | None,
                   limit: int = 120) -> RelationGraph:
    """Departments and the matters they hold around a department (`focus`) or matching `q`.
    `flagged`: matter key → (overlap / nolead, the ledger entry's number or id) from the ledger's
    open findings; None when no check has run in the jurisdiction (nothing is flagged: the page
    never second-guesses the detectors)."""
    holdings = _holdings(g)
    matters = _matters_around(holdings, focus, q)
    edges, departments_seen = [], set()
    for m in matters:
        for dep, (role, clause, text) in holdings[m].items():
            departments_seen.add(dep)
            edges.append(GraphEdge(source=dep, target="m:" + m, role=role, role_label=role_label(role),
                                   clause=clause, text=text))
    flags = {m: (flagged or {}).get(m, (None, None)) for m in matters}
    nodes = [GraphNode(id=d, kind="department", label=name_of(g, d), active=bool(g.nodes[d].get("active", True)),
                       focus=d == focus) for d in sorted(departments_seen)]
    nodes += [GraphNode(id="m:" + m, kind="matter", label=m, flag=flags[m][0], finding=flags[m][1]) for m in matters]
    truncated = len(nodes) > limit
    if truncated:
        keep = {n.id for n in nodes if n.focus} | {n.id for n in nodes[:limit]}
        nodes = [n for n in nodes if n.id in keep]
        edges = [e for e in edges if e.source in keep and e.target in keep]
    return RelationGraph(jurisdiction=g.graph.get("jurisdiction", ""), at=g.graph.get("at") or date.today(),
                         focus=focus, nodes=nodes, edges=edges, truncated=truncated, checked=flagged is not None)


def _holdings(g: nx.MultiDiGraph) -> dict[str, dict[str, tuple[str, str, str]]]:
    """matter key → department → (strongest role, clause, text) over current duties."""
    found: dict[str, dict[str, tuple[str, str, str]]] = defaultdict(dict)
    for dep, duty, k, e in g.edges(keys=True, data=True):
        if k != Rel.HOLDS or not e.get("current") or not g.nodes[dep].get("active", True):
            continue
        d = g.nodes[duty]
        if d.get("section") == "transformation":
            continue
        for m in d.get("matters") or []:
            role = d.get("role", "unspecified")
            old = found[m].get(dep)
            if old is None or role_rank(role) < role_rank(old[0]):
                found[m][dep] = (role, d.get("clause", ""), d.get("text", ""))
    return found


def _matters_around(holdings: dict, focus: str | None, q: str | None) -> list[str]:
    if focus:
        return sorted(m for m, deps in holdings.items() if focus in deps)
    if q:
        return sorted(m for m in holdings if q in m)
    shared = [m for m, deps in holdings.items() if len(deps) >= 2]
    return sorted(shared, key=lambda m: (-len(holdings[m]), m))[:40]

