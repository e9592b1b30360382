"""A 三定 regulation → records: the department, its rank, type and plaques, main duties,
职能转变, 有关职责分工 boundaries, internal units with their duties and plaques, staffing.

Works on the text of record (normalised and reflowed); every record's span points into it.
Main duties are the numbered items under 主要职责, not counting 职能转变 and 有关职责分工.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from zhize.graph.records import (
    BoundaryRecord,
    BoundaryShare,
    DutyRecord,
    ExtractWarning,
    MatterRef,
    Post,
    Role,
    Section,
    StaffingRecord,
    UnitRecord,
)
from zhize.ingest import outline
from zhize.ingest.namelists import split_loosely
from zhize.ingest.names import NameBook
from zhize.ingest.numerals import CN_NUMBER, to_int
from zhize.ingest.outline import Block, Item
from zhize.ingest.scan import finditer_near

# Which part of a 三定 a block or item is, by its heading or opening words (rules as data).
PART_CUES: dict[str, tuple[str, ...]] = {
    "transformation": ("职能转变", "职能调整"),
    "boundary": ("有关职责分工", "职责分工", "职责边界"),
    "units": ("内设机构", "机构设置"),
    "staffing": ("人员编制", "编制和领导职数", "行政编制", "编制"),
    "main": ("主要职责", "职责任务"),
    "rank": ("机构性质", "机构规格", "机构设置和规格"),
    "closing": ("附则",),
}
MAIN_OPENERS = re.compile(r"主要职责(?:是|为|如下)?[:：]|履行(?:以下|下列)职责|职责(?:是|如下)[:：]")
UNIT_OPENERS = re.compile(r"内设机构|设下列|设置以下|设\S{0,4}个(?:股|科|室|内设)")
TYPE_PATTERN = re.compile(
    r"(?:是|为|作为)(?P<type>[^，。；、是为]{0,14}?(?:工作部门|工作机关|直属事业单位|直属机构|派出机构|"
    r"部门管理机构|议事协调机构|办事机构|职能部门|事业单位))")
RANK_PATTERN = re.compile(r"(?P<rank>[正副](?:部|厅|局|处|县|科|股)级)")
PLAQUE_PATTERN = re.compile(
    r"(?:加挂|挂|对外保留|保留|同时挂)(?P<names>[^，。；]{2,60}?)(?:的)?牌子")
ABBREVIATION_PATTERN = re.compile(r"[（(]以下简称(?P<short>[^）)，。]{2,20})[）)]")
UNIT_NAME = re.compile(
    r"(?P<name>[^。：:，,；（(\n]{2,24}?(?:股|科|室|处|办公室|中心|队|所|站|大队|中队|组))"
    r"(?P<plaques>(?:[（(][^）)]*牌子[）)])*)(?=[。：:，,；（(\n]|$)")
LEADER_POST = re.compile(
    rf"(?P<title>(?:副)?(?:局长|主任|书记|队长|部长|馆长|院长|秘书长|总工程师|总经济师|总师|政委|主席|"
    rf"大队长|所长|站长|处长|科长|股长|行长|检察长|庭长|总队长|政治委员|纪检组长|纪检监察组长|"
    rf"督察长|总规划师|分局长))"
    rf"(?P<n>\d{{1,3}}|{CN_NUMBER})名")
POST_LEVEL = re.compile(
    rf"(?P<title>(?:正|副)?(?:科|股|处|中层)级?(?:领导)?职数|(?:内设机构)?领导职数)(?P<n>\d{{1,3}}|{CN_NUMBER})名")
STAFF_KIND = re.compile(
    rf"(?P<kind>行政编制|机关工勤编制|工勤编制|政法专项编制|事业编制|机关事业编制|机关工勤人员事业编制|"
    rf"参照公务员法管理事业编制)(?:为)?(?P<n>\d{{1,4}}|{CN_NUMBER})名")
SENTENCE_END = "。；;"


@dataclass
class SandingParts:
    """What a 三定 contributes, before the document record is attached."""

    subject: str
    rank: str | None = None
    type: str | None = None
    plaques: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    duties: list[DutyRecord] = field(default_factory=list)
    units: list[UnitRecord] = field(default_factory=list)
    boundaries: list[BoundaryRecord] = field(default_factory=list)
    staffing: list[StaffingRecord] = field(default_factory=list)
    warnings: list[ExtractWarning] = field(default_factory=list)
    other_plaques: dict[str, set[str]] = field(default_factory=dict)  # plaques of other bodies named


@dataclass(frozen=True)
class Annotator:
    """Role and matters of a clause; injected so this module stays free of the NLP pipeline."""

    role: object = None  # Callable[[str], Role]
    matters: object = None  # Callable[[str], list[MatterRef]]

    def role_of(self, text: str) -> Role:
        return self.role(text) if self.role else Role.UNSPECIFIED

    def matters_of(self, text: str) -> list[MatterRef]:
        return list(self.matters(text)) if self.matters else []


def part_of(heading: str, body: str) -> str | None:
    """The part a block is, by its heading, else by its opening words."""
    for part, cues in PART_CUES.items():
        if heading and any(c in heading for c in cues):
            return part
    opening = body[:120]
    if MAIN_OPENERS.search(opening):
        return "main"
    if UNIT_OPENERS.search(opening[:60]):
        return "units"
    if STAFF_KIND.search(opening) or "编制" in opening[:20]:
        return "staffing"
    if TYPE_PATTERN.search(opening) or RANK_PATTERN.search(opening):
        return "rank"
    return None


def parse_sanding(text: str, subject: str, book: NameBook, annotate: Annotator) -> SandingParts:
    parts = SandingParts(subject=subject)
    found = outline.blocks(text)
    body_start = found[0].start if found else 0
    _read_rank(text, 0, body_start, parts, book)  # preambles often say what the body is
    for block in found:
        part = part_of(block.heading, text[block.body_start:block.end])
        handler = _HANDLERS.get(part or "")
        if handler:
            handler(text, block, parts, book, annotate)
    if not found:
        parts.warnings.append(ExtractWarning(code="sanding.no_outline", message="未识别出条款结构（第N条或一、二、）"))
    parts.aliases = _aliases(text, subject, book)
    clauses = "\n".join([d.text for d in parts.duties] + [b.text for b in parts.boundaries])
    for who, plaques in _parenthetical_plaques(clauses, book).items():
        if who == subject:
            parts.plaques += [p for p in sorted(plaques) if p not in parts.plaques]
        else:
            parts.other_plaques[who] = plaques
    return parts


def _aliases(text: str, subject: str, book: NameBook) -> list[str]:
    for m in ABBREVIATION_PATTERN.finditer(text):
        book.add(subject, m.group("short"))
    return book.aliases_of(subject, text)


# -- rank, type, plaques ------------------------------------------------------------------------

def _read_rank(text: str, start: int, end: int, parts: SandingParts, book: NameBook) -> None:
    chunk = text[start:end]
    if parts.type is None and (m := TYPE_PATTERN.search(chunk)):
        parts.type = m.group("type")
    if parts.rank is None and (m := RANK_PATTERN.search(chunk)):
        parts.rank = m.group("rank")
    for m in PLAQUE_PATTERN.finditer(chunk):
        if _plaque_belongs_to_unit(chunk, m.start()):
            continue
        for name in re.split(r"[、和及]", m.group("names")):
            name = name.strip("“”\"' ")
            if len(name) >= 3:
                full = book.add_plaque(parts.subject, name)
                if full not in parts.plaques:
                    parts.plaques.append(full)


def _plaque_belongs_to_unit(chunk: str, pos: int) -> bool:
    """挂…牌子 inside a unit's parentheses is the unit's plaque, not the department's."""
    return chunk.rfind("（", 0, pos) > chunk.rfind("）", 0, pos)


