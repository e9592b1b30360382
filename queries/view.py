"""A typed reading of one projection (one jurisdiction at one date) that queries and detectors share.

`view_of(graph)` walks the networkx projection once and keeps typed rows — departments, duties with
their holding, internal units, staffing, boundaries, events, documents — plus the indexes every
detector needs (current holdings of active departments, the 三定 in force per department,
department names found in a text). The view is cached on the graph, so running all detectors reads
the graph once. It is the one read model of a projection: answers, detectors and the pages'
sheets (queries.department, queries.flows, queries.relations) all read it, never the graph.
"""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import networkx as nx

from zhize.graph.models import Evidence
from zhize.graph.schema import Label, Rel
from zhize.queries.matching import NgramSpace, boilerplate, first_role, normalise, synonyms


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    plaques: tuple[str, ...] = ()
    active: bool = True
    valid_from: date | None = None
    valid_to: date | None = None
    rank: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class Unit:
    """An internal unit (内设机构) as one document describes it."""

    id: str
    name: str
    department: str
    plaques: tuple[str, ...]
    current: bool


@dataclass(frozen=True)
class Staffing:
    """人员编制 of a department as one document fixes it: posts are (title, count)."""

    id: str
    department: str
    administrative: int | None
    other: dict[str, int]
    leaders: tuple[tuple[str, int], ...]
    posts: tuple[tuple[str, int], ...]
    clause: str
    document: str
    current: bool


@dataclass(frozen=True)
class Duty:
    id: str
    text: str
    role: str
    section: str
    clause: str
    span: tuple[int, int]
    document: str
    department: str
    unit: str | None
    keys: tuple[str, ...]
    current: bool
    valid_from: date | None
    valid_to: date | None
    ordinal: int = 0
    wordings: tuple[tuple[str, str], ...] = ()  # (key, wording seen in the text)
    unit_id: str | None = None

    def wording(self, key: str) -> str:
        return next((w for k, w in self.wordings if k == key), "")

    @cached_property
    def norm_keys(self) -> frozenset[str]:
        return frozenset(normalise(k) for k in self.keys if normalise(k))

    @cached_property
    def synonym_keys(self) -> frozenset[str]:
        return frozenset(s for k in self.keys for s in synonyms(k))

    @property
    def substantive(self) -> bool:
        """A duty that can own a matter: main or unit items, not 职能转变 or 交办 items."""
        return self.section != "transformation" and self.role != "unspecified"


@dataclass(frozen=True)
class Boundary:
    id: str
    text: str
    clause: str
    span: tuple[int, int]
    document: str
    current: bool
    keys: tuple[str, ...]
    parties: dict[str, tuple[str, str]]  # department id → (does, role)
    matter: str | None = None  # the matter the clause itself names, if any (also among `keys`)


@dataclass(frozen=True)
class Event:
    id: str
    kind: str
    date: date | None
    duty: str | None
    text: str
    clause: str
    span: tuple[int, int]
    document: str
    ordinal: int
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    keys: tuple[str, ...]
    wordings: tuple[str, ...]
    detail: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    id: str
    kind: str
    title: str
    issue_date: date | None
    subject: str | None
    valid_to: date | None


