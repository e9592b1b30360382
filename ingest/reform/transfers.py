"""Sentence shapes that move duties: one small function per shape.

Every function takes the plan, the clauses of the current sentence and the index of the clause it
starts at; it returns the index of the first clause it did not read, or None when the shape is
not there (then the next shape is tried). Shapes, with the table entry (phrasings.py) each reads:

- `list_transfer`   将 A 的 X、B 的 Y 划入 D / A 的 X 由 D 承担 / ……整合，组建 D   TRANSFER_VERBS, MERGE_VERBS
- `subject_first`   新组建的 D 将 A 的职责……整合                                   SUBJECT_BEFORE_将
- `based_on`        以 A 为基础（X 除外），整合 B 的 Y 职责，组建 D                  BASE
- `merge_first`     整合 A 的职责和 B 的 X 职责，组建 D                              MERGE_FIRST
- `carve_out`       从 A 划出 X、Y 两项职责，划入 D / 组建 D                          CARVE_OUT
- `duty_first`      X 职责，由 A 按领域分别移交 B、C 等部门 / X 职责从 A 移交 B        DUTY_FIRST
- `colon_list`      D 的职责由以下部分组成：…… / 以下职责转入 D：（分项列出）            LIST_OPENERS
- `listed_sources`  the sources of a colon list given in the sub-items below it
- `inventory`       A 原承担 X 和 Y 两项职责（其中 X 职责划入 D: Y stays, `remainder`）  INVENTORY
"""

from __future__ import annotations

import re

from zhize.graph.records import EventKind
from zhize.ingest.reform import phrasings as P
from zhize.ingest.reform.sentences import Sentence, match_len, split
from zhize.ingest.reform.sources import (
    LIST_CONNECTIVES,
    WHOLE_DUTY,
    Group,
    duty_items,
    duty_shaped,
    emit_groups,
    parse_sources,
    strip_count,
)
from zhize.ingest.reform.state import Inventory, Plan, Ref

Clauses = list[tuple[int, int]]

TRANSFER_RE = re.compile(
    rf"(?P<transfer>(?:{P.alternation(P.TRANSFER_ADVERBS)})?(?:{P.alternation(P.TRANSFER_VERBS)}))"
    rf"|(?P<merge>{P.alternation(P.MERGE_VERBS)})")
MERGE_CREATE_RE = re.compile(rf"^(?:{P.alternation(P.MERGE_CREATES)})")
_CREATE_AT_START = re.compile(rf"^(?:{P.alternation(P.CREATE_VERBS)})")
_BASE_RE = re.compile(P.alternation(P.BASE))
_MERGE_FIRST_RE = re.compile(P.alternation(P.MERGE_FIRST))
_CARVE_RE = re.compile(P.alternation(P.CARVE_OUT))
_DUTY_FIRST_RE = re.compile(P.alternation(P.DUTY_FIRST))
_OPENER_RES = tuple(re.compile(rf"(?:{v.pattern})[：:]") for v in P.LIST_OPENERS)
_INVENTORY_RE = re.compile(P.alternation(P.INVENTORY))
_SUBJECT_RE = re.compile(P.alternation(P.SUBJECT_BEFORE_将))
_HANDED_OVER_RES = tuple(re.compile(v.pattern) for v in P.HANDED_OVER)  # each names its groups
_GIVEN_UP_RE = re.compile(P.alternation(P.GIVEN_UP))
_GIVEN_UP_FIRST_RE = re.compile(P.alternation(P.GIVEN_UP_FIRST))
_TAKEN_OVER_RE = re.compile(P.alternation(P.TAKEN_OVER))
CONNECTIVES = re.compile(
    rf"^(?:[一二三四五六七八九十]+是|在此基础上|与此同时|同时|此外|另外|并且|并|另|还|再|即|{P.alternation(P.DECISIONS)})+")
_ANOTHER_TIME = re.compile(r"另行|待定|另定")
_LOOKS_LIKE_EVENT = re.compile(r"职责|职能|事项|牌子|更名|合署|不再保留|撤销|组建")
_OTHER_BODIES = re.compile(r"等(?:部门|单位|机构)$")


