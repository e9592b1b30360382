"""Clause shapes about bodies themselves: one small function per shape.

- `type_change`  将 A 由 X 调整为 Y / A 的性质由 X 改为 Y       TYPE_CHANGE_VERBS
- `rename`       A 更名为 B                                   RENAME_VERBS
- `colocate`     A 与 B 合署办公                              COLOCATE_VERBS
- `two_plaques`  A 与 B，一个机构两块牌子
- `creates`      组建 / 设立 / 成立 B                          CREATE_VERBS
- `plaques`      B 加挂 / 对外保留 C 牌子                      PLAQUE_VERBS
- `abolishes`    不再保留 A、B / A 不再单独设置                ABOLISH_VERBS, ABOLISH_AFTER
- `types`        作为县人民政府工作部门 / 为直属机构 / 正科级   (no event: the department's type, rank)
- `listed`       改革后，县人民政府设置工作部门N个：……        LISTING

Each returns whether it read the clause. A subject left out (，加挂县文物局牌子) is the body the
item is about (`Focus.subject`).
"""

from __future__ import annotations

import re

from zhize.graph.records import EventKind
from zhize.ingest.reform import phrasings as P
from zhize.ingest.reform.names import TOWN_LEVELS
from zhize.ingest.reform.sentences import short
from zhize.ingest.reform.state import Plan, Ref

_CREATE_RE = re.compile(rf"(?<!不再)(?:{P.alternation(P.CREATE_VERBS)})(?P<slot>[^，,；;]*)")
_ABOLISH_RE = re.compile(rf"(?:{P.alternation(P.ABOLISH_VERBS)})(?P<list>[^，,；;]*)")
_ABOLISH_AFTER_RE = re.compile(
    rf"^(?:原有的|原)?(?P<list>[^，,；;]+?)(?:等)?(?:[\d{P.CN}]+个[^，,；;]{{0,10}}?)?(?:{P.ABOLISH_AFTER_ADVERBS.pattern})?"
    rf"(?:{P.alternation(P.ABOLISH_AFTER)}){P.ABOLISH_AFTER_TAIL}")
_ABOLISH_REFERRED_RE = re.compile(P.alternation(P.ABOLISH_REFERRED))
_OBJECT_TAIL_RE = re.compile(P.ABOLISH_OBJECT_TAIL.pattern)
_CREATE_AFTER_RE = re.compile(P.alternation(P.CREATE_AFTER))
_PLAQUE_RE = re.compile(rf"(?P<verb>{P.alternation(P.PLAQUE_VERBS)})(?P<list>[^，,；;]*?)(?:的)?牌子")
_TWO_PLAQUES_RE = re.compile(r"(?:实行)?一个机构[两二三四]块牌子")
_RENAME_RE = re.compile(rf"^(?:将)?(?P<a>[^，,；;]*?)(?:{P.alternation(P.RENAME_VERBS)})(?P<b>[^，,；;]+)$")
_COLOCATE_RE = re.compile(rf"^(?P<pair>[^，,；;]*?)(?:{P.alternation(P.COLOCATE_VERBS)})")
TYPE_CHANGE_RE = re.compile(
    rf"^(?:将)?(?P<a>[^，,；;由]*?)由(?P<x>[^，,；;]+?)(?:{P.alternation(P.TYPE_CHANGE_VERBS)})(?P<y>[^，,；;]+)$")
_TYPE_TO_RE = re.compile(rf"^(?:将)?(?P<a>[^，,；;]+?)(?:{P.alternation(P.TYPE_CHANGE_VERBS)})(?P<y>[^，,；;]+)$")
RENAME_RE = _RENAME_RE
_TYPE_DECL_RE = re.compile(P.TYPE_DECLARATION)
_TYPE_IS_RE = re.compile(P.TYPE_IS)
_LISTING_RE = re.compile(P.LISTING)
_RANK_RE = re.compile(P.RANK)
_TYPE_WORDS = re.compile(r"(?:部门|机构|机关|单位|序列|组织)$")
_CLAUSE_CONNECTIVES = re.compile(
    r"^(?:[一二三四五六七八九十]+是|在此基础上|与此同时|同时|此外|另外|其中|并且|并|另|还|再|即)+")