class View:
    """Typed rows of one projection and the indexes built on them."""

    def __init__(self, graph: nx.MultiDiGraph):
        # No reference to the graph is kept: views are cached per graph in a WeakKeyDictionary.
        self.jurisdiction: str = graph.graph.get("jurisdiction", "")
        self.at: date = graph.graph.get("at") or date.today()
        self.departments: dict[str, Department] = {}
        self.duties: dict[str, Duty] = {}
        self.units: dict[str, Unit] = {}
        self.staffing: dict[str, Staffing] = {}
        self.boundaries: dict[str, Boundary] = {}
        self.events: dict[str, Event] = {}
        self.documents: dict[str, Document] = {}
        self.cache: dict[str, object] = {}  # results detectors share (e.g. matter groups)
        self._read(graph)

    # -- reading the graph -------------------------------------------------------------------
    def _read(self, g: nx.MultiDiGraph) -> None:
        nodes = g.nodes
        for n, d in nodes(data=True):
            label = d.get("label")
            if label == Label.DEPARTMENT:
                self.departments[n] = Department(n, d["name"], tuple(d.get("aliases") or ()),
                                                 tuple(d.get("plaques") or ()), bool(d.get("active", True)),
                                                 d.get("valid_from"), d.get("valid_to"), d.get("rank"), d.get("type"))
            elif label == Label.DOCUMENT:
                self.documents[n] = Document(n, d.get("kind", ""), d.get("title", ""), d.get("issue_date"),
                                             d.get("subject"), d.get("valid_to"))
        for n, d in nodes(data=True):
            label = d.get("label")
            if label == Label.DUTY:
                self._read_duty(g, n, d)
            elif label == Label.BOUNDARY:
                self._read_boundary(g, n, d)
            elif label == Label.EVENT:
                self._read_event(g, n, d)
            elif label == Label.UNIT:
                self.units[n] = Unit(n, d.get("name", ""), d.get("department", ""), tuple(d.get("plaques") or ()),
                                     bool(d.get("current")))
            elif label == Label.STAFFING:
                self.staffing[n] = Staffing(n, d.get("department", ""), d.get("administrative"),
                                            dict(d.get("other") or {}), tuple(tuple(p) for p in d.get("leaders") or ()),
                                            tuple(tuple(p) for p in d.get("posts") or ()), d.get("clause", ""),
                                            d.get("document", ""), bool(d.get("current")))

    def _read_duty(self, g: nx.MultiDiGraph, n: str, d: dict) -> None:
        department = d.get("department")
        holds = g._succ.get(department, {}).get(n, {}).get(Rel.HOLDS) or {}  # adjacency: the hot path
        unit = d.get("unit")
        unit_name = g.nodes[unit].get("name") if unit and unit in g else None
        wordings = tuple((v.removeprefix("m:"), edges[Rel.CONCERNS].get("text") or "")
                         for v, edges in g._succ[n].items() if Rel.CONCERNS in edges)
        role, section = d.get("role") or "unspecified", d.get("section") or "main"
        if role == "unspecified" and section != "transformation":
            role = first_role(d.get("text", ""))  # the extractor did not know: read the first verb
        self.duties[n] = Duty(n, d.get("text", ""), role, section,
                              d.get("clause", ""), tuple(d.get("span") or (0, 0)), d.get("document", ""),
                              department, unit_name, tuple(d.get("matters") or ()), bool(holds.get("current")),
                              holds.get("valid_from"), holds.get("valid_to"), d.get("ordinal", 0), wordings, unit)

    def _read_boundary(self, g: nx.MultiDiGraph, n: str, d: dict) -> None:
        keys, parties = [], {}
        for _, v, k, e in g.out_edges(n, keys=True, data=True):
            if k == Rel.CONCERNS:
                keys.append(g.nodes[v].get("key", v.removeprefix("m:")))
            elif k == Rel.BETWEEN:
                parties[v] = (e.get("does", ""), e.get("role", "unspecified"))
        if d.get("matter") and d["matter"] not in keys:
            keys.append(d["matter"])
        self.boundaries[n] = Boundary(n, d.get("text", ""), d.get("clause", ""), tuple(d.get("span") or (0, 0)),
                                      d.get("document", ""), bool(d.get("current")), tuple(keys), parties,
                                      d.get("matter"))

    def _read_event(self, g: nx.MultiDiGraph, n: str, d: dict) -> None:
        sources, targets, keys, wordings = [], [], [], []
        for _, v, k, e in g.out_edges(n, keys=True, data=True):
            if k == Rel.SOURCE:
                sources.append(v)
            elif k == Rel.TARGET:
                targets.append(v)
            elif k == Rel.CONCERNS:
                keys.append(g.nodes[v].get("key", v.removeprefix("m:")))
                wordings.append(e.get("text", ""))
        self.events[n] = Event(n, d.get("kind", ""), d.get("date"), d.get("duty"), d.get("text", ""),
                               d.get("clause", ""), tuple(d.get("span") or (0, 0)), d.get("document", ""),
                               d.get("ordinal", 0), tuple(sorted(sources)), tuple(sorted(targets)), tuple(keys),
                               tuple(wordings), dict(d.get("detail") or {}))

    # -- indexes -----------------------------------------------------------------------------
    @cached_property
    def held(self) -> list[Duty]:
        """Duties held at `at` by departments that exist at `at`, that can own a matter."""
        return [d for d in self.duties.values() if d.current and d.substantive and self.active(d.department)]

    @cached_property
    def held_by(self) -> dict[str, list[Duty]]:
        out: dict[str, list[Duty]] = defaultdict(list)
        for d in self.held:
            out[d.department].append(d)
        return out

    @cached_property
    def duties_by(self) -> dict[str, list[Duty]]:
        """Department id → every duty of its documents in the projection, current or not."""
        out: dict[str, list[Duty]] = defaultdict(list)
        for d in self.duties.values():
            out[d.department].append(d)
        return out

    @cached_property
    def matters(self) -> frozenset[str]:
        """Every matter key a duty, event or boundary of the projection concerns."""
        found = {k for d in self.duties.values() for k in d.keys}
        found |= {k for e in self.events.values() for k in e.keys}
        return frozenset(found | {k for b in self.boundaries.values() for k in b.keys})

    @cached_property
    def current_boundaries(self) -> list[Boundary]:
        return [b for b in self.boundaries.values() if b.current]

    @cached_property
    def sanding_in_force(self) -> dict[str, Document]:
        """Department id → its 三定 in force at `at`."""
        found: dict[str, Document] = {}
        for doc in self.documents.values():
            if doc.kind == "三定" and doc.subject and (doc.valid_to is None or self.at < doc.valid_to):
                known = found.get(doc.subject)
                if known is None or (doc.issue_date or date.min) > (known.issue_date or date.min):
                    found[doc.subject] = doc
        return found

    @cached_property
    def sandings(self) -> dict[str, list[Document]]:
        """Department id → every 三定 regulating it (issued by `at`), oldest first."""
        out: dict[str, list[Document]] = defaultdict(list)
        for doc in sorted(self.documents.values(), key=lambda x: (x.issue_date or date.min, x.id)):
            if doc.kind == "三定" and doc.subject:
                out[doc.subject].append(doc)
        return out

    @cached_property
    def space(self) -> NgramSpace:
        return NgramSpace(d.text for d in self.duties.values() if d.current)

    @cached_property
    def vectors(self) -> dict[str, dict[str, float]]:
        return {}

    def vector(self, duty: Duty) -> dict[str, float]:
        found = self.vectors.get(duty.id)
        if found is None:
            found = self.vectors[duty.id] = self.space.vector(duty.text)
        return found

    @cached_property
    def generic(self) -> frozenset[str]:
        """Keyless duties that are housekeeping: boilerplate wording, or most of their 4-grams
        shared by three or more departments (the 办公室 item every 三定 repeats)."""
        keyless = [d for d in self.held if not d.keys]
        spread: dict[str, set[str]] = defaultdict(set)
        grams_of = {}
        for d in keyless:
            text = d.text
            grams = {text[i:i + 4] for i in range(len(text) - 3)}
            grams_of[d.id] = grams
            for gram in grams:
                spread[gram].add(d.department)
        out = set()
        for d in keyless:
            grams = grams_of[d.id]
            shared = sum(1 for g in grams if len(spread[g]) >= 3)
            if boilerplate(d.text, d.unit) or (grams and shared / len(grams) >= 0.5):
                out.add(d.id)
        return frozenset(out)

    # -- helpers -----------------------------------------------------------------------------
    def active(self, department: str) -> bool:
        dep = self.departments.get(department)
        return dep is not None and dep.active

    def name(self, department: str) -> str:
        dep = self.departments.get(department)
        return dep.name if dep else department

    def title(self, document: str) -> str:
        doc = self.documents.get(document)
        return doc.title if doc else ""

    def unit_clause(self, duty: Duty) -> str:
        return f"{duty.clause} {duty.unit}" if duty.unit else duty.clause

    def evidence(self, duty: Duty) -> Evidence:
        # model_construct: every value comes from a validated projection (and findings are many)
        return Evidence.model_construct(document=duty.document, document_title=self.title(duty.document),
                                        clause=self.unit_clause(duty), quote=duty.text, span=duty.span,
                                        department=self.name(duty.department))

    def event_evidence(self, event: Event) -> Evidence:
        return Evidence(document=event.document, document_title=self.title(event.document), clause=event.clause,
                        quote=event.text or (event.duty or ""), span=event.span)

    def boundary_evidence(self, boundary: Boundary) -> Evidence:
        return Evidence(document=boundary.document, document_title=self.title(boundary.document),
                        clause=boundary.clause, quote=boundary.text, span=boundary.span)

    def events_from(self, department: str) -> list[Event]:
        return [e for e in self.events.values() if department in e.sources]

    @cached_property
    def _name_index(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        forms: dict[str, set[str]] = defaultdict(set)
        for dep in self.departments.values():
            for form in name_forms(dep, self.jurisdiction):
                forms[form].add(dep.id)
        unique = {f: next(iter(ids)) for f, ids in forms.items() if len(ids) == 1 and len(f) >= 3}
        if not unique:
            return None, {}
        pattern = re.compile("|".join(re.escape(f) for f in sorted(unique, key=len, reverse=True)))
        return pattern, unique

    @cached_property
    def _name_ends(self) -> frozenset[str]:
        """The last characters of the names (局, 委, 办 …): a text holding none of them names nobody."""
        return frozenset(f[-1] for f in self._name_index[1])

    def mask_names(self, text: str, mask: str = "|") -> str:
        """The text with every department name replaced by `mask`."""
        pattern, _ = self._name_index
        if pattern is None or self._name_ends.isdisjoint(text):
            return text
        return pattern.sub(mask, text)

    def named_in(self, text: str) -> list[str]:
        """Departments (ids) named in a text, by full name, alias, plaque or short form."""
        return list(dict.fromkeys(dep for dep, _ in self.mentions_in(text)))

    def mentions_in(self, text: str) -> list[tuple[str, int]]:
        """(department id, position) of every department name in a text."""
        pattern, index = self._name_index
        if pattern is None or self._name_ends.isdisjoint(text):
            return []
        return [(index[m.group(0)], m.start()) for m in pattern.finditer(text)]


def name_forms(dep: Department, jurisdiction: str) -> set[str]:
    """Names a text may use for a department: full, aliases, plaques, and without the place name
    (岚川县交通运输局 → 交通运输局, 县交通运输局; 中共岚川县委宣传部 → 县委宣传部)."""
    forms = {dep.name, *dep.aliases, *dep.plaques}
    level = jurisdiction[-1:] if jurisdiction and jurisdiction[-1] in "县区市旗" else ""
    for name in list(forms):
        if jurisdiction and name.startswith("中共" + jurisdiction):
            forms.add(level + name[len("中共" + jurisdiction):])
        elif jurisdiction and name.startswith(jurisdiction):
            rest = name[len(jurisdiction):]
            forms.update({rest, level + rest})
    return {f for f in forms if f}


_VIEWS: weakref.WeakKeyDictionary[nx.MultiDiGraph, View] = weakref.WeakKeyDictionary()


def view_of(graph: nx.MultiDiGraph) -> View:
    """The view of a projection, built once per graph object (detectors share it)."""
    found = _VIEWS.get(graph)
    if found is None:
        found = _VIEWS[graph] = View(graph)
    return found


def release(graph: nx.MultiDiGraph) -> None:
    """Drop a projection that is done with, and its view, at once. networkx's cached views make
    every graph a reference cycle, so a graph (and the view cached on it) would otherwise wait for
    the cyclic collector, which then walks the whole county's rows to free them."""
    _VIEWS.pop(graph, None)
    graph.clear()