def _body(plan: Plan, clause: tuple[int, int]) -> int:
    """Where a clause's words start, past 同时/此外/一是 ….”"""
    a, b = clause
    return a + match_len(CONNECTIVES, plan.view.s, a, b)


def _end(sentence: Sentence, clauses: Clauses, k: int) -> int:
    """The end of an event read up to clause k: the closing 。 too when k is the last clause."""
    return sentence.term if clauses[k][1] == sentence.end else clauses[k][1]


# --- 将 A 的 X 划入 D ----------------------------------------------------------------------------


def list_transfer(plan: Plan, sentence: Sentence, clauses: Clauses, i: int, list_start: int, *,
                  strict: bool, receiver: Ref | None = None, implied: Ref | None = None) -> int | None:
    """A source list from `list_start`, closed by a transfer or merge verb in clause i or later;
    `implied`: the source of a duty written without one (the body 其 stands for)."""
    verb, j = _find_verb(plan, clauses, i, list_start)
    if verb is None or verb.start() <= list_start:
        if not strict:
            _maybe_unparsed(plan, list_start, clauses[-1][1], "未找到划转或整合的去向")
        return None
    groups = parse_sources(plan, list_start, verb.start(), implied)
    if groups and strict and not all(duty_shaped(g.duty) for g in groups):
        groups = None  # 县委老干部局仍作为县委工作机关 …: a clause that only starts with a name
    if not groups:
        if not strict:
            _maybe_unparsed(plan, list_start, verb.end(), "未能识别划出职责的部门")
        return None
    target, create, k, slot = _receiver(plan, clauses, j, verb)
    if target is None and not create and receiver is not None:
        target = receiver
    if target is None and not create:
        if not strict:
            _maybe_unparsed(plan, list_start, clauses[k][1], "未能识别承接职责的部门")
        return None
    merged = verb.group("merge") is not None
    start = sentence.start if merged else clauses[i][0]
    end = sentence.term if merged else _end(sentence, clauses, k)
    k, target = _merged_on(plan, clauses, k, target, groups, start, end, sentence)
    rest = plan.view.s[clauses[k][1]:sentence.end] if target is None else None
    if create and target:
        plan.create(target, start, end, from_merge=True)
    others = [] if merged or create or target is None else _more_receivers(plan, verb, clauses[j][1])
    if others:
        _emit_severally(plan, groups, [target, *others], start, end, respectively=_SEVERALLY.search(verb.group()))
    else:
        emit_groups(plan, groups, target, start, end, merged=merged, matter_tail=rest)
    named = [plan.names.ref(m) for g in groups for m, _ in g.names]
    if len(named) == 1:  # 县甲局的X职责划入县乙局，Y职责划入县丙局 / ，其Y职责由县丙局承担: the source goes on
        plan.refer(named)
    if "并入" in verb.group() or (merged and "合并" in verb.group()):  # 县甲小组、县乙小组合并设立为…: the bodies
        _absorbed(plan, groups, start, end)
    if target is not None and _WHOLLY.search(plan.view.flat, verb.start(), clauses[k][1]):
        _ended(plan, groups, start, end)
    if target is None:
        plan.warn(slot[0], slot[1], f"整合后设立的“{plan.view.s[slot[0]:slot[1]]}”不是部门，相关职责没有承接部门",
                  code="reform.no_receiver")
    plan.set_subject(target, clauses[i][0])
    return k + 1


_RECEIVER_TAIL = re.compile(P.RECEIVER_LIST_TAIL)
_NEW_RECEIVER = re.compile(P.NEW_RECEIVER)
_RECEIVER_OF_BODY = re.compile(P.RECEIVER_OF_BODY)
_SEVERALLY = re.compile(P.RESPECTIVELY)


def _more_receivers(plan: Plan, verb: re.Match[str], clause_end: int) -> list[Ref]:
    """The receivers after the first when the verb names several: 分别划归县甲局、县乙局等部门."""
    slot = plan.view.s[verb.end():clause_end]
    slot = slot[:_RECEIVER_TAIL.search(slot).start()]
    names = plan.names.names(slot)
    return [plan.names.ref(n) for n in names[1:]] if names and len(names) > 1 else []