def _named(plan: Plan, words: str, clause_start: int) -> tuple[Ref | None, int]:
    """The department a clause is about: named (县档案局更名为…) or elided (更名为…)."""
    words = _CLAUSE_CONNECTIVES.sub("", words).removeprefix("将").removeprefix("在").strip()
    words = P.TYPE_SUBJECT_TAIL.sub("", words)
    if not words:
        subject = plan.focus.subject
        return (subject.ref, plan.subject_start(clause_start)) if subject else (None, clause_start)
    names = plan.names.names(words)
    if names and len(names) == 1:
        return plan.names.ref(names[0]), clause_start
    return None, clause_start


_SEPARATES_RE = re.compile(P.alternation(P.SEPARATES))


def type_change(plan: Plan, t: str, start: int, end: int, clause_start: int, text_end: int) -> bool:
    if separates(plan, t, clause_start, text_end):
        return True
    m = TYPE_CHANGE_RE.match(t)
    old = m.group("x").strip() if m else None
    if m is None:
        m = _TYPE_TO_RE.match(t)
        if m is None or not m.group("a").strip() or not _TYPE_WORDS.search(m.group("y")):
            return False
    new = m.group("y").strip()
    if not _TYPE_WORDS.search(new) or (old is not None and plan.names.valid(old)):
        return False
    subject, begin = _named(plan, m.group("a"), clause_start)
    if subject is None:
        plan.warn(clause_start, end, f"类型调整缺少部门：{short(t)}")
        return True
    detail = {"to": new} if old is None else {"from": old, "to": new}
    plan.emit(EventKind.TYPE_CHANGE, [], subject, begin, text_end, detail=detail)
    plan.set_type(subject, new)
    plan.focus.type_changed = (plan.index, subject.canonical, old, new)
    plan.set_subject(subject, begin)
    return True


def separates(plan: Plan, t: str, clause_start: int, text_end: int) -> bool:
    """县林业局由在县自然资源局加挂牌子调整为单独设置: the body stood as a plaque or a unit of
    another; from here on it is a body of its own, created by the plan."""
    m = _SEPARATES_RE.match(t)
    if m is None:
        return False
    body, begin = _named(plan, m.group("a"), clause_start)
    if body is None:
        return False
    plan.create(body, begin, text_end, from_merge=False)
    plan.set_subject(body, begin)
    return True


def rename(plan: Plan, t: str, start: int, end: int, clause_start: int, text_end: int) -> bool:
    m = _RENAME_RE.match(t)
    if m is None:
        return False
    new = m.group("b")
    n = plan.names.lead(new)
    old, _ = _named(plan, m.group("a"), clause_start)
    if not n or old is None:
        if n or old is not None:  # 完善操作手册并更名为工作指引 names no department: not a reform event
            plan.warn(clause_start, end, f"无法解析的更名表述：{short(t)}")
        return bool(n or old)
    target = plan.names.ref(new[:n])
    plan.emit(EventKind.RENAME, [old], target, clause_start, text_end)
    changed = plan.focus.type_changed
    if changed and changed[:2] == (plan.index, old.canonical):
        # 将县政务服务中心由直属事业单位调整为工作部门，更名为县行政审批服务局: the old name was
        # the 事业单位, the new one is the 工作部门
        _, _, was, now = changed
        if was:
            plan.set_type(old, was)
        else:
            plan.types.pop(old.mention, None)
        plan.set_type(target, now)
    plan.set_subject(target, clause_start)
    plan.focus.antecedent = old
    return True


