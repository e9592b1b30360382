"""A list of sources: departments, each group with the duty it gives.

县工商局、县质监局的职责，县文广局的文化、广播电视管理职责，以及县减灾委、县抗震救灾指挥部的职责
→ four groups. A group is one or more names and the duty after 的 (or 承担的, 原来负责的, 各自承担的 …);
pieces with no name go on the duty before them (县文广局的文化、广播电视管理职责). A shared tail is
distributed (A 的 X、B 的 Y 等管理职责 → X管理职责, Y管理职责) and a trailing 等 dropped. Emitting turns
a group giving all its duties (的职责, 职责（…除外）) into a ``merge``, anything narrower a ``transfer``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhize.graph.records import EventKind
from zhize.ingest.reform.phrasings import BODY_COUNT_AFTER, CN, DUTY_HEADS, SOURCE_CONNECTOR, UNIT_OF_BODY, alternation
from zhize.ingest.reform.sentences import split
from zhize.ingest.reform.state import Plan, Ref

CONNECTOR = re.compile("".join(f"(?:{v.pattern})" for v in SOURCE_CONNECTOR))
_UNIT_DUTY = re.compile(UNIT_OF_BODY)
# What may open a piece of a list without being part of it (原 before a level word: 原县甲局, and in a
# township's plan 原镇甲办公室, 原街道乙所).
LIST_CONNECTIVES = re.compile(
    r"^(?:以及|及|和|与|连同|同时将|并将|另将|还将|同时|并|将|还有|原(?=[县市区省州旗中镇乡街]))+")
# Inside a list piece, a conjunction before a department name starts the next source:
# 省国土资源厅的职责以及省发展和改革委员会的组织编制主体功能区规划职责.
_INNER_CONJ = re.compile(r"以及|连同|及|和|与|并将|并")
# A verb right after a name (no 的): the clause says something about the body, it lists no source.
_VERB_AFTER_NAME = re.compile(
    rf"(?:等)?(?:[{CN}\d]+个(?:部门|单位|机构))?(?:正式|已经|已)?(?:不再|撤销|撤消|撤并|承担(?!的)|负责(?!的)|更名|改名|合署|整合|合并|组建|设立|划|移交|交由|调整|作为|保留|加挂|挂|与|由|将|在|为|按照|根据|"
    r"实行|继续|仍|统一|牵头|配合|协助|参与|指导|对外|设在|是)")
# A power named by its kind closes a duty too: 原由县甲局行使的X方面的行政处罚权，由县乙局集中行使.
TERMINAL_DUTY = re.compile(
    r"(?:职责|职能|工作|事项|事务|任务|职权|权限|业务|(?:处罚|执法|检查|强制|许可|审批|监管)权)$")
WHOLE_DUTY = re.compile(r"^(?:全部|各项|所有|原有)?(?:职责|职能)(?P<paren>[（(].*[）)])?$")
_BODY_COUNT = re.compile(BODY_COUNT_AFTER)
_COUNT_WORDS = re.compile(r"(?:[一二两三四五六七八九十\d]+项|等)$")
_SPACES = " \u3000"
_BODY_ENDINGS = ("委员会", "办公室", "指挥部", "局", "厅", "部", "署")


@dataclass
class Group:
    names: list[tuple[str, int]]  # (mention, view offset)
    duty_start: int | None = None
    duty_end: int | None = None
    duty: str | None = None


def duty_shaped(duty: str | None) -> bool:
    return duty is None or bool(TERMINAL_DUTY.search(duty) or WHOLE_DUTY.match(duty))


def parse_sources(plan: Plan, start: int, end: int, implied: Ref | None = None) -> list[Group] | None:
    """The source list in view[start:end]: departments, each group with its duty. With `implied`,
    a list opening with a duty takes that body as its source."""
    s = plan.view.s
    groups: list[Group] = []
    pending: list[tuple[str, int]] = []
    current: Group | None = None
    for a, b in _pieces(plan, start, end):
        while a < b and s[a] in _SPACES:
            a += 1
        a += _prefix_len(LIST_CONNECTIVES, s, a, b)
        piece = s[a:b].strip()
        counted = _BODY_COUNT.search(piece)
        if counted and counted.start():  # 县乙馆3个事业单位: the count closes the list of names
            piece = piece[: counted.start()]
        if not piece:
            continue
        names, duty_at = _piece_names(plan, piece, a, opened=current is not None)
        if names is None and implied is not None and current is None and not groups and not pending:
            names, duty_at = [(implied.mention, a)], a
        if names is None:  # the duty goes on: 县文化广电新闻出版局的文化、广播电视管理职责
            if current is None or current.duty_start is None:
                return None
            current.duty_end = b
            continue
        if current is not None:
            groups.append(current)
            current = None
        if duty_at is None or duty_at >= b:
            pending += names
            continue
        unit = _UNIT_DUTY.match(s, duty_at, b)
        if unit and pending:  # 县广播电视台、县委宣传部新闻科的职责: the unit is the last body's only
            groups.append(Group(pending, unit.end(), b))
            pending = []
        current = Group(pending + names, duty_at, b)
        pending = []
    if current is not None:
        groups.append(current)
    if pending:
        groups.append(Group(pending))
    if not groups:
        return None
    _duties(plan, groups)
    return groups


def _prefix_len(pattern: re.Pattern[str], s: str, start: int, end: int) -> int:
    m = pattern.match(s[start:end])
    return m.end() if m else 0


def _pieces(plan: Plan, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of a source list: between 、，； and before 以及/和/及/连同 + a department name."""
    s, flat = plan.view.s, plan.view.flat
    pieces = []
    for a, b, _ in split(s, start, end, "，,、；;"):
        while a < b and s[a] in _SPACES:
            a += 1
        a += _prefix_len(LIST_CONNECTIVES, s, a, b)
        for m in _INNER_CONJ.finditer(flat, a + 1, b):
            after = s[m.end():b]
            n = plan.names.lead(after)
            if n and a < m.start() and _starts_source(plan, s[a:m.start()], after, n):
                pieces.append((a, m.start()))
                a = m.start()
        pieces.append((a, b))
    return pieces