def _emit_severally(plan: Plan, groups: list[Group], targets: list[Ref], start: int, end: int, *,
                    respectively: object) -> None:
    """As many sources or duty items as receivers, with 分别: the n-th goes to receiver n; otherwise every
    receiver gets the whole duty (行业安全生产监管职责，按领域分别移交县甲局、县乙局)."""
    if respectively and len(groups) == len(targets) > 1:  # 县甲局的X职责、县乙局的Y职责，分别划入县丙局、县丁局
        for group, target in zip(groups, targets, strict=True):
            emit_groups(plan, [group], target, start, end, merged=False)
        return
    if respectively and len(groups) == 1 and groups[0].duty:
        items = duty_items(groups[0].duty)
        if len(items) == len(targets):
            for item, target in zip(items, targets, strict=True):
                one = Group(groups[0].names, groups[0].duty_start, groups[0].duty_end, item)
                emit_groups(plan, [one], target, start, end, merged=False)
            return
    for target in targets:
        emit_groups(plan, groups, target, start, end, merged=False)


def _find_verb(plan: Plan, clauses: Clauses, i: int, list_start: int) -> tuple[re.Match[str] | None, int]:
    j, search = i, list_start
    while j < len(clauses):
        verb = TRANSFER_RE.search(plan.view.flat, search, clauses[j][1])
        if verb:
            return verb, j
        j += 1
        if j < len(clauses):
            search = clauses[j][0]
    return None, j


def _receiver(plan: Plan, clauses: Clauses, j: int,
              verb: re.Match[str]) -> tuple[Ref | None, bool, int, tuple[int, int]]:
    """(target, whether it is created, index of the clause holding it, its slot)."""
    s, flat = plan.view.s, plan.view.flat
    k = j
    slot_start, slot_end = verb.end(), clauses[j][1]
    if verb.group("merge") is not None:
        if not s[slot_start:slot_end].strip() and j + 1 < len(clauses):
            k = j + 1
            slot_start, slot_end = clauses[k]
            slot_start += match_len(CONNECTIVES, s, slot_start, slot_end)
        slot = s[slot_start:slot_end]
        created = MERGE_CREATE_RE.match(slot)
        if created:
            rest = slot[created.end():]
            n = plan.names.lead(rest, fallback=True)
            name_start = slot_start + created.end()
            if n:
                return plan.names.ref(rest[:n]), True, k, (name_start, name_start + n)
            return None, True, k, (name_start, slot_end)
        moved = TRANSFER_RE.match(flat, slot_start, slot_end)
        if not (moved and moved.group("transfer")):
            return None, False, k, (slot_start, slot_end)
        slot_start = moved.end()
    slot = s[slot_start:slot_end]
    this = plan.this_body(_this_words(slot))
    if this is not None:
        return this, False, k, (slot_start, slot_end)
    new = _NEW_RECEIVER.match(slot)
    if new:
        slot_start += new.end()
        slot = slot[new.end():]
    n = plan.names.lead(slot, fallback=True)
    owned = _RECEIVER_OF_BODY.match(slot[n:]) if n else None
    if owned and (m := plan.names.lead(slot[n + owned.end():])):  # 县甲局所属的县乙中心: the unit
        slot_start += n + owned.end()
        slot, n = slot[n + owned.end():], m
    return (plan.names.ref(slot[:n]) if n else None), bool(new and n), k, (slot_start, slot_start + n)


def _this_words(slot: str) -> str:
    m = re.match(r"(?:新组建的局|该[局部委办]|本局|该中心|该机构)", slot)
    return m.group() if m else ""