def colocate(plan: Plan, t: str, start: int, end: int, clause_start: int, text_end: int) -> bool:
    m = _COLOCATE_RE.match(t)
    if m is None:
        return False
    pair = _CLAUSE_CONNECTIVES.sub("", m.group("pair")).strip()
    begin = clause_start
    names = None
    subject = plan.focus.subject
    if pair[:1] in "与和同" and subject is not None:
        rest = plan.names.names(pair[1:])
        if rest:
            names = [subject.ref.mention, *rest]
            begin = plan.subject_start(clause_start)
    elif pair:
        names = _pair(plan, pair)
    if not names or len(names) < 2:
        plan.warn(clause_start, end, f"无法解析的合署办公表述：{short(t)}")
        return True
    first = plan.names.ref(names[0])
    for other in names[1:]:
        plan.emit(EventKind.COLOCATE, [first], plan.names.ref(other), begin, text_end)
    plan.set_subject(first, begin)  # ，对外加挂…牌子 after it is about the first body
    return True


def _pair(plan: Plan, words: str) -> list[str] | None:
    names = plan.names.names(words)
    if names and len(names) >= 2:
        return names
    for m in re.finditer("[与同和]", words):  # 县A中心与县B局: the second name without a prefix
        left, right = words[: m.start()], words[m.end():]
        if plan.names.valid(left) and plan.names.valid(right):
            return [left, right]
    return None


def two_plaques(plan: Plan, t: str, start: int, end: int, clause_start: int, text_end: int) -> bool:
    """县委网信办与县互联网信息办公室，一个机构两块牌子 → plaque."""
    m = _TWO_PLAQUES_RE.search(t)
    if m is None:
        return False
    s = plan.view.s
    words = t[: m.start()].strip()
    begin = clause_start
    if not words:
        prev = max(s.rfind(c, 0, clause_start - 1) for c in "，\n。")
        begin = prev + 1
        words = plan.view.plain[begin:clause_start - 1]
    names = _pair(plan, _CLAUSE_CONNECTIVES.sub("", words))
    if not names:
        plan.warn(begin, end, f"无法解析的挂牌表述：{short(t)}")
        return True
    body = plan.names.ref(names[0])
    for other in names[1:]:
        plan.emit(EventKind.PLAQUE, [], body, begin, text_end, plaque=plan.names.plaque_ref(other))
    plan.set_subject(body, begin)
    return True


def creates(plan: Plan, t: str, start: int, clause_start: int, text_end: int) -> bool:
    found = False
    sentence_text = plan.view.plain[plan.sentence.start:plan.sentence.end] if plan.sentence else t
    for m in _CREATE_RE.finditer(t):
        slot = m.group("slot")
        if slot.startswith(("了", "的", "和", "或")):
            continue
        listed = re.match(rf"^[\d{P.CN}]+个[：:](?P<list>.+)$", slot)
        if listed:
            for name in plan.names.names(listed.group("list")) or []:
                plan.create(plan.names.ref(name), clause_start, text_end, from_merge=False)
                found = True
            continue
        listed = _bracketed_list(plan, slot)
        if listed:  # 设立镇甲办公室（加挂镇乙办公室牌子）、镇丙办公室: each is created
            for name in listed:
                plan.create(plan.names.ref(name), clause_start, text_end, from_merge=False)
            found = True
            continue
        n = plan.names.lead(slot, fallback=True)
        if n:  # 设立岚川县12345政务服务便民热线 is a new task, not a department: no event
            target = plan.names.ref(slot[:n])
            if P.NOT_COUNTED_TYPES.search(sentence_text):  # 组建……委员会，作为县委议事协调机构
                plan.set_type(target, P.NOT_COUNTED_TYPES.search(sentence_text).group())
            else:
                plan.create(target, clause_start, text_end, from_merge=False)
            plan.set_subject(target, clause_start)
            found = True
    return found or _created_after(plan, t, clause_start, text_end)


_BRACKETS = re.compile(r"[（(][^）)]*[）)]")


def _bracketed_list(plan: Plan, slot: str) -> list[str]:
    """The names of a list of two or more bodies, each maybe with its plaque in brackets
    (镇甲办公室（加挂镇乙办公室牌子）、镇丙办公室), or [] when the slot is anything else."""
    pieces = [p.strip() for p in _BRACKETS.sub("", slot).split("、")]
    if len(pieces) < 2 or not all(plan.names.valid(p) for p in pieces):
        return []
    return pieces


