"""Reforms over the years: a reform's events, and a department's or a matter's path through them.

`transfers` lists the events of one or all reform plans of a jurisdiction, each transfer with
whether it landed in the receiving department's new 三定 (`queries.landing`). `lineage` follows a
department through whole-body changes — merges (整合组建), renames (更名), creations and abolitions
— to its predecessors and successors, across any number of plans (A → B → C), listing the
transfers in and out on the way; or a matter through the departments that held it and the events
that moved it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import networkx as nx

from zhize.graph.errors import NotFound
from zhize.graph.store import GraphReader
from zhize.queries.landing import event_matters, landings
from zhize.queries.models import EventRef, Lineage, Period, Reform
from zhize.queries.ownership import Query, holders_of
from zhize.queries.refs import event_ref
from zhize.queries.scope import closest, jurisdictions
from zhize.queries.view import Department, Document, View, name_forms, view_of


def transfers(store: GraphReader, jurisdiction: str | None = None, reform: str | None = None,
              at: date | None = None) -> list[Reform]:
    """The events of the reform plans of a jurisdiction (or all), or of the plans `reform` names:
    a document id prefix, words of the title, or an issue date prefix (2019, 2019-02-28)."""
    day = at or date.today()
    out: list[Reform] = []
    titles: list[str] = []
    for place in jurisdictions(store, jurisdiction):
        view = view_of(store.project(place, day))
        landed = {(x.event.id): x for x in landings(view)}
        for doc in sorted(view.documents.values(), key=lambda d: (d.issue_date or date.min, d.title)):
            events = sorted((e for e in view.events.values() if e.document == doc.id), key=lambda e: e.ordinal)
            if not events:
                continue
            titles.append(doc.title)
            if reform and not _is_reform(doc, reform):
                continue
            out.append(Reform(document=doc.id, title=doc.title, jurisdiction=place, issue_date=doc.issue_date,
                              events=[event_ref(view, e, landed.get(e.id)) for e in events]))
    if not out:
        if not titles:
            raise NotFound("库中还没有机构改革方案。可用 zhize ingest 载入改革方案。")
        near = closest(reform or "", titles, "改革方案", hint="可用 zhize documents 查看库中的文档。")
        raise NotFound(f"没有找到改革方案“{reform}”。{near}")
    return out


def _is_reform(doc: Document, reform: str) -> bool:
    """The plan a user means: by document id prefix, a word of its title, or its issue date (2019, 2019-02)."""
    issued = doc.issue_date.isoformat() if doc.issue_date else ""
    return doc.id.startswith(reform) or reform in doc.title or bool(issued) and issued.startswith(reform)


def lineage(store: GraphReader, name_or_matter: str, jurisdiction: str | None = None,
            at: date | None = None) -> Lineage:
    """A department's lineage when the name is a department's (full, short, alias or plaque),
    otherwise the matter's."""
    day = at or date.today()
    places = jurisdictions(store, jurisdiction)
    views = [view_of(store.project(place, day)) for place in places]
    query = name_or_matter.strip()
    found = [(v, d) for v in views for d in v.departments.values() if query in name_forms(d, v.jurisdiction)]
    if found:
        return _department_lineage(query, found)
    result = _matter_lineage(query, views)
    if result.steps or result.periods:
        return result
    names = {d.name for v in views for d in v.departments.values()}
    names |= {k for v in views for d in v.duties.values() for k in d.keys}
    raise NotFound(f"没有找到名为“{query}”的部门或事项。{closest(query, names, '部门或事项')}")


def _department_lineage(query: str, found: list[tuple[View, Department]]) -> Lineage:
    steps: list[EventRef] = []
    periods: list[Period] = []
    generations: list[list[str]] = []
    seen: set[tuple[str, str]] = set()
    for view, start in found:
        if (view.jurisdiction, start.id) in seen:
            continue
        family = _family(view, start.id)
        seen |= {(view.jurisdiction, d) for d in family}
        events = [e for e in view.events.values() if set(e.sources + e.targets) & family]
        steps += [event_ref(view, e) for e in sorted(events, key=lambda e: (e.date or date.min, e.document,
                                                                           e.ordinal))]
        periods += _department_periods(view, family)
        generations += _generations(view, family)
    return Lineage(subject=query, kind="department", jurisdictions=sorted({v.jurisdiction for v, _ in found}),
                   generations=generations, steps=steps, periods=periods)


