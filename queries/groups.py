"""Which departments touch which matter: the grouping OVL001, BPR001 and BPR002 build on.

A group is one matter (its normalised key) and, per department, the held duties about it, each
with how we know (`how`) and how sure we are (`confidence`):

- ``key`` (0.9): the duty carries the matter key (after `normalise`: 食品安全监督管理 = 食品安全监管);
- ``synonym`` (0.75): its key and the group's are the same matter in the synonym table;
- ``text`` (0.7): a duty without matter keys names the matter in its text;
- ``phrase`` (0.6): a duty without matter keys has a matter phrase (`queries.matching.phrases`:
  承担城市绿化的规划建设… → 城市绿化) equal or close to a group's matter or another such phrase
  (户外广告设施设置 ~ 户外广告设置), candidates blocked by shared character bigrams;
- ``similar`` (0.6): a duty without matter keys reads like a duty of the group (char 2–3-gram
  TF-IDF cosine), candidates blocked by shared rare 4-grams of the jurisdiction — never all pairs.

Keys are trusted: a duty whose extractor or annotator gave it matter keys joins groups only
through them (its text may mention other matters in passing: "指导火灾、地质灾害等突发事件的应急救援").
Housekeeping duties without keys (`View.generic`) join no group.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from zhize.queries.matching import (
    bigrams,
    clean,
    cosine,
    dice,
    first_sentence_end,
    has_table,
    locate,
    longest_common,
    mention_forms,
    mentions,
    normalise,
    phrases,
    related,
    role_at,
    scoped,
    specific,
    synonyms,
)
from zhize.queries.view import Boundary, Duty, View

CONFIDENCE = {"key": 0.9, "synonym": 0.75, "text": 0.7, "phrase": 0.6, "similar": 0.6}
SIMILAR = 0.5  # cosine above which a keyless duty reads like another
RARE_SPREAD = 3  # a 4-gram found in duties of at most this many departments blocks candidates
MIN_TEXT_CORE = 3  # shortest matter core looked for inside texts


# Functions every department performs for itself (its own documents' legality review, being a
# respondent in 行政复议, its own statistics, archives, publicity …): no matter to overlap on.
HOUSEKEEPING = re.compile(
    r"^(?:规范性文件)?合法性审[查核]|^行政复议|^行政应诉|^法治宣传|^普法|^统计$|^信息化|^档案|^信访|^政务公开|"
    r"^(?:安全)?保密|^财务|^人事|^行政(?:许可|审批|处罚|执法|检查)$|^(?:行政)?执法监督$|^(?:新闻)?宣传$|^对外交流")


@dataclass(frozen=True)
class Touch:
    """One duty touching a matter: the role its clause gives that matter, and whether the matter
    is only named as the scope of something else (`queries.matching.scoped`)."""

    duty: Duty
    how: str
    role: str
    scoped: bool = False
    secondary: bool = False  # named after the first sentence, which is about another matter

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.how]


@dataclass
class Group:
    """One matter and the held duties touching it, per department. How each duty touches the
    matter (its role there, scope, side remark) is read lazily: most matters have one department."""

    key: str  # normalised matter key
    pending: dict[str, list[tuple[Duty, str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    raw: Counter = field(default_factory=Counter)  # matter keys as written
    _read: dict[str, list[Touch]] | None = None

    @property
    def by_department(self) -> dict[str, list[Touch]]:
        if self._read is None:
            self._read = {dep: [touch(*entry) for entry in entries] for dep, entries in self.pending.items()}
        return self._read

    @property
    def size(self) -> int:
        """How many departments touch the matter (without reading how)."""
        return len(self.pending)

    @property
    def label(self) -> str:
        """The matter as the documents most often write it (shortest on ties)."""
        if not self.raw:
            return self.key
        return min(self.raw, key=lambda k: (-self.raw[k], len(k), k))

    @property
    def housekeeping(self) -> bool:
        return bool(HOUSEKEEPING.search(self.key))

    def add(self, duty: Duty, how: str, raw: str | None = None, needle: str = "") -> None:
        entries = self.pending[duty.department]
        if all(e[0].id != duty.id for e in entries):
            entries.append((duty, how, raw or self.key, needle))
            self._read = None
        if raw:
            self.raw[raw] += 1

    def adopt(self, entry: tuple[Duty, str, str, str], how: str) -> None:
        duty, _, key, needle = entry
        entries = self.pending[duty.department]
        if all(e[0].id != duty.id for e in entries):
            entries.append((duty, how, key, needle))
            self._read = None

    def entries(self) -> list[tuple[Duty, str, str, str]]:
        return [e for es in self.pending.values() for e in es]

    def departments(self, roles: frozenset[str] | None = None, *, unscoped: bool = False) -> list[str]:
        return sorted(d for d in self.by_department if self.touches(d, roles, unscoped=unscoped))

    def touches(self, department: str, roles: frozenset[str] | None = None, *, unscoped: bool = False
                ) -> list[Touch]:
        """Touches of a department, in the given roles; `unscoped`: only where the matter is what the
        clause is about (not a sector's or field's scope, not a side remark after the main sentence)."""
        return [t for t in self.by_department.get(department, [])
                if (roles is None or t.role in roles) and not (unscoped and (t.scoped or t.secondary))]



def touch(duty: Duty, how: str, key: str, needle: str = "") -> Touch:
    """How a duty touches a matter: the role its clause gives it, whether it is only a scope, and
    whether it is a side remark (after a first sentence about another of the duty's matters)."""
    if duty.role != "lead":  # a clause can only narrow a lead; scope and side remarks matter for leads
        return Touch(duty, how, duty.role)
    where = locate(duty.text, needle or duty.wording(key), key)
    if where is None:
        return Touch(duty, how, duty.role)
    role = role_at(duty.text, where[0], duty.role)
    if role != "lead":
        return Touch(duty, how, role)
    return Touch(duty, how, role, scoped(duty.text, *where), _secondary(duty, key, where[0]))


def _secondary(duty: Duty, key: str, start: int) -> bool:
    """In an item naming three or more matters, one named only after a first sentence that is
    about another of them is a side remark ("负责特种设备安全监督管理。…锅炉环境保护标准…")."""
    if len(duty.keys) < 3:
        return False
    end = first_sentence_end(duty.text)
    if start < end:
        return False
    others = (locate(duty.text, duty.wording(k), k) for k in duty.keys if k != key)
    return any(spot is not None and spot[0] < end for spot in others)


def groups_of(view: View) -> list[Group]:
    """Matter groups of every duty held at the date (cached on the view: detectors share them)."""
    found = view.cache.get("groups")
    if found is None:
        found = view.cache["groups"] = matter_groups(view, view.held)
    return found  # type: ignore[return-value]


def matter_groups(view: View, duties: list[Duty]) -> list[Group]:
    """Groups of the given duties (held, substantive ones), one per matter."""
    groups: dict[str, Group] = {}
    for duty in duties:
        for raw in duty.keys:
            key = normalise(raw)
            if key:
                groups.setdefault(key, Group(key)).add(duty, "key", raw)
    if has_table():
        groups = _join_synonyms(groups)
    keyless = [d for d in duties if not d.keys and d.id not in view.generic]
    unplaced = _place_by_text(groups, keyless)
    unplaced = _place_by_phrase(groups, unplaced)
    _place_by_similarity(view, groups, duties, unplaced)
    return list({id(g): g for g in groups.values()}.values())


def _join_synonyms(groups: dict[str, Group]) -> dict[str, Group]:
    """Groups whose keys are one matter in the synonym table become one group; its duties that
    carry another key than the group's label count as ``synonym`` touches."""
    parent = {k: k for k in groups}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    first: dict[str, str] = {}
    for key in sorted(groups):
        for raw in sorted(groups[key].raw):
            for form in synonyms(raw):
                if form in first:
                    parent[root(key)] = root(first[form])
                else:
                    first[form] = key
    classes: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        classes[root(key)].append(key)
    out: dict[str, Group] = {}
    for keys in classes.values():
        if len(keys) == 1:
            out[keys[0]] = groups[keys[0]]
            continue
        merged = Group(min(keys, key=lambda k: (-sum(groups[k].raw.values()), len(k), k)))
        for k in keys:
            merged.raw.update(groups[k].raw)
        for k in sorted(keys, key=lambda k: k != merged.key):
            for entry in groups[k].entries():
                merged.adopt(entry, entry[1] if k == merged.key else "synonym")
        for k in keys:
            out[k] = merged
    return out


def _place_by_text(groups: dict[str, Group], keyless: list[Duty]) -> list[Duty]:
    """Keyless duties whose text names a group's matter join it; returns the ones placed nowhere."""
    cores = sorted((k for k in groups if specific(k, MIN_TEXT_CORE)), key=len, reverse=True)
    if not cores:
        return keyless
    pattern = re.compile("|".join(re.escape(c) for c in cores))
    unplaced = []
    for duty in keyless:
        found = {m.group(0) for m in pattern.finditer(clean(duty.text))}
        for core in found:
            groups[core].add(duty, "text", needle=core)
        if not found:
            unplaced.append(duty)
    return unplaced


def close_phrases(a: str, b: str) -> bool:
    """Two matter phrases name one matter: equal, one ending the other (the head of a Chinese noun
    phrase comes last: 中小学校校车安全 is about 校车安全, not 中小学校), or similar wording."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return (len(short) >= 4 and long_.endswith(short)) or dice(a, b) >= 0.75


def _place_by_phrase(groups: dict[str, Group], keyless: list[Duty]) -> list[Duty]:
    """Keyless duties join the group their matter phrases name (or found a group of their own that
    later phrases join); returns the duties with no phrase at all."""
    index: dict[str, set[str]] = defaultdict(set)
    for key in groups:
        for gram in bigrams(key):
            index[gram].add(key)
    unplaced = []
    for duty in keyless:
        found = phrases(duty.text)
        for phrase in found:
            near = {k for g in bigrams(phrase) for k in index.get(g, ())}
            match = next((k for k in sorted(near, key=lambda k: (k != phrase, -len(k), k))
                          if close_phrases(phrase, k)), None)
            if match is None:
                match = phrase
                groups[phrase] = Group(phrase)
                for gram in bigrams(phrase):
                    index[gram].add(phrase)
            groups[match].add(duty, "phrase", needle=phrase)
            groups[match].raw[phrase] += 0  # known wording, never preferred over a written key
        if not found:
            unplaced.append(duty)
    return unplaced


def _place_by_similarity(view: View, groups: dict[str, Group], duties: list[Duty], unplaced: list[Duty]) -> None:
    """Keyless duties that read like another department's duty (blocked by rare shared 4-grams)."""
    if not unplaced:
        return
    index = _rare_gram_index(duties)
    keys_of: dict[str, list[str]] = defaultdict(list)
    for key, group in groups.items():
        for duty, how, _, _ in group.entries():
            if how == "key":
                keys_of[duty.id].append(key)
    for duty in unplaced:
        for other in _candidates(index, duty, duties):
            if other.department == duty.department or cosine(view.vector(duty), view.vector(other)) < SIMILAR:
                continue
            if keys_of.get(other.id):
                for key in keys_of[other.id]:
                    groups[key].add(duty, "similar")
            else:
                core = normalise(longest_common(duty.text, other.text))
                if specific(core, 4):
                    group = groups.setdefault(core, Group(core))
                    group.add(duty, "similar")
                    group.add(other, "similar")


def _grams(text: str) -> set[str]:
    t = clean(text)
    return {t[i:i + 4] for i in range(len(t) - 3)}


def _rare_gram_index(duties: list[Duty]) -> dict[str, list[int]]:
    spread: dict[str, set[str]] = defaultdict(set)
    index: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(duties):
        for g in _grams(d.text):
            spread[g].add(d.department)
            index[g].append(i)
    return {g: ids for g, ids in index.items() if len(spread[g]) <= RARE_SPREAD}


def _candidates(index: dict[str, list[int]], duty: Duty, duties: list[Duty]) -> list[Duty]:
    """Duties sharing at least two rare 4-grams with `duty`."""
    shared: Counter = Counter()
    for g in _grams(duty.text):
        for i in index.get(g, ()):
            shared[i] += 1
    return [duties[i] for i, n in shared.items() if n >= 2 and duties[i].id != duty.id]


def group_boundaries(view: View, group: Group) -> list[Boundary]:
    """Current boundary clauses (有关职责分工) about the group's matter: by the boundary's matter
    key, or by its text naming the matter."""
    return [b for b in view.current_boundaries if len(set(b.parties) & set(group.pending)) >= 2
            and concerns(b, group)]


def concerns(boundary: Boundary, group: Group) -> bool:
    names = {group.key, *group.raw}
    if any(related(bk, n) for bk in boundary.keys for n in names):
        return True
    text = boundary.text + "".join(does for does, _ in boundary.parties.values())
    return any(mentions(text, f) for n in names for f in mention_forms(n))