def _starts_source(plan: Plan, before: str, after: str, n: int) -> bool:
    """A name after a conjunction starts the next source when it has a place (or national) prefix;
    a bare name (档案局) only when what stands before is whole (a duty, a name) and a source's
    connector or another name follows it: 县人力资源和社会保障局 stays one name."""
    if plan.names.prefixed(after[:n]):
        return True
    if not (TERMINAL_DUTY.search(before) or plan.names.valid(before)):
        return False
    rest = after[n:]
    return rest[:1] == "、" or bool(CONNECTOR.match(rest))


def _piece_names(plan: Plan, piece: str, at: int, *, opened: bool) -> tuple[list | None, int | None]:
    """Names a list piece starts with and where its duty starts (None: the piece has none)."""
    names_ = plan.names
    if piece.startswith("其中") and names_.lead(piece[2:]):  # 其中县甲局的X职责: a source of its own
        return _piece_names(plan, piece[2:], at + 2, opened=opened)
    if piece.startswith("其") and plan.focus.antecedent is not None:
        rest = 2 if piece.startswith("其中") else 1
        connector = CONNECTOR.match(piece, rest)
        return [(ref.mention, at) for ref in plan.referred()], at + (connector.end() if connector else rest)
    found = names_.names(piece)
    if found is not None and (not opened or names_.prefixed(found[0]) or len(found) > 1
                              or names_.valid(piece) and piece.endswith(_BODY_ENDINGS)):
        return [(n, at) for n in found], None
    n = names_.lead(piece, single=False)
    if not n:
        return None, None
    head = piece[:n]
    rest_at = n
    paren = re.match(r"[（(][^）)]*[）)]", piece[rest_at:])
    if paren:
        rest_at += paren.end()
    connector = CONNECTOR.match(piece, rest_at)
    if connector and connector.end() > rest_at:
        rest_at = connector.end()
    elif _VERB_AFTER_NAME.match(piece, rest_at):
        return None, None  # 县水利局不再承担……职责 is a statement about the body, not a source
    elif opened and not names_.prefixed(head):
        return None, None  # 档案馆管理职责 inside a duty list is duty, not a department
    found = names_.names(head)
    if found is None:
        return None, None
    return [(name, at) for name in found], at + rest_at


def _duties(plan: Plan, groups: list[Group]) -> None:
    """Duty wording per group: a shared tail distributed, a trailing 等 dropped."""
    raw: list[str | None] = []
    for group in groups:
        if group.duty_start is None:
            raw.append(None)
            continue
        duty = plan.view.s[group.duty_start:group.duty_end].strip().strip("，,；;、")
        raw.append(duty.removesuffix("等") if duty.endswith("等") else duty)
    givers = set()
    for i, duty in enumerate(raw):
        if duty is None or TERMINAL_DUTY.search(duty) or duty.endswith(("）", ")")):
            continue
        for j in range(i + 1, len(raw)):
            later = raw[j]
            if later is None:
                break
            if TERMINAL_DUTY.search(later):
                tail = later.rsplit("等", 1)[1] if "等" in later else TERMINAL_DUTY.search(later).group()
                raw[i] = duty + tail
                givers.add(j)
                break
    for j in givers:
        head, tail = raw[j].rsplit("等", 1) if "等" in raw[j] else (raw[j], "")
        raw[j] = head + tail
    for group, duty in zip(groups, raw, strict=True):
        group.duty = duty or None


