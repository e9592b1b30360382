"""Statements: a duty clause read as the separate things it says, each with its verb, its role and
the object it governs.

A 三定 item often says several things: "负责动物防疫和动物卫生监督，配合做好流浪犬只收容处置中的狂犬病等
动物疫病防控，配合做好农田废旧地膜回收利用工作" leads one matter and supports two others. The detectors
compare statements, not whole items, so that a support verb in the middle of a lead item is seen.

Each statement keeps
- its role (`lead`, `support`, `guidance`), read from the verb that opens it or, when it has none,
  from the statement before it in the same item ("负责A，B" — B is led too);
- its object: the concrete thing governed, with the frame (依法, 按照…规定, 在…内), the verbs and the
  trailing activity words taken off (秸秆露天焚烧的监督管理 → 秸秆露天焚烧);
- its aspects: the classes of the activity words taken off (approve 审批/许可, supervise 监管/检查,
  enforce 查处/执法, prevent 预防/排查, respond 救援/扑救/处置, build 建设/设置, operate 运行维护/养护,
  develop 开发利用/推广, pollution 污染防治, party 党建, industry 行业管理, register 登记 …), which
  the detectors use to tell a division by phase (预防 vs 扑救) from a real overlap;
- its scope: a sector or field the statement confines itself to (住房和城乡建设行业安全生产,
  市场监管领域综合行政执法): a sector's own share, no claim on the whole matter;
- what it leaves out ("（运行维护除外）"), and the departments it names (配合县水利局…).

Rules are data: each table below says with an example what it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from zhize.graph.matters import matches, vocabulary

# Verbs that open a statement, by the role they give (longest first when matched).
# "牵头负责防止返贫动态监测" lead; "配合做好流浪犬只收容处置" support; "指导村（居）民委员会建设" guidance.
LEAD_VERBS = (
    "牵头负责", "牵头组织", "牵头", "负责", "承担", "主管", "主办", "统筹推进", "统筹协调", "统筹指导", "统筹",
    "统一协调指挥", "统一行使", "统一", "相对集中行使", "组织指导协调", "组织实施", "组织开展", "组织编制",
    "组织协调", "组织指导", "组织拟订", "组织推广", "组织", "拟订", "拟定", "制定", "编制", "起草", "依法查处", "查处",
    "审批", "核发", "办理", "实施", "监督管理", "管理", "行使", "履行", "建立健全", "建立", "会同", "研究拟订",
    "协调推进", "协调",
)
# Verbs that promote rather than own ("推进耕地质量提升", "推动乡村旅游发展"): a lead for "is it led?",
# never a claim that makes an overlap.
WEAK_VERBS = ("推进", "推动", "促进", "保障", "加强", "完善", "开展", "做好", "落实")
SUPPORT_VERBS = ("按职责分工配合", "协调配合", "配合", "协助", "参与", "协同", "支持")
GUIDANCE_VERBS = ("监督指导", "指导监督", "督促指导", "指导协调", "指导", "督促", "监督")
# Words between a verb and its object that are no part of the object ("配合做好…", "参与…的组织开展").
CONNECTORS = ("做好", "开展", "推进", "推动", "实施", "组织", "落实", "加强", "全县", "本县", "县域", "全区", "全市",
              "本区", "本市", "区域内", "辖区内", "全县各级各类", "各级各类",
              "并", "□")
_CONNECTORS_LONGEST_FIRST = sorted(CONNECTORS, key=len, reverse=True)
_CONNECTOR_STARTS = frozenset(c[0] for c in CONNECTORS)
_JOINED = re.compile(r"^[和并及、]")
# Verbs that only pass on policy (贯彻执行…法律法规): no role on any matter.
PASSING_VERBS = ("贯彻执行", "贯彻落实", "执行")

_FRAME = re.compile(r"^(?:依法(?:依规)?|依照[^，,]*?规定|按照[^，,]*?(?:要求|原则|规定|权限)|按权限|根据[^，,]*?规定"
                    r"|在[^，,]*?(?:内|下|中)|围绕[^，,]*?[，,]?)")
_OBJECT_OF = re.compile(r"^对(.+?)(?:实施|进行|开展|依法实施|依法进行)(.+)$")  # 对X实施监督管理 → X, 监督管理
# 对X的日常监督检查 → X, 监督检查: the object after a leading 对 when only activity words follow its 的
# (not 对外贸易, 对口支援, 对台事务: there 对 is part of the word).
_OBJECT_OF_THE = re.compile(r"^对(?![外口台象])(.{2,}?)的(.+)$")

# Activity words at the end of an object, and the aspect each one is (taken off repeatedly, with
# the 的/和/、/及 between them): 乡镇集中式供水设施的建设和运营 → 乡镇集中式供水设施 + {build, operate}.
ACTIVITIES: dict[str, str] = {
    # supervise: 托育机构备案和监督管理, 校外培训机构的审批和日常监管
    "综合监督管理": "supervise", "监督管理": "supervise", "日常监管": "supervise", "监管": "supervise",
    "监督检查": "supervise", "安全检查": "supervise", "检查": "supervise", "监督抽查": "supervise",
    "抽查": "supervise", "巡查劝导": "supervise", "巡查": "supervise", "督查考核": "supervise", "督查": "supervise",
    "安全监察": "supervise", "监察": "supervise", "卫生监督": "supervise", "监督": "supervise",
    "设置指导": "supervise", "指导": "supervise",
    # approve: 陆生野生动物人工繁育、经营利用的行政许可
    "行政许可": "approve", "许可": "approve", "审批": "approve", "审查报批": "approve", "审核": "approve",
    "审查": "approve", "备案": "approve", "核发": "approve",
    # enforce: 露天焚烧秸秆行为的查处
    "综合行政执法": "enforce", "行政执法": "enforce", "执法": "enforce", "查处": "enforce", "行政处罚权": "enforce",
    "行政处罚": "enforce", "处罚": "enforce",
    # prevent: 地质灾害预防, 火灾风险防范, 消防安全隐患排查整治, 病虫害的监测预报和统一防控
    "预防": "prevent", "防范": "prevent", "风险防范": "prevent", "防控": "prevent", "隐患排查整治": "prevent",
    "隐患排查": "prevent", "排查整治": "prevent", "排查": "prevent", "监测预警": "prevent", "预警": "prevent",
    "监测": "prevent", "调查评价": "prevent", "防治": "prevent", "监测预报": "prevent", "统一防控": "prevent",
    # respond: 森林火灾扑救, 地质灾害应急救援, 收容处置
    "应急救援": "respond", "救援": "respond", "扑救": "respond", "应急处置": "respond", "处置": "respond",
    "收容处置": "respond",
    # build: 集中停放充电设施建设, 标准地名标志的设置
    "建设管理": "build", "建设": "build", "设置": "build", "体系建设": "build", "能力建设": "build",
    # operate: 市政公用设施的运行维护, 古树名木的日常养护, 河道保洁
    "运行维护": "operate", "日常维护": "operate", "运行管理": "operate", "运营": "operate", "维护": "operate",
    "日常养护": "operate",
    "养护": "operate", "保洁": "operate",
    # plan: 村庄规划编制, 组织编制和实施
    "编制": "plan",
    # develop: 新型墙体材料推广应用, 秸秆综合利用, 产业发展
    "合理开发利用": "develop", "开发利用": "develop", "综合利用": "develop", "回收利用": "develop", "利用": "develop",
    "推广应用": "develop",
    "推广": "develop", "产业发展": "develop", "发展": "develop",
    # pollution: 医疗废物…的环境污染防治监督管理, 地下水污染防治; the discharge itself as the offence
    # (城区烧烤摊点油烟直排行为的查处: the thing governed is the fumes)
    "环境污染防治": "pollution", "污染防治": "pollution", "直排": "pollution", "偷排": "pollution",
    "超标排放": "pollution",
    # protect: 古树名木保护管理, 非物质文化遗产保护传承
    "保护管理": "protect", "保护传承": "protect", "保护": "protect", "节约保护": "protect",
    # party: 物业服务企业党建工作
    "党的建设": "party", "党建工作": "party", "党建": "party", "党组织建设": "party",
    # industry: 城市园林绿化行业管理
    "行业管理": "industry",
    # register: 自然资源统一确权登记, 社会组织登记管理
    "统一确权登记": "register", "确权登记": "register", "登记管理": "register", "登记": "register",
    # publicize: 人民防空宣传教育, 安全生产宣传教育培训
    "宣传教育培训": "publicize", "宣传教育": "publicize", "宣传": "publicize", "教育培训": "publicize",
    # quality: 烟花爆竹产品质量的监督管理 — product quality, a field of its own beside the trade's licensing
    # and safety (经营许可, 安全监督管理)
    "产品质量": "quality", "产品质量安全": "quality",
    # no aspect: 管理, 工作, 职责
    "管理": "", "工作": "", "相关工作": "", "有关工作": "", "职责": "", "职能": "", "事务": "", "具体事务": "",
    "日常工作": "", "日常管理": "", "日常": "", "实施": "", "组织实施": "", "协调": "", "综合协调": "", "统筹协调": "",
    "回收处置": "respond", "回收": "respond",
}
_ACTIVITY_TAIL = re.compile("(?:" + "|".join(sorted(map(re.escape, ACTIVITIES), key=len, reverse=True)) + ")$")
# Stages of handling a thing (waste, goods) that a clause lists as a chain after it: "城区餐厨垃圾收集、运输
# 和处置", "建筑垃圾清运处置", "餐厨废弃物收集运输处理". Two or more of them in a row (with or without 、和)
# are the work done on the thing, not part of its name (aspect "handle"); one alone may be the name of a
# matter ("道路运输", "危险货物运输") and stays.
HANDLING = ("收集", "收运", "清运", "转运", "运输", "贮存", "储存", "处理", "处置")
_HANDLING = "(?:" + "|".join(HANDLING) + ")"
_HANDLING_CHAIN = re.compile(_HANDLING + "(?:[、和及与]?" + _HANDLING + ")+$")
_JOINER_TAIL = re.compile(r"(?:的|和|与|及|、|以及|等|并)$")
_LEAD_TAIL = re.compile(r"^(?:的|和|与|及|、|并)+")
# A sector or field the statement confines itself to: 住房和城乡建设行业安全生产, 市场监管领域综合行政执法,
# 本系统…; the words before 行业/领域/系统 name the sector.
_SCOPE = re.compile(r"^(?:.*[和、及与])?([^和、及与]{0,16}?)(?:行业|领域|系统)(?!管理)(?=.)")
_EXCEPT = re.compile(r"[（(]([^（）()]{2,30}?)(?:职责|工作)?除外[）)]")
# "农村供水工程（含乡镇集中供水工程）的建设": the included thing is an object too — but only where the
# bracket closes the noun phrase ("学校（含幼儿园）食堂" is about 食堂).
_INCLUDING = re.compile(r"[（(](?:含|包括)([^（）()]{2,40})[）)](?=的|和|、|$)")
_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")
SPLIT = re.compile(r"[，,；;。]")
_NOISE = re.compile(r"[\s\u3000“”\"'‘’《》〈〉]")


@dataclass(frozen=True)
class Reading:
    """What one statement says, independent of the duty it sits in (cached per text)."""

    start: int  # offset in the text read
    text: str
    verb: str
    role: str  # lead | support | guidance | unspecified
    weak: bool  # opened by a promoting verb (推进, 推动 …), not an owning one
    object: str
    aspects: frozenset[str]
    scope: str  # the sector or field named before 行业/领域/系统, or ""
    excluded: tuple[str, ...]  # what a "（X除外）" leaves out
    piece: int = 0  # which piece of the text (split at ，；。) it is


ROLE_OF = {**{v: "unspecified" for v in PASSING_VERBS}, **{v: "lead" for v in LEAD_VERBS},
           **{v: "lead" for v in WEAK_VERBS},
           **{v: "support" for v in SUPPORT_VERBS}, **{v: "guidance" for v in GUIDANCE_VERBS}}
_VERB = re.compile("|".join(sorted(map(re.escape, ROLE_OF), key=len, reverse=True)))


@lru_cache(maxsize=1 << 15)
def read_clause(text: str, default_role: str = "lead") -> tuple[Reading, ...]:
    """The statements of a duty text, in order; `default_role` is the extractor's role for the item,
    used when the first statement has no verb of its own."""
    out: list[Reading] = []
    role, weak, verb = default_role, False, ""
    pos = 0
    for number, piece in enumerate(SPLIT.split(text or "")):
        start = pos
        pos += len(piece) + 1
        body = _NOISE.sub("", piece)
        if len(body) < 2:
            continue
        found = _opening_verbs(body)
        if found:
            verb, rest = found
            role, weak = _role_of(verb)
        else:
            rest = _FRAME.sub("", body)
        obj, aspects, scope, excluded = read_object(rest)
        if obj or aspects:
            out.append(Reading(start, piece.strip(), verb, role, weak, obj, aspects, scope, excluded, number))
    return tuple(out)


def _opening_verbs(body: str) -> tuple[str, str] | None:
    """(the verbs opening a statement, the rest), after a frame (依法, 按照…规定, 在…内)."""
    text = _FRAME.sub("", body)
    verbs = ""
    while True:
        m = _VERB.match(text)
        if not m:
            break
        verbs += m.group(0)
        text = text[m.end():]
        if verbs.endswith(SUPPORT_VERBS):  # 配合县水利局做好…: the partner's name (masked □), then the object
            text = text.lstrip("□")
        joined = _JOINED.match(text)
        if joined and _VERB.match(text, 1):  # 组织编制和实施村庄规划
            text = text[1:]
    if not verbs:
        return None
    return verbs, text


def _role_of(verbs: str) -> tuple[str, bool]:
    """The role of an opening verb sequence: its first verb, except that 负责/承担 governs what
    follows (负责指导城乡社区治理 is a lead); a promoting verb alone is a weak lead."""
    first = _VERB.match(verbs)
    word = first.group(0) if first else ""
    if verbs.endswith(("落实", "执行")) and word not in SUPPORT_VERBS:  # 负责落实…要求: implementing, not owning
        return "lead", True
    if word in WEAK_VERBS:
        rest = verbs[len(word):]
        nxt = _VERB.match(rest)
        if nxt and nxt.group(0) not in WEAK_VERBS:
            return _role_of(rest)
        return "lead", True
    return ROLE_OF.get(word, "unspecified"), False


@lru_cache(maxsize=1 << 16)
def read_object(rest: str) -> tuple[str, frozenset[str], str, tuple[str, ...]]:
    """(object, aspects, scope, excluded) of what follows the verbs of a statement."""
    excluded = tuple(m.group(1) for m in _EXCEPT.finditer(rest))
    including = [m.group(1) for m in _INCLUDING.finditer(rest)]
    text = _BRACKETS.sub("", rest)
    m = _OBJECT_OF.match(text)
    if m:
        text = m.group(1) + "的" + m.group(2)
    else:
        m = _OBJECT_OF_THE.match(text)
        if m and not strip_activities(m.group(2))[0]:
            text = text[1:]
    changed = True
    while changed:
        changed = False
        if text[:1] not in _CONNECTOR_STARTS:  # no connector can open it: nothing to take off
            break
        for c in _CONNECTORS_LONGEST_FIRST:
            if text.startswith(c) and len(text) > len(c) + 1:
                text, changed = text[len(c):], True
    core, aspects = strip_activities(text)
    extra = [strip_activities(x)[0] for x in including]
    scope = ""
    s = _SCOPE.match(core)
    if s and s.group(1) not in ("", "本", "各", "相关", "有关"):
        scope = s.group(1)
    elif s is not None and s.group(1) == "本":
        scope = "本"
    obj = "|".join(x for x in [core.replace("□", ""), *extra] if len(x.replace("□", "")) >= 2)
    return obj, aspects, scope, excluded


def strip_activities(text: str) -> tuple[str, frozenset[str]]:
    """The object without the activity words at its end, and their aspects
    (乡镇集中式供水设施的建设和运营 → 乡镇集中式供水设施, {build, operate})."""
    aspects: set[str] = set()
    changed = True
    while changed and text:
        changed = False
        j = _JOINER_TAIL.search(text)
        if j and len(text) > 2:
            text, changed = text[:j.start()], True
            continue
        h = _HANDLING_CHAIN.search(text)
        if h and h.start() >= 2:
            aspects.add("handle")
            text, changed = text[:h.start()], True
            continue
        a = _ACTIVITY_TAIL.search(text)
        if a and a.start() >= 1:
            word = a.group(0)
            if ACTIVITIES[word]:
                aspects.add(ACTIVITIES[word])
            text, changed = text[:a.start()], True
        elif a and a.start() == 0:  # nothing but activity words
            if ACTIVITIES[a.group(0)]:
                aspects.add(ACTIVITIES[a.group(0)])
            text = ""
    text = _LEAD_TAIL.sub("", text)
    return text, frozenset(aspects)


@lru_cache(maxsize=1 << 16)
def vocabulary_keys(text: str) -> tuple[str, ...]:
    """Keys of the matter vocabulary named in a text (a boost to the similarity of two objects)."""
    vocab = vocabulary()
    found: dict[str, None] = {}
    for _, _, surface in matches(vocab, text):
        for key in vocab.surfaces[surface]:
            found[key] = None
    return tuple(found)


@lru_cache(maxsize=1 << 16)
def head_keys(text: str) -> frozenset[str]:
    """Keys of the matter vocabulary whose wording ends the text (its head noun: 生猪定点屠宰 → 畜禽屠宰,
    工贸企业作业场所职业健康 → 职业卫生); a key named only as a modifier (文化艺术事业) is not among them."""
    vocab = vocabulary()
    found: set[str] = set()
    for _, end, surface in matches(vocab, text):
        if end == len(text):
            found.update(vocab.surfaces[surface])
    return frozenset(found)


@lru_cache(maxsize=1 << 16)
def head_match(text: str) -> tuple[str, str]:
    """(the words before, the vocabulary wording) of the match that ends the text: 山区乡村小型渡船 →
    (山区乡村小型, 渡船); ("", "") when no wording ends it."""
    for start, end, surface in matches(vocabulary(), text):
        if end == len(text):
            return text[:start], surface
    return "", ""
