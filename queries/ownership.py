"""谁负责 X: the departments that hold a matter at a date, ranked, and who held it before.

A duty clause answers the query when its text contains the query (so two-character matters such
as 消防 and 采砂 work), when one of its matter keys is the query's canonical key, or when its key
and the query are one matter in the synonym table (食品安全监管 finds 食品安全监督管理). The role shown
is the role the clause gives this matter ("负责A，配合做好B": B is 配合), not only the item's
first verb.

Ranking: lead (牵头/负责) before guidance (指导/监督) before support (配合/参与); main items before
internal units' duties; key matches before text matches; then by name. History: clauses of
superseded 三定 and of departments that no longer exist, and the reform events and 有关职责分工
clauses about the matter.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from itertools import accumulate

from zhize.graph.errors import InputError, NotFound
from zhize.graph.matters import vocabulary
from zhize.graph.records import ROLE_LABELS, ROLE_ORDER
from zhize.graph.store import GraphReader
from zhize.queries.matching import canonical, clean, locate, normalise, role_at, synonyms
from zhize.queries.models import EventRef, HeldDuty, Holder, Ownership
from zhize.queries.refs import boundary_ref, event_ref, held_duty
from zhize.queries.scope import closest, jurisdictions
from zhize.queries.tenure import held_index
from zhize.queries.view import Duty, View, view_of

MATCH_ORDER = {"key": 0, "synonym": 1, "text": 2, "plan": 3, "similar": 4, "broader": 5}
SIMILAR = 0.65  # cosine from which a clause in other words answers the query


class Query:
    """A matter query in its comparable forms."""

    def __init__(self, text: str):
        self.text = text.strip()
        if not self.text:
            raise InputError("查询内容不能为空")
        self.clean = clean(self.text)
        self.key = canonical(self.text)
        self.forms = synonyms(self.text) | ({self.key} if self.key else set())

    def match(self, keys: tuple[str, ...], text: str) -> str | None:
        """How a clause (matter keys, text) answers the query: key, synonym, text, or None."""
        if any(k == self.text or normalise(k) == normalise(self.text) or normalise(k) == self.key for k in keys):
            return "key"
        if any(synonyms(k) & self.forms for k in keys):
            return "synonym"
        body = clean(text)
        if self.clean and self.clean in body:
            return "text"
        if self.key and len(self.key) >= 2 and self.key in body:
            return "text"
        return None

    def role(self, duty: Duty) -> str:
        for needle in self._needles(duty):
            where = locate(duty.text, needle, needle) if needle else None
            if where:
                return role_at(duty.text, where[0], duty.role)
        return duty.role

    def _needles(self, duty: Duty) -> Iterator[str]:
        """What to look for in the duty's text, best first (lazily: the first one usually hits)."""
        yield self.text
        if self.key:
            yield self.key
        for k in duty.keys:
            yield duty.wording(k)


def who(store: GraphReader, query: str, *, jurisdiction: str | None = None, at: date | None = None) -> Ownership:
    """谁负责 `query` at `at` (today by default), in one jurisdiction or in all of them."""
    q = Query(query)
    day = at or date.today()
    places = jurisdictions(store, jurisdiction)
    holders, past, events, boundaries, views = [], [], [], [], []
    for place in places:
        view = view_of(store.project(place, day))
        views.append(view)
        later = view_of(store.project(place, max(day, date.today()))) if day < date.today() else view
        now, before = holders_of(view, q, later)
        holders += now
        past += before
        events += _events(view, q)
        boundaries += [boundary_ref(view, b) for b in view.boundaries.values()
                       if q.match(b.keys, b.text + "".join(d for d, _ in b.parties.values()))]
    if not holders and not past and not events:
        names = set().union(*(_known_names(v) for v in views))
        raise NotFound(f"没有找到与“{q.text}”有关的职责（{'、'.join(places) if len(places) <= 3 else '全部行政区划'}，"
                       f"{day.isoformat()}）。{closest(q.text, names, '事项或部门')}")
    return Ownership(query=q.text, matter=q.key, at=day, jurisdictions=places, holders=_ranked(holders),
                     past=sorted(past, key=lambda h: (h.duties[0].valid_from or date.min, h.name)),
                     events=sorted(events, key=lambda e: (e.date or date.min, e.document, e.event)),
                     boundaries=sorted(boundaries, key=lambda b: (not b.current, b.document_title, b.clause)))