def _family(view: View, start: str) -> set[str]:
    """Departments linked to `start` by whole-body events (merges, renames), both ways, transitively."""
    links: dict[str, set[str]] = defaultdict(set)
    for e in view.events.values():
        if e.targets and (e.kind == "rename" or (e.kind == "merge" and not event_matters(e))):
            for s in e.sources:
                for t in e.targets:
                    links[s].add(t)
                    links[t].add(s)
    family, todo = {start}, [start]
    while todo:
        for other in links[todo.pop()] - family:
            family.add(other)
            todo.append(other)
    return family


def _department_periods(view: View, family: set[str]) -> list[Period]:
    out = []
    for dep in sorted(family, key=lambda d: (view.departments[d].valid_from or date.min, view.name(d))):
        department = view.departments[dep]
        docs = view.sandings.get(dep, [])
        if not docs:
            out.append(Period(department=department.name, jurisdiction=view.jurisdiction,
                              valid_from=department.valid_from, valid_to=department.valid_to))
        for doc in docs:
            out.append(Period(department=department.name, jurisdiction=view.jurisdiction,
                              valid_from=doc.issue_date, valid_to=doc.valid_to or department.valid_to,
                              document_title=doc.title))
    return out


def _generations(view: View, family: set[str]) -> list[list[str]]:
    """Departments of the family layered by whole-body events: predecessors first (A → B → C)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(family)
    for e in view.events.values():
        if e.targets and (e.kind == "rename" or (e.kind == "merge" and not event_matters(e))):
            graph.add_edges_from((s, t) for s in e.sources for t in e.targets if s in family and t in family)
    if not nx.is_directed_acyclic_graph(graph):
        return [sorted(view.name(d) for d in family)]
    return [sorted(view.name(d) for d in layer) for layer in nx.topological_generations(graph)]


def _matter_lineage(query: str, views: list[View]) -> Lineage:
    q = Query(query)
    steps: list[EventRef] = []
    periods: list[Period] = []
    for view in views:
        now, before = holders_of(view, q)
        for holder in before + now:
            by_doc: dict[str, list] = defaultdict(list)
            for d in holder.duties:
                by_doc[d.document].append(d)
            for duties in by_doc.values():
                periods.append(Period(department=holder.name, jurisdiction=view.jurisdiction,
                                      valid_from=duties[0].valid_from, valid_to=duties[0].valid_to,
                                      document_title=duties[0].document_title,
                                      clauses=[d.clause + (f" {d.unit}" if d.unit else "") for d in duties],
                                      role=holder.role))
        for e in view.events.values():
            if (e.keys or e.duty) and q.match(e.keys, e.duty or ""):
                steps.append(event_ref(view, e))
    periods.sort(key=lambda p: (p.valid_from or date.min, p.department))
    steps.sort(key=lambda e: (e.date or date.min, e.document, e.event))
    return Lineage(subject=query, kind="matter", jurisdictions=[v.jurisdiction for v in views],
                   generations=successive(periods), steps=steps, periods=periods)


def successive(periods: list[Period]) -> list[list[str]]:
    """Departments holding a matter, layered by time: those whose holding overlaps in time share a
    generation (they held it side by side); a department that took it up only after every holder of
    the current generation had ended starts the next one (A → B). Each department appears once."""
    spans: dict[str, tuple[date, date]] = {}
    for p in periods:
        start, end = p.valid_from or date.min, p.valid_to or date.max
        old = spans.get(p.department)
        spans[p.department] = (min(start, old[0]), max(end, old[1])) if old else (start, end)
    generations: list[list[str]] = []
    horizon = date.min  # when the current generation's last holding ended
    for name, (start, end) in sorted(spans.items(), key=lambda kv: (kv[1][0], kv[0])):
        if generations and start < horizon:
            generations[-1].append(name)
            horizon = max(horizon, end)
        else:
            generations.append([name])
            horizon = end
    return [sorted(g) for g in generations]