def _on_rank(text: str, block: Block, parts: SandingParts, book: NameBook, annotate: Annotator) -> None:
    _read_rank(text, block.body_start, block.end, parts, book)


# -- duties ---------------------------------------------------------------------------------------

def _on_main(text: str, block: Block, parts: SandingParts, book: NameBook, annotate: Annotator) -> None:
    found = outline.items(text, block.body_start, block.end)
    if not found:
        parts.warnings.append(ExtractWarning(code="sanding.no_items", message="主要职责下未识别出编号条目",
                                             clause=block.label, span=(block.body_start, block.end)))
    for item in found:
        _on_main_item(text, block, item, parts, book, annotate)


_BOUNDARY_ITEM = re.compile(r"(?:与[^。]{2,40}?的)?(?:有关)?职责(?:分工|边界)")


def _item_part(text: str, item: Item) -> str:
    opening = text[item.text_start:item.text_start + 40]
    if opening.startswith(PART_CUES["transformation"]):
        return "transformation"
    if _BOUNDARY_ITEM.match(opening):
        return "boundary"
    return "main"


def _on_main_item(text: str, block: Block, item: Item, parts: SandingParts, book: NameBook,
                  annotate: Annotator) -> None:
    clause = block.label + item.label
    kind = _item_part(text, item)
    if kind == "boundary":
        _read_boundaries(text, item.text_start, item.end, clause, parts, book, annotate)
    elif kind == "transformation":
        _add_transformation(text, item.text_start, item.end, clause, parts)
    else:
        _add_duty(text, item.text_start, item.end, clause, Section.MAIN, parts, annotate)


