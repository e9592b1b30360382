"""GAP003 新增任务无人承接 — a new task from a reform plan, or added by a user, that nobody holds.

What it flags
    1. A task a reform plan (or a 三定) announces without giving it to a department — a `new_task`
       event ("积极推进既有住宅加装电梯工作", "有关部门要在三定规定中予以明确") — or a transfer or merge with no
       receiving department (the extractor records "整合…设立12345政务服务便民热线…承担热线工单派单、
       督办回访等工作" as a transfer whose target is not a department).
    2. A task a user added (`zhize task add "12345热线工单督办回访" [--jurisdiction J]`).
    In both cases: reported while no department that exists at the check date holds the task in
    its current 三定. Each finding suggests the likeliest owners, ranked, with the duty that makes
    each of them likely.

Why it matters to a 编办
    工作盲区: new tasks (热线 派单、回访, 网格化管理, 新业态监管) arrive without an owner, and seed 000 names
    12345 热线 as the typical case. Suggesting owners with their closest existing duty turns the
    finding into a decision the 编委 can take.

How
    A task is held when a current duty of an existing department carries its key or a synonym,
    names its core in the text, covers 70 % of its wording's character bigrams, or carries a
    matter (four characters or more) the task names. Owners are
    ranked by char 2–3-gram TF-IDF cosine between the task (its wording and the plan's sentence)
    and the current lead duties sharing a character trigram with it (blocking); each suggestion
    quotes that department's closest duty.

Limits
    Ranking is lexical: an owner whose duties use other words for the same work ranks low. A task
    phrased as a whole sentence is compared by its wording; short precise tasks work best.

Example
    岚川县机构改革方案 三（十二） ends "…设立岚川县12345政务服务便民热线，统一受理群众诉求，承担热线工单派单、
    督办回访等工作"; no 2019 三定 holds 工单派单 or 督办回访 → one finding on 12345热线工单派单督办回访,
    suggesting 岚川县行政审批服务局 (政务服务 duties) first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx

from zhize.graph.models import Evidence, Finding, Severity, Task
from zhize.queries.detectors.base import Context, Rule
from zhize.queries.landing import event_matters
from zhize.queries.matching import (
    NgramSpace,
    bigrams,
    canonical,
    clean,
    cosine,
    mention_forms,
    normalise,
    phrases,
    synonyms,
)
from zhize.queries.view import Duty, Event, View, view_of

ID = "GAP003"
KIND = "新增任务无人承接"
SEVERITY = Severity.MEDIUM
RULE = Rule(ID, KIND, SEVERITY)

SUGGESTIONS = 3
MIN_SCORE = 0.015  # cosine of a long plan sentence with one duty is small; the ranking is what counts


@dataclass(frozen=True)
class Owner:
    department: str
    score: float
    duty: Duty


def detect(graph: nx.MultiDiGraph, context: Context) -> Iterator[Finding]:
    view = view_of(graph)
    for event, matter, wording in plan_tasks(view):
        if not held(view, matter, wording):
            yield _plan_finding(view, context, event, matter, wording)
    for task in context.tasks:
        if task.jurisdiction in (None, context.jurisdiction) and not held(view, task.text, task.text):
            yield _user_finding(view, context, task)


def plan_tasks(view: View) -> list[tuple[Event, str, str]]:
    """(event, matter, wording) of plan sentences that announce a task (`new_task`: "建立村（社区）工作
    事务准入制度", no department named) or move work to no department; every one is a task to check,
    as `zhize task add` would add it."""
    out = []
    for event in sorted(view.events.values(), key=lambda e: (e.document, e.ordinal)):
        if event.date is not None and event.date > view.at:
            continue
        if event.kind == "new_task" or (event.kind in ("transfer", "merge") and not event.targets):
            out += [(event, m, w) for m, w in task_matters(event) if not _ABOUT_DOCUMENTS.search(m + w)]
    return out


def task_matters(event: Event) -> list[tuple[str, str]]:
    """What a task asks for. A vocabulary key the task reaches only through a synonym is broader than
    the task ("积极推进既有住宅加装电梯工作" reaches 特种设备 through 电梯, and 电梯安全监察 is no
    加装电梯): then the task is its own object, and only a duty that covers that wording holds it."""
    pairs = event_matters(event)
    if event.kind != "new_task" or not event.duty:
        return pairs
    text = event.duty
    named = [(m, w) for m, w in pairs if any(form in text for form in mention_forms(m))]
    if named:
        return named
    obj = task_object(text)
    return [(canonical(obj) or obj, obj)] if obj else pairs


# Words before a task's object that say how hard to push, not what: 积极推进, 大力推动, 进一步加强.
_TASK_LEAD = re.compile(r"^(?:积极|大力|切实|全面|深入|稳步|加快|进一步|认真)*"
                        r"(?:推进|推动|推行|开展|实施|加强|落实|做好|建立健全|建立|健全|完善)?")


def task_object(text: str) -> str:
    """The object of a task's first clause: 积极推进既有住宅加装电梯工作，建立…机制 → 既有住宅加装电梯."""
    first = re.split(r"[，,；;。]", text, maxsplit=1)[0]
    core = _TASK_LEAD.sub("", first)
    return re.sub(r"(?:工作|事项|任务)$", "", core) or first


# A plan sentence on how the 三定 themselves are to be written ("部门之间职责交叉的，要在“三定”规定中予以
# 明确") asks for nothing a department could hold: no task.
_ABOUT_DOCUMENTS = re.compile(r"职责交叉|职责分工|“?三定”?规定|机构编制")


class HeldIndex:
    """What the current duties of a view hold, prepared once for all tasks of a check."""

    def __init__(self, view: View):
        self.duties = view.held
        self.texts = [clean(d.text) for d in self.duties]
        self.forms = {f for d in self.duties for f in d.synonym_keys}
        self.forms |= {c for d in self.duties if not d.keys for p in phrases(d.text) if (c := canonical(p))}
        self.key_forms = {f for d in self.duties for k in d.keys for f in mention_forms(k) if len(f) >= 4}

    def holds(self, matter: str, wording: str) -> bool:
        """Some current duty holds the task: it carries the task's key or a synonym, names it,
        covers 70 % of its wording, or the task names one of the duty's matters (a key of 4+
        characters: 农村饮水安全 in 农村饮水安全工程运行管护)."""
        forms = synonyms(matter) | ({canonical(wording)} - {None} if wording else set())
        if forms & self.forms:
            return True
        cores = set(mention_forms(matter)) | (set(mention_forms(wording)) if wording else set())
        if any(c in text for c in cores for text in self.texts):
            return True
        task = clean(matter + wording)
        if any(f in task for f in self.key_forms):
            return True
        return any(self._covered(c) for c in cores | {normalise(matter)} if len(c) >= 4)

    def _covered(self, core: str, share: float = 0.7) -> bool:
        grams = set(bigrams(core))
        need = share * len(grams)
        return any(sum(1 for g in grams if g in text) >= need for text in self.texts)


def index_of(view: View) -> HeldIndex:
    found = view.cache.get("held_index")
    if found is None:
        found = view.cache["held_index"] = HeldIndex(view)
    return found  # type: ignore[return-value]


def held(view: View, matter: str, wording: str) -> bool:
    return index_of(view).holds(matter, wording)


def owners(view: View, text: str) -> list[Owner]:
    """Departments ranked by how close their current lead duties are to the task: char 2–3-gram
    TF-IDF cosine over the lead duties that share a trigram with the task (the blocking step)."""
    index = index_of(view)
    wording = clean(view.mask_names(text, ""))
    trigrams = {wording[i:i + 3] for i in range(len(wording) - 2)}
    candidates = [d for d, body in zip(index.duties, index.texts, strict=True)
                  if d.role == "lead" and d.id not in view.generic and any(t in body for t in trigrams)]
    if not candidates:
        return []
    space = NgramSpace([wording] + [d.text for d in candidates])
    query = space.vector(wording)
    best: dict[str, Owner] = {}
    for duty in candidates:
        score = cosine(query, space.vector(duty.text))
        if score >= MIN_SCORE and (duty.department not in best or score > best[duty.department].score):
            best[duty.department] = Owner(duty.department, score, duty)
    return sorted(best.values(), key=lambda o: (-o.score, view.name(o.department)))[:SUGGESTIONS]


def _suggestion_text(view: View, ranked: list[Owner]) -> str:
    if not ranked:
        return "现行三定中没有相近的职责，建议由编委研究确定承接部门"
    parts = [f"{i}. {view.name(o.department)}（相近职责：{view.unit_clause(o.duty)}“{_short(o.duty.text)}”）"
             for i, o in enumerate(ranked, 1)]
    return "可能的承接部门（按相关程度）：" + "；".join(parts)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _plan_finding(view: View, context: Context, event: Event, matter: str, wording: str) -> Finding:
    ranked = owners(view, " ".join(filter(None, [matter, wording, event.duty, event.text])))
    evidence = [view.event_evidence(event)] + [view.evidence(o.duty) for o in ranked]
    message = (f"《{view.title(event.document)}》{event.clause}提出的“{matter}”工作没有明确承接部门，"
               f"现行各部门三定中也没有部门承担，存在工作盲区。{_suggestion_text(view, ranked)}。"
               f"建议明确承接部门并写入其三定。")
    return RULE.finding(context, [], matter, evidence, message, 0.8 if event.keys else 0.7)


def _user_finding(view: View, context: Context, task: Task) -> Finding:
    ranked = owners(view, task.text)
    evidence = [Evidence(document=f"task:{task.id}", document_title="用户添加的新增任务",
                         quote=task.text)] + [view.evidence(o.duty) for o in ranked]
    message = (f"新增任务“{task.text}”（{task.actor} 于 {task.created_at.date().isoformat()} 添加）在现行各部门三定中"
               f"没有部门承担。{_suggestion_text(view, ranked)}。建议明确承接部门并写入其三定。")
    return RULE.finding(context, [], task.text, evidence, message, 0.75)
