"""The order in which a sentence's shapes are tried.

A sentence is first checked as a whole (a news lead, a listing of bodies, a colon list, the
sub-items of a list), then clause by clause: shapes that move duties read from their first clause
on and say where they stopped; any other clause is read for body shapes (create, abolish, plaque,
rename, co-location, type), only for the shapes its cue words make possible (most clauses of a
plan are narrative).
"""

from __future__ import annotations

import re

from zhize.ingest.reform import bodies, tasks, transfers
from zhize.ingest.reform.phrasings import MERGE_VERBS, SOURCE_OPENERS, TRANSFER_VERBS, alternation
from zhize.ingest.reform.sentences import Sentence, clauses, match_len, sentences
from zhize.ingest.reform.state import Plan
from zhize.ingest.reform.tables import read_tables

# Words that cue a shape; the handlers of shapes not cued are not tried. Several words stand for
# the same cue: 组建/设立/成立 → 设立, 不再保留/撤销/撤消 → 撤销, 作为/为/是/级 → 作为.
_CUE_WORDS = {
    "调整为": "调整为", "改为": "改为", "转为": "转为", "变更为": "变更为", "改设为": "改设为", "转设为": "转设为",
    "更名": "更名", "改名": "改名", "名称": "名称", "改称": "改称", "合署": "合署", "块牌子": "块牌子", "牌子": "牌子",
    "组建": "设立", "设立": "设立", "新设": "设立", "成立": "设立", "单独设置": "设立",
    "不再": "撤销", "撤销": "撤销", "撤消": "撤销", "撤并": "撤销",
    "作为": "作为", "列为": "作为", "列入": "作为", "为": "作为", "是": "作为", "属于": "作为", "级": "作为",
}
_CUES_RE = re.compile("|".join(sorted(_CUE_WORDS, key=len, reverse=True)))
# Whether a sentence can hold an event at all: a cue word, a 将 list, a transfer verb or a task.
_SENTENCE_CUE = re.compile(
    "将|承担|承接|接收|接管|负责|行使|履行|划出|以下|下列|基础|整合|建立|推行|实行|明确|制度建设|机制建设|"
    + "|".join(sorted(_CUE_WORDS, key=len, reverse=True)) + "|" + alternation(TRANSFER_VERBS + MERGE_VERBS))
_SOURCE_OPENER = re.compile(alternation(SOURCE_OPENERS))
_TYPE_CUES = {"调整为", "改为", "转为", "变更为", "改设为", "转设为"}
_SPACES = " \u3000\t"
_ITEM_NUMBER = re.compile(r"^\d{1,3}[．.、]\s*")


def _cues(text: str) -> set[str]:
    found = {_CUE_WORDS[w] for w in _CUES_RE.findall(text)}
    if "块牌子" in found:
        found.add("牌子")
    return found


def read(plan: Plan) -> None:
    found = sentences(plan.view)
    read_tables(plan, lambda at: _section_at(found, at))
    for sentence in found:
        if any(a <= sentence.start < b for a, b in plan.skipped):
            continue
        plan.enter(sentence)
        before = len(plan.events)
        read_sentence(plan, sentence)
        if len(plan.events) == before:
            plan.focus.quiet = sentence


def _source_heading(plan: Plan, sentence: Sentence) -> bool:
    """一、县发展和改革局 heading a list of its duties moved (an annex 职责划转清单 grouped by the body
    giving them): the heading is the source of its items' duties (1．X职责，划入县乙局)."""
    if not sentence.clause:
        return False
    text = plan.view.plain[sentence.start:sentence.end].strip("：: \u3000")
    if not text or plan.names.lead(text) != len(text):
        return False
    plan.headed = (sentence.clause, plan.names.ref(text))
    plan.set_subject(plan.headed[1], sentence.start)  # as any sentence naming only a body: it is about it
    return True


def _section_at(found: list[Sentence], at: int) -> str:
    """The section (一、) a table starts in, for its rows' citations (三表第7行)."""
    section = ""
    for sentence in found:
        if sentence.start > at:
            break
        section = re.split("（", sentence.clause, maxsplit=1)[0]
    return section


def read_sentence(plan: Plan, sentence: Sentence) -> None:
    view = plan.view
    if bodies.listed(plan, sentence.start, sentence.end) or tasks.news_lead(plan, sentence) \
            or _source_heading(plan, sentence):
        return
    if not _SENTENCE_CUE.search(view.plain, sentence.start, sentence.end):  # narrative: only who it is about
        _about(plan, view.plain[sentence.start:min(sentence.end, sentence.start + 60)], sentence.start)
        return
    if transfers.colon_list(plan, sentence) or transfers.listed_sources(plan, sentence):
        return
    found = clauses(view, sentence)
    before = len(plan.events)
    i = 0
    while i < len(found):
        i = _clause(plan, sentence, found, i)
    if len(plan.events) == before:
        tasks.new_task(plan, sentence, found)


