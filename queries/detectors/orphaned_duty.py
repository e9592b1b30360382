"""GAP002 职责悬空 — a duty of an abolished department that nothing moved and nobody now holds.

What it flags
    A department that no longer exists at the check date (abolished, or merged away) had, in its
    last 三定, a duty on matter X; no reform event moves X anywhere; and no department that exists
    at the check date holds X in its current 三定. One finding per abolished department and matter.

Why it matters to a 编办
    职责空白: when a body is abolished its duties must go somewhere. The typical hole is an exception
    in a merge — 将A的职责（X职责除外）整合划入B — followed by no sentence saying where X goes: X was
    deliberately kept out of B and silently dropped.

How
    An event covers a duty of A when A is among its sources and it moves
    - everything (a merge or rename naming no duty), except what its own 除外 clause leaves behind
      (职责（职业安全健康监督管理职责除外） leaves the duties on 职业安全健康/职业卫生…);
    - or a named duty or matter that is the duty's matter (the same normalised key, or one naming
      the other; not the synonym table, which is too coarse here: 粮食流通 and 储备粮 are both 粮食储备).
    A duty matches an exception when they share a key or synonym, the text names the exception,
    or both begin with the same specific two-character head (职业安全健康 ~ 职业卫生监督).
    "Nobody holds it" is checked against every current duty of existing departments: the same
    normalised key, or the matter's core named in the duty text.

    A duty a later 三定 took up without the plan saying so is not orphaned: any current lead
    statement that governs the same object (`queries.similarity`) holds it, and so does one doing the
    same kind of work on the same thing in other words: an abolished 蚕桑局's "负责全县蚕桑行业统计工作"
    is taken up by "承担蚕桑生产统计和蚕茧收购信息发布工作" (both end in 统计, and 蚕桑 is in both:
    `similarity.same_work_on_one_thing`).
    A plan's partial transfer ("A现承担X、Y和Z等职责", X and Y moved, `detail.remainder` "Z") leaves Z
    orphaned once A is abolished, unless a current statement took it up; the plan's clause is the
    evidence.

Limits
    Only lead clauses are considered. A clause without matter keys is read for its matter phrases
    (`queries.matching.phrases`) unless it is housekeeping (贯彻执行…, 办公室 duties).
    A duty held again under a completely
    different wording is reported; the reviewer dismisses it with a reason.

Example
    岚川县安全生产监督管理局 (2013 三定 二（四） "负责作业场所职业卫生监督检查工作…", unit 职业卫生监督股) is
    merged into 应急管理局 with "（职业安全健康监督管理职责除外）" and abolished on 2019-02-28; no sentence
    moves 职业卫生 and no 2019 三定 holds it → one finding {岚川县安全生产监督管理局} on 职业卫生监督.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import networkx as nx

from zhize.graph.models import Finding, Severity
from zhize.queries.detectors.base import Context, Rule
from zhize.queries.landing import MOVING, event_matters
from zhize.queries.matching import (
    GENERIC_WORDS,
    boilerplate,
    exceptions,
    mention_forms,
    mentions,
    normalise,
    phrases,
    synonyms,
)
from zhize.queries.similarity import alike_words, parts, same_work_on_one_thing, words
from zhize.queries.statements import read_clause
from zhize.queries.tenure import held_index
from zhize.queries.view import Department, Duty, Event, View, view_of

TAKEN = 0.65  # cosine from which a current statement is taken to hold an old duty

ID = "GAP002"
KIND = "职责悬空"
SEVERITY = Severity.HIGH
RULE = Rule(ID, KIND, SEVERITY)

WHOLE = frozenset({"merge", "rename"})


def detect(graph: nx.MultiDiGraph, context: Context) -> Iterator[Finding]:
    view = view_of(graph)
    for department in sorted(view.departments.values(), key=lambda d: d.name):
        if department.active or not view.sandings.get(department.id):
            continue
        events = view.events_from(department.id) + [e for e in view.events.values() if not e.sources]
        orphans: dict[str, list[Duty]] = {}
        for duty in last_duties(view, department):
            for key in matters_of(duty):
                if not covered(duty, key, events) and not held_now(view, key):
                    orphans.setdefault(normalise(key), []).append(duty)
        for key, duties in orphans.items():
            if not any(taken_up(view, d.text, key) for d in duties):
                yield _finding(view, context, department, duties, events, key)
    yield from _remainders(view, context)


def taken_up(view: View, text: str, matter: str = "") -> bool:
    """A current statement of an existing department governs the same object as `text` (any
    wording: "组织推广新型墙体材料" is taken up by "负责新型墙体材料推广应用…"), though no plan said so.
    With `matter`, only the parts of `text` about it are looked at (an item also naming 安全生产 is
    not taken up by whoever holds 安全生产)."""
    ix = held_index(view)
    found = [p for r in read_clause(view.mask_names(text, "□"), "lead") for p in parts(r.object)]
    if matter:
        core = normalise(matter)
        about = [p for p in found if core in p or p in core or words(p) & words(core)]
        found = about or found[:1]
    # a bare field name left when the activity words are taken off (旅游 of 旅游执法检查) says nothing of
    # which work in the field: the longer parts decide when there are any
    specific = [p for p in found if len(p) >= 3]
    found = specific or found
    for part in found:
        for i, cos in ix.against(part):
            if i in ix.overridden or ix.statements[i].role != "lead":
                continue
            rows = [ix.part[r] for r in ix.rows_of.get(i, ())]
            if _only_fragments(part, rows):
                continue
            if cos >= TAKEN or any(alike_words(part, row) or same_work_on_one_thing(part, row) for row in rows):
                return True
    return False


def _only_fragments(part: str, rows: list[str]) -> bool:
    """Every piece of the statement that shares a character with `part` is a two-character head cut
    from a coordination (帮扶 of "防止返贫动态监测和帮扶"): such a head names no particular work, so it
    does not take up 结对帮扶 or 产业帮扶."""
    near = [row for row in rows if set(row) & set(part)]
    return bool(near) and all(len(row) <= 2 and row != part for row in near)


def _remainders(view: View, context: Context) -> Iterator[Finding]:
    """What a plan names as held by a body but moves nowhere ("A现承担X、Y、Z等职责" with only X and Y
    moved: `detail.remainder` "Z"), once the body no longer exists and nobody took it up."""
    for event in sorted(view.events.values(), key=lambda e: (e.date or view.at, e.document, e.ordinal)):
        remainder = (event.detail or {}).get("remainder")
        if not remainder or (event.date is not None and event.date > view.at):
            continue
        for source in event.sources:
            if view.active(source):
                continue
            for item in (x.strip() for x in re.split(r"[；;、]", str(remainder))):
                if item and not taken_up(view, item):
                    yield _remainder_finding(view, context, source, item, event)


def _remainder_finding(view: View, context: Context, source: str, item: str, event: Event) -> Finding:
    name = view.name(source)
    moved = (f"只将“{event.duty}”划入{view.name(event.targets[0])}" if event.duty and event.targets
             else "只划转了其中一部分")
    message = (f"《{view.title(event.document)}》{event.clause}列明{name}承担“{item}”等职责，但{moved}，"
               f"“{item}”没有明确去向；{name}已撤销，现行各部门三定中也没有部门承担，形成职责空白。"
               f"建议明确承接部门，并写入其三定。")
    return RULE.finding(context, [name], item, [view.event_evidence(event)], message, 0.8)


def last_duties(view: View, department: Department) -> list[Duty]:
    """Lead duties about some matter in the department's last 三定."""
    last = view.sandings[department.id][-1]
    return sorted((d for d in view.duties.values() if d.document == last.id and d.department == department.id
                   and d.substantive and d.role == "lead" and matters_of(d)), key=lambda d: d.ordinal)