_DUTY_HEAD = re.compile(rf"(?:{alternation(DUTY_HEADS)})$")
_COORDINATED = re.compile(r"、|和|及|与")
_DUTY_WORD = re.compile(r"(?P<body>.*?)(?P<word>(?:有关|相关)?(?:职责|职能|工作|事项))$")


def shared_tail(duty: str) -> str:
    """A list of matters sharing the kind of work written once at its end: the wording as written,
    then the items written out in brackets, so that each can be found on its own —
    市政公用设施和园林绿化管理职责 → 市政公用设施和园林绿化管理职责（市政公用设施管理、园林绿化管理）.

    Only a list whose items before the last name no kind of work and whose last ends with one (a
    word of `DUTY_HEADS`) shares it; a list of whole duties (编制水功能区划、排污口设置管理、流域水
    环境保护) stays as written, and so does a list whose items are longer than the last
    (指导城乡社区治理、社会组织党建), a tail whose extent is unclear (药品和医疗服务价格管理:
    价格管理 or 服务价格管理?), and one closed by 等."""
    if not _COORDINATED.search(duty) or "等" in duty:
        return duty
    m = _DUTY_WORD.match(duty)
    pieces = _COORDINATED.split(m.group("body") if m and m.group("body") else duty)
    *before, last = pieces
    head = _DUTY_HEAD.search(last)
    if head is None or any(_DUTY_HEAD.search(p) for p in before):
        return duty
    size = min(map(len, before))
    tail = last[size:] if size < head.start() else head.group()
    if not _DUTY_HEAD.fullmatch(tail):
        tail = _word_tail(before, last)  # 酒类、成品油流通管理: the words after as many as an item has
    stacked = _DUTY_HEAD.search(last, 0, head.start()) is not None  # 确权登记管理: whose 管理?
    if stacked or not tail or not all(2 <= len(p) <= len(last) for p in before) or len(last) <= len(tail):
        return duty
    return f"{duty}（{'、'.join([p + tail for p in before] + [last])}）"


def _word_tail(before: list[str], last: str) -> str:
    """The shared tail counted in words (rjieba, the pipeline's segmenter): what follows, in the last
    item, as many words as the shortest other item has — when that is two words, a kind of work and
    what it works on (成品油|流通管理 after 酒类); else '' (医疗|服务价格管理 after 药品: three words;
    广播电视|管理 after 文化: a bare 管理 the items' lengths did not settle)."""
    import rjieba

    words = rjieba.cut(last)
    n = min(len(rjieba.cut(p)) for p in before)
    tail = words[n:]
    return "".join(tail) if len(tail) == 2 and _DUTY_HEAD.fullmatch(tail[-1]) else ""


def emit_groups(plan: Plan, groups: list[Group], target: Ref | None, start: int, end: int, *,
                merged: bool, matter_tail: str | None = None) -> None:
    for group in groups:
        whole = group.duty is None or WHOLE_DUTY.match(group.duty)
        for mention, _ in group.names:
            source = plan.names.ref(mention)
            if target is not None and source.canonical == target.canonical and source.mention == target.mention:
                continue  # 将县司法局的职责……重新组建县司法局: no event from a body to itself
            if whole:
                duty = group.duty if group.duty and WHOLE_DUTY.match(group.duty).group("paren") else None
                plan.emit(EventKind.MERGE, [source], target, start, end, duty=duty, from_merge=merged)
            else:
                matter = group.duty + ("，" + matter_tail if matter_tail else "")
                plan.emit(EventKind.TRANSFER, [source], target, start, end, duty=group.duty,
                          matter_text=matter, from_merge=merged)


def duty_items(duty: str) -> list[str]:
    """The items of a duty list, each with its closing word: X、Y职责 → X职责, Y职责 (the
    list is split on 、 only: 和 also joins the words of one item, 城镇职工和城乡居民医疗保险)."""
    word = TERMINAL_DUTY.search(duty)
    tail = word.group() if word else ""
    body = duty[: len(duty) - len(tail)] if tail else duty
    return [p.strip() + tail for p in body.split("、") if p.strip()]


def strip_count(duty: str) -> str:
    """X和Y两项职责 → X和Y; …等 → … (the inventory's own words)."""
    duty = re.sub(r"(?:职责|职能|工作)$", "", duty)
    while (m := _COUNT_WORDS.search(duty)):
        duty = duty[: m.start()]
    return duty


__all__ = ["CONNECTOR", "Group", "alternation", "duty_items", "duty_shaped", "emit_groups", "parse_sources",
           "shared_tail", "strip_count"]