def _merged_on(plan: Plan, clauses: Clauses, k: int, target: Ref | None, groups: list[Group],
               start: int, end: int, sentence: Sentence) -> tuple[int, Ref | None]:
    """A并入B，组建C: B becomes C, so A goes to C and B is merged into C too. Returns the last
    clause read and the receiver of the sources."""
    if target is None or k + 1 >= len(clauses) or any(g.duty and not WHOLE_DUTY.match(g.duty) for g in groups):
        return k, target
    a = _body(plan, clauses[k + 1])
    created = _CREATE_AT_START.match(plan.view.s[a:clauses[k + 1][1]])
    if not created:
        return k, target
    rest = plan.view.s[a + created.end():clauses[k + 1][1]]
    n = plan.names.lead(rest)
    if not n or plan.names.ref(rest[:n]).canonical == target.canonical:
        return k, target
    new = plan.names.ref(rest[:n])
    end = _end(sentence, clauses, k + 1)
    plan.create(new, start, end, from_merge=True)
    plan.emit(EventKind.MERGE, [target], new, start, end, from_merge=True)
    plan.emit(EventKind.ABOLISH, [target], None, start, end)  # B becomes C: B as such is no more
    return k + 1, new


def _absorbed(plan: Plan, groups: list[Group], start: int, end: int) -> None:
    """县档案局并入县委办公室: a body (not its duties) merged into another ceases to be one."""
    for group in groups:
        if group.duty_start is None:
            for mention, _ in group.names:
                ref = plan.names.ref(mention)
                plan.emit(EventKind.ABOLISH, [ref], None, start, end)
                plan.focus.antecedent = ref


# The words that move all of a body's duties at once: 县甲局的职责整体划入县乙局, 由县乙局整体承接.
_WHOLLY = re.compile(r"整体|全部(?=划|并|转|移|交)")


def _ended(plan: Plan, groups: list[Group], start: int, end: int) -> None:
    """A body whose duties all go elsewhere (的职责整体划入, 由……整体承接) ends with the reform,
    even where the plan does not add 不再保留; a body the plan says it keeps (保留县甲委员会) goes on."""
    for group in groups:
        if group.duty_start is None or not WHOLE_DUTY.match(group.duty or ""):
            continue
        for mention, _ in group.names:
            kept = re.search(rf"保留{re.escape(mention)}(?!牌子|的牌子)", plan.view.s)
            if kept is None:
                plan.emit(EventKind.ABOLISH, [plan.names.ref(mention)], None, start, end)


def _maybe_unparsed(plan: Plan, start: int, end: int, reason: str, *, force: bool = False) -> None:
    text = plan.view.s[start:end]
    if _ANOTHER_TIME.search(text):
        return  # ……职责由县政府另行明确: nothing to record yet
    if force or (_LOOKS_LIKE_EVENT.search(text) and plan.names.lead(text)):
        plan.unparsed(start, end, reason)


def subject_first(plan: Plan, sentence: Sentence, clauses: Clauses, i: int, body: int) -> int | None:
    """新组建的县市场监督管理局将县工商局、县质监局的职责整合: the sources go to the subject."""
    if plan.view.plain.find("将", body + 2, clauses[i][1]) < 0:  # most clauses: no 将 after a subject
        return None
    m = _SUBJECT_RE.match(plan.view.plain[body:clauses[i][1]])
    if m is None or not plan.names.valid(m.group("subj")):
        return None
    receiver = plan.names.ref(m.group("subj"))
    done = list_transfer(plan, sentence, clauses, i, body + m.end(), strict=True, receiver=receiver)
    if done is not None and m.group("new") and receiver is not None:  # a news report names it only so
        plan.create(receiver, sentence.start, _end(sentence, clauses, done - 1), from_merge=True)
    return done


# --- D 承接 A 的 X 职责 / A、B 撤销，整合组建 D ------------------------------------------------------

_TAKES_RE = re.compile(P.alternation(P.RECEIVER_TAKES))
_TAKE_WORDS = re.compile(r"承接|接收|接管|接手|整合了")


