"""A 三定 regulation → records: the department, its rank, type and plaques, main duties,
职能转变, 有关职责分工 boundaries, internal units with their duties and plaques, staffing.

Works on the text of record (normalised and reflowed); every record's span points into it.
Main duties are the numbered items under 主要职责, not counting 职能转变 and 有关职责分工.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

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
from zhize.ingest import layout, outline
from zhize.ingest.layout import Region
from zhize.ingest.namelists import split_loosely
from zhize.ingest.names import NameBook
from zhize.ingest.names_pattern import find_department_names
from zhize.ingest.numerals import CN_NUMBER, int_to_cn, to_int
from zhize.ingest.outline import Item
from zhize.ingest.scan import finditer_near

TYPE_PATTERN = re.compile(
    r"(?:是|为|作为)(?P<type>[^，。；、是为]{0,14}?(?:工作部门|工作机关|直属事业单位|直属机构|派出机构|派出机关|"
    r"部门管理机构|议事协调机构|办事机构|日常办事机构|职能部门|事业单位|组成部门|直属特设机构))")
RANK_PATTERN = re.compile(r"(?P<rank>[正副](?:部|厅|局|处|县|科|股)级)")
PLAQUE_PATTERN = re.compile(
    r"(?:加挂|挂|对外保留|保留|同时挂)(?P<names>[^，。；]{2,60}?)(?:的)?牌子")
# A plaque as a field of a page's table: “加挂牌子：县地震局”, “加挂牌子｜县地震局”, or the label and
# the value in cells on lines of their own.
PLAQUE_FIELD = re.compile(r"(?:^|\n)(?:加挂牌子|加挂机构|挂牌|对外名称|其他名称)[:：｜|\n](?P<names>[^\n，。；]{3,60})")
ABBREVIATION_PATTERN = re.compile(r"[（(](?:以下)?简称(?P<short>[^）)，。]{2,20})[）)]")
UNIT_NAME = re.compile(
    rf"(?P<name>[^。：:，,；（(\n|｜—\-\s]{{2,24}}?{layout.UNIT_SUFFIX})"
    r"(?P<plaques>(?:[（(][^）)]*牌子[）)])*)(?=[。：:，,；（(\n|｜—\-\s]|$)")
LEADER_POST = re.compile(
    rf"(?P<title>(?:专职)?(?:副)?(?:局长|主任|书记|队长|部长|馆长|院长|秘书长|总工程师|总经济师|总师|政委|主席|"
    rf"大队长|所长|站长|处长|科长|股长|行长|检察长|庭长|总队长|政治委员|纪检组长|纪检监察组长|"
    rf"督察长|总规划师|分局长|总审计师|总会计师|理事会主任|理事会副主任|监事会主任))"
    rf"(?:[（(][^）)]{{1,10}}[）)])?(?P<n>\d{{1,3}}|{CN_NUMBER})名")
POST_LEVEL = re.compile(
    rf"(?P<title>(?:正|副)?(?:科|股|处|中层)级?(?:领导)?职数|(?:内设机构)?领导职数)(?P<n>\d{{1,3}}|{CN_NUMBER})名")
STAFF_KIND = re.compile(
    rf"(?P<kind>行政编制|机关工勤编制|工勤编制|政法专项编制|事业编制|机关事业编制|机关工勤人员事业编制|"
    rf"参照公务员法管理事业编制)(?:数)?(?:核定为|核定|为|[:：])?(?P<n>\d{{1,4}}|{CN_NUMBER})(?:名|人)")
SENTENCE_END = "。；;"


@dataclass
class SandingParts:
    """What a 三定 or a department page contributes, before the document record is attached."""

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
    affiliated: dict[str, str] = field(default_factory=dict)  # affiliated body → the heading it was under

    @property
    def main_duties(self) -> list[DutyRecord]:
        return [d for d in self.duties if d.section == Section.MAIN and d.department == self.subject]


class ClauseFacts(NamedTuple):
    """What the NLP pipeline reads from one clause (`zhize.ingest.nlp.Annotation` has these fields)."""

    role: Role = Role.UNSPECIFIED
    matters: tuple[MatterRef, ...] = ()
    departments: tuple = ()  # (start, end, name) of each department name in the clause


@dataclass(frozen=True)
class Annotator:
    """Role, matters and department names of clauses, many at a time: in production the spaCy
    pipeline (`zhize.ingest.nlp.annotate`, one ``nlp.pipe`` over a document's clauses); injected so
    this module stays free of it. Without one, clauses get no role and no matters."""

    annotate: Callable[[Sequence[str]], Sequence[ClauseFacts]] | None = None

    def facts(self, texts: Sequence[str]) -> list[ClauseFacts]:
        return list(self.annotate(texts)) if self.annotate and texts else [ClauseFacts() for _ in texts]

    def role_of(self, text: str) -> Role:
        return self.facts([text])[0].role

    def matters_of(self, text: str) -> list[MatterRef]:
        return list(self.facts([text])[0].matters)


def parse_sanding(text: str, subject: str, book: NameBook, annotate: Annotator) -> SandingParts:
    """Every part the text holds, whatever its layout (see `ingest.layout`)."""
    parts = SandingParts(subject=subject)
    for m in ABBREVIATION_PATTERN.finditer(text):  # known before the rank sentence names the body by it
        book.add(subject, m.group("short"))
    found = layout.regions(text)
    _read_rank(text, 0, found[0].start if found else len(text), parts, book)  # preambles say what the body is
    for region in found:
        handler = _HANDLERS.get(region.kind)
        if handler:
            handler(text, region, parts, book, annotate)
    if not parts.main_duties:
        _duties_without_heading(text, found, parts, book, annotate)
    _annotate_duties(parts, annotate)
    parts.aliases = _aliases(text, subject, book)
    clauses = "\n".join([d.text for d in parts.duties] + [b.text for b in parts.boundaries])
    for who, plaques in _parenthetical_plaques(clauses, book).items():
        if who == subject:
            parts.plaques += [p for p in sorted(plaques) if p not in parts.plaques]
        elif who not in parts.affiliated:
            parts.other_plaques[who] = plaques
    return parts


def _aliases(text: str, subject: str, book: NameBook) -> list[str]:
    return book.aliases_of(subject, text)


# -- rank, type, plaques ------------------------------------------------------------------------

# The plaques named first, the body that carries them after 在: “县民族宗教事务局、县侨务办公室在县委
# 统战部加挂牌子”.
_PLAQUES_AT = re.compile(r"(?:^|(?<=[，。；：\n]))(?P<names>[^，。；：\n在]{3,60}?)在(?P<host>[^，。；：\n在]{2,30}?)"
                         r"(?:加挂|挂|同时挂)牌子")
_ABBREVIATED = re.compile(r"[（(](?:以下)?简称[^）)]*[）)]")
_TWO_PLAQUES = re.compile(r"[^。；\n]*(?:两块牌子|两个牌子|两块招牌)[^。；\n]*")


def _read_rank(text: str, start: int, end: int, parts: SandingParts, book: NameBook) -> None:
    chunk = text[start:end]
    if parts.type is None and (m := TYPE_PATTERN.search(chunk)):
        parts.type = m.group("type")
    if parts.rank is None and (m := RANK_PATTERN.search(chunk)):
        parts.rank = m.group("rank")
    for m in [*PLAQUE_PATTERN.finditer(chunk), *PLAQUE_FIELD.finditer(chunk)]:
        if _plaque_belongs_to_unit(chunk, m.start()):
            continue
        names = _ABBREVIATED.sub("", m.group("names"))  # 县信访局（以下简称…）
        for a, b in layout.split_names(names, 0, len(names)):
            _add_plaque(parts, book, names[a:b].strip("“”\"' "))
    for m in _PLAQUES_AT.finditer(chunk):
        if book.resolve(m.group("host")) == parts.subject:
            names = m.group("names")
            for a, b in layout.split_names(names, 0, len(names)):
                _add_plaque(parts, book, names[a:b].strip("“”\"' "))
    for m in _TWO_PLAQUES.finditer(chunk):
        _read_two_plaques(m.group(), parts, book)


_NAME_PAIR = re.compile(r"(?P<a>[^，。；、与和]{2,30}?)(?:与|和|、)(?P<b>[^，。；、与和]{2,30}?)"
                        r"(?=实行|合署|合一|[，,。；]|为一个|是一个|一个机构|两块)")


def _read_two_plaques(sentence: str, parts: SandingParts, book: NameBook) -> None:
    """“市档案局与市档案馆实行局馆合一，为一个机构、两块牌子”: the other name is a plaque."""
    m = _NAME_PAIR.search(sentence)
    if m is None:
        return
    for name in (m.group("a"), m.group("b")):
        if _whole_name(name) and book.canonical(name) != parts.subject:
            _add_plaque(parts, book, name)


def _whole_name(text: str) -> bool:
    found = find_department_names(text)
    return bool(found) and found[0][:2] == (0, len(text))


def _add_plaque(parts: SandingParts, book: NameBook, name: str) -> None:
    if len(name) >= 3:
        full = book.add_plaque(parts.subject, name)
        if full not in parts.plaques and full != parts.subject:
            parts.plaques.append(full)


def _plaque_belongs_to_unit(chunk: str, pos: int) -> bool:
    """挂…牌子 inside a unit's parentheses is the unit's plaque, not the department's."""
    return chunk.rfind("（", 0, pos) > chunk.rfind("）", 0, pos)


def _on_rank(text: str, region: Region, parts: SandingParts, book: NameBook, annotate: Annotator) -> None:
    _read_rank(text, region.body, region.end, parts, book)


# -- duties ---------------------------------------------------------------------------------------

def _on_main(text: str, region: Region, parts: SandingParts, book: NameBook, annotate: Annotator) -> None:
    found = outline.items(text, region.body, region.end)
    if not found:
        _read_rank(text, region.body, region.end, parts, book)
        _unnumbered_duties(text, region, parts, annotate)
        return
    _read_rank(text, region.body, found[0].start, parts, book)
    for i, item in enumerate(found):
        last = i == len(found) - 1 and _item_part(text, item.text_start) == "main"
        end = _last_item_end(text, item) if last else item.end
        _on_main_item(text, region.label, item.label, item.text_start, end, parts, book, annotate)


def _last_item_end(text: str, item: Item) -> int:
    """The last item of a list ends with its paragraph, unless sub-items follow on the next lines:
    what comes after it (局馆合一 …, a closing sentence) is not part of the duty."""
    pos = text.find("\n", item.text_start, item.end)
    while pos != -1:
        rest = text[pos + 1:item.end].lstrip(" \u3000\n")
        if not rest or not outline.starts_item(rest):
            return pos
        pos = text.find("\n", pos + 1, item.end)
    return item.end


_BOUNDARY_ITEM = re.compile(r"(?:与[^。]{2,40}?的)?(?:有关)?职责(?:分工|边界)")
_INNER_BOUNDARY = re.compile(r"(?:有关)?职责分工[：:。]|(?<=[。；])与[^。；]{2,30}?的(?:有关)?职责分工[：:。]")
_TRANSFORMATION_CUES = ("职能转变", "职能调整", "职责调整", "转变职能")


def _item_part(text: str, start: int) -> str:
    opening = text[start:start + 40]
    if opening.startswith(_TRANSFORMATION_CUES):
        return "transformation"
    if _BOUNDARY_ITEM.match(opening):
        return "boundary"
    return "main"


def _on_main_item(text: str, label: str, item_label: str, start: int, end: int, parts: SandingParts,
                  book: NameBook, annotate: Annotator) -> None:
    clause = label + item_label
    kind = _item_part(text, start)
    if kind == "boundary":
        _read_boundaries(text, start, end, clause, parts, book, annotate)
    elif kind == "transformation":
        _add_transformation(text, start, end, clause, parts)
    else:
        inner = _INNER_BOUNDARY.search(text, start + 2, end)
        if inner:  # “……救助政策。有关职责分工：区民政局负责……”: the boundary is not the duty
            _read_boundaries(text, inner.start(), end, clause, parts, book, annotate)
            end = inner.start()
        _add_duty(text, start, end, clause, Section.MAIN, parts, annotate)


def _add_duty(text: str, start: int, end: int, clause: str, section: Section, parts: SandingParts,
              annotate: Annotator, unit: str | None = None, department: str | None = None) -> None:
    """A duty without its role and matters yet: `_annotate_duties` reads those for all the duties of
    the document in one pass of the pipeline."""
    start, end = outline.trim(text, start, end)
    if end <= start:
        return
    parts.duties.append(DutyDraft(department or parts.subject, unit, text[start:end], section, clause,  # type: ignore[arg-type]
                                  (start, end)))


class DutyDraft(NamedTuple):
    """A duty as parsed, before the pipeline has read its role and matters."""

    department: str
    unit: str | None
    text: str
    section: Section
    clause: str
    span: tuple[int, int]


def _annotate_duties(parts: SandingParts, annotate: Annotator) -> None:
    """Role and matters of every duty (职能转变 has neither), then the records validated."""
    texts = [d.text for d in parts.duties if d.section != Section.TRANSFORMATION]
    facts = iter(annotate.facts(texts))
    done = []
    for d in parts.duties:
        found = next(facts) if d.section != Section.TRANSFORMATION else ClauseFacts()
        done.append(DutyRecord(department=d.department, unit=d.unit, text=d.text, role=found.role,
                               matters=list(found.matters), section=d.section, clause=d.clause, span=d.span))
    parts.duties = done


def _add_transformation(text: str, start: int, end: int, clause: str, parts: SandingParts) -> None:
    head = re.match(r"\s*(?:职能转变|职能调整|职责调整|转变职能)[。：:．.]?", text[start:end])
    if head:
        start += head.end()
    _add_duty(text, start, end, clause, Section.TRANSFORMATION, parts, Annotator())


def _on_transformation(text: str, region: Region, parts: SandingParts, book: NameBook,
                       annotate: Annotator) -> None:
    found = outline.items(text, region.body, region.end)
    if not found:
        _add_transformation(text, region.body, region.end, region.label, parts)
    for item in found:
        _add_transformation(text, item.text_start, item.end, region.label + item.label, parts)


# Verbs a duty opens with (“贯彻执行…”, “负责…”, “对全市…实行统筹规划”): a list whose items mostly open
# with one is a duty list even without a heading.
DUTY_OPENINGS = re.compile(
    r"^(?:依法|按照[^，。]{0,12}?[，,]|根据[^，。]{0,12}?[，,]|在[^，。]{0,12}?下[，,])?"
    r"(?:贯彻|负责|承担|承办|拟订|拟定|制定|起草|组织|指导|监督|统筹|推进|推动|开展|管理|完成|参与|配合|协助|会同|"
    r"实施|落实|协调|建立|健全|审核|审批|受理|接收|征集|对|研究|牵头|做好|引导|保护|促进|编制|编纂|开放|提出|"
    r"办理|执行|宣传|规划|培育|发展|维护|核查|查处|检查|督促|综合|归口|主管|领导|代表|领办|收集|汇总|提供|"
    r"依照|加强|完善|优化|保障|服务|联系|指挥|防治|治理|保管|整理|开发|承接|协同|推行|负担|兼)")


def _unnumbered_duties(text: str, region: Region, parts: SandingParts, annotate: Annotator) -> None:
    """A duty list without numbers: one paragraph a duty (“负责……。\n承担……。”). Only the paragraphs
    that open like a duty count, and only when most of the part does."""
    lines = [_after_ordinal(text, s, e) for s, e in _lines(text, region.body, region.end) if text[s:e].strip(" \u3000")]
    duties = [(s, e) for s, e in lines if DUTY_OPENINGS.match(text[s:e].lstrip(" \u3000"))]
    if len(duties) < 3 or len(duties) * 3 < len(lines) * 2:
        duties = _clause_duties(text, lines[0]) if lines else []
    for i, (s, e) in enumerate(duties):
        _add_duty(text, s, e, region.label + f"（{int_to_cn(i + 1)}）", Section.MAIN, parts, annotate)


# An ordinal that opens a clause of a run-on list: “一是……；二是……”, “其一，……”.
_ORDINAL_CLAUSE = re.compile(rf"^(?:{CN_NUMBER}是|其{CN_NUMBER}[，,、])")


def _after_ordinal(text: str, s: int, e: int) -> tuple[int, int]:
    """A paragraph without the ordinal it opens with (一是负责…… → 负责……): one duty a line."""
    a = outline.trim(text, s, e)[0]
    ordinal = _ORDINAL_CLAUSE.match(text[a:e])
    return (a + ordinal.end(), e) if ordinal else (s, e)


def _clause_duties(text: str, line: tuple[int, int]) -> list[tuple[int, int]]:
    """A duty list run into one paragraph, its duties parted by ；(“主要职责是：贯彻执行……；负责……；
    指导……。”, “职能如下：一是……；二是……”): the clauses, when most of them open like a duty. The
    paragraph's last sentence ends the list."""
    s, e = line
    stop = text.find("。", s, e)
    e = e if stop == -1 else stop + 1
    clauses, begin = [], s
    for m in re.finditer("[；;]", text[s:e]):
        clauses.append((begin, s + m.start()))
        begin = s + m.end()
    clauses.append((begin, e))
    out = []
    for a, b in clauses:
        a = outline.trim(text, a, b)[0]
        ordinal = _ORDINAL_CLAUSE.match(text[a:b])
        out.append((a + ordinal.end() if ordinal else a, b))
    opening = sum(1 for a, b in out if DUTY_OPENINGS.match(text[a:b]))
    return out if len(out) >= 3 and opening * 3 >= len(out) * 2 else []


def _looks_like_duties(texts: list[str]) -> bool:
    hits = sum(1 for t in texts if DUTY_OPENINGS.match(t.lstrip()))
    return len(texts) >= 3 and hits * 3 >= len(texts) * 2


def _duties_without_heading(text: str, found: list[Region], parts: SandingParts, book: NameBook,
                            annotate: Annotator) -> None:
    """No heading announced the duty list: the numbered sections are the duties themselves (an old
    职责范围 regulation), or a numbered list in the introduction reads like one."""
    sections = [r for r in found if r.strong and r.kind in (layout.UNKNOWN, layout.RANK) and r.label
                and not r.label.startswith("第")]
    run = _leading_run(sections)
    texts = [text[r.body:_paragraph_end(text, r.body, r.end)] for r in run]
    if _looks_like_duties(texts):
        for r in run:
            _on_main_item(text, "", r.label, r.body, _paragraph_end(text, r.body, r.end), parts, book,
                          annotate)
        return
    for region in found:
        if region.kind in (layout.INTRO, layout.UNKNOWN, layout.RANK):
            items = outline.items(text, region.body, region.end)
            if _looks_like_duties([text[i.text_start:i.end] for i in items]):
                _on_main(text, region, parts, book, annotate)
                return


def _leading_run(sections: list[Region]) -> list[Region]:
    """Sections 一、二、三… in order from the first."""
    run: list[Region] = []
    for r in sections:
        if to_int(r.label) == len(run) + 1:
            run.append(r)
    return run


def _paragraph_end(text: str, start: int, end: int) -> int:
    k = text.find("\n", start, end)
    return end if k == -1 else k


# -- boundaries -----------------------------------------------------------------------------------

_PAIR_OPENER = re.compile(r"与(?P<other>[^。，]{2,40}?)(?:的)?(?:有关)?职责(?:分工|边界)[。：:．.]?")


def _read_boundaries(text: str, start: int, end: int, clause: str, parts: SandingParts, book: NameBook,
                     annotate: Annotator) -> None:
    openers = list(_PAIR_OPENER.finditer(text, start, end))
    if not openers:
        _add_boundary_by_names(text, start, end, clause, parts, book, annotate)
        return
    for i, m in enumerate(openers):
        stop = _before_ordinal(text, m.end(), openers[i + 1].start()) if i + 1 < len(openers) else end
        _add_boundary(text, max(start, m.start()), stop, m, clause, parts, book, annotate)


# The number or ordinal that opens the next pair's paragraph (2．与…, 二是与…, （二）与…): it belongs
# to neither pair's text.
_PAIR_ORDINAL = re.compile(
    rf"(?:{CN_NUMBER}是|\d{{1,2}}[．.、]|[（(](?:\d{{1,2}}|{CN_NUMBER})[）)]|{CN_NUMBER}、)[ \u3000]*$")


def _before_ordinal(text: str, floor: int, pos: int) -> int:
    """Where the pair before the one opening at `pos` ends: before its ordinal (…协调机制。\n二是与县
    医疗保障局的有关职责分工 → the first pair ends at 。)."""
    m = _PAIR_ORDINAL.search(text, max(floor, pos - 12), pos)
    return m.start() if m else pos


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


def _add_boundary_by_names(text: str, start: int, end: int, clause: str, parts: SandingParts, book: NameBook,
                           annotate: Annotator) -> None:
    """A boundary that names the other side only in its sentences (“涉法涉诉信访事项由区委政法委统筹，
    ……；区信访局负责……”): the parties are the departments it names."""
    start, end = outline.trim(text, start, end, " \n\u3000")
    head = re.match(r"(?:有关)?职责(?:分工|边界)[。：:．.]?", text[start:end])
    body_start = start + (head.end() if head else 0)
    names = [book.canonical(n) for _, _, n in find_department_names(text[body_start:end])]
    others = [n for n in dict.fromkeys(names) if n != parts.subject]
    if not others:
        parts.warnings.append(ExtractWarning(code="sanding.boundary_unparsed", clause=clause, span=(start, end),
                                             message="“有关职责分工”中未识别出对方部门"))
        return
    shares = _shares(text, body_start, end, parts.subject, book, annotate)
    matters = annotate.matters_of(text[body_start:end])
    parts.boundaries.append(BoundaryRecord(
        departments=list(dict.fromkeys([parts.subject, *others, *(s.department for s in shares)])),
        matter=matters[0] if matters else None, shares=shares, text=text[start:end], clause=clause,
        span=(start, end)))


def _on_closing(text: str, region: Region, parts: SandingParts, book: NameBook, annotate: Annotator) -> None:
    """Closing articles (其他事项) sometimes hold the boundary items: （一）与县民政局的有关职责分工。"""
    for item in outline.items(text, region.body, region.end):
        if _item_part(text, item.text_start) == "boundary":
            _read_boundaries(text, item.text_start, item.end, region.label + item.label, parts, book, annotate)


def _on_boundary(text: str, region: Region, parts: SandingParts, book: NameBook, annotate: Annotator) -> None:
    found = [i for i in outline.items(text, region.body, region.end)]
    if found and all(_item_part(text, i.text_start) == "boundary" for i in found):
        for item in found:
            _read_boundaries(text, item.text_start, item.end, region.label + item.label, parts, book, annotate)
        return
    _read_boundaries(text, region.body, region.end, region.label, parts, book, annotate)


# -- internal units ----------------------------------------------------------------------------

_NUMBER_ONLY = re.compile(r"^\d{1,3}[.．、]?$")
# A unit's telephone number after its name on the same line (办公室　电话：0736-5230101, 综合股 0736-5230102):
# contact details, not the unit's duties.
_CONTACT_TAIL = re.compile(r"[ \u3000]*(?:(?:联系|办公|咨询)?电话|传真|Tel|TEL)?[:：]?[ \u3000]*[\d\-－()（）]{7,}$")
_ROW_SPLIT = re.compile(r"\s*[|｜]\s*")


def _on_units(text: str, region: Region, parts: SandingParts, book: NameBook, annotate: Annotator) -> None:
    lines = _lines(text, region.body, region.end)
    if lines and TYPE_PATTERN.search(text, *lines[0]) and layout.unit_list(text[slice(*lines[0])]) is None:
        _read_rank(text, *lines[0], parts, book)  # 一、机构设置 X部是县委工作机关……加挂牌子: the body, not a unit
    found = outline.items(text, region.body, region.end)
    named = [it for it in found if UNIT_NAME.match(text, outline.trim(text, it.text_start, it.end)[0], it.end)]
    if found and len(named) * 2 >= len(found):
        for it in found:
            end = _unit_item_end(text, it)
            _add_unit(text, it.text_start, end, region.label + it.label, parts, annotate)
        if end < region.end:  # unnumbered units after the numbered ones (离退休干部科　负责……)
            _unit_lines(text, end, region.end, region.label, parts, annotate)
        return
    _unit_lines(text, region.body, region.end, region.label, parts, annotate)


def _unit_lines(text: str, start: int, end: int, clause: str, parts: SandingParts, annotate: Annotator) -> None:
    pending: str | None = None  # a unit named on a line (a table cell) whose duties may follow
    for s, e in _lines(text, start, end):
        pending = _unit_line(text, s, e, clause, parts, annotate, pending)


def _unit_item_end(text: str, item: Item) -> int:
    """A numbered unit ends before a line that names a unit of its own (the unnumbered 机关党委 or
    离退休干部科 after the list) or opens with a body's name (“区X局另设区Y中心……”: a sentence about
    the department or another body, not the unit's duties)."""
    pos = text.find("\n", item.text_start, item.end)
    while pos != -1:
        if _NAMED_UNIT_LINE.match(text, pos + 1, item.end) or _opens_with_body(text[pos + 1:pos + 41]):
            return pos
        pos = text.find("\n", pos + 1, item.end)
    return item.end


def _unit_line(text: str, s: int, e: int, clause: str, parts: SandingParts, annotate: Annotator,
               pending: str | None) -> str | None:
    """One line of a units part: a one-sentence list, a table row, a bare name, “名称：职责”, or the
    duties of the unit named on the line before. Returns the unit whose duties may come next."""
    line = text[s:e]
    if "|" in line or "｜" in line:
        return _unit_row(text, s, e, clause, parts, annotate)
    if line[-1:].isdigit() and (contact := _CONTACT_TAIL.search(line)):  # 办公室　电话：0736-5230101
        e = s + contact.start()
        line = text[s:e]
    names = layout.unit_names(line)
    if names:
        for a, b in names:
            _add_unit(text, s + a, s + b, clause, parts, annotate)
        return None
    stripped = line.strip(" \u3000")
    if not stripped or _NUMBER_ONLY.match(stripped) or stripped in layout.TABLE_HEADER_CELLS:
        return pending
    if layout.is_unit_name(_strip_number(stripped)):
        lead = len(line) - len(line.lstrip(" \u3000"))
        number = len(stripped) - len(_strip_number(stripped))
        return _add_unit(text, s + lead + number, e, clause, parts, annotate)
    m = UNIT_NAME.match(text, s, e)
    after = m and _SECOND_NAME.match(text, m.end(), e)  # 水资源管理股（县节约用水办公室）：负责……
    if m and e > (after.end() if after else m.end()) and text[after.end() if after else m.end()] in "。：:—-":
        _add_unit(text, s, e, clause, parts, annotate)
        return None
    m = _NAMED_UNIT_LINE.match(text, s, e)
    if m:  # 离退休干部科负责…… (the space after the name is gone with normalisation)
        _add_unit(text, s, s + len(m.group("name")), clause, parts, annotate)
        _add_duty(text, s + len(m.group("name")), e, clause, Section.UNIT, parts, annotate, unit=m.group("name"))
        return None
    if pending is not None and len(stripped) >= 6:
        _add_duty(text, s, e, clause, Section.UNIT, parts, annotate, unit=pending)
        return None
    return pending


def _unit_row(text: str, s: int, e: int, clause: str, parts: SandingParts, annotate: Annotator) -> None:
    """A table row “| 1 | 办公室 | 负责…… |”: the first cell shaped like a unit name, its duties after."""
    pos = s
    cells = []
    for cell in _ROW_SPLIT.split(text[s:e]):
        k = text.find(cell, pos, e) if cell else -1
        if cell and k >= 0:
            cells.append((k, k + len(cell)))
            pos = k + len(cell)
    for i, (a, b) in enumerate(cells):
        if layout.is_unit_name(text[a:b]):
            name = _add_unit(text, a, b, clause, parts, annotate)
            rest = [c for c in cells[i + 1:] if len(text[c[0]:c[1]]) >= 6]
            if name and rest:
                _add_duty(text, rest[0][0], rest[-1][1], clause, Section.UNIT, parts, annotate, unit=name)
            return None
    for a, b in cells[:1]:  # 办公室：负责文电、会务……｜0739-8812301: the name and its duties share a cell
        colon = next((k for k in range(a, b) if text[k] in "：:"), -1)
        if colon > a and layout.is_unit_name(text[a:colon]):
            _add_unit(text, a, b, clause, parts, annotate)
    return None


def _opens_with_body(head: str) -> bool:
    """The line starts with a department's or body's name (区审计局……), not a unit's (办公室……)."""
    found = find_department_names(head)
    return bool(found) and found[0][0] == 0 and not layout.is_unit_name(found[0][2])


# A unit's second name in brackets right after its name (秘书股（保密办公室）): not part of its name.
_SECOND_NAME = re.compile(r"[（(][^）)。：:]{1,30}[）)]")


_LEADING_NUMBER = re.compile(
    r"^(?:[（(]?[0-9一二三四五六七八九十]{1,3}[）)]|[0-9]{1,2}[.．、]|[一二三四五六七八九十]{1,3}、|[\u2460-\u2473])")


def _strip_number(line: str) -> str:
    m = _LEADING_NUMBER.match(line)
    return line[m.end():].lstrip(" \u3000") if m else line


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, begin = [], start
    while begin < end:
        stop = text.find("\n", begin, end)
        stop = end if stop == -1 else stop
        if stop > begin:
            out.append((begin, stop))
        begin = stop + 1
    return out


# A line that opens with a unit's name and goes on with its duties: “机关党委负责机关党群工作。”,
# “机关党委。负责……”.
_NAMED_UNIT_LINE = re.compile(
    rf"(?P<name>[^。：:，,；;、（(\n\s]{{2,16}}?{layout.UNIT_SUFFIX})"
    r"(?=[ \u3000]*[。：:]?[ \u3000]*(?:负责|承担|拟订|组织|指导|协调|办理|管理))")  # 机关党委。负责……
_NOT_A_UNIT = re.compile(r"内设|下设|设下列|设以下|\d+个|[一二三四五六七八九十两]个")
_UNIT_PLAQUE = re.compile(r"[（(](?:加挂|挂|对外保留)?(?P<p>[^）)]*?)牌子[）)]")


def _add_unit(text: str, start: int, end: int, clause: str, parts: SandingParts, annotate: Annotator) -> str | None:
    start, end = outline.trim(text, start, end)
    m = UNIT_NAME.match(text, start, end)
    if not m:
        return None
    name = m.group("name").strip()
    # “区X局内设4个科室：” announces the units, it is none of them; 县水利局 is a department
    if _NOT_A_UNIT.search(name) or not layout.is_unit_name(name):
        return None
    plaques = _UNIT_PLAQUE.findall(m.group("plaques"))
    plaques = [p.strip("“”\"") for p in plaques if p.strip("“”\"")]
    if any(u.name == name for u in parts.units):
        parts.warnings.append(ExtractWarning(code="sanding.unit_repeated", message=f"内设机构“{name}”重复出现",
                                             clause=clause, span=(start, end)))
        return None
    parts.units.append(UnitRecord(department=parts.subject, name=name, plaques=plaques, clause=clause,
                                  span=(start, end)))
    rest = m.end()
    second = _SECOND_NAME.match(text, rest, end)
    if second and text[second.end():second.end() + 1] in ("：", ":", "。"):
        rest = second.end()  # the unit's second name, then its duties
    while rest < end and text[rest] in "。：:，, \u3000—-":
        rest += 1
    if rest < end:
        _add_duty(text, rest, end, clause, Section.UNIT, parts, annotate, unit=name)
    return name


# -- affiliated units -----------------------------------------------------------------------------

def _on_affiliated(text: str, region: Region, parts: SandingParts, book: NameBook, annotate: Annotator) -> None:
    """Bodies of their own under the department (直属事业单位): each becomes a department of its
    own with its own duties and posts, never counted as the department's."""
    kind = _affiliated_kind(text, region)
    starts = _body_starts(text, region.body, region.end)
    if starts:  # a body's name on a line of its own, its duties and figures under it
        for i, (_, name_start) in enumerate(starts):
            stop = starts[i + 1][0] if i + 1 < len(starts) else region.end
            _add_affiliated(text, name_start, stop, region.label, kind, parts, book, annotate)
        return
    found = outline.items(text, region.body, region.end)
    if found:
        for item in found:
            _add_affiliated(text, item.text_start, item.end, region.label + item.label, kind, parts, book, annotate)
        return
    for s, e in _lines(text, region.body, region.end):
        names = layout.body_names(text[s:e])
        for a, b in names:
            _add_affiliated(text, s + a, s + b, region.label, kind, parts, book, annotate)


def _body_starts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(line start, name start) of each line that is only a body's name, numbered or not
    (“禾溪县水文站”, “1. 禾溪县水文站”, “（二）县灌区管理中心”)."""
    out = []
    for s, e in _lines(text, start, end):
        s, e = outline.trim(text, s, e)
        name = _strip_number(text[s:e])
        if len(name) <= 30 and layout.is_body_name(name.rstrip("。；;：:")):
            out.append((s, e - len(name)))
    return out


def _affiliated_kind(text: str, region: Region) -> str:
    heading = text[region.start:region.body]
    for cue in ("直属事业单位", "所属事业单位", "下属事业单位", "直属单位", "下属单位", "所属单位", "二级单位"):
        if cue in heading:
            return cue
    return "所属单位"


def _add_affiliated(text: str, start: int, end: int, clause: str, kind: str, parts: SandingParts, book: NameBook,
                    annotate: Annotator) -> None:
    start, end = outline.trim(text, start, end)
    first = _paragraph_end(text, start, end)
    raw = text[start:first].strip(" \u3000。；;")
    if not layout.is_body_name(raw):
        return
    name = book.canonical(raw)
    if name == parts.subject:
        return
    parts.affiliated[name] = kind
    for item in outline.items(text, first, end):
        item_end = _last_item_end(text, item)
        _add_duty(text, item.text_start, item_end, clause + item.label, Section.MAIN, parts, annotate, department=name)
    figures = _figures(re.sub(r"\s+", "", text[first:end]))
    if figures:
        parts.staffing.append(StaffingRecord(department=name, administrative=figures[0], other=figures[1],
                                             leaders=_posts(LEADER_POST, text[first:end]), posts=[], clause=clause,
                                             span=(start, end)))


# -- staffing -------------------------------------------------------------------------------------

def _on_staffing(text: str, region: Region, parts: SandingParts, book: NameBook, annotate: Annotator) -> None:
    start, end = outline.trim(text, region.body, region.end)
    chunk = _staffing_chunk(text[start:end])
    figures = _figures(chunk)
    leaders = _posts(LEADER_POST, chunk)
    posts = _posts(POST_LEVEL, chunk)
    if figures is None and not leaders:
        return
    administrative, other = figures if figures else (None, {})
    parts.staffing.append(StaffingRecord(department=parts.subject, administrative=administrative, other=other,
                                         leaders=leaders, posts=posts, clause=region.label, span=(start, end)))


def _staffing_chunk(raw: str) -> str:
    """The text with its whitespace dropped; a table's number cell reads as “N名”, so a Word table
    “行政编制｜19” reads like the prose “行政编制19名”."""
    lines = _header_row_paired([line.strip() for line in re.split(r"[\n|｜]", raw)])
    return "".join(f"{line}名" if line.isdigit() else line for line in lines).replace(" ", "")


_FIGURE_CELL = re.compile(rf"^(?:\d{{1,4}}|{CN_NUMBER})[名人]?$")


def _header_row_paired(cells: list[str]) -> list[str]:
    """A table with the labels in its header row and the figures in the row under it arrives as
    the labels, then the figures (行政编制｜局长｜副局长 / 11名｜1名｜3名): each label is put before
    its figure, so the cells read as “行政编制11名局长1名副局长3名”."""
    cells = [c for c in cells if c]
    out, i = [], 0
    while i < len(cells):
        k = 0  # labels: cells with no figure in them
        while i + k < len(cells) and not (any(ch.isdigit() for ch in cells[i + k]) or _FIGURE_CELL.match(cells[i + k])):
            k += 1
        v = 0  # the figures right after them
        while i + k + v < len(cells) and v < k and _FIGURE_CELL.match(cells[i + k + v]):
            v += 1
        if v >= 2:  # the last v labels are the header row (a sentence may come before it)
            labels = cells[i + k - v:i + k]
            out += cells[i:i + k - v] + [c for pair in zip(labels, cells[i + k:i + k + v], strict=True) for c in pair]
            i += k + v
        else:
            out += cells[i:i + k + 1]
            i += k + 1
    return out


def _figures(chunk: str) -> tuple[int | None, dict[str, int]] | None:
    administrative, other = None, {}
    for m in STAFF_KIND.finditer(chunk):
        n = to_int(m.group("n"))
        if m.group("kind") == "行政编制" and administrative is None:
            administrative = n
        elif n is not None and m.group("kind") not in other:
            other[m.group("kind")] = n
    if administrative is None and not other:
        return None
    return administrative, other


def _posts(pattern: re.Pattern[str], chunk: str) -> list[Post]:
    out: list[Post] = []
    for m in pattern.finditer(chunk):
        n = to_int(m.group("n"))
        if n is not None and all(p.title != m.group("title") for p in out):
            out.append(Post(title=m.group("title"), count=n))
    return out


_HANDLERS = {
    layout.RANK: _on_rank,
    layout.INTRO: _on_rank,
    layout.UNKNOWN: _on_rank,
    layout.MAIN: _on_main,
    layout.TRANSFORMATION: _on_transformation,
    layout.BOUNDARY: _on_boundary,
    layout.UNITS: _on_units,
    layout.STAFFING: _on_staffing,
    layout.AFFILIATED: _on_affiliated,
    layout.CLOSING: _on_closing,
}