def _bracket_owner(plan: Plan, pre: str) -> str | None:
    """The body a bracketed plaque belongs to: the name right before the bracket, after the verb or
    the list mark before it (设立镇甲办公室（加挂…）、镇丙办公室（挂…） → 镇丙办公室 for the second)."""
    words = re.split(rf"[、，,；;）)]|{P.alternation(P.CREATE_VERBS)}", pre.rstrip("（("))[-1].strip()
    return words if words and plan.names.valid(words) else None


def _created_after(plan: Plan, t: str, clause_start: int, text_end: int) -> bool:
    """县退役军人事务局正式组建: the name before the verb (a report of the reform done)."""
    m = _CREATE_AFTER_RE.match(_CLAUSE_CONNECTIVES.sub("", t).strip())
    if m is None or not plan.names.valid(m.group("name")):
        return False
    target = plan.names.ref(m.group("name"))
    plan.create(target, clause_start, text_end, from_merge=False)
    plan.set_subject(target, clause_start)
    return True


def plaques(plan: Plan, t: str, start: int, clause_start: int, text_end: int) -> list[tuple[int, int]]:
    consumed = []
    for m in _PLAQUE_RE.finditer(t):
        if t[: m.start()].endswith("不再"):
            continue
        names = plan.names.names(m.group("list")) or _own_level_names(plan, m.group("list"))
        pre = t[: m.start()]
        if not names:
            if plan.names.valid(pre.strip()) or not pre.strip():
                plan.warn(start + m.start(), start + m.end(), f"无法识别牌子名称：{short(m.group())}")
            continue
        words = pre.rstrip("（(")
        body, begin = _named(plan, words, clause_start)
        owner = _bracket_owner(plan, pre) if body is None and pre.endswith(("（", "(")) else None
        if owner is not None:
            body = plan.names.ref(owner)
        subject = plan.focus.subject
        if body is None and subject is not None and (pre.endswith(("（", "(")) or _CREATE_RE.search(pre)):
            body, begin = subject.ref, clause_start
        if body is None:
            plan.warn(clause_start, start + m.end(), f"无法确定挂牌的部门：{short(t)}")
            continue
        for name in names:
            plan.emit(EventKind.PLAQUE, [], body, begin, text_end, plaque=plan.names.plaque_ref(name))
        plan.set_subject(body, begin)
        consumed.append((m.start(), m.end()))
    return consumed


def _own_level_names(plan: Plan, words: str) -> list[str] | None:
    """A plaque written without its level (挂退役军人服务站牌子: 站 names a body only after a place)
    is a body of the plan's own level: 镇退役军人服务站 in a township's plan, 县X站 in a county's."""
    place = plan.names.jurisdiction
    level = next((w for w in TOWN_LEVELS if place.endswith(w)), place[-1:])
    if not level or plan.names.valid(words) or words.startswith(level):
        return None
    return plan.names.names(level + words)


def abolishes(plan: Plan, t: str, start: int, text_end: int, consumed: list[tuple[int, int]]) -> bool:
    referred = _ABOLISH_REFERRED_RE.search(t)
    if referred:
        refs = _merged_before(plan, table=referred.group("ref").startswith(("表", "下表")))
        if refs:
            return _abolish(plan, refs, start, text_end)
    found = False
    for m in _ABOLISH_RE.finditer(t):
        if any(a <= m.start() < b for a, b in consumed):
            continue
        words = m.group("list").strip()
        if words.endswith("牌子") or not words:
            continue  # 不再保留县物价局牌子: a plaque taken down, not a body abolished
        words = re.sub(rf"^(?:部门|机构|单位)?(?:[\d{P.CN}]+个)?[：:]", "", words)
        words = re.sub(rf"(?:等)?(?:[\d{P.CN}]+个[\u4e00-\u9fff]{{0,10}})$", "", words)
        words = _OBJECT_TAIL_RE.sub("", words)
        names = plan.names.names(words) or _named_part(plan, words, start + m.start(), start + m.end())
        if names:
            found = _abolish(plan, names, start, text_end) or found
    if not found:
        m = _ABOLISH_AFTER_RE.match(t)
        if m:
            names = plan.names.names(m.group("list").strip())
            if names:
                found = _abolish(plan, names, start, text_end)
    return found