def receiver_takes(plan: Plan, sentence: Sentence, clauses: Clauses, i: int, body: int) -> int | None:
    """县商务局承接县甲局的X职责 / 县乙局整体承接县丙局的职责: the receiver before the sources."""
    if not _TAKE_WORDS.search(plan.view.flat, body, clauses[i][1]):
        return None
    m = _TAKES_RE.match(plan.view.plain[body:clauses[i][1]])
    if m is None or not plan.names.valid(m.group("recv")):
        return None
    rest_at = body + m.start("rest")
    groups = parse_sources(plan, rest_at, clauses[i][1])
    if not groups or not all(g.names and g.duty_start is not None and duty_shaped(g.duty) for g in groups):
        return None  # 县乙局接管后，…: what follows is no source list
    target = plan.names.ref(m.group("recv"))
    start, end = clauses[i][0], _end(sentence, clauses, i)
    if m.group("new"):  # 新组建的县乙局整合了…: a news report names the new body only so
        plan.create(target, start, end, from_merge=True)
    emit_groups(plan, groups, target, start, end, merged=False)
    if m.group("whole"):
        _ended(plan, groups, start, end)
    plan.set_subject(target, start)
    return i + 1


_MERGE_ABOLISHED_RE = re.compile(P.alternation(P.MERGE_ABOLISHED))


def merge_abolished(plan: Plan, sentence: Sentence, clauses: Clauses, i: int, body: int) -> int | None:
    """县甲局、县乙局撤销，整合组建县丙局: the bodies the clause before abolished are merged into
    the body this clause creates."""
    focus = plan.focus
    if not i or focus.antecedents_sentence != plan.index or not focus.antecedents:
        return None
    m = _MERGE_ABOLISHED_RE.match(plan.view.plain[body:clauses[i][1]])
    if m is None:
        return None
    target = _created_name(plan, plan.view.s[body + m.end():clauses[i][1]])
    if target is None:
        return None
    start, end = sentence.start, _end(sentence, clauses, i)
    plan.create(target, start, end, from_merge=True)
    for ref in focus.antecedents:
        plan.emit(EventKind.MERGE, [ref], target, start, end, from_merge=True)
    plan.set_subject(target, clauses[i][0])
    return i + 1


# --- 以 A 为基础 …，组建 D / 整合 …，组建 D --------------------------------------------------------


def based_on(plan: Plan, sentence: Sentence, clauses: Clauses, i: int, body: int) -> int | None:
    s = plan.view.s
    if not s.startswith("以", body):
        return None
    m = _BASE_RE.match(s[body:clauses[i][1]])
    if m is None or not plan.names.valid(m.group("base")):
        return None
    base = plan.names.ref(m.group("base"))
    list_start = body + m.end()
    k, verb_at, created_at = _creation(plan, clauses, i, list_start)
    if k is None:
        return None
    target = _created_name(plan, s[created_at:clauses[k][1]])
    if target is None:
        return None
    start, end = sentence.start, _end(sentence, clauses, k)
    plan.create(target, start, end, from_merge=True)
    exception = m.group("exc")
    plan.emit(EventKind.MERGE, [base], target, start, end, duty=f"职责{exception}" if exception else None,
              from_merge=True)
    _merge_list(plan, list_start, verb_at, target, start, end)
    plan.set_subject(target, clauses[i][0])
    return k + 1


def merge_first(plan: Plan, sentence: Sentence, clauses: Clauses, i: int, body: int) -> int | None:
    s = plan.view.s
    if s.find("整合", body, body + 6) < 0:
        return None
    m = _MERGE_FIRST_RE.match(s[body:clauses[i][1]])
    if m is None or i + 1 >= len(clauses):
        return None
    list_start = body + m.end()
    k, _, created_at = _creation(plan, clauses, i + 1, clauses[i + 1][0])
    if k is None:
        return None
    target = _created_name(plan, s[created_at:clauses[k][1]])
    groups = parse_sources(plan, list_start, clauses[k][0])
    if target is None or not groups or not all(duty_shaped(g.duty) for g in groups):
        return None
    start, end = sentence.start, _end(sentence, clauses, k)
    plan.create(target, start, end, from_merge=True)
    emit_groups(plan, groups, target, start, end, merged=True)
    plan.set_subject(target, clauses[i][0])
    return k + 1


