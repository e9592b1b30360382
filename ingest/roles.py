"""The role a duty clause gives its department, read from its verbs (docs/domain.md, Roles on a matter).

`role_of` decides by the leading verb: the first verb of the clause's first sentence, after
department names are masked (县应急管理局 contains 管理) and a framing phrase such as
"在县委、县人民政府领导下，" is skipped. Verbs are data: ingest/data/role_verbs.tsv lists them in
groups, each verb with the role it gives and an example of the wording it reads (`ROLE_PATTERNS`;
the spaCy component zhize_role carries its own copy, saved with the pipeline). At one position the
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

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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


VERBS_FILE = "data/role_verbs.tsv"


def read_role_patterns(text: str) -> tuple[RolePattern, ...]:
    """The verb groups of a table in the format of ingest/data/role_verbs.tsv (group, role, verb,
    example), in the order the groups first appear."""
    groups: dict[str, tuple[Role, list[str], list[str]]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0] if line.lstrip().startswith("#") else line
        if not line.strip():
            continue
        group, role, verb, *example = line.split("\t")
        entry = groups.setdefault(group.strip(), (Role(role.strip()), [], []))
        entry[1].append(verb.strip())
        entry[2].extend(e.strip() for e in example if e.strip())
    return tuple(RolePattern(name, role, tuple(verbs), "; ".join(examples))
                 for name, (role, verbs, examples) in groups.items())


def default_verbs_text() -> str:
    return resources.files("zhize.ingest").joinpath(VERBS_FILE).read_text(encoding="utf-8")


ROLE_PATTERNS: tuple[RolePattern, ...] = read_role_patterns(default_verbs_text())

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


def role_of(text: str, names: Iterable[tuple[int, int, str]] | None = None,
            patterns: tuple[RolePattern, ...] = ROLE_PATTERNS) -> Role:
    """The role the clause `text` gives its department. `names` are the department-name spans of
    `text` when already found (`find_department_names`); otherwise they are looked for.

    >>> role_of("配合县住房和城乡建设局做好建筑垃圾（渣土）运输管理工作。")
    <Role.SUPPORT: 'support'>
    """
    sentence = first_sentence(text, names)
    if not sentence or residual_task(sentence):
        return Role.UNSPECIFIED
    found = leading_verb(sentence, patterns=patterns)
    if found is None:
        return Role.UNSPECIFIED
    verb, role, end = found
    if role is Role.LEAD and delegated_task(sentence):
        return Role.SUPPORT
    if verb.startswith("监督检查") and oversight_of_others(sentence[end:]):
        return Role.GUIDANCE
    if role is Role.GUIDANCE and lead_beside_guidance(sentence, end, patterns):
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


def leading_verb(sentence: str, pos: int = 0,
                 patterns: tuple[RolePattern, ...] = ROLE_PATTERNS) -> tuple[str, Role, int] | None:
    """(verb, role, end) of the first verb in `sentence` from `pos`, the longest at its position."""
    pattern, table = _verb_table(patterns)
    while True:
        m = pattern.search(sentence, pos)
        if m is None:
            return None
        role, veto = table[m.group()]
        if veto is None or not veto.match(sentence, m.end()):
            return m.group(), role, m.end()
        pos = m.start() + 1


def _verb_at(sentence: str, pos: int, patterns: tuple[RolePattern, ...] = ROLE_PATTERNS) -> str | None:
    """The verb that starts exactly at `pos`, if any."""
    pattern, table = _verb_table(patterns)
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


def lead_beside_guidance(sentence: str, end: int, patterns: tuple[RolePattern, ...] = ROLE_PATTERNS) -> bool:
    """A leading 指导 is guidance unless a lead verb governs the main matter in the same sentence:
    "指导、协调并负责全县X工作" (coordinated verbs) or "指导全县X工作，负责X的…" (a later clause on the
    same matter). "指导并监督…" stays guidance, and so does running a coordination body's daily work
    ("指导全县地震灾害应急救援工作，承担县抗震救灾指挥部日常工作")."""
    if _chain_has_strong_lead(sentence, end, patterns):
        return True
    clauses = _CLAUSE_END.split(sentence)
    main = _matter_keys(clauses[0][end:])
    if not main:
        return False
    for clause in clauses[1:]:
        found = leading_verb(clause, patterns=patterns)
        if found and found[0] in STRONG_LEAD and not _body_daily_work(clause) and main & _matter_keys(clause):
            return True
    return False


def _chain_has_strong_lead(sentence: str, end: int, patterns: tuple[RolePattern, ...]) -> bool:
    pos = end
    while True:
        link = _CHAIN_LINK.match(sentence, pos)
        start = link.end() if link else pos
        verb = _verb_at(sentence, start, patterns)
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


_Verb = tuple[Role, "re.Pattern[str] | None"]


@lru_cache(maxsize=8)
def _verb_table(patterns: tuple[RolePattern, ...]) -> tuple[re.Pattern[str], dict[str, _Verb]]:
    """One trie-shaped regular expression over the literal verbs, and for each literal its role and
    the lookahead that vetoes it (组织 in 组织部 is no verb)."""
    table: dict[str, tuple[Role, re.Pattern[str] | None]] = {}
    for group in patterns:
        for verb in group.verbs:
            literal, _, veto = verb.partition("(?!")
            table[literal] = (group.role, re.compile("(?=" + veto) if veto else None)
    return re.compile(trie_pattern(table)), table
