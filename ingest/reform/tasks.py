"""Sentences that are not reform events, and new tasks that name no department.

A plan also forbids (不得设立…), permits (可以设立…), restates rules (人员编制随职责一并划转), says
who manages a body (改由乙部管理) and reports meetings (会议表决通过…); none of these is an event,
whatever verbs they hold (phrasings.NON_EVENTS, NEWS_LEADS). A task announced with nobody named
(建立……机制; ……有关部门要在“三定”规定中予以明确) is a ``new_task`` event: its duty is the task.
"""

from __future__ import annotations

import re

from zhize.graph.records import EventKind
from zhize.ingest.reform import phrasings as P
from zhize.ingest.reform.sentences import Sentence
from zhize.ingest.reform.sentences import clauses as clauses_of
from zhize.ingest.reform.state import Plan

_NON_EVENT_RE = re.compile(P.alternation(P.NON_EVENTS))
_NEWS_RE = re.compile(P.alternation(P.NEWS_LEADS))
_PENDING_RE = re.compile(P.alternation(P.TASK_PENDING))
_OPENER_RE = re.compile(P.alternation(P.TASK_OPENERS))
_WORK_RE = re.compile(P.alternation(P.TASK_WORK))
_PENDING_SUBJECT = re.compile(r"^(?:有关|相关|各)?(?:部门|单位|职责)?(?:要|应|须|需)?(?:在|按|由)?")
_GOVERNMENT = re.compile(r"(?:人民)?政府$")


def non_event(text: str) -> bool:
    """A clause that forbids, permits, restates a rule or says who manages a body."""
    return any(mark in text for mark in _NON_EVENT_MARKS) and bool(_NON_EVENT_RE.search(text))


# One character of every NON_EVENTS wording: a clause with none of them is not looked at further.
_NON_EVENT_MARKS = "得禁准宜可随管设代导办"


def news_lead(plan: Plan, sentence: Sentence) -> bool:
    return bool(_NEWS_RE.search(plan.view.plain, sentence.start, sentence.end))


def new_task(plan: Plan, sentence: Sentence, clauses: list[tuple[int, int]]) -> bool:
    """积极推进……工作，建立……机制，有关部门要在“三定”规定中予以明确 → one new task; 建立……制度 alone
    too; 相关职责……予以明确 after a sentence that announced a task → that task."""
    plain = plan.view.plain
    texts = [t for t in (plain[a:b].strip() for a, b in clauses) if t]
    pending = next((i for i, t in enumerate(texts) if _PENDING_RE.search(t)), None)
    start = sentence.start
    if pending is None:
        task = _leading_tasks(texts)
        if not task or (len(task) != len(texts) and _names_a_body(plan, "，".join(texts[len(task):]))):
            return False
    elif pending:
        task = texts[:pending]
    elif _BACK_REFERENCE.match(texts[0]) and _task_just_recorded(plan):
        return True  # 相关职责……予以明确 right after the task itself: that task, already recorded
    elif _BACK_REFERENCE.match(texts[0]) and plan.focus.quiet is not None:
        earlier = plan.focus.quiet
        words = [t for t in (plain[a:b].strip() for a, b in clauses_of(plan.view, earlier)) if t]
        task = [t for t in words if _OPENER_RE.match(t) or _WORK_RE.match(t)][:1] or words[:1]
        start = earlier.start
    else:  # 县12345热线的派单、督办职责由县政府另行明确: the task is the clause's own subject
        task = [_PENDING_TAIL.sub("", texts[0])]
    duty = "，".join(task)
    if len(duty) < 6 or _BACK_REFERENCE.match(duty) or _names_a_body(plan, duty):
        return False
    plan.emit(EventKind.NEW_TASK, [], None, start, sentence.term, duty=duty, matter_text=duty)
    return True


def _leading_tasks(texts: list[str]) -> list[str]:
    """The task clauses a sentence opens with: "建立涉企检查备案制度，规范检查行为，减少对企业的干扰" is the
    task of its first clause, the clauses after it say what for (a purpose names no department: the
    caller checks). A sentence that does not open with a task is none."""
    n = 0
    while n < len(texts) and _OPENER_RE.match(texts[n]):
        n += 1
    return texts[:n]


def _task_just_recorded(plan: Plan) -> bool:
    """The last event is a new task read after the last sentence without events."""
    last = plan.events[-1] if plan.events else None
    quiet = plan.focus.quiet
    return last is not None and last.kind is EventKind.NEW_TASK and (quiet is None or last.start > quiet.start)


# 相关职责 / 有关职责 / 上述工作: the task of the sentence before.
_BACK_REFERENCE = re.compile(r"^(?:相关|有关|上述|以上|该项|这些|此项)(?:职责|工作|任务|事项)")
_PENDING_TAIL = re.compile(r"(?:由[^，,；;]{0,20}?)?(?:另行明确|另行确定|予以明确|另行研究|待定)$")


def _names_a_body(plan: Plan, text: str) -> bool:
    """Whether a department (not the government as a whole) is named in the task."""
    for i in range(len(text)):
        n = plan.names.lead(text[i:i + 40])
        if n and not _GOVERNMENT.search(text[i:i + n]) and plan.names.prefixed(text[i:i + n]):
            return True
    return False
