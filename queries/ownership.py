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
from zhize.graph.store import GraphStore
from zhize.queries.matching import canonical, clean, locate, normalise, role_at, synonyms
from zhize.queries.models import EventRef, HeldDuty, Holder, Ownership
from zhize.queries.refs import boundary_ref, event_ref, held_duty
from zhize.queries.scope import closest, jurisdictions
from zhize.queries.view import ROLE_LABELS, Duty, View, view_of

ROLE_ORDER = {"lead": 0, "guidance": 1, "support": 2, "unspecified": 3}
MATCH_ORDER = {"key": 0, "synonym": 1, "text": 2}


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


def who(store: GraphStore, query: str, *, jurisdiction: str | None = None, at: date | None = None) -> Ownership:
    """谁负责 `query` at `at` (today by default), in one jurisdiction or in all of them."""
    q = Query(query)
    day = at or date.today()
    places = jurisdictions(store, jurisdiction)
    holders, past, events, boundaries, views = [], [], [], [], []
    for place in places:
        view = view_of(store.project(place, day))
        views.append(view)
        now, before = holders_of(view, q)
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


def holders_of(view: View, q: Query) -> tuple[list[Holder], list[Holder]]:
    """(current holders, earlier holders — one per department and 三定) of the query's matter."""
    now: dict[str, list[HeldDuty]] = defaultdict(list)
    before: dict[tuple[str, str], list[HeldDuty]] = defaultdict(list)
    for duty, how in match_index(view).find(q):
        held = held_duty(view, duty, q.role(duty), how)
        if held.current:
            now[duty.department].append(held)
        else:
            before[(duty.department, duty.document)].append(held)
    current = [_holder(view, dep, duties) for dep, duties in now.items()]
    earlier = [_holder(view, dep, duties) for (dep, _), duties in before.items()]
    return current, earlier


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
    return Holder(department=department, name=view.name(department), jurisdiction=view.jurisdiction, role=role,
                  role_label=ROLE_LABELS.get(role, role), active=view.active(department), duties=duties)


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
