"""Limits on what a file may expand to, checked while it is read, and other guards between a
hostile or unlucky file and the reader's memory or the user's screen.

A .docx is a zip archive: a 746 KB file can declare a 200 MB `document.xml`, and parsing that
took 7.4 GB. The sizes a zip declares in its central directory bound what Python's zipfile will
ever decompress (it cuts each member at its declared size and then checks the CRC), so checking
them before python-docx opens the archive bounds the work. A PDF is bounded by its page count and
the text taken out page by page (pypdf bounds each stream itself); HTML by its size.

Every limit is far above any real 三定 or reform plan (a long one is 30 pages, 60,000 characters,
a `document.xml` under 2 MB) and raises `InputError` naming the file.

Also here: pypdf's English log lines and warnings kept from the user (the reader turns every
pypdf failure into its own Chinese error), and `joined_documents`, the warning for a text that
looks like many documents joined together (read as one, it gives a handful of duties).
"""

from __future__ import annotations

import io
import logging
import re
import warnings
import zipfile
from dataclasses import dataclass
from functools import cache

from zhize.graph.errors import InputError
from zhize.graph.records import ExtractWarning

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    zip_members: int = 2_000  # a .docx has a few dozen parts
    zip_total: int = 256 * MB  # everything, uncompressed (python-docx loads every part, images too)
    xml_member: int = 32 * MB  # one XML part: parsed into a tree about ten times its size
    zip_ratio: int = 200  # uncompressed : compressed, for members over `ratio_from` bytes
    ratio_from: int = 1 * MB
    pdf_pages: int = 3_000
    text_chars: int = 30_000_000  # text taken out of a .docx or .pdf
    html_bytes: int = 64 * MB


LIMITS = Limits()
# Compression methods Word, WPS and LibreOffice write; others (bzip2, lzma) are not bounded per
# read call by zipfile and no real .docx uses them.
_ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n} 字节"


def check_zip(data: bytes, file: str, limits: Limits | None = None, kind: str = "Word 文件") -> None:
    """Refuse a .docx (or an .ofd, `kind` "OFD 文件") whose members would expand beyond the limits,
    before any is decompressed."""
    limits = limits or LIMITS
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return  # not a zip at all: the reader's own error says the file is damaged
    if len(members) > limits.zip_members:
        raise InputError(f"{kind}内部有 {len(members)} 个部件，超过上限 {limits.zip_members}，不像正常的文档",
                         file=file)
    total = 0
    for m in members:
        total += m.file_size
        problem = _member_problem(m, limits)
        if problem:
            raise InputError(f"{kind}内部的 {m.filename[:80]} {problem}，已拒绝读取（可能是恶意构造的压缩炸弹）",
                             file=file)
    if total > limits.zip_total:
        raise InputError(f"{kind}解压后共 {_mb(total)}，超过上限 {_mb(limits.zip_total)}，已拒绝读取", file=file)


def _member_problem(m: zipfile.ZipInfo, limits: Limits) -> str | None:
    if m.compress_type not in _ZIP_METHODS:
        return "使用了 Word 不用的压缩方式"
    if m.filename.lower().endswith((".xml", ".rels")) and m.file_size > limits.xml_member:
        return f"解压后有 {_mb(m.file_size)}，超过上限 {_mb(limits.xml_member)}"
    if m.file_size > limits.ratio_from and m.file_size > limits.zip_ratio * max(m.compress_size, 1):
        return f"压缩比超过 {limits.zip_ratio} 倍（{_mb(m.compress_size)} 解压为 {_mb(m.file_size)}）"
    return None


def check_pdf_pages(pages: int, file: str, limits: Limits | None = None) -> None:
    limits = limits or LIMITS
    if pages > limits.pdf_pages:
        raise InputError(f"PDF 有 {pages} 页，超过上限 {limits.pdf_pages} 页，请拆分后再读取", file=file)


def check_html(data: bytes, file: str, limits: Limits | None = None) -> None:
    limits = limits or LIMITS
    if len(data) > limits.html_bytes:
        raise InputError(f"网页文件有 {_mb(len(data))}，超过上限 {_mb(limits.html_bytes)}，不像一份三定或改革方案",
                         file=file)


class TextBudget:
    """Counts the text taken out of a file as it is taken out; raises once it is too much."""

    def __init__(self, file: str, limits: Limits | None = None):
        self.file, self.limit, self.used = file, (limits or LIMITS).text_chars, 0

    def spend(self, text: str, where: str | None = None) -> str:
        self.used += len(text)
        if self.used > self.limit:
            raise InputError(f"文件中的文字超过 {self.limit // 10_000} 万字，不像一份三定或改革方案，"
                             "已停止读取", file=self.file, where=where)
        return text


@cache
def quiet_pypdf() -> None:
    """pypdf reports recoverable damage in English, by logging and by warnings; the reader says in
    Chinese what matters (a page without text, a damaged file). Set once per process."""
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", module=r"pypdf(\.|$)")


# -- a text of many documents ---------------------------------------------------------------------

# A line that is a whole 三定 or reform-plan title: 《…职能配置、内设机构和人员编制规定》, ……机构改革方案.
_TITLE_LINE = re.compile(r"^[《〈]?[^\n。；，]{2,60}?"
                         r"(?:(?:职能配置|主要职责)[^\n。；，]{0,30}?规定|机构改革(?:实施)?方案|机构改革的实施意见)[》〉]?$")
_FIRST_ARTICLE = re.compile(r"^\s*第一条")
JOINED_AT = 3  # one document has one title line and one 第一条; three starts are several documents


def document_starts(text: str) -> int:
    """How many places in `text` look like the start of a document: a title on a line of its own,
    or numbering that starts again at 第一条 (the larger of the two counts)."""
    titles = articles = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if len(stripped) <= 90 and _TITLE_LINE.match(stripped):
            titles += 1
        if _FIRST_ARTICLE.match(line):
            articles += 1
    return max(titles, articles)


def joined_documents(text: str) -> list[ExtractWarning]:
    """The warning for a text that looks like many documents joined together, if it does."""
    starts = document_starts(text)
    if starts < JOINED_AT:
        return []
    message = (f"文中有 {starts} 处像是一份文件的开头（单独成行的标题，或重新从“第一条”编号），"
               "可能是多份文件连在一起；它只能作为一份文档读取，抽取结果会很不完整，请把各文件分开后再入库")
    return [ExtractWarning(code="read.joined_documents", message=message)]