def _creation(plan: Plan, clauses: Clauses, i: int, floor: int) -> tuple[int | None, int, int]:
    """The clause (from i on) that creates the receiver: its index, where its 组建 starts and where
    the created name starts (以县甲局为基础组建县乙局: in the clause of the base)."""
    s = plan.view.s
    for k in range(i, len(clauses)):
        a = max(_body(plan, clauses[k]), floor)
        if k == i:
            a += match_len(_UP_TO_CREATE, s, a, clauses[k][1])
        m = _CREATE_AT_START.match(s[a:clauses[k][1]])
        if m:
            return k, a, a + m.end()
    return None, 0, 0


_UP_TO_CREATE = re.compile(r"^(?:再|并|同时)?(?:整合[^，,；;]*?)?(?=(?:重新|新)?组建)")


def _created_name(plan: Plan, slot: str) -> Ref | None:
    n = plan.names.lead(slot, fallback=True)
    return plan.names.ref(slot[:n]) if n else None


def _merge_list(plan: Plan, start: int, end: int, target: Ref, span_start: int, span_end: int) -> None:
    """The sources between the base and 组建 D (再整合 B 的 X 职责、C 的职责 …), if any."""
    s = plan.view.s
    words = s[start:end]
    lead = re.match(r"^[，,\s]*(?:再|并|同时)?(?:整合|合并)?", words)
    start += lead.end() if lead else 0
    tail = re.search(r"[，,\s]*$", s[start:end])
    end = start + tail.start() if tail else end
    if end <= start:
        return
    groups = parse_sources(plan, start, end)
    if groups and all(duty_shaped(g.duty) for g in groups):
        emit_groups(plan, groups, target, span_start, span_end, merged=True)


# --- 从 A 划出 X，划入 D --------------------------------------------------------------------------


def carve_out(plan: Plan, sentence: Sentence, clauses: Clauses, i: int, body: int) -> int | None:
    s = plan.view.s
    if not s.startswith("从", body):
        return None
    m = _CARVE_RE.match(s[body:clauses[i][1]])
    if m is None or not plan.names.valid(m.group("src")):
        return None
    source = plan.names.ref(m.group("src"))
    duty = strip_count(m.group("duty")) + "职责" if re.search(r"项(?:职责)?$", m.group("duty")) else m.group("duty")
    rest_at, k = body + m.end(), i
    if rest_at >= clauses[i][1] - 1 and i + 1 < len(clauses):
        k = i + 1
        rest_at = _body(plan, clauses[k])
    words = s[rest_at:clauses[k][1]]
    start, end = clauses[i][0], _end(sentence, clauses, k)
    created = _CREATE_AT_START.match(words)
    moved = TRANSFER_RE.match(plan.view.flat, rest_at, clauses[k][1])
    if created:
        target = _created_name(plan, words[created.end():])
        if target is not None:
            plan.create(target, start, end, from_merge=True)
    elif moved and moved.group("transfer"):
        target = _created_name(plan, s[moved.end():clauses[k][1]])
    else:
        return None
    if target is None:
        return None
    plan.emit(EventKind.TRANSFER, [source], target, start, end, duty=duty.strip(), matter_text=duty)
    plan.set_subject(target, start)
    return k + 1


# --- X 职责，由 A 移交 B --------------------------------------------------------------------------


def duty_first(plan: Plan, sentence: Sentence, clauses: Clauses, i: int, body: int) -> int | None:
    """The duty opens the sentence; a later clause (or the same one) says 由/从 A 移交 B."""
    s, flat = plan.view.s, plan.view.flat
    if flat.find("由", body, sentence.end) < 0 and flat.find("从", body, sentence.end) < 0:
        return None
    for k in range(i, len(clauses)):
        a = body if k == i else _body(plan, clauses[k])
        m = _find_duty_first(flat, a, clauses[k][1], first=k == i)
        if m is None:
            continue
        duty = s[body:m.start()].strip().rstrip("，,；;")
        source = m.group("src")
        targets = plan.names.names(_OTHER_BODIES.sub("", m.group("dst")))
        if not duty or not plan.names.valid(source) or not targets or plan.names.lead(duty):
            return None
        src = plan.names.ref(source)
        start, end = clauses[i][0], _end(sentence, clauses, k)
        for name in targets:
            plan.emit(EventKind.TRANSFER, [src], plan.names.ref(name), start, end, duty=duty, matter_text=duty)
        plan.set_subject(plan.names.ref(targets[0]), start)
        return k + 1
    return None


