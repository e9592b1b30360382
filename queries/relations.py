"""Departments and the matters they hold, as the relationship graph shows them: around one
department, around matters matching a text, or the matters two or more departments share. Pure
functions of the read model (`queries.view.View`)."""

from __future__ import annotations

from collections import defaultdict

from zhize.graph.records import role_label, role_rank
from zhize.queries.models import GraphEdge, GraphNode, RelationGraph
from zhize.queries.view import View

SHARED_SHOWN = 40  # matters shown when neither a department nor a text is given


def relation_graph(view: View, focus: str | None, q: str | None, flagged: dict[str, tuple[str, str]] | None,
                   limit: int = 120) -> RelationGraph:
    """Departments and the matters they hold around a department (`focus`) or matching `q`.
    `flagged`: matter key → (overlap / nolead, the ledger entry's number or id) from the ledger's
    open findings; None when no check has run in the jurisdiction (nothing is flagged: the page
    never second-guesses the detectors)."""
    holdings = _holdings(view)
    matters = _matters_around(holdings, focus, q)
    edges, departments_seen = [], set()
    for m in matters:
        for dep, (role, clause, text) in holdings[m].items():
            departments_seen.add(dep)
            edges.append(GraphEdge(source=dep, target="m:" + m, role=role, role_label=role_label(role),
                                   clause=clause, text=text))
    flags = {m: (flagged or {}).get(m, (None, None)) for m in matters}
    nodes = [GraphNode(id=d, kind="department", label=view.name(d), active=view.active(d), focus=d == focus)
             for d in sorted(departments_seen)]
    nodes += [GraphNode(id="m:" + m, kind="matter", label=m, flag=flags[m][0], finding=flags[m][1]) for m in matters]
    truncated = len(nodes) > limit
    if truncated:
        keep = {n.id for n in nodes if n.focus} | {n.id for n in nodes[:limit]}
        nodes = [n for n in nodes if n.id in keep]
        edges = [e for e in edges if e.source in keep and e.target in keep]
    return RelationGraph(jurisdiction=view.jurisdiction, at=view.at, focus=focus, nodes=nodes, edges=edges,
                         truncated=truncated, checked=flagged is not None)


def _holdings(view: View) -> dict[str, dict[str, tuple[str, str, str]]]:
    """matter key → department → (strongest role, clause, text) over the current duties of existing
    departments (职能转变 items change a function; they hold no matter)."""
    found: dict[str, dict[str, tuple[str, str, str]]] = defaultdict(dict)
    for d in view.duties.values():
        if not d.current or not view.active(d.department) or d.section == "transformation":
            continue
        for m in d.keys:
            old = found[m].get(d.department)
            if old is None or role_rank(d.role) < role_rank(old[0]):
                found[m][d.department] = (d.role, d.clause, d.text)
    return found


def _matters_around(holdings: dict, focus: str | None, q: str | None) -> list[str]:
    if focus:
        return sorted(m for m, deps in holdings.items() if focus in deps)
    if q:
        return sorted(m for m in holdings if q in m)
    shared = [m for m, deps in holdings.items() if len(deps) >= 2]
    return sorted(shared, key=lambda m: (-len(holdings[m]), m))[:SHARED_SHOWN]