def holders_of(view: View, q: Query, later: View | None = None) -> tuple[list[Holder], list[Holder]]:
    """(current holders, earlier holders — one per department and 三定) of the query's matter.

    Time decides (`queries.tenure`): a clause a later plan moved away is no holding; a plan says who
    holds a duty before it moves it (its sources) and after (its receiver, until the receiver's first
    三定 issued after the plan); `later` is the view at a later date that holds the plans not yet
    issued at the query's date. When no clause names the query, a clause governing the same object in
    other words (`queries.similarity`) answers it."""
    now: dict[str, list[HeldDuty]] = defaultdict(list)
    before: dict[tuple[str, str], list[HeldDuty]] = defaultdict(list)
    reduced = bool(q.key) and len(q.key) < len(normalise(q.text)) and not _known_wording(q.text)
    for duty, how in match_index(view).find(q):
        held = held_duty(view, duty, q.role(duty), how)
        if reduced and how != "text" and q.clean not in clean(duty.text):
            # the key names a broader matter than the query (智慧城市建设 → 城市建设): related, not held
            held = held.model_copy(update={"match": "broader", "role": "unspecified",
                                           "role_label": ROLE_LABELS["unspecified"]})
        if held.current and _moved_away(view, duty, q):
            held = held.model_copy(update={"current": False})
        if held.current:
            now[duty.department].append(held)
        else:
            before[(duty.department, duty.document)].append(held)
    if not any(h.role == "lead" for hs in now.values() for h in hs):
        for dep, held in _similar(view, q):
            now[dep].append(held)
    for dep, held in _by_plans(view, later or view, q):
        now[dep].append(held)
    current = [_holder(view if dep in view.departments else later or view, dep, duties) for dep, duties in now.items()]
    earlier = [_holder(view, dep, duties) for (dep, _), duties in before.items()]
    return current, earlier


def _known_wording(text: str) -> bool:
    """The vocabulary lists the query as a wording of its key (森林草原防火 of 森林防火): not broader."""
    exact = vocabulary().exact
    return any(form in exact for form in {text.strip(), clean(text), normalise(text)})


def _moved_away(view: View, duty: Duty, q: Query) -> bool:
    """Every statement of the duty that names the query was moved away by a later plan."""
    ix = held_index(view)
    mine = [i for i, s in enumerate(ix.statements) if s.duty.id == duty.id
            and (q.clean in clean(s.text) or (q.key and q.key in clean(s.text)))]
    return bool(mine) and all(i in ix.overridden for i in mine)


def _similar(view: View, q: Query) -> list[tuple[str, HeldDuty]]:
    """Lead clauses governing the query's object in other words (信息化推进和大数据产业发展 ~
    推动大数据产业发展)."""
    ix = held_index(view)
    out = []
    for i, cos in ix.against(q.text, loose=True):
        s = ix.statements[i]
        if cos >= SIMILAR and s.role == "lead" and i not in ix.overridden and i not in ix.housekeeping:
            out.append((s.department, held_duty(view, s.duty, "lead", "similar")))
    return out


def _by_plans(view: View, later: View, q: Query) -> list[tuple[str, HeldDuty]]:
    """Holders a reform plan names: before a transfer (or a merge of a body whose name is the matter,
    县信访局 for 信访), its sources; from the plan on, its receiver, until the receiver's first 三定
    issued after the plan."""
    out = []
    for event in later.events.values():
        if event.kind not in ("transfer", "merge") or event.date is None:
            continue
        if not _moves(later, event, q):
            continue
        if view.at < event.date:
            for source in event.sources:
                if _exists(later, source, view.at):
                    out.append((source, _plan_duty(view, later, event, source)))
        elif event.targets and view.active(event.targets[0]):
            target = event.targets[0]
            sanding = view.sanding_in_force.get(target)
            if sanding is None or (sanding.issue_date is not None and sanding.issue_date < event.date):
                out.append((target, _plan_duty(view, later, event, target)))
    return out


def _exists(view: View, department: str, day: date) -> bool:
    dep = view.departments.get(department)
    return dep is not None and (dep.valid_from is None or dep.valid_from <= day) and (
        dep.valid_to is None or day < dep.valid_to)


