"""The role a duty clause gives its department, read from its verbs (DOMAIN.md, Roles on a matter).

`role_of` decides by the leading verb: the first verb of the clause's first sentence, after
department names are masked (县应急管理局 contains 管理) and a framing phrase such as
"在县委、县人民政府领导下，" is skipped. Verbs are data: `ROLE_PATTERNS` lists groups of verb patterns,
each with the role it gives and a docstring quoting the phrasing it is for. At one position the
longest pattern wins, so 监督管理 (lead) beats 监督 (guidance) and 协调配合 (support) beats 协调 (lead).

Qualifiers then adjust the leading verb's role, each one a named function whose docstring says
the phrasing it is for:

- `delegated_task`: "负责…的配合工作", "承担…的协助工作" → support, whatever the lead verb.
- `oversight_of_others`: 监督检查 aimed at 各乡镇 / 有关部门 is guidance, not enforcement.
- `lead_beside_guidance`: "指导并负责…", or "指导…，负责…" on the same matter in the first
  sentence → lead; otherwise a leading 指导 stays guidance ("指导并监督…" is guidance).
- `residual_task`: "完成县委、县政府交办的其他任务" → unspecified.

A clause with no verb the table knows is unspecified.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from zhize.graph.matters import trie_pattern
from zhize.graph.records import Role
from zhize.ingest.matters import matters_of
from zhize.ingest.names_pattern import find_department_names


@dataclass(frozen=True)
class RolePattern:
    """A group of verbs that give one role. Each verb is a literal, optionally followed by one
    negative lookahead that vetoes it (``组织(?!部|机构)``: 组织部 is a name, not a verb)."""

    name: str
    role: Role
    verbs: tuple[str, ...]
    doc: str


_GROUPS: list[RolePattern] = []


def _verbs(role: Role) -> Callable[[Callable[[], tuple[str, ...]]], Callable[[], tuple[str, ...]]]:
    def register(func: Callable[[], tuple[str, ...]]) -> Callable[[], tuple[str, ...]]:
        _GROUPS.append(RolePattern(func.__name__, role, func(), inspect.getdoc(func) or ""))
        return func

    return register


@_verbs(Role.LEAD)
def ownership() -> tuple[str, ...]:
    """The department owns the matter: "负责全县市场综合监督管理", "牵头负责全县农民工工资支付保障工作",
    "统筹规划全县文化事业", "承担县委农村工作领导小组办公室日常工作" (承担 when unqualified),
    "主管…", "会同有关部门拟订…" (会同: it convenes the others)."""
    return ("牵头负责", "牵头", "负责", "主管", "主办", "归口管理", "统筹", "承担", "会同")


@_verbs(Role.LEAD)
def drafting() -> tuple[str, ...]:
    """Drafting is ownership: "拟订全县社会救助政策和标准", "制定并组织落实全县疾病预防控制规划",
    "起草…规范性文件草案", "组织编制…规划"."""
    return ("拟订", "拟定", "制定", "制订", "起草", "编制", "研究拟订", "研究提出")


@_verbs(Role.LEAD)
def organising() -> tuple[str, ...]:
    """The department organises the work itself: "组织实施质量强县战略", "组织开展拥军优属工作",
    "组织协调灾害救助工作", "组织指导全县生产安全事故应急救援工作", "综合协调…", "协调推进深化医药卫生体制改革"
    (协调 alone leads; 协调配合 is support)."""
    return ("组织(?!部|机构|架构)", "综合协调", "协调", "统一领导", "领导(?!小组|干部|职数|班子|下)")


@_verbs(Role.LEAD)
def regulating() -> tuple[str, ...]:
    """The department's own regulatory domain: "监督管理药品零售、使用环节质量安全" (监督管理 is lead),
    "依法管理水文地质…", "查处自然资源开发利用…违法案件", "监督检查生产经营单位…" (enforcement; aimed at
    各乡镇 or 有关部门 it is guidance, see `oversight_of_others`), "审批…", "受理…"."""
    return (
        "监督管理", "综合监管", "监管", "综合管理", "管理", "监督检查", "查处", "审批", "审核", "审查",
        "核准", "受理", "办理", "执法", "监察", "登记", "许可", "承办",
    )


@_verbs(Role.LEAD)
def implementing() -> tuple[str, ...]:
    """Carrying out the matter in its own name: "贯彻执行国土资源管理的法律法规", "贯彻落实国家药物政策",
    "推进慈善事业、社会工作和志愿服务发展", "推动农业科技体制改革", "履行全民所有土地…所有者职责",
    "依法行使安全生产综合监督管理职权", "建立…制度"."""
    return (
        "贯彻执行", "贯彻落实", "贯彻", "执行", "落实", "实施", "推进", "推动", "开展", "建立", "健全", "完善",
        "加强", "规范", "保障", "保护", "维护", "促进", "发展", "培育", "推广", "推行", "发布", "履行", "行使",
        "做好", "抓好", "确保",
    )


@_verbs(Role.SUPPORT)
def assisting() -> tuple[str, ...]:
    """Helping another department that leads: "配合县住房和城乡建设局做好建筑垃圾（渣土）运输管理工作"
    (配合…做好 is support even though 做好 follows), "协助做好退役军人就业创业扶持工作",
    "参与交通建设领域农民工工资支付保障工作", "协同…", "协调配合…"."""
    return ("协调配合", "积极配合", "配合", "协助", "参与", "协同", "协办", "支持配合", "支持")


@_verbs(Role.GUIDANCE)
def guiding() -> tuple[str, ...]:
    """Guidance over others, often upper-level or cross-cutting: "指导各乡镇食品药品监督管理所的业务工作",
    "指导和监督各乡镇安全生产监督管理工作", "监督指导农业面源污染治理工作", "指导监督全县河湖管理保护工作",
    "督促落实…" (监督 alone is guidance; 监督管理 is lead)."""
    return ("指导监督", "指导", "业务指导", "监督(?!管理|检查)", "督促", "督导", "督查")


ROLE_PATTERNS: tuple[RolePattern, ...] = tuple(_GROUPS)

_DIGITS = "一二三四五六七八九十百0-9０-９"
_NUMBERING = re.compile(rf"^\s*(?:[（(][{_DIGITS}]+[）)]|[{_DIGITS}]+[、.．])\s*")
_SENTENCE_END = re.compile(r"[。；;！!？?]")  # not \n: clauses are often broken across lines
_FRAMING = re.compile(r"^(?:按照|根据|依照|依据|遵照|在)[^，,。；]{0,40}?(?:下|原则|要求|规定|部署)[，,]")
_RESIDUAL = re.compile(r"交(?:办|给)的(?:其他|其它)|^完成.{0,30}(?:其他|其它)(?:任务|事项|工作)")
_CLAUSE_END = re.compile(r"[，,。；;]")
_CHAIN_LINK = re.compile(r"[、和并及与或]{1,2}")
_MASK = "□"
_DELEGATED = re.compile(r"(?:配合|协助|协同|协办|辅助)(?:工作|职责|责任|任务)")
_OTHERS = re.compile(r"[□\s]*(?:全县|县|本县)?(?:各乡镇|乡镇|各部门|有关部门|下级|基层|各级)")
_BODY_DAILY_WORK = re.compile(r"(?:办公室|指挥部|委员会|领导小组|□)的?(?:日常|具体)?工作")
STRONG_LEAD = ("牵头负责", "牵头", "负责", "主管", "统筹", "承担", "监督管理", "拟订", "制定")


def role_of(text: str, names: Iterable[tuple[int, int, str]] | None = None) -> Role:
    """The role the clause `text` gives its department. `names` are the department-name spans of
    `text` when already found (`find_department_names`); otherwise they are looked for.

    >>> role_of("配合县住房和城乡建设局做好建筑垃圾（渣土）运输管理工作。")
    <Role.SUPPORT: 'support'>
    """
    sentence = first_sentence(text, names)
    if not sentence or residual_task(sentence):
        return Role.UNSPECIFIED
    found = leading_verb(sentence)
    if found is None:
        return Role.UNSPECIFIED
    verb, role, end = found
    if role is Role.LEAD and delegated_task(sentence):
        return Role.SUPPORT
    if verb.startswith("监督检查") and oversight_of_others(sentence[end:]):
        return Role.GUIDANCE
    if role is Role.GUIDANCE and lead_beside_guidance(sentence, end):
        return Role.LEAD
    return role


def first_sentence(text: str, names: Iterable[tuple[int, int, str]] | None = None) -> str:
    """The first sentence with numbering, a framing phrase and department names masked out."""
    if names is not None:
        text = _mask_spans(text, names)
    text = _NUMBERING.sub("", text.strip())
    if text.startswith(("职能转变", "有关职责分工")):
        return ""
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
    if names is None:
        sentence = _mask_spans(sentence, find_department_names(sentence))
    framing = _FRAMING.match(sentence)
    return sentence[framing.end() :] if framing else sentence


def leading_verb(sentence: str, pos: int = 0) -> tuple[str, Role, int] | None:
    """(verb, role, end) of the first verb in `sentence` from `pos`, the longest at its position."""
    pattern, table = _verb_table()
    while True:
        m = pattern.search(sentence, pos)
        if m is None:
            return None
        role, veto = table[m.group()]
        if veto is None or not veto.match(sentence, m.end()):
            return m.group(), role, m.end()
        pos = m.start() + 1


def _verb_at(sentence: str, pos: int) -> str | None:
    """The verb that starts exactly at `pos`, if any."""
    pattern, table = _verb_table()
    m = pattern.match(sentence, pos)
    if m is None:
        return None
    veto = table[m.group()][1]
    return None if veto is not None and veto.match(sentence, m.end()) else m.group()


def residual_task(sentence: str) -> bool:
    """"完成县委、县人民政府交办的其他任务", "承办县人民政府交办的其他事项": no role on any matter."""
    return _RESIDUAL.search(sentence) is not None


def delegated_task(sentence: str) -> bool:
    """"负责…的配合工作", "承担…的协助工作", "做好…的协调配合工作": the task taken on is another's support."""
    clause = _CLAUSE_END.split(sentence, maxsplit=1)[0]
    return _DELEGATED.search(clause) is not None