def _named_part(plan: Plan, words: str, start: int, end: int) -> list[str]:
    """The names of a list that are names; the rest reported."""
    names, odd = [], []
    for piece in words.split("、"):
        n = plan.names.lead(piece)
        (names if n and n == len(piece.strip()) else odd).append(piece.strip()[:n] if n else piece)
    if odd and (names or re.search("[局委办]", words)):
        plan.warn(start, end, f"无法识别撤销的部门：{'、'.join(short(o, 20) for o in odd)}")
    return names


def _merged_before(plan: Plan, *, table: bool) -> list[Ref]:
    """The bodies 上述单位 points back at: those merged whole into the body the item created last
    (整合县甲站、县乙站，组建县丙中心); 表中所列的单位: those the plan's tables merge."""
    merged = [e for e in plan.events if e.kind == EventKind.MERGE and e.from_merge and e.duty is None
              and (e.origin == "table" if table else e.origin != "table" and e.clause == plan.focus.clause)]
    if not table and merged:
        last = merged[-1].target
        merged = [e for e in merged if e.target is last]
    return list({r.canonical: r for e in merged for r in e.sources}.values())


def _abolish(plan: Plan, names: list[str | Ref], start: int, text_end: int) -> bool:
    refs = [n if isinstance(n, Ref) else plan.names.ref(n) for n in names]
    for ref in refs:
        plan.emit(EventKind.ABOLISH, [ref], None, start, text_end)
    plan.refer(refs)
    return True


def types(plan: Plan, t: str, start: int) -> bool:
    m = _TYPE_DECL_RE.search(t)
    if m:
        named = t[: m.start()]
        subject, _ = _named(plan, named, start)
        if subject is None and plan.focus.subject is not None and not named.strip():
            subject = plan.focus.subject.ref
        if subject is not None:
            kind = m.group("type")
            plan.set_type(subject, kind)
            owner = kind.split("的", 1)[0] if "的" in kind else ""
            if owner and plan.names.valid(owner):
                plan.extra.append(plan.names.ref(owner))
            return True
    m = _TYPE_IS_RE.match(t)
    if m:
        names = plan.names.names(m.group("list"))
        if names:
            for name in names:
                plan.set_type(plan.names.ref(name), m.group("type"))
            return True
    m = _RANK_RE.search(t)
    if m:
        n = plan.names.lead(t)
        subject = plan.names.ref(t[:n]) if n else (plan.focus.subject.ref if plan.focus.subject else None)
        if subject is not None:
            plan.ranks[subject.mention] = m.group("rank")
            plan.extra.append(subject)
    return False


def listed(plan: Plan, start: int, end: int) -> bool:
    """改革后，县人民政府设置工作部门23个：县人民政府办公室 县发展和改革局 … (one per line or 、)."""
    text = plan.view.plain[start:end]
    m = _LISTING_RE.search(text) if "设" in text and ("：" in text or ":" in text) else None
    if m:
        owner = m.group("owner2") or m.group("owner").split("，")[-1].removeprefix("改革后").strip()
        owner = owner if owner.endswith(("政府", "委")) else ""
        plan.focus.listing = owner + m.group("type")
        for name in plan.names.names(m.group("rest").strip("。；; ")) or []:
            plan.set_type(plan.names.ref(name), plan.focus.listing)
        return True
    if plan.focus.listing:
        names = plan.names.names(text.strip("。；;，, "))
        if names:
            for name in names:
                plan.set_type(plan.names.ref(name), plan.focus.listing)
            return True
        plan.focus.listing = None
    return False