def _find_duty_first(flat: str, start: int, end: int, *, first: bool) -> re.Match[str] | None:
    for m in _DUTY_FIRST_RE.finditer(flat, start, end):
        if m.start() > start or not first:  # the duty comes first: something stands before 由/从
            return m
    return None


def handed_over(plan: Plan, sentence: Sentence, clauses: Clauses, i: int, body: int) -> int | None:
    """X 由 B 负责，A 不再承担 / A 不再承担 X，改由 B 负责 (a 编委 decision): A's duty X goes to B."""
    if i + 1 >= len(clauses) or "不再" not in plan.view.flat[clauses[i][0]:clauses[i + 1][1]]:
        return None
    text, after = plan.view.plain[body:clauses[i][1]], plan.view.plain[_body(plan, clauses[i + 1]):clauses[i + 1][1]]
    m = next((m for r in _HANDED_OVER_RES if (m := r.match(text))), None)
    given = _GIVEN_UP_RE.match(after) if m else None
    if given is not None:
        duty, receiver, source = m.group("duty").strip(), m.group("recv"), given.group("src")
    elif (first := _GIVEN_UP_FIRST_RE.match(text)) and (taken := _TAKEN_OVER_RE.match(after)):
        duty, receiver, source = first.group("duty").strip(), taken.group("recv"), first.group("src")
    else:
        return None
    if not (plan.names.valid(receiver) and plan.names.valid(source)) or plan.names.lead(duty):
        return None
    start, end = clauses[i][0], _end(sentence, clauses, i + 1)
    plan.emit(EventKind.TRANSFER, [plan.names.ref(source)], plan.names.ref(receiver), start, end,
              duty=duty, matter_text=duty)
    plan.set_subject(plan.names.ref(receiver), start)
    return i + 2


# --- colon lists ---------------------------------------------------------------------------------


def colon_list(plan: Plan, sentence: Sentence) -> bool:
    """D 的职责由以下部分组成：A 的职责，B 的 X 职责…… — or the list follows in sub-items."""
    plain = plan.view.plain
    if plain.find("：", sentence.start, sentence.end) < 0 and plain.find(":", sentence.start, sentence.end) < 0:
        return False
    for pattern in _OPENER_RES:
        m = pattern.search(plain, sentence.start, sentence.end)
        if m is None or not _at_clause_start(plain, sentence.start, m.start()):
            continue
        receiver = _opener_receiver(plan, m)
        if receiver is None:
            continue
        start = m.start()
        base_name = m.groupdict().get("base")
        if base_name and plan.names.valid(base_name):
            base = plan.names.ref(base_name)
            plan.emit(EventKind.MERGE, [base], receiver, start, sentence.term)
        plan.set_subject(receiver, start)
        if not plain[m.end():sentence.end].strip("；;。 "):
            plan.focus.receiver = receiver  # the sources come in the sub-items below
            return True
        _emit_list(plan, m.end(), sentence.end, receiver, start, sentence.term)
        return True
    return False


def _at_clause_start(plain: str, floor: int, at: int) -> bool:
    return at == floor or plain[at - 1] in "，,；;。：:\n" or bool(re.match(r"^[，,；;]?\s*$", plain[floor:at]))


def _opener_receiver(plan: Plan, m: re.Match[str]) -> Ref | None:
    words = (m.groupdict().get("recv") or "").strip()
    if not words:
        return plan.focus.subject.ref if plan.focus.subject else None
    words = re.sub(r"^(?:新组建的|重新组建的|组建后的|新设立的)", "", words)
    this = plan.this_body(words)
    if this is not None:
        return this
    return plan.names.ref(words) if plan.names.valid(words) else None