def _add_duty(text: str, start: int, end: int, clause: str, section: Section, parts: SandingParts,
              annotate: Annotator, unit: str | None = None) -> None:
    start, end = outline.trim(text, start, end)
    if end <= start:
        return
    body = text[start:end]
    role = annotate.role_of(body) if section != Section.TRANSFORMATION else Role.UNSPECIFIED
    parts.duties.append(DutyRecord(department=parts.subject, unit=unit, text=body, role=role,
                                   matters=annotate.matters_of(body), section=section, clause=clause,
                                   span=(start, end)))


def _add_transformation(text: str, start: int, end: int, clause: str, parts: SandingParts) -> None:
    head = re.match(r"\s*(?:职能转变|职能调整)[。：:．.]?", text[start:end])
    if head:
        start += head.end()
    _add_duty(text, start, end, clause, Section.TRANSFORMATION, parts, Annotator())


def _on_transformation(text: str, block: Block, parts: SandingParts, book: NameBook, annotate: Annotator) -> None:
    found = outline.items(text, block.body_start, block.end)
    if not found:
        _add_transformation(text, block.body_start, block.end, block.label, parts)
    for item in found:
        _add_transformation(text, item.text_start, item.end, block.label + item.label, parts)


# -- boundaries -----------------------------------------------------------------------------------

_PAIR_OPENER = re.compile(r"与(?P<other>[^。，]{2,40}?)(?:的)?(?:有关)?职责(?:分工|边界)[。：:．.]?")


def _read_boundaries(text: str, start: int, end: int, clause: str, parts: SandingParts, book: NameBook,
                     annotate: Annotator) -> None:
    openers = list(_PAIR_OPENER.finditer(text, start, end))
    if not openers:
        parts.warnings.append(ExtractWarning(code="sanding.boundary_unparsed", clause=clause, span=(start, end),
                                             message="“有关职责分工”中未识别出对方部门"))
        return
    for i, m in enumerate(openers):
        stop = openers[i + 1].start() if i + 1 < len(openers) else end
        begin = _back_to_item_token(text, start, m.start())
        _add_boundary(text, begin, stop, m, clause, parts, book, annotate)


def _back_to_item_token(text: str, floor: int, pos: int) -> int:
    """A sub-item's text starts after its number (1．与县农业农村局…): begin at 与."""
    return max(floor, pos)


def _add_boundary(text: str, start: int, end: int, opener: re.Match[str], clause: str, parts: SandingParts,
                  book: NameBook, annotate: Annotator) -> None:
    start, end = outline.trim(text, start, end, " \n\u3000")
    end = _drop_trailing_item_token(text, start, end)
    others = [book.canonical(n) for n in party_names(opener.group("other"))]
    body = text[start:end]
    shares = _shares(text, opener.end(), end, parts.subject, book, annotate)
    names = list(dict.fromkeys([parts.subject, *others, *(s.department for s in shares)]))
    matters = annotate.matters_of(body[opener.end() - start:])
    parts.boundaries.append(BoundaryRecord(departments=names, matter=matters[0] if matters else None,
                                           shares=shares, text=body, clause=clause, span=(start, end)))