_WHOLE_SENTENCE_SHAPES = (transfers.merge_abolished, transfers.receiver_takes, transfers.based_on,
                          transfers.merge_first, transfers.carve_out, transfers.duty_first, transfers.handed_over,
                          transfers.inventory, transfers.subject_first)


def _clause(plan: Plan, sentence: Sentence, found: list[tuple[int, int]], i: int) -> int:
    """Read clause i (and the clauses a shape starting there takes); the next clause to read."""
    a, b = found[i]
    body = a + match_len(transfers.CONNECTIVES, plan.view.s, a, b)
    text = plan.view.plain[body:b]
    if not text.strip() or tasks.non_event(text):
        return i + 1
    for shape in _WHOLE_SENTENCE_SHAPES:
        done = shape(plan, sentence, found, i, body)
        if done is not None:
            return done
    headed = plan.heading_source(sentence)
    if headed is not None and not plan.names.lead(text) \
            and transfers.TRANSFER_RE.search(plan.view.flat, body, sentence.end):
        body += match_len(_ITEM_NUMBER, plan.view.s, body, b)  # 4．X职责: a number the outline left in
        done = transfers.list_transfer(plan, sentence, found, i, body, strict=True, implied=headed)
        if done is not None:  # 一、县甲局 / 1．X职责，划入县乙局: the heading's body gives X
            return done
    if text.startswith("将") and not (bodies.TYPE_CHANGE_RE.match(text) or bodies.RENAME_RE.match(text)):
        # 县甲局现承担X、Y两项职责。将X职责划给县乙局: a duty with no body is the one the item is about
        implied = plan.focus.antecedent if plan.inventories and not plan.names.lead(text[1:]) else None
        done = transfers.list_transfer(plan, sentence, found, i, body + 1, strict=False, implied=implied)
        return done if done is not None else i + 1
    opened = match_len(_SOURCE_OPENER, text, 0, len(text))  # 原由县甲局承担的X职责，改由县乙局承担
    if (plan.names.lead(text[opened:]) or (text.startswith("其") and plan.focus.antecedent)) and any(
            transfers.TRANSFER_RE.search(plan.view.flat, max(body, c), d) for c, d in found[i:]):  # $ at each end
        done = transfers.list_transfer(plan, sentence, found, i, body + opened, strict=True)
        if done is not None:
            return done
    if i and plan.focus.antecedent and transfers.TRANSFER_RE.search(plan.view.flat, body, b):
        # 撤销县甲局，其X职责划入县乙局，Y职责划入县丙局: the source of the third clause is 其's
        done = transfers.list_transfer(plan, sentence, found, i, body, strict=True, implied=plan.focus.antecedent)
        if done is not None:
            return done
    _body_shapes(plan, body, b, a, b if b < sentence.end else sentence.term)
    return i + 1


def _body_shapes(plan: Plan, start: int, end: int, clause_start: int, text_end: int) -> None:
    t = plan.view.plain[start:end]
    cues = _cues(t)
    if cues & _TYPE_CUES and bodies.type_change(plan, t, start, end, clause_start, text_end):
        return
    for cue, handler in (("更名", bodies.rename), ("改名", bodies.rename), ("名称", bodies.rename),
                         ("改称", bodies.rename), ("合署", bodies.colocate), ("块牌子", bodies.two_plaques)):
        if cue in cues and handler(plan, t, start, end, clause_start, text_end):
            return
    created = "设立" in cues and bodies.creates(plan, t, start, clause_start, text_end)
    plaqued = bodies.plaques(plan, t, start, clause_start, text_end) if "牌子" in cues else []
    abolished = "撤销" in cues and bodies.abolishes(plan, t, start, text_end, plaqued)
    typed = "作为" in cues and bodies.types(plan, t, start)
    if not (created or plaqued or abolished or typed):
        _about(plan, t, clause_start)


def _about(plan: Plan, text: str, start: int) -> None:
    """A clause that names a body first is about it (the subject of what follows)."""
    n = plan.names.lead(text)
    if n and not text[n:].startswith(("的", "、", "和", "与")):
        plan.set_subject(plan.names.ref(text[:n]), start)
