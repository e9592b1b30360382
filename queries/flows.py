"""The flows of one reform plan, as its Sankey diagram shows them: departments before and after,
and for each flow the clauses that move duties along it with whether they landed in the
receiver's 三定 (`queries.landing`). Pure functions of the read model (`queries.view.View`)."""

from __future__ import annotations

from collections import defaultdict

from zhize.graph.errors import NotFound
from zhize.queries import landing
from zhize.queries.department import FLOW_KINDS, all_events, document_ref
from zhize.queries.models import Sankey, SankeyClause, SankeyLink, SankeyNode
from zhize.queries.view import View

# How a flow landed, in the order the page lists them: from `queries.landing` (已落实, 未见于承接部门
# 三定, 无法核对), and 整体并入 for a merge that names no duty (a whole body joins another: there is
# no item to look for in the receiver's 三定).
LANDED, MISSING, UNVERIFIABLE, WHOLE = "已落实", "未落地", "无法核对", "整体并入"
LANDINGS = (LANDED, MISSING, UNVERIFIABLE, WHOLE)


def event_landings(view: View) -> dict[str, tuple[str, str]]:
    """event id → (landing, reason) for every transfer or merge `queries.landing` checks; an event
    moving several matters is 未落地 if one of them did not land, 已落实 if all did."""
    words = {landing.LANDED: LANDED, landing.MISSING: MISSING, landing.UNVERIFIABLE: UNVERIFIABLE}
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for x in landing.landings(view):
        found[x.event.id].append((words.get(x.status, UNVERIFIABLE), x.reason))
    out = {}
    for event, results in found.items():
        states = [s for s, _ in results]
        state = MISSING if MISSING in states else LANDED if all(s == LANDED for s in states) else UNVERIFIABLE
        out[event] = (state, "；".join(dict.fromkeys(r for s, r in results if s == state and r)))
    return out


def sankey(view: View, document: str) -> Sankey:
    if document not in view.documents:
        raise NotFound(f"改革方案 {document} 不在库中")
    nodes: dict[str, int] = {}
    node_rows: list[SankeyNode] = []
    flows: dict[tuple[int, int, str], list[SankeyClause]] = defaultdict(list)
    status = _department_status(view, document)
    landed = event_landings(view)

    def node(department: str, side: str) -> int:
        key = f"{side}:{department}"
        if key not in nodes:
            nodes[key] = len(node_rows)
            node_rows.append(SankeyNode(id=key, label=view.name(department), side=side, department=department,
                                        status=status.get(department, "保留")))
        return nodes[key]

    for e in all_events(view, document):
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
    return Sankey(reform=document_ref(view.documents[document]), jurisdiction=view.jurisdiction,
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


def _department_status(view: View, document: str) -> dict[str, str]:
    status: dict[str, str] = {}
    for e in view.events.values():
        if e.document != document:
            continue
        if e.kind == "abolish":
            status.update({s: "撤销" for s in e.sources})
        elif e.kind == "create":
            status.update({t: "组建" for t in e.targets})
    return status


def _flow_label(clauses: list[SankeyClause]) -> str:
    words = []
    for c in clauses:
        word = "、".join(c.matters) or (c.duty or "全部职责")
        if word not in words:
            words.append(word)
    return "；".join(words)