_PARTY_NOISE = re.compile(r"[（(][^）)]{0,20}[）)]|在[^，。、]{1,30}?(?:方面|中|上)$|等[^，。、]{0,10}?部门$")


_DEPARTMENT_END = re.compile(r"(?:局|委|办|部|室|中心|院|队|会|所|站|馆|政府|分局)$")


def party_names(phrase: str) -> list[str]:
    """The departments in "县公安局在…方面", "县交通运输局、县水利局等行业主管部门".
    和/及/与 separate two names only when the part before ends like a name (住房和城乡建设局 stays)."""
    phrase = _PARTY_NOISE.sub("", _PARTY_NOISE.sub("", phrase))
    names = []
    for part in re.split(r"、", phrase):
        names += split_loosely(part.strip(), lambda s: bool(_DEPARTMENT_END.search(s)))
    return [n for n in names if len(n) >= 2]


_PAREN_PLAQUE = re.compile(r"(?P<who>[^，。；：、（(\s]{2,30}?(?:局|委|办|部|室|中心))[（(](?P<plaque>[^）)]{2,20}?"
                           r"(?:局|委|办|部|室|中心|办公室))[）)]")


def _parenthetical_plaques(text: str, book: NameBook) -> dict[str, set[str]]:
    """县委宣传部（县新闻出版局）: the name in brackets is a plaque of the body before it."""
    found: dict[str, set[str]] = {}
    for m in _paren_plaque_matches(text):
        who = book.canonical(re.sub(r"^(?:与|和|及|由|会同|配合|协助|同|将|对)", "", m.group("who")))
        found.setdefault(who, set()).add(book.add_plaque(who, m.group("plaque")))
    return found


# A _PAREN_PLAQUE match starts at most 32 characters before its opening bracket (name and
# suffix) and ends at most 25 after it (bracket, plaque of up to 20 + 办公室, bracket).
_OPEN_BRACKET = re.compile(r"[（(]")


def _paren_plaque_matches(text: str) -> Iterator[re.Match[str]]:
    """`_PAREN_PLAQUE.finditer(text)` near brackets only: the lazy name pattern is slow when
    tried at every position of long clause texts."""
    return finditer_near(_PAREN_PLAQUE, text, _OPEN_BRACKET, 32, 25)


def _drop_trailing_item_token(text: str, start: int, end: int) -> int:
    """Cut a dangling sub-item number (“…。2．”) left at the end when sub-items are split."""
    m = re.search(r"\n?\s*(?:\d{1,2}[、．.]|[（(]\d{1,2}[）)])\s*$", text[start:end])
    return start + m.start() if m else end


_SHARE_SUBJECT = re.compile(
    r"^(?P<who>[^，。；：在（]{2,30}?(?:局|委|办|部|室|中心|院|队|会|所|站|馆|政府|分局))"
    r"(?:[（(][^）)]{1,20}[）)])?"         # 县自然资源局（县林业局）
    r"(?:等[^，。]{0,10}?部门)?"           # 县农业农村局等行业主管部门
    r"(?:在[^，。]{1,30}?(?:方面|中|上))?"  # 县公安局在公路超限超载治理方面
    r"(?=负责|承担|牵头|配合|参与|协助|指导|会同|依法|统筹|组织|按照|根据|做好|主要|对)")


def _shares(text: str, start: int, end: int, subject: str, book: NameBook, annotate: Annotator) -> list[BoundaryShare]:
    """Sentences that begin with a department name: what that department does."""
    out = []
    for s, e in _sentences(text, start, end):
        sentence = text[s:e].strip()
        m = _SHARE_SUBJECT.match(sentence)
        if not m:
            continue
        does = sentence.rstrip("。；;")
        role = annotate.role_of(sentence[m.end():])
        for who in party_names(m.group("who")):
            department = subject if who in {"本部门", "本局"} else book.canonical(who)
            out.append(BoundaryShare(department=department, does=does, role=role))
    return out


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, begin = [], start
    for i in range(start, end):
        if text[i] in SENTENCE_END or text[i] == "\n":
            if i + 1 - begin > 1:
                out.append((begin, i + 1))
            begin = i + 1
    if end - begin > 1:
        out.append((begin, end))
    return out