def _emit_list(plan: Plan, start: int, end: int, receiver: Ref, span_start: int, span_end: int) -> bool:
    """Each ；-separated part of a colon list is one source list."""
    found = False
    for a, b, _ in split(plan.view.s, start, end, "；;"):
        groups = parse_sources(plan, a, b)
        if groups and all(g.duty is None or duty_shaped(g.duty) for g in groups):
            emit_groups(plan, groups, receiver, span_start, span_end, merged=True)
            found = True
    return found


def listed_sources(plan: Plan, sentence: Sentence) -> bool:
    """A sub-item under 以下职责转入 D：, holding sources only (A 原来负责的……等职责；)."""
    receiver = plan.focus.receiver
    if receiver is None or TRANSFER_RE.search(plan.view.flat, sentence.start, sentence.end):
        return False
    end = sentence.end
    while end > sentence.start and plan.view.s[end - 1] in "；;。 ":
        end -= 1
    groups = parse_sources(plan, sentence.start, end)
    if not groups or not all(g.duty is not None and duty_shaped(g.duty) for g in groups):
        return False
    emit_groups(plan, groups, receiver, sentence.start, sentence.term, merged=False)
    return True


# --- partial transfers ---------------------------------------------------------------------------


def inventory(plan: Plan, sentence: Sentence, clauses: Clauses, i: int, body: int) -> int | None:
    """县甲局原承担X和Y两项职责: the duties a later 其中X职责划入D draws from; what is not moved
    becomes the transfers' `remainder` (assemble.py)."""
    a, b = body, clauses[i][1]
    if not any(plan.view.plain.find(w, a, b) >= 0 for w in ("承担", "负责", "履行")):
        return None
    among = plan.view.plain[a:b].endswith("中")  # 县粮食局现承担的X、Y、Z等职责中，X职责划入县甲局
    if TRANSFER_RE.search(plan.view.flat, a, sentence.end) and not among and not (
            i + 1 < len(clauses) and plan.view.s.startswith("其中", clauses[i + 1][0])):
        return None  # 县甲局原来负责的X工作，以及……，一并交给县乙局: a source list, not an inventory
    m = _INVENTORY_RE.match(plan.view.plain[a:b - 1] if among else plan.view.plain[a:b])
    if m is None:
        return None
    n = plan.names.lead(m.group("src"))
    if not n or n != len(m.group("src")):
        return None
    source = plan.names.ref(m.group("src"))
    items = inventory_items(m.group("duties"), plan.view.plain[a:b])
    if not items:
        return None
    plan.inventories.append((plan.focus.item, Inventory(source, items)))
    plan.focus.antecedent = source
    return i + 1


_COUNT = re.compile(r"(?P<n>[两二三四五六七八九十\d]+)项")


def inventory_items(duties: str, clause: str) -> list[str]:
    """防止返贫监测帮扶、东西部协作、社会帮扶 → three; X和Y (两项) → two: 和 splits only when the count
    says there are more items than 、 gives, or — with no count — in the last item of a 、 list
    (林政、林木种苗和林业技术推广等职责 → three)."""
    items = [p.strip() for p in re.split(r"[、；;，,]", strip_count(duties)) if p.strip()]
    count = _COUNT.search(clause)
    wanted = _count(count.group("n")) if count else 0
    if not count and len(items) >= 2:  # X、Y和Z等职责: a list joins its last item with 和
        last = [p for p in re.split(r"和|以及|及", items[-1]) if p]
        if len(last) == 2 and all(len(p) >= 2 for p in last):
            items = items[:-1] + last
    if wanted > len(items):
        split_more = []
        for item in items:
            split_more += [p for p in re.split(r"和|及|以及", item) if p]
        if len(split_more) == wanted:
            items = split_more
    return items


def _count(word: str) -> int:
    from zhize.ingest.numerals import to_int

    return to_int(word.replace("两", "二")) or 0


__all__ = ["LIST_CONNECTIVES", "TRANSFER_RE", "based_on", "carve_out", "colon_list", "duty_first",
           "inventory", "list_transfer", "listed_sources", "merge_abolished", "merge_first", "receiver_takes",
           "subject_first"]
