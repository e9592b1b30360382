"""One document → one `Extract` (format zhize.extract/1): read, normalise, classify, parse.

Deterministic and offline. The text of record is the normalised, reflowed text; every span in
the result points into it (`Extracted.text`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from zhize.graph.errors import InputError
from zhize.graph.records import (
    DATE_GIVEN,
    BoundaryRecord,
    DepartmentRecord,
    DocumentKind,
    DocumentRecord,
    DutyRecord,
    EventRecord,
    Extract,
    ExtractWarning,
    StaffingRecord,
    UnitRecord,
)
from zhize.ingest import layout, outline
from zhize.ingest.dates import IssueDate, find_issue_date, no_date_message
from zhize.ingest.names import (
    NATIONAL,
    UNKNOWN_PLACE,
    NameBook,
    deepest_place,
    find_parents,
    full_name,
    is_principal,
    place_of,
)
from zhize.ingest.names_pattern import find_department_names
from zhize.ingest.readers import SourceFile, read_document
from zhize.ingest.reform import extract_reform, join_cells
from zhize.ingest.reform.names import valid_name
from zhize.ingest.reform.tables import holds_table
from zhize.ingest.sanding import TYPE_PATTERN, Annotator, ClauseFacts, SandingParts, parse_sanding

_SANDING_TITLE = re.compile(r"(?P<subject>[^\n《》]{2,60}?)(?:机构)?(?:职能配置|主要职责)[^\n]{0,30}?(?:规定|方案)")
# Words every _SANDING_TITLE match contains: looking for them first spares the lazy, backtracking
# search on the long body lines that cannot match (that search was a fifth of the extraction time).
_SANDING_TITLE_WORDS = ("职能配置", "主要职责")
_QUOTED_TITLE = re.compile(r"《(?P<t>[^》]{4,80})》")
# The title of a plan: 机构改革方案, and the reforms of one kind of body that plans name so
# (综合行政执法改革实施方案, 事业单位改革方案, 行政管理体制改革方案).
# A plan by its title; also a 编委 meeting's minutes (X机构编制委员会会议纪要), whose decisions are
# reform events. (A notice adjusting duties, 关于调整X职责的通知, is not: the outside set reads one as
# a document with nothing to extract.)
_REFORM_TITLE = re.compile(r"(?:机构|执法|事业单位|管理体制)改革(?:实施)?方案|改革实施意见|机构改革的实施意见"
                           r"|机构编制委员会[^，。；]{0,16}?会议纪要")
_SANDING_MARKERS = ("内设机构", "人员编制", "主要职责")
_REFORM_MARKERS = re.compile(r"不再保留|组建|划入|更名为|合署办公|加挂")
# A decision on bodies or duties (a 编委 meeting's minutes or a report quoting them): 同意将X职责划入Y.
_DECIDED = re.compile(r"(?:同意|决定)(?:将|[^，。；]{2,30}?(?:加挂|更名为))")
_BRANCH = re.compile(r"(?P<stem>[^\W\d局]{2,4})分局$")  # 云州市生态环境局岚川分局 → 岚川
_PLACE_IN_TEXT = r"{stem}(?:自治县|县|区|市|旗)"
TITLE_MAX = 200  # graph.records.Name


@dataclass(frozen=True)
class Extracted:
    extract: Extract
    text: str


@dataclass(frozen=True)
class Body:
    """What reading a document's body found, handed to its `Extract`: the kind it reads as (with
    the evidence among the warnings), the department a 三定 regulates, and the records."""

    kind: DocumentKind
    subject: str | None = None
    departments: list[DepartmentRecord] = field(default_factory=list)
    units: list[UnitRecord] = field(default_factory=list)
    duties: list[DutyRecord] = field(default_factory=list)
    boundaries: list[BoundaryRecord] = field(default_factory=list)
    staffing: list[StaffingRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    warnings: list[ExtractWarning] = field(default_factory=list)


def extract_file(path: str | Path | SourceFile, *, annotate: Annotator | None = None, source: str | None = None,
                 issue_date: date | None = None, place: str | None = None) -> Extracted:
    """`path`: a file, or its bytes already read (`SourceFile`). `issue_date`: the date a user gives,
    taken over the one in the text. `place`: the document's jurisdiction as the user set it
    (`zhize documents set --place`)."""
    raw = read_document(path)
    path = raw.path
    try:
        return extract_text(raw.text, sha256=raw.sha256, source=source or str(path), annotate=annotate,
                            warnings=list(raw.warnings), issue_date=issue_date, place=place)
    except ValidationError as err:  # a record the text made does not fit the format: say so, in Chinese
        from zhize.graph.extract_format import describe

        where, message = describe(err)
        raise InputError(f"抽取结果不符合 zhize.extract/1 格式（字段 {where}：{message}），该文件未入库",
                         file=str(path)) from None


def joined(text: str) -> str:
    """The text with lines broken mid-sentence joined, once, as every reader then sees it; a table of
    transfers keeps one row per line."""
    return outline.reflow(join_cells(text), kept_apart)


def kept_apart(line: str) -> object:
    """A line that is joined to neither neighbour: a page's heading (部门职责) or one department name
    (the bodies a reform leaves are listed one per line). The only place lines are joined."""
    return layout.heading_kind(line) or valid_name(line.strip())


def extract_text(text: str, *, sha256: str, source: str | None = None, annotate: Annotator | None = None,
                 warnings: list[ExtractWarning] | None = None, issue_date: date | None = None,
                 place: str | None = None) -> Extracted:
    text = joined(text)
    warnings = list(warnings or [])
    spans = NameSpans()  # per document: shared by the annotator and the departments list
    annotate = annotate or default_annotator(spans)
    title = find_title(text)
    subject = find_subject(text, title)
    jurisdiction = given_place(place) or find_jurisdiction(text, title, subject.name if subject else None)
    if jurisdiction == UNKNOWN_PLACE:
        warnings.append(ExtractWarning(
            code="document.no_jurisdiction",
            message="未能确定文档所属的行政区划，暂记为“未知”（部门名称不加地名）；"
                    "入库后可用 zhize documents set 文档编号 --place 地名 补上"))
    dated = _issue_date(text, issue_date, warnings)
    book = NameBook(jurisdiction, parents=find_parents(text, jurisdiction))
    body = _extract_body(text, title, subject, jurisdiction, book, annotate, spans)
    document = DocumentRecord(sha256=sha256, kind=body.kind, title=title or Path(source or "未命名").stem,
                              jurisdiction=jurisdiction, issue_date=dated.day, date_source=dated.source,
                              cites=list(dated.cites), subject=body.subject,
                              source=source, chars=len(text), place_unknown=jurisdiction == UNKNOWN_PLACE)
    extract = Extract(document=document, departments=body.departments, units=body.units, duties=body.duties,
                      boundaries=body.boundaries, staffing=body.staffing, events=body.events,
                      warnings=warnings + body.warnings)
    return Extracted(extract, text)


class NameSpans(dict[str, list[tuple[int, int, str]]]):
    """Department-name spans of each clause text, as the pipeline's ``zhize_departments`` found them
    (or `find_department_names` for a text it did not see): the departments a document's duties
    name come from the same reading as their roles. Meant to live for one document."""

    def __missing__(self, text: str) -> list[tuple[int, int, str]]:
        found = self[text] = find_department_names(text)
        return found


def default_annotator(spans: NameSpans | None = None) -> Annotator:
    """The production reading of clauses: the spaCy pipeline (`zhize.ingest.nlp.annotate`, one
    ``nlp.pipe`` per batch of a document's clauses). With `spans`, the department names it found
    are kept there for the document's departments list."""
    from zhize.ingest.nlp import annotate

    def read(texts: Sequence[str]) -> list[ClauseFacts]:
        found = annotate(texts)
        if spans is not None:
            for text, facts in zip(texts, found, strict=True):
                spans[text] = [tuple(m) for m in facts.departments]
        return [ClauseFacts(a.role, a.matters, a.departments) for a in found]

    return Annotator(annotate=read)


def _extract_body(text: str, title: str | None, subject: Subject | None, jurisdiction: str, book: NameBook,
                  annotate: Annotator, spans: NameSpans) -> Body:
    """No gate: a department's duties are read wherever a department is named, a plan's events
    where the text is a plan; the kind follows from what was found, with the evidence."""
    if _REFORM_TITLE.search(title or "") and not (subject and subject.how == "标题"):
        return _with_plan_evidence(_reform_body(text, jurisdiction, book), "标题")
    if subject is not None:
        name = book.add(full_name(subject.name, jurisdiction, book.parents))
        parts = parse_sanding(text, name, book, annotate)
        if _holds_department(parts, subject):
            return Body(DocumentKind.SANDING, subject=name, departments=_departments(parts, text, book, spans),
                        units=parts.units, duties=parts.duties, boundaries=parts.boundaries, staffing=parts.staffing,
                        warnings=[_kind_evidence(parts, subject), *parts.warnings])
    if _reads_as_plan(text, title):
        # a fresh name book: reading the text as a department's page entered forms it does not hold
        # (a plaque it saw in 同意县甲中心加挂县乙中心牌子 taken for the page's own)
        body = _reform_body(text, jurisdiction, NameBook(jurisdiction, parents=book.parents))
        if body.events or _REFORM_TITLE.search(title or ""):
            return _with_plan_evidence(body, "改革用语")
    return Body(DocumentKind.OTHER, warnings=[_nothing_read(text, subject, book)])


def _nothing_read(text: str, subject: Subject | None, book: NameBook) -> ExtractWarning:
    """The one warning of a document that holds no department's duties; when it does hold a duty
    list whose department could not be found, it says so and how to fix the file."""
    if subject is not None:
        why = f"，文中提到的“{subject.name}”没有职责清单"
    else:
        found = len(parse_sanding(text, _NO_SUBJECT, book, Annotator()).main_duties)
        why = (f"；文中有 {found} 条职责，但未能确定是哪个部门的，请在文件开头写明部门全称（如“某县水利局主要职责”）"
               f"后重新读入") if found >= 2 else ""
    return ExtractWarning(code="document.unknown_kind",
                          message=f"未找到部门的职责清单、内设机构或编制，也不是机构改革方案：不抽取部门和职责{why}")


_NO_SUBJECT = "（未确定的部门）"


def _with_plan_evidence(body: Body, how: str) -> Body:
    note = ExtractWarning(code="document.kind",
                          message=f"判定为机构改革方案（依据{how}），改革事件 {len(body.events)} 项")
    return replace(body, warnings=[note, *body.warnings])


def _holds_department(parts: SandingParts, subject: Subject) -> bool:
    """A department page or 三定: a duty list, or units with staffing, or a formal 三定 title."""
    main = len(parts.main_duties)
    return main >= 2 or (len(parts.units) >= 2 and bool(parts.staffing)) or (subject.how == "标题" and main >= 1)


def _kind_evidence(parts: SandingParts, subject: Subject) -> ExtractWarning:
    found = [f"主要职责 {len(parts.main_duties)} 条", f"内设机构 {len(parts.units)} 个",
             f"编制 {len(parts.staffing)} 项", f"职责分工 {len(parts.boundaries)} 处"]
    if parts.affiliated:
        found.append(f"所属单位 {len(parts.affiliated)} 个（职责另计）")
    return ExtractWarning(code="document.kind",
                          message=f"判定为部门职责文件：部门“{subject.name}”（依据{subject.how}），" + "、".join(found))


def _reads_as_plan(text: str, title: str | None) -> bool:
    """A plan by its title, by the reform wording it is full of, or a news report of a reform: a
    few markers of which one creates or ends a body (新组建的市X局将……整合……不再保留市Y局). A notice
    that only moves duties between bodies (将X职责划入Y) is not a plan."""
    if title and _REFORM_TITLE.search(title):
        return True
    if holds_table(text):  # 序号｜划转职责｜原承担单位｜承接单位: a list of transfers
        return True
    markers = _REFORM_MARKERS.findall(text)
    if len(markers) >= 5 or (len(markers) >= 2 and _DECIDED.search(text)):
        return True
    creates = "组建" in markers
    return (len(markers) >= 3 and (creates or "不再保留" in markers)) or (
        len(markers) >= 2 and creates and "机构改革" in text)  # 根据《X机构改革方案》，新组建的X局……


def _reform_body(text: str, jurisdiction: str, book: NameBook) -> Body:
    parts = extract_reform(text, jurisdiction=jurisdiction, book=book)
    return Body(DocumentKind.REFORM, departments=parts.departments, events=parts.events, warnings=parts.warnings)


def _departments(parts: SandingParts, text: str, book: NameBook, spans: NameSpans) -> list[DepartmentRecord]:
    """The subject first, then every department the records refer to or the duty texts name."""
    names = [parts.subject]
    for b in parts.boundaries:
        names += b.departments + [s.department for s in b.shares]
    names += _named_in_duties(parts, book, spans) + list(parts.other_plaques) + list(parts.affiliated)
    out = []
    for name in dict.fromkeys(names):
        if name == parts.subject:
            out.append(DepartmentRecord(name=name, aliases=parts.aliases, plaques=parts.plaques, rank=parts.rank,
                                        type=parts.type))
        elif name in parts.affiliated:
            out.append(DepartmentRecord(name=name, type=parts.affiliated[name]))
        else:
            out.append(DepartmentRecord(name=name, aliases=book.aliases_of(name, text),
                                        plaques=sorted(parts.other_plaques.get(name, ()))))
    return out


def _named_in_duties(parts: SandingParts, book: NameBook, spans: NameSpans) -> list[str]:
    found = []
    for duty in parts.duties:
        for _, _, mention in spans[duty.text]:
            if is_principal(mention):
                continue  # 完成县委、县政府交办的其他任务: the leadership of the level, no department
            if mention[:1] in "县市区省" or place_of(mention) or book.resolve(mention):
                found.append(book.canonical(mention))
    return [n for n in found if n not in parts.plaques]


def find_title(text: str) -> str | None:
    """The document's own title: a 三定 or plan title line near the top (a 《》-quoted one in a
    notice counts too), else the first non-empty line."""
    head = text[:800]
    sanding, reform = [], []
    for line in head.split("\n"):
        line = line.strip()
        quoted = _QUOTED_TITLE.search(line) if "印发" in line else None
        if not quoted and not _title_like(line):
            continue
        candidate = (quoted.group("t") if quoted else line).strip("《》")
        if len(candidate) > TITLE_MAX:  # lines glued together, not a title (nor storable as one)
            continue
        if _sanding_title(candidate):
            sanding.append(candidate)
        elif _REFORM_TITLE.search(candidate) and re.search(r"(?:方案|意见)$", candidate):
            reform.append(candidate)
    for found in (sanding, reform):  # breadcrumb lines contain the title too: take the tightest
        if found:
            return min(found, key=len)
    for line in head.split("\n"):
        if line.strip():
            return line.strip()[:80]
    return None


def _title_like(line: str) -> bool:
    """A line that can be a title: short, and no sentence in it (a body sentence that mentions
    “……职能配置、内设机构和人员编制规定” is not one)."""
    return 0 < len(line) <= 80 and not any(p in line for p in "，。；,;")


@dataclass(frozen=True)
class Subject:
    """The department a page is about, as written, and where it was found (shown to the user)."""

    name: str
    how: str  # 标题 / 页面标题 / 单位名称 / 首句


# What may follow a department's name in a page title: 青杉县统计局机构职能, 《X局职责范围暂行规定》,
# X局主要职责、内设机构和人员编制, X局机构概况 — or nothing (a title that is only the name).
_TITLE_TAIL = re.compile(
    r"^(?:的|机构|职能配置|主要职责|主要职能|工作职能|职能职责|部门职责|机构职能|职责范围|职责任务|职责|职能|概况|简介|"
    r"内设机构|机构设置|人员编制|编制|和|、|及|暂行|试行|规定|方案|[“\"]?三定[”\"]?|若干问题|基本情况|"
    r"[（(][^）)]{0,8}[）)])*$")
_TITLE_HEAD = re.compile(r"^(?:关于)?(?:印发)?《?")
# A 单位名称 field: “单位名称：X”, a table row “单位名称｜X”, or label and value in cells on lines of their own.
_FIELD_NAME = re.compile(r"^(?:单位名称|机构名称|部门名称|单位全称)(?:[:：｜|]|\n)(?P<name>[^，。；\s]{3,40})$",
                         re.MULTILINE)
_PAGE_PARTS = re.compile(r"[>|｜»\-—_]+|\s{2,}")
# The first sentence of a page that names its department: “X局是区政府工作部门”, “X办（简称Y）是……日常
# 办事机构”, “第二条 X局（以下简称Y）是县人民政府工作部门”.
_FIRST_SENTENCE = re.compile(r"^(?:第[一二三四五六七八九十]+条\s*)?+(?P<name>[^，。；：:\s（(]{3,40}?)"
                             r"(?:[（(](?:以下)?简称[^）)]{1,20}[）)])?(?:是|为|作为|系)")


def find_subject(text: str, title: str | None) -> Subject | None:
    """The department the page is about: from its title, a 单位名称 field, a title-like heading
    line, or the first sentence that says what the body is; never a fragment of a sentence."""
    if title and (m := _sanding_title(title)):
        name = clean_subject(m.group("subject"))
        if _is_department(name):
            return Subject(name, "标题")
    head = text[:1500]
    lines = [line.strip() for line in head.split("\n")[:10] if line.strip()]
    for quoted in _QUOTED_TITLE.finditer("\n".join(lines)):
        if name := _title_subject(quoted.group("t")):
            return Subject(name, "标题")
    if (m := _FIELD_NAME.search(head)) and _is_department(m.group("name"), field=True):
        return Subject(m.group("name"), "单位名称")
    for i, line in enumerate(lines[:8]):
        if _title_like(line) and (name := _title_subject(line) or _town_government(line)) \
                and not _issuer_line(lines, i):
            return Subject(name, "页面标题")
    for line in head.split("\n"):
        line = layout.after_glued_cue(line.strip())
        m = _FIRST_SENTENCE.match(line)
        if m and _is_department(m.group("name")) and TYPE_PATTERN.search(line[:120]):
            return Subject(m.group("name"), "首句")
    for m in _OWN_FIGURES.finditer(text):
        if _is_department(m.group("name")):
            return Subject(m.group("name"), "编制或内设机构的句子")
    return None


# A sentence that states a department's own staffing or units names that department: “县商务局
# 核定行政编制7名”, “区统计局设4个内设机构：……”, “县司法局内设办公室、……”.
_OWN_FIGURES = re.compile(
    rf"^[\u3000 ]*(?:{'|'.join(map(re.escape, layout.GLUED_CUES))})?"  # 人员编制县司法局机关行政编制12名
    r"(?P<name>[^，。；：:\s（(、]{3,30}?)(?:[（(][^）)]{1,12}[）)])?"
    r"(?:机关)?(?:核定|共核定)?(?:行政编制|人员编制|设下列|设以下|内设|下设|设[0-9一二三四五六七八九十]+个)",
    re.MULTILINE)


_NOTICE = re.compile(r"^关于|(?:通知|决定|意见|方案|批复|函|纪要|讲话|报告)$")


def _issuer_line(lines: list[str], i: int) -> bool:
    """A name on its own line that heads a notice (中共X县委办公室 / X县人民政府办公室 / 关于……的
    通知) issues the document; it is not what the document is about."""
    following = lines[i + 1:i + 3]
    return any(_NOTICE.search(line) or _title_subject(line) == line for line in following)


def _title_subject(line: str) -> str | None:
    """The department of a title line made of a name and title words (or of the name alone)."""
    for part in _PAGE_PARTS.split(line):
        part = _TITLE_HEAD.sub("", part.strip("《》【】 \u3000")).strip("》")
        names = find_department_names(part)
        if names and names[0][0] == 0 and _TITLE_TAIL.match(part[names[0][1]:]):
            name = names[0][2]
            if _is_department(name):
                return name
    return None


def _town_government(line: str) -> str | None:
    """A page titled only with a township's or 街道's name (X镇, X乡, X街道) is about its government:
    X镇人民政府, X乡人民政府, X街道办事处."""
    line = line.strip("《》【】 \u3000")
    if not 3 <= len(line) <= 6 or not line.endswith(("镇", "乡", "街道")):
        return None
    name = line + ("办事处" if line.endswith("街道") else "人民政府")
    return name if place_of(name) == line else None


def _is_department(name: str, *, field: bool = False) -> bool:
    """The whole of `name` is one department's name (a shape the name finder accepts), or for a
    labelled field, at least an institution's ending (供销合作社联合社)."""
    name = name.strip()
    if not 3 <= len(name) <= 40 or any(p in name for p in "，。；、,;"):
        return False
    found = find_department_names(name)
    if found and found[0][:2] == (0, len(name)):
        return True
    return field and layout.is_body_name(name)


def _sanding_title(line: str) -> re.Match[str] | None:
    """`_SANDING_TITLE.search(line)`, run only where it can match: the lazy pattern backtracks
    badly on long lines that mention 主要职责 without being a title, and such lines are common.
    A match has one of `_SANDING_TITLE_WORDS` at most 62 characters (subject and 机构) after its
    start, and 规定 or 方案 starting at most 30 characters after that word."""
    if not any(word in line for word in _SANDING_TITLE_WORDS):  # most lines
        return None
    hits = [k for k in _word_positions(line, _SANDING_TITLE_WORDS)
            if "规定" in line[k + 4:k + 36] or "方案" in line[k + 4:k + 36]]
    if not hits:
        return None
    return _SANDING_TITLE.search(line, max(0, hits[0] - 62), hits[-1] + 36)


def _word_positions(line: str, words: tuple[str, ...]) -> list[int]:
    """Start of every occurrence of the (four-character) words in `line`, in order."""
    found = []
    for word in words:
        k = line.find(word)
        while k >= 0:
            found.append(k)
            k = line.find(word, k + 1)
    return sorted(found)


def classify(text: str, title: str | None) -> DocumentKind:
    if title and _sanding_title(title):
        return DocumentKind.SANDING
    if title and _REFORM_TITLE.search(title):
        return DocumentKind.REFORM
    head = text[:3000]
    if sum(marker in head for marker in _SANDING_MARKERS) >= 2:
        return DocumentKind.SANDING
    if len(_REFORM_MARKERS.findall(text)) >= 5:
        return DocumentKind.REFORM
    return DocumentKind.OTHER


def subject_of(title: str, jurisdiction: str, parents: dict[str, str] | None = None) -> str | None:
    m = _sanding_title(title)
    if not m:
        return None
    return full_name(clean_subject(m.group("subject")), jurisdiction, parents)


def clean_subject(raw: str) -> str:
    """The department part of a title line: after page furniture (首页>机构职能) and 关于印发."""
    last = re.split(r"[>|｜:：\s]", raw.strip())[-1]
    return re.sub(r"^(?:关于)?(?:印发|调整|明确)?", "", last).strip("《》“”")


def find_jurisdiction(text: str, title: str | None, subject: str | None = None) -> str:
    """The place the document belongs to: its subject's or title's place, or for a branch office of
    an upper level (云州市生态环境局岚川分局) the place the branch is named after."""
    if subject is None:
        titled = _sanding_title(title) if title else None
        subject = clean_subject(titled.group("subject")) if titled else title or ""
    branch = _BRANCH.search(subject)
    if branch:
        m = re.search(_PLACE_IN_TEXT.format(stem=re.escape(branch.group("stem"))), text)
        if m:
            return m.group(0)
    if (place := _national_branch_place(subject)) is not None:
        return place
    if is_national(subject, title or "", text):
        return NATIONAL
    for candidate in (subject, title or "", text[:400]):
        place = _trimmed_place(deepest_place(candidate.removeprefix("中共")))
        if place:
            return place
    for m in _PLACE_FALLBACK.finditer(text[:3000]):
        place = _trimmed_place(deepest_place(m.group("place") + "局"))
        if place:
            return place
    return UNKNOWN_PLACE


# Words a sentence may put right before a place name (经青禾县人民政府同意, 关于市县机构改革): never
# part of the name. Longest first.
_PLACE_LEADS = tuple(sorted("""关于 经 由 对 将 在 为 按照 根据 依据 下简称 简称 加挂 已经 现将 现
    和 与 及 同意 报 请 向 从 各 全 本""".split(), key=len, reverse=True))
_LEVEL_SUFFIX = re.compile(r"(?:自治县|县|区|旗|市|州|省)$")


def _trimmed_place(place: str | None) -> str | None:
    """The place without a leading function word, or None when too little is left for a name."""
    if not place:
        return None
    for lead in _PLACE_LEADS:
        if place.startswith(lead):
            place = place[len(lead):]
            break
    core = _LEVEL_SUFFIX.sub("", place)
    bad = max((i for i, c in enumerate(core) if c in _NOT_IN_PLACE), default=-1)
    if bad >= 0:  # 完成县委、县政府交办的…: 完成县 is no place; 职责经杉林县 → 杉林县
        place, core = place[bad + 1:], core[bad + 1:]
    return place if 2 <= len(core) <= 6 and core[0] not in "县市区省州旗" else None


# Characters of the verbs and particles that stand before a level word without being a place.
_NOT_IN_PLACE = frozenset(
    "负责配合协助会同承担牵头指导督促组建撤销保留划入给交并挂更调报送提请移接受委托依支持做好推进检查参与称简优化"
    "明确批准印发抄兼任完成落实施据告知统筹增强和年月日底时全本各该其我向对将由在为经"
    # a sentence's verb and an article number are never inside a place: 第一条 林业局是县人民政府工作部门
    "是系局条第")


def extract_again(source: str | None, place: str, issue_date: date | None = None) -> Extract:
    """The document read again from its file with the place the user gave (`zhize documents set`):
    its department names then carry that place. Raises `InputError` when the file is gone."""
    if not source or not Path(source).is_file():
        raise InputError("原文件已不在，无法重新抽取；请用 zhize ingest 重新读入该文件后再设置地区", file=source or "")
    if given_place(place) is None:
        raise InputError("地区不能为空，如 岚川县；中央和国家机关写 中央", file=source)
    return extract_file(source, source=source, place=place, issue_date=issue_date).extract


def given_place(place: str | None) -> str | None:
    """A place the user gave: 全国 and 中央 both mean the central level."""
    if place is None or not place.strip():
        return None
    place = place.strip()
    return NATIONAL if place in ("全国", "中央", "国家") else place


# National bodies: names that begin like one (国务院办公厅, 国家数据局, 中共中央宣传部, 中央军委政治
# 工作部, 全国妇联), or a name with no place whose text calls it a central body (自然资源部 “是国务院
# 组成部门”).
_NATIONAL_NAME = re.compile(r"^(?:中华人民共和国|国务院|国家|中共中央|中央|全国|党中央|最高人民)")
_NATIONAL_TYPE = re.compile(
    r"是(?:国务院|党中央|中共中央|中央)[^，。；]{0,12}?(?:部门|机构|机关|单位)|国务院(?:组成部门|直属)")


# A vertically managed body's local branch carries the national body's name first and then the
# place it serves: 国家税务总局岚川县税务局, 国家金融监督管理总局云州监管分局 — the branch is that place's.
_NATIONAL_HEAD = re.compile(r"^(?:中华人民共和国|国家|中国)[\u4e00-\u9fff]{1,12}?(?:总局|局|署|银行)")


def _national_branch_place(subject: str) -> str | None:
    """The place of a national body's local branch named like 国家税务总局岚川县税务局, else None."""
    head = _NATIONAL_HEAD.match(subject)
    if head is None:
        return None
    return _trimmed_place(deepest_place(subject[head.end():]))


def is_national(subject: str, title: str, text: str) -> bool:
    """Whether the document belongs to the central level (jurisdiction 中央)."""
    for name in (subject, title):
        if name and _NATIONAL_NAME.match(name.removeprefix("《")):
            return True
    return bool(subject) and place_of(subject) is None and subject[:1] not in "县市区省州旗" \
        and _NATIONAL_TYPE.search(text[:3000]) is not None


# Last resort: a county-level name right before the name of one of its organs. Without that
# context a run like 关于市县机构改革 or 下简称县 would be taken for a place.
_PLACE_FALLBACK = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,5}?(?:自治县|县|区|旗))"
                             r"(?=人民政府|人民代表大会|委员会|机构编制|党委|委(?!员)|政府)")


def _issue_date(text: str, given: date | None, warnings: list[ExtractWarning]) -> IssueDate:
    """The date a user gave, else the one read (ingest.dates); an undated document is warned of."""
    found = find_issue_date(text)
    if given is not None:
        if found.day is not None and found.day != given:
            warnings.append(ExtractWarning(code="document.date_given", message=(
                f"文中的印发日期为 {found.day.isoformat()}，按指定日期 {given.isoformat()} 入库")))
        return IssueDate(given, DATE_GIVEN, found.year, found.cites)
    if found.day is None:
        warnings.append(ExtractWarning(code="document.no_date", message=no_date_message(found)))
    return found