def _on_boundary(text: str, block: Block, parts: SandingParts, book: NameBook, annotate: Annotator) -> None:
    _read_boundaries(text, block.body_start, block.end, block.label, parts, book, annotate)


# -- internal units ----------------------------------------------------------------------------

def _on_units(text: str, block: Block, parts: SandingParts, book: NameBook, annotate: Annotator) -> None:
    found = outline.items(text, block.body_start, block.end)
    spans = [(block.label + it.label, it.text_start, it.end) for it in found]
    if not spans:  # one unit per line: 办公室。负责……
        spans = [(block.label, s, e) for s, e in _lines(text, block.body_start, block.end)
                 if UNIT_NAME.match(text[s:e])]
    for clause, s, e in spans:
        _add_unit(text, s, e, clause, parts, annotate)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, begin = [], start
    while begin < end:
        stop = text.find("\n", begin, end)
        stop = end if stop == -1 else stop
        if stop > begin:
            out.append((begin, stop))
        begin = stop + 1
    return out


_UNIT_PLAQUE = re.compile(r"[（(](?:加挂|挂|对外保留)?(?P<p>[^）)]*?)牌子[）)]")


def _add_unit(text: str, start: int, end: int, clause: str, parts: SandingParts, annotate: Annotator) -> None:
    start, end = outline.trim(text, start, end)
    m = UNIT_NAME.match(text, start, end)
    if not m:
        return
    name = m.group("name").strip()
    plaques = _UNIT_PLAQUE.findall(m.group("plaques"))
    plaques = [p.strip("“”\"") for p in plaques if p.strip("“”\"")]
    if any(u.name == name for u in parts.units):
        parts.warnings.append(ExtractWarning(code="sanding.unit_repeated", message=f"内设机构“{name}”重复出现",
                                             clause=clause, span=(start, end)))
        return
    parts.units.append(UnitRecord(department=parts.subject, name=name, plaques=plaques, clause=clause,
                                  span=(start, end)))
    rest = m.end()
    while rest < end and text[rest] in "。：:，, \u3000":
        rest += 1
    if rest < end:
        _add_duty(text, rest, end, clause, Section.UNIT, parts, annotate, unit=name)


# -- staffing -------------------------------------------------------------------------------------

def _on_staffing(text: str, block: Block, parts: SandingParts, book: NameBook, annotate: Annotator) -> None:
    start, end = outline.trim(text, block.body_start, block.end)
    chunk = re.sub(r"\s+", "", text[start:end])  # tables arrive one cell per line
    administrative, other = None, {}
    for m in STAFF_KIND.finditer(chunk):
        n = to_int(m.group("n"))
        if m.group("kind") == "行政编制" and administrative is None:
            administrative = n
        elif n is not None:
            other[m.group("kind")] = n
    leaders = _posts(LEADER_POST, chunk)
    posts = _posts(POST_LEVEL, chunk)
    if administrative is None and not leaders and not other:
        return
    parts.staffing.append(StaffingRecord(department=parts.subject, administrative=administrative, other=other,
                                         leaders=leaders, posts=posts, clause=block.label, span=(start, end)))


def _posts(pattern: re.Pattern[str], chunk: str) -> list[Post]:
    out: list[Post] = []
    for m in pattern.finditer(chunk):
        n = to_int(m.group("n"))
        if n is not None and all(p.title != m.group("title") for p in out):
            out.append(Post(title=m.group("title"), count=n))
    return out


_HANDLERS = {
    "rank": _on_rank,
    "main": _on_main,
    "transformation": _on_transformation,
    "boundary": _on_boundary,
    "units": _on_units,
    "staffing": _on_staffing,
}