def oversight_of_others(rest: str) -> bool:
    """"监督检查县人民政府有关部门和各乡镇人民政府的安全生产工作": oversight of other governments or
    departments is guidance, not the department's own enforcement."""
    return _OTHERS.match(rest) is not None


def lead_beside_guidance(sentence: str, end: int) -> bool:
    """A leading 指导 is guidance unless a lead verb governs the main matter in the same sentence:
    "指导、协调并负责全县X工作" (coordinated verbs) or "指导全县X工作，负责X的…" (a later clause on the
    same matter). "指导并监督…" stays guidance, and so does running a coordination body's daily work
    ("指导全县地震灾害应急救援工作，承担县抗震救灾指挥部日常工作")."""
    if _chain_has_strong_lead(sentence, end):
        return True
    clauses = _CLAUSE_END.split(sentence)
    main = _matter_keys(clauses[0][end:])
    if not main:
        return False
    for clause in clauses[1:]:
        found = leading_verb(clause)
        if found and found[0] in STRONG_LEAD and not _body_daily_work(clause) and main & _matter_keys(clause):
            return True
    return False


def _chain_has_strong_lead(sentence: str, end: int) -> bool:
    pos = end
    while True:
        link = _CHAIN_LINK.match(sentence, pos)
        start = link.end() if link else pos
        verb = _verb_at(sentence, start)
        if verb is None:
            return False
        if verb in STRONG_LEAD:
            return True
        pos = start + len(verb)


def _body_daily_work(clause: str) -> bool:
    return _BODY_DAILY_WORK.search(clause) is not None


def _matter_keys(text: str) -> set[str]:
    return {m.key for m in matters_of(text)}


def _mask_spans(text: str, names: Iterable[tuple[int, int, str]]) -> str:
    """`text` with every name (sorted, not overlapping) replaced by as many □."""
    pieces, pos = [], 0
    for start, end, _ in names:
        pieces += [text[pos:start], _MASK * (end - start)]
        pos = end
    return "".join(pieces) + text[pos:] if pieces else text


@cache
def _verb_table() -> tuple[re.Pattern[str], dict[str, tuple[Role, re.Pattern[str] | None]]]:
    """One trie-shaped regular expression over the literal verbs, and for each literal its role and
    the lookahead that vetoes it (组织 in 组织部 is no verb)."""
    table: dict[str, tuple[Role, re.Pattern[str] | None]] = {}
    for group in ROLE_PATTERNS:
        for verb in group.verbs:
            literal, _, veto = verb.partition("(?!")
            table[literal] = (group.role, re.compile("(?=" + veto) if veto else None)
    return re.compile(trie_pattern(table)), table
