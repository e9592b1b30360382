"""One document → one `Extract` (format zhize.extract/1): read, normalise, classify, parse.

Deterministic and offline. The text of record is the normalised, reflowed text; every span in
the result points into it (`Extracted.text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from zhize.graph.errors import InputError
from zhize.graph.records import (
    DepartmentRecord,
    DocumentKind,
    DocumentRecord,
    Extract,
    ExtractWarning,
)
from zhize.ingest import outline
from zhize.ingest.names import NameBook, find_parents, full_name, place_of
from zhize.ingest.numerals import find_dates, first_date
from zhize.ingest.readers import read_document
from zhize.ingest.sanding import Annotator, SandingParts, parse_sanding

_SANDING_TITLE = re.compile(r"(?P<subject>[^\n《》]{2,60}?)(?:机构)?(?:职能配置|主要职责)[^\n]{0,30}?(?:规定|方案)")
# Words every _SANDING_TITLE match contains: looking for them first spares the lazy, backtracking
# search on the long body lines that cannot match (that search was a fifth of the extraction time).
_SANDING_TITLE_WORDS = ("职能配置", "主要职责")
_QUOTED_TITLE = re.compile(r"《(?P<t>[^》]{4,80})》")
_REFORM_TITLE = re.compile(r"机构改革(?:实施)?方案|改革实施意见|机构改革的实施意见|机构改革实施方案")
_SANDING_MARKERS = ("内设机构", "人员编制", "主要职责")
_REFORM_MARKERS = re.compile(r"不再保留|组建|划入|更名为|合署办公|加挂")
_BRANCH = re.compile(r"(?P<stem>[\u4e00-\u9fff]{2,4})分局$")
_PLACE_IN_TEXT = r"{stem}(?:自治县|县|区|市|旗)"
TITLE_MAX = 200  # graph.records.Name


@dataclass(frozen=True)
class Extracted:
    extract: Extract
    text: str


def extract_file(path: str | Path, *, annotate: Annotator | None = None, source: str | None = None) -> Extracted:
    raw = read_document(path)
    fallback = date.fromtimestamp(Path(path).stat().st_mtime)
    try:
        return extract_text(raw.text, sha256=raw.sha256, source=source or str(path), annotate=annotate,
                            warnings=list(raw.warnings), fallback_date=fallback)
    except ValidationError as err:  # a record the text made does not fit the format: say so, in Chinese
        from zhize.graph.extract_format import describe

        where, message = describe(err)
        raise InputError(f"抽取结果不符合 zhize.extract/1 格式（字段 {where}：{message}），该文件未入库",
                         file=str(path)) from None


def extract_text(text: str, *, sha256: str, source: str | None = None, annotate: Annotator | None = None,
                 warnings: list[ExtractWarning] | None = None, fallback_date: date | None = None) -> Extracted:
    text = outline.reflow(text)
    warnings = list(warnings or [])
    spans = NameSpans()  # per document: shared by the annotator and the departments list
    annotate = annotate or default_annotator(spans)
    title = find_title(text)
    kind = classify(text, title)
    jurisdiction = find_jurisdiction(text, title)
    if jurisdiction == UNKNOWN_PLACE:
        warnings.append(ExtractWarning(code="document.no_jurisdiction",
                                       message="未能确定文档所属的行政区划，暂记为“未知”，请核对标题中的地名"))
    issued = find_issue_date(text)
    if issued is None:
        issued = fallback_date or date.today()
        warnings.append(ExtractWarning(code="document.no_date", message=f"未找到印发日期，暂用 {issued.isoformat()}"))
    if kind == DocumentKind.OTHER:
        warnings.append(ExtractWarning(code="document.unknown_kind",
                                       message="既不像三定规定也不像机构改革方案，只抽取能识别的内容"))
    book = NameBook(jurisdiction, parents=find_parents(text, jurisdiction))
    body = _extract_body(text, kind, title, jurisdiction, book, annotate, spans)
    document = DocumentRecord(sha256=sha256, kind=kind, title=title or Path(source or "未命名").stem,
                              jurisdiction=jurisdiction, issue_date=issued, subject=body.get("subject"),
                              source=source, chars=len(text))
    extract = Extract(document=document, departments=body.get("departments", []), units=body.get("units", []),
                      duties=body.get("duties", []), boundaries=body.get("boundaries", []),
                      staffing=body.get("staffing", []), events=body.get("events", []),
                      warnings=warnings + body.get("warnings", []))
    return Extracted(extract, text)


class NameSpans(dict[str, list[tuple[int, int, str]]]):
    """Department-name spans of each clause text (`find_department_names`), found once: a duty's
    role, its matters and the departments its text names all start from the same spans, and the
    name search is the costliest step of each. Meant to live for one document."""

    def __missing__(self, text: str) -> list[tuple[int, int, str]]:
        finder = _name_finder()
        found = self[text] = finder(text) if finder else []
        return found


@cache
def _name_finder():
    """`find_department_names`, imported once (an import statement per clause costs as much as a
    small search), or None when the module is unavailable."""
    try:
        from zhize.ingest.names_pattern import find_department_names
    except ImportError:
        return None
    return find_department_names


def default_annotator(spans: NameSpans | None = None) -> Annotator:
    """Roles and matters from the rule tables (ingest.roles, ingest.matters) when available.
    With `spans`, both read the department names of a clause from it instead of searching twice
    (same result: `role_of` and `matters_of` take the spans of the whole clause)."""
    try:
        from zhize.ingest.matters import matters_of
        from zhize.ingest.roles import role_of
    except ImportError:
        return Annotator()
    if spans is None:
        return Annotator(role=role_of, matters=matters_of)
    return Annotator(role=lambda clause: role_of(clause, spans[clause]),
                     matters=lambda clause: matters_of(clause, spans[clause]))


def _extract_body(text: str, kind: DocumentKind, title: str | None, jurisdiction: str, book: NameBook,
                  annotate: Annotator, spans: NameSpans) -> dict:
    subject = subject_of(title, jurisdiction, book.parents) if title else None
    if kind == DocumentKind.REFORM or (kind == DocumentKind.OTHER and not subject):
        return _reform_body(text, jurisdiction, book)
    if not subject:
        return {"warnings": [ExtractWarning(code="sanding.no_subject", message="未能从标题中确定部门名称")]}
    book.add(subject)
    parts = parse_sanding(text, subject, book, annotate)
    return {"subject": subject, "departments": _departments(parts, text, book, spans), "units": parts.units,
            "duties": parts.duties, "boundaries": parts.boundaries, "staffing": parts.staffing,
            "warnings": parts.warnings}


def _reform_body(text: str, jurisdiction: str, book: NameBook) -> dict:
    try:
        from zhize.ingest.reform import extract_reform
    except ImportError:
        return {"warnings": [ExtractWarning(code="reform.unavailable", message="改革方案抽取模块不可用")]}
    parts = extract_reform(text, jurisdiction=jurisdiction, book=book)
    return {"departments": parts.departments, "events": parts.events, "warnings": parts.warnings}


def _departments(parts: SandingParts, text: str, book: NameBook, spans: NameSpans) -> list[DepartmentRecord]:
    """The subject first, then every department the records refer to or the duty texts name."""
    names = [parts.subject]
    for b in parts.boundaries:
        names += b.departments + [s.department for s in b.shares]
    names += _named_in_duties(parts, book, spans) + list(parts.other_plaques)
    out = []
    for name in dict.fromkeys(names):
        if name == parts.subject:
            out.append(DepartmentRecord(name=name, aliases=parts.aliases, plaques=parts.plaques, rank=parts.rank,
                                        type=parts.type))
        else:
            out.append(DepartmentRecord(name=name, aliases=book.aliases_of(name, text),
                                        plaques=sorted(parts.other_plaques.get(name, ()))))
    return out


def _named_in_duties(parts: SandingParts, book: NameBook, spans: NameSpans) -> list[str]:
    found = []
    for duty in parts.duties:
        for _, _, mention in spans[duty.text]:
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


def find_jurisdiction(text: str, title: str | None) -> str:
    """The place the document belongs to: its title's place, or for a branch office of an upper
    level (云州市生态环境局岚川分局) the place the branch is named after."""
    titled = _sanding_title(title) if title else None
    subject = clean_subject(titled.group("subject")) if titled else title or ""
    branch = _BRANCH.search(subject)
    if branch:
        m = re.search(_PLACE_IN_TEXT.format(stem=re.escape(branch.group("stem"))), text)
        if m:
            return m.group(0)
    for candidate in (subject, title or "", text[:400]):
        place = _trimmed_place(place_of(candidate.removeprefix("中共")))
        if place:
            return place
    for m in _PLACE_FALLBACK.finditer(text[:2000]):
        place = _trimmed_place(m.group("place"))
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
    return place if len(core) >= 2 and core[0] not in "县市区省州旗" else None


UNKNOWN_PLACE = "未知"
# Last resort: a county-level name right before the name of one of its organs. Without that
# context a run like 关于市县机构改革 or 下简称县 would be taken for a place.
_PLACE_FALLBACK = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,5}?(?:自治县|县|区|旗))"
                             r"(?=人民政府|人民代表大会|委员会|机构编制|党委|委(?!员)|政府)")


def _first_lines(text: str, n: int) -> str:
    """``"\\n".join(text.split("\\n")[:n])`` without splitting the whole text."""
    end = -1
    for _ in range(n):
        end = text.find("\n", end + 1)
        if end < 0:
            return text
    return text[:end]


def find_issue_date(text: str) -> date | None:
    """The date near the top (under the title or in the notice), else the last date of the text."""
    first = first_date(_first_lines(text, 8))
    if first:
        return first[1]
    dates = find_dates(text)
    return dates[-1][1] if dates else None