def _moves(view: View, event, q: Query) -> bool:
    if event.duty or event.keys:
        return bool(q.match(event.keys, event.duty or ""))
    names = [view.name(s) for s in event.sources]
    return any(q.key and q.key in clean(n) for n in names)


def _plan_duty(view: View, later: View, event, department: str) -> HeldDuty:
    return HeldDuty(duty=event.id, jurisdiction=view.jurisdiction, department=department,
                    department_name=later.name(department), role="lead", role_label=ROLE_LABELS["lead"],
                    section="plan", clause=event.clause, text=event.text or (event.duty or ""), span=event.span,
                    document=event.document, document_title=later.title(event.document), current=True,
                    match="plan")


class MatchIndex:
    """`Query.match` over every duty of a view (职能转变 items left out), answered from indexes:
    duties by key, by normalised key and by synonym form, and their cleaned texts joined in one
    string that `str.find` scans. Built once per view; a query then costs about a millisecond
    instead of a pass of `Query.match` over thousands of duties."""

    _GAP = "\x00"  # between texts: cleaned needles never contain it, so no hit spans two duties

    def __init__(self, duties: list[Duty]):
        self.duties = [d for d in duties if d.section != "transformation"]
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.by_norm: dict[str, set[int]] = defaultdict(set)
        self.by_synonym: dict[str, set[int]] = defaultdict(set)
        texts = []
        for i, d in enumerate(self.duties):
            for k in d.keys:
                self.by_key[k].add(i)
            for k in d.keys:  # every normalised form, even an empty one, as Query.match compares them
                self.by_norm[normalise(k)].add(i)
            for k in d.synonym_keys:
                self.by_synonym[k].add(i)
            texts.append(clean(d.text))
        self.starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        self.corpus = self._GAP.join(texts)

    def find(self, q: Query) -> list[tuple[Duty, str]]:
        """(duty, how) for every duty that answers q, in view order; how as in `Query.match`."""
        keyed = set(self.by_key.get(q.text, ()))
        for form in {normalise(q.text), q.key} - {None}:
            keyed |= self.by_norm.get(form, set())
        synonym: set[int] = set()
        for form in q.forms:
            synonym |= self.by_synonym.get(form, set())
        text: set[int] = set()
        for needle in {q.clean, q.key if q.key and len(q.key) >= 2 else ""} - {""}:
            text |= self._containing(needle)
        how = {i: "text" for i in text}
        how.update((i, "synonym") for i in synonym)
        how.update((i, "key") for i in keyed)
        return [(self.duties[i], how[i]) for i in sorted(how)]

    def _containing(self, needle: str) -> set[int]:
        found, at = set(), self.corpus.find(needle)
        while at >= 0:
            i = bisect_right(self.starts, at) - 1
            found.add(i)
            # Skip to the next duty's text: one hit per duty is enough.
            nxt = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.corpus)
            at = self.corpus.find(needle, nxt)
        return found


def match_index(view: View) -> MatchIndex:
    found = view.cache.get("ownership.match_index")
    if found is None:
        found = view.cache["ownership.match_index"] = MatchIndex(list(view.duties.values()))
    return found  # type: ignore[return-value]


def _holder(view: View, department: str, duties: list[HeldDuty]) -> Holder:
    duties = sorted(duties, key=_duty_rank)
    role = duties[0].role
    active = view.active(department) or any(d.match == "plan" for d in duties)
    return Holder(department=department, name=view.name(department), jurisdiction=view.jurisdiction, role=role,
                  role_label=ROLE_LABELS.get(role, role), active=active, duties=duties)


def _duty_rank(d: HeldDuty) -> tuple:
    return ROLE_ORDER.get(d.role, 9), d.section != "main", MATCH_ORDER.get(d.match, 9), d.clause


def _ranked(holders: list[Holder]) -> list[Holder]:
    return sorted(holders, key=lambda h: (_duty_rank(h.duties[0])[:3], -len(h.duties), h.jurisdiction, h.name))


def _events(view: View, q: Query) -> list[EventRef]:
    out = []
    for event in view.events.values():
        named = q.match(event.keys, event.duty or "") if (event.keys or event.duty) else None
        if named:
            out.append(event_ref(view, event))
    return out


def _known_names(view: View) -> set[str]:
    keys = {k for d in view.duties.values() for k in d.keys}
    keys |= {k for e in view.events.values() for k in e.keys}
    return keys | {d.name for d in view.departments.values()}