def matters_of(duty: Duty) -> tuple[str, ...]:
    """Its matter keys; for a clause without keys that is no housekeeping, its first matter phrase."""
    if duty.keys:
        return duty.keys
    return () if boilerplate(duty.text, duty.unit) else tuple(phrases(duty.text)[:1])


def covered(duty: Duty, key: str, events: list[Event]) -> bool:
    """Some event moves this duty somewhere (see the module docstring)."""
    for event in events:
        if not event.targets:
            continue
        named = event_matters(event)
        if event.kind in WHOLE and not named:
            if not any(excepted(duty, key, x) for x in exceptions(event.duty)):
                return True
        elif event.kind in MOVING and any(moves(duty, key, m, w) for m, w in named):
            return True
    return False


def moves(duty: Duty, key: str, matter: str, wording: str) -> bool:
    """A named transfer moves this duty: the same normalised key, or one names the other. Stricter
    than the synonym table on purpose — a lenient match here would hide orphans."""
    if normalise(key) == normalise(matter):
        return True
    return any(mentions(duty.text, f) for f in mention_forms(matter) | mention_forms(wording)) or any(
        mentions(wording or matter, f) for f in mention_forms(key))


def excepted(duty: Duty, key: str, exception: str) -> bool:
    """The duty is what a 除外 clause leaves behind."""
    if synonyms(key) & synonyms(exception) or mentions(duty.text, exception):
        return True
    head = normalise(key)[:2]
    return head == exception[:2] and head not in GENERIC_WORDS


def held_now(view: View, key: str) -> bool:
    """A current duty carries the key, names the matter, or carries a matter (4+ characters) the
    key names (粮食应急供应 held covers 粮食应急供应网点建设)."""
    core, forms = normalise(key), mention_forms(key)
    for duty in view.held:
        if core in duty.norm_keys or any(mentions(duty.text, f) for f in forms):
            return True
        if any(len(f) >= 4 and f in core for k in duty.keys for f in mention_forms(k)):
            return True
    return False


def _finding(view: View, context: Context, department: Department, duties: list[Duty],
             events: list[Event], key: str) -> Finding:
    matter = next((k for k in matters_of(duties[0]) if normalise(k) == key), key)
    ended = department.valid_to.isoformat() if department.valid_to else "此前"
    evidence = [view.evidence(d) for d in duties]
    related_events = [e for e in events if department.id in e.sources]
    evidence += [view.event_evidence(e) for e in related_events]
    excepting = [e for e in related_events if exceptions(e.duty) or exceptions(e.text)]
    why = (f"改革方案（{excepting[0].clause}）整合该部门职责时将其除外，且未明确划转去向"
           if excepting else "改革方案未明确其划转去向")
    clauses = "、".join(view.unit_clause(d) for d in duties)
    message = (f"{department.name}已于{ended}撤销，其三定中的“{matter}”职责（{clauses}）{why}，"
               f"现行各部门三定中也没有部门承担，形成职责空白。建议明确承接部门，并写入其三定。")
    return RULE.finding(context, [department.name], matter, evidence, message, 0.8)
