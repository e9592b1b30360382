"""Document readers: one file in, its normalised text of record out (`read_document`).

Formats, chosen by file extension: ``.txt``, ``.md``, ``.html``/``.htm``, ``.docx``, ``.pdf``, and the
old binary Word ``.doc`` (also WPS's ``.wps``, the same format; `ingest.word97`) and OFD ``.ofd``,
the fixed-layout format of electronic official documents (`ingest.ofd`). A Word file is
read by what its bytes are, not by its name: a .doc that is really a .docx, or a web page saved
with a .doc name, is read as what it is.
Reading is offline and deterministic: the same bytes always give the same `RawText`.

Text encodings are detected, never assumed (`decode_text`): a BOM (UTF-8, UTF-16, UTF-32) wins;
bytes with NULs are tried as BOM-less UTF-16/UTF-32 or refused as binary; then strict UTF-8;
then BOM-less UTF-16 of pure Chinese text (it has no NULs); then strict GB18030 (a superset of
GBK and GB2312). charset-normalizer is asked only for inputs of at least 64 bytes (it guesses
badly on less), when nothing above fits or when the GB18030 reading does not look like Chinese
(Big5 bytes, for one, are valid GB18030 but read as nonsense).

Problems that leave the document usable become warnings (`graph.records.ExtractWarning`) with
one of these codes; anything unusable raises `graph.errors.InputError` naming the file:

- ``read.encoding_guessed``: the encoding came from charset-normalizer's guess.
- ``read.encoding_doubtful``: decoded as GB18030, but the text does not look like Chinese.
- ``read.charset_ignored``: an HTML page's declared charset was unknown, unusable or wrong.
- ``read.page_without_text``: a PDF page has no text layer (scanned or an image).
- ``read.radicals_mapped``: Kangxi radicals were replaced by ordinary characters.
- ``read.traditional_converted``: lines in Traditional Chinese were converted to Simplified.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

from zhize.graph.errors import InputError, unreadable
from zhize.graph.records import ExtractWarning
from zhize.ingest import limits
from zhize.ingest.normalize import count_radicals, has_traditional, is_traditional, normalize_newlines, normalize_text

__all__ = ["SUFFIXES", "RawText", "SourceFile", "decode_text", "html_main_text", "html_to_text", "read_document",
           "strip_markdown"]

Format = Literal["txt", "md", "html", "docx", "doc", "pdf", "ofd"]

SUFFIXES: dict[str, Format] = {
    ".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
    ".docx": "docx", ".doc": "doc", ".wps": "doc", ".pdf": "pdf", ".ofd": "ofd",
}
_MIN_GUESS_BYTES = 64  # charset-normalizer is unreliable below about 20 Chinese characters
_SAMPLE_CHARS = 4096
_CHINESE_ENCODINGS = {"big5", "big5hkscs", "cp950", "gb2312", "gbk", "gb18030", "hz"}
_UNICODE_ENCODINGS = {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                      "utf-32-be"}
_BOMS = (  # (BOM, codec named in RawText, codec for the bytes after it); UTF-32-LE's BOM first,
    # because it starts with UTF-16-LE's
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .doc / .xls
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class RawText:
    """One document's text of record: the normalised text that every span refers to.

    ``encoding`` is the detected text encoding (a Python codec name such as ``gb18030`` or
    ``utf-8-sig``); None for .docx and .pdf, whose text is not stored in a byte encoding.
    ``sha256`` is the hash of the file's bytes.
    """

    text: str
    path: Path
    format: Format
    encoding: str | None
    sha256: str
    warnings: tuple[ExtractWarning, ...] = ()


@dataclass(frozen=True)
class SourceFile:
    """A file's bytes and their sha256, read and hashed once: a batch tells an unchanged file by
    its hash and reads the same bytes (`read_document`) when it is new."""

    path: Path
    data: bytes
    sha256: str

    @classmethod
    def read(cls, path: str | Path) -> SourceFile:
        path = Path(path)
        data = _read_bytes(path)
        return cls(path, data, hashlib.sha256(data).hexdigest())


@dataclass
class _Extracted:
    text: str
    encoding: str | None = None
    warnings: list[ExtractWarning] = field(default_factory=list)


def read_document(file: str | Path | SourceFile) -> RawText:
    """Read a .txt/.md/.html/.htm/.docx/.pdf file (or the bytes already read of one) and return its
    normalised text of record."""
    path = file.path if isinstance(file, SourceFile) else Path(file)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(_unsupported_message(path.suffix), file=str(path))
    source = file if isinstance(file, SourceFile) else SourceFile.read(path)
    extracted = _READERS[fmt](source.data, str(path))
    text = normalize_text(extracted.text)
    if not text:
        raise InputError("文件中没有可读取的文字", file=str(path))
    warnings = (*extracted.warnings, *_normalization_warnings(extracted.text), *limits.joined_documents(text))
    return RawText(text=text, path=path, format=fmt, encoding=extracted.encoding, sha256=source.sha256,
                   warnings=warnings)


def decode_text(data: bytes, *, file: str) -> tuple[str, str, list[ExtractWarning]]:
    """Decode the bytes of a text file: (text, codec name, warnings). See the module docstring."""
    for bom, encoding, body_codec in _BOMS:
        if data.startswith(bom):
            return _decode_after_bom(data, len(bom), body_codec, file), encoding, []
    if b"\x00" in data:
        return _decode_nul_bearing(data, file)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as err:
        utf8_error = err
    encoding = _bomless_chinese_utf16(data)
    if encoding:
        return data.decode(encoding), encoding, []
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as err:
        return _decode_guessed(data, file, [utf8_error, err])
    return _check_gb18030(data, text)


# --- plain text and markdown ------------------------------------------------------------------


def _read_txt(data: bytes, file: str) -> _Extracted:
    text, encoding, warnings = decode_text(data, file=file)
    return _Extracted(text, encoding, warnings)


def _read_markdown(data: bytes, file: str) -> _Extracted:
    text, encoding, warnings = decode_text(data, file=file)
    return _Extracted(strip_markdown(text), encoding, warnings)


_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_RULE = re.compile(r"^\s{0,3}([-*_=])(\s*\1){2,}\s*$")
_MD_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_MD_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
# Any nesting of quote markers, heading hashes (also without the space CommonMark wants) and bullets.
_MD_BLOCK_PREFIX = re.compile(r"^(?:\s{0,3}>\s?|\s{0,3}#{1,6}\s*|\s*[-*+]\s+(?:\[[ xX]\]\s+)?)+")
_MD_HEADING_CLOSE = re.compile(r"\s+#+\s*$")
_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # image
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline link
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference link
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolink
    (re.compile(r"<br\s*/?>", re.IGNORECASE), "\n"),
    (re.compile(r"(`+)(.+?)\1"), r"\2"),  # inline code
    (re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong, strikethrough
    (re.compile(r"\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*"), r"\1"),  # emphasis (also inside a word)
    (re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_ESCAPED = re.compile("[\U0010ff21-\U0010ff7e]")  # stand-ins for escaped ASCII punctuation
_MD_ESCAPE_BASE = 0x10FF00


def strip_markdown(text: str) -> str:
    """Markdown source → plain lines: markers that would glue into the text are removed.

    Headings (#), block quotes (>), bullets (-, *, +), emphasis, inline code, links, images,
    rules, code fences and table pipes go; line structure and ordered-list numbers (1. 2.) stay,
    because numbering carries meaning in 三定 texts. Each table cell becomes its own line.
    """
    lines = []
    for line in normalize_newlines(text).split("\n"):
        if _MD_FENCE.match(line) or _MD_RULE.match(line) or _MD_LINK_DEFINITION.match(line):
            lines.append("")
        elif line.lstrip().startswith("|"):
            lines.extend(_markdown_table_row(line))
        else:
            lines.append(_strip_markdown_line(line))
    return "\n".join(lines)


def _strip_markdown_line(line: str) -> str:
    stripped = _MD_BLOCK_PREFIX.sub("", line)
    if "#" in line[: len(line) - len(stripped)]:
        stripped = _MD_HEADING_CLOSE.sub("", stripped)
    # Escaped characters (\*) are set aside first so that no markup pattern takes them.
    stripped = _MD_ESCAPE.sub(lambda m: chr(_MD_ESCAPE_BASE + ord(m.group(1))), stripped)
    for pattern, replacement in _MD_INLINE:
        stripped = pattern.sub(replacement, stripped)
    return _MD_ESCAPED.sub(lambda m: chr(ord(m.group()) - _MD_ESCAPE_BASE), stripped)


def _markdown_table_row(line: str) -> list[str]:
    if _MD_TABLE_SEPARATOR.match(line):
        return []
    cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [_strip_markdown_line(cell.strip()) for cell in cells if cell.strip()]


# --- HTML ---------------------------------------------------------------------------------------

_DECLARED_CHARSET = re.compile(  # <meta charset>, <meta http-equiv ... content="...; charset=">, <?xml?>
    rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)|<\?xml\s[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)",
    re.IGNORECASE)
_GBK_LABELS = {"gb2312", "gbk", "gb18030", "x-gbk", "csgb2312", "chinese", "gb_2312-80", "iso-ir-58"}
_HTML_SKIPPED = {"script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe",
                 "object"}
_HTML_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def _read_html(data: bytes, file: str) -> _Extracted:
    limits.check_html(data, file)
    text, encoding, warnings = _decode_html(data, file)
    return _Extracted(html_main_text(text), encoding, warnings)


def html_main_text(html: str) -> str:
    """The page's main content: its title heading, then the article without navigation,
    breadcrumbs, sidebars, page dates, print links and footers; tables are kept, one row a line with
    cells joined by ｜ (units and staffing are often tables). Read by trafilatura, chosen by
    measuring on government pages (bench/html_main_content.py); where it finds no main content (a
    fragment of a page, a page that is all table), the whole visible text (`html_to_text`)."""
    found = _trafilatura_main(html)
    if found is None:
        return html_to_text(html)
    title, text = found
    text = _with_headings(text, html)
    if title and title not in text[:200]:
        text = title + "\n" + text
    return text


_HEADING = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def _with_headings(text: str, html: str) -> str:
    """The main text with the page's heading elements put back where they stood: trafilatura drops
    short <h1>–<h6> (“主要职责”, “内设机构”, the article's own “X局机构职能”), and a page laid out
    with headings then reads as one run of items. A heading goes before the first main line that
    follows it on the page; of several headings in a row (a sidebar's, then the article's) only the
    last, nearest one."""
    import html as entities

    headings = {" ".join(entities.unescape(_TAG.sub("", h)).split()) for h in _HEADING.findall(html)}
    lines = text.split("\n")
    present = set(lines)
    headings = {h for h in headings if h and h not in present}
    if not headings:
        return text
    starts = {line.split("｜")[0]: i for i, line in reversed(list(enumerate(lines)))}  # a row by its first cell
    before: dict[int, str] = {}
    pending = None
    for line in html_to_text(html).split("\n"):
        line = " ".join(line.split())
        if line in headings:
            pending = line
        elif pending and line in starts and starts[line] not in before:
            before[starts[line]] = pending
            headings.discard(pending)
            pending = None
    return "\n".join(f"{before[i]}\n{line}" if i in before else line for i, line in enumerate(lines))


def _trafilatura_main(html: str) -> tuple[str, str] | None:
    import trafilatura  # deferred: lxml and the extractor load in about 0.1 s

    xml = trafilatura.extract(html, output_format="xml", include_tables=True, include_comments=False,
                              with_metadata=True, deduplicate=False, include_images=False)
    if not xml:
        return None
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    text = _xml_text(main) if main is not None else ""
    visible = html_to_text(html)
    if not text or len(text) < _MAIN_CONTENT_SHARE * len(visible) or \
            text.count("\n") * _LINES_KEPT < visible.strip().count("\n"):
        return None
    return (root.get("title") or "").strip(), text


# The library failed on the page when it kept less than this share of the visible text (it
# dropped a page that is mostly one table) or ran the page's lines together into a few (on a
# small page it falls back to the body's text without structure): the numbering of items must
# start lines.
_MAIN_CONTENT_SHARE = 0.25
_LINES_KEPT = 4
_XML_BLOCKS = {"p", "head", "item", "list", "table", "quote", "code", "main", "div", "cell"}


def _xml_text(main: Any) -> str:
    """trafilatura's XML as lines: a paragraph, heading or <lb/> ends a line; a table row is one
    line with its cells joined by ｜ unless its cells hold paragraphs of their own (a page laid
    out with tables)."""
    parts: list[str] = []
    _xml_parts(main, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _xml_parts(element: Any, parts: list[str]) -> None:
    tag = element.tag
    if tag == "row" and not any(len(cell) and any(c.tag in _XML_BLOCKS for c in cell) for cell in element):
        parts.append("\n" + "｜".join(" ".join("".join(c.itertext()).split()) for c in element) + "\n")
    else:
        block = tag in _XML_BLOCKS or tag == "row"
        if block or tag == "lb":
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        for child in element:
            _xml_parts(child, parts)
        if block:
            parts.append("\n")
    if element.tail:
        parts.append(element.tail)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page in source order: block elements and <br> end lines.

    Script, style, the <head> (title and metadata) and comments are dropped; entities are
    decoded; runs of HTML whitespace collapse to one space except inside <pre>.
    """
    parser = _TextCollector()
    parser.feed(html)
    parser.close()
    return parser.text()


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skipping: list[str] = []  # open elements whose content is not text
        self._pre = 0
        self._break_pending = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" or (tag in _HTML_BLOCKS and self._skipping == ["head"]):
            self._skipping.clear()  # a <head> left open ends where the body content starts
        if tag in _HTML_SKIPPED:
            self._skipping.append(tag)
        elif tag == "br":
            self._parts.append("\n")
        elif tag in _HTML_BLOCKS:
            self._break_pending = True
            if tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._parts.append("\n")
        elif tag in _HTML_BLOCKS:
            self._break_pending = True

    def handle_endtag(self, tag: str) -> None:
        if tag in self._skipping:
            while self._skipping and self._skipping.pop() != tag:
                pass
        elif tag in _HTML_BLOCKS:
            self._break_pending = True
            if tag == "pre" and self._pre:
                self._pre -= 1

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if not self._pre:
            data = _HTML_SPACE.sub(" ", data)
            if data == " " and (self._break_pending or not self._parts or self._parts[-1].endswith("\n")):
                return
        if self._break_pending and self._parts and not self._parts[-1].endswith("\n"):
            self._parts.append("\n")
        self._break_pending = False
        self._parts.append(data)

    def text(self) -> str:
        return "".join(self._parts)


def _decode_html(data: bytes, file: str) -> tuple[str, str, list[ExtractWarning]]:
    if any(data.startswith(bom) for bom, _, _ in _BOMS) or b"\x00" in data[:_SAMPLE_CHARS]:
        return decode_text(data, file=file)
    match = _DECLARED_CHARSET.search(data[:_SAMPLE_CHARS])
    if not match:
        return decode_text(data, file=file)
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    encoding = _html_encoding(label)
    if encoding:
        try:
            return data.decode(encoding), encoding, []
        except UnicodeDecodeError:
            pass
    text, found, warnings = decode_text(data, file=file)
    note = f"网页声明的编码 {label} 无法使用或与内容不符，已按检测到的编码 {found} 读取"
    return text, found, [_warning("read.charset_ignored", note), *warnings]


def _html_encoding(label: str) -> str | None:
    """The codec for a declared charset, if it is one a Chinese page can really be in."""
    if label in _GBK_LABELS:
        return "gb18030"  # pages labelled gb2312 routinely contain GBK and GB18030 characters
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in _UNICODE_ENCODINGS or name in _CHINESE_ENCODINGS:
        return name
    return None  # e.g. iso-8859-1 on a Chinese page is a wrong label: detect instead


# --- .docx --------------------------------------------------------------------------------------


def _read_docx(data: bytes, file: str) -> _Extracted:
    if data.startswith(_OLE_MAGIC):  # an old .doc renamed to .docx
        return _read_doc(data, file)
    import docx  # deferred: python-docx pulls in lxml

    limits.check_zip(data, file)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_docx_lines(document.element.body))
    except Exception as err:  # zip, XML and package errors all mean the same to the user
        raise InputError("不是有效的 Word（.docx）文件，可能已损坏", file=file) from err
    return _Extracted("\n".join(lines))


def _docx_lines(container: Any) -> Iterator[str]:
    """Paragraph texts of a body or table cell in document order, table cells one per line.

    Empty paragraphs (Word's way of adding vertical space, and the obligatory one in every
    cell) are left out, as an empty HTML block would be.
    """
    from docx.oxml.ns import qn

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            if child.text.strip():
                yield child.text
        elif child.tag == qn("w:tbl"):
            for row in child.iterchildren(qn("w:tr")):
                for cell in row.iterchildren(qn("w:tc")):
                    yield from _docx_lines(cell)
        elif child.tag == qn("w:sdt"):  # content control: its content is ordinary body content
            for content in child.iterchildren(qn("w:sdtContent")):
                yield from _docx_lines(content)


def _read_doc(data: bytes, file: str) -> _Extracted:
    """An old binary Word file; by its bytes, a .docx or a web page saved under a .doc name too."""
    if data.startswith(_ZIP_MAGIC):
        return _read_docx(data, file)
    if data.startswith(_OLE_MAGIC):
        from zhize.ingest.word97 import word97_text

        return _Extracted(limits.TextBudget(file).spend(word97_text(data, file)))
    if data.lstrip()[:1] == b"<":  # 另存为网页 or a site's "Word" export: HTML under a .doc name
        return _read_html(data, file)
    if data.startswith(b"{\\rtf"):
        raise InputError("这是 RTF 格式的文件（扩展名为 .doc），请先用 Word 或 WPS 另存为 .docx 再读取", file=file)
    raise InputError("不是有效的 Word（.doc）文件，可能已损坏", file=file)


# --- PDF ----------------------------------------------------------------------------------------


def _read_pdf(data: bytes, file: str) -> _Extracted:
    pages = _pdf_pages(data, file)
    texts, warnings, budget = [], [], limits.TextBudget(file)
    for number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as err:  # pypdf raises many kinds of error on damaged content streams
            raise InputError("无法读取该页的文字，文件可能已损坏", file=file,
                             where=f"第 {number} 页") from err
        if not text.strip():
            warnings.append(_warning("read.page_without_text",
                                     f"第 {number} 页没有文字层（可能是扫描件或图片），该页未读取"))
        else:
            texts.append(budget.spend(text.strip("\n"), f"第 {number} 页"))
    if not texts:
        raise InputError("PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）再读取", file=file)
    return _Extracted("\n".join(texts), None, warnings)  # a page break is a line break


def _read_ofd(data: bytes, file: str) -> _Extracted:
    from zhize.ingest.ofd import ofd_pages

    limits.check_zip(data, file, kind="OFD 文件")  # an OFD is a zip: the same bomb checks as a .docx
    texts, warnings, budget = [], [], limits.TextBudget(file)
    for number, text in enumerate(ofd_pages(data, file), start=1):
        if not text.strip():
            warnings.append(_warning("read.page_without_text",
                                     f"第 {number} 页没有文字（可能是扫描件或图片），该页未读取"))
        else:
            texts.append(budget.spend(text, f"第 {number} 页"))
    if not texts:
        raise InputError("OFD 文件没有文字（可能是扫描件），请先做文字识别（OCR）再读取", file=file)
    return _Extracted("\n".join(texts), None, warnings)


def _pdf_pages(data: bytes, file: str) -> list[Any]:
    from pypdf import PdfReader  # deferred: only PDFs need it

    limits.quiet_pypdf()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypt_without_password(reader):
            raise InputError("PDF 文件已加密，请先解除密码保护", file=file)
        pages = list(reader.pages)
        limits.check_pdf_pages(len(pages), file)
        return pages
    except InputError:
        raise
    except Exception as err:
        raise InputError("不是有效的 PDF 文件，可能已损坏", file=file) from err


def _decrypt_without_password(reader: Any) -> bool:
    """Many PDFs are encrypted with an empty user password only to restrict printing or copying."""
    from pypdf.errors import DependencyError, PyPdfError

    try:
        return bool(reader.decrypt(""))
    except (PyPdfError, DependencyError, NotImplementedError):  # unsupported algorithm, no crypto library
        return False


# --- encoding detection helpers -----------------------------------------------------------------


def _decode_after_bom(data: bytes, bom_length: int, codec: str, file: str) -> str:
    try:
        return data[bom_length:].decode(codec)
    except UnicodeDecodeError as err:
        name = codec.upper().removesuffix("-LE").removesuffix("-BE")
        raise InputError(f"文件开头的字节顺序标记（BOM）表明是 {name} 编码，"
                         f"但含有无效的字节序列 {_bytes_hex(err)}",
                         file=file, where=f"第 {bom_length + err.start} 字节") from None


def _decode_nul_bearing(data: bytes, file: str) -> tuple[str, str, list[ExtractWarning]]:
    """Bytes with NULs: UTF-16 or UTF-32 without a BOM if one decodes to text, else binary."""
    candidates = ["utf-16-le", "utf-16-be"] if len(data) % 2 == 0 else []
    candidates += ["utf-32-le", "utf-32-be"] if len(data) % 4 == 0 else []
    best, best_score = None, 0.0
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _text_score(text)
        if score > best_score:
            best, best_score = (text, encoding), score
    if best and best_score >= 0.95:
        return best[0], best[1], []
    first_nul = data.index(0)
    raise InputError("含有空字节（NUL），看起来是二进制文件而不是文本", file=file,
                     where=f"第 {first_nul} 字节")


def _bomless_chinese_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM of text with no ASCII at all (so no NULs): nearly all of it Chinese.

    GB18030 and UTF-8 bytes read as UTF-16 give Hangul, Yi, surrogates and private-use
    characters, never mostly Chinese, so this cannot take a GB18030 file for UTF-16.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _text_score(text) >= 0.95:
            return encoding
    return None


def _check_gb18030(data: bytes, text: str) -> tuple[str, str, list[ExtractWarning]]:
    """Accept a strict GB18030 reading unless it looks like another encoding's bytes."""
    if _looks_chinese(text) or len(data) < _MIN_GUESS_BYTES:
        return text, "gb18030", []
    guess = _guess_encoding(data)
    if guess and guess[1] != "gb18030" and _looks_chinese(guess[0]):
        note = f"文本编码由自动检测推断为 {guess[1]}，请核对内容是否正确"
        return guess[0], guess[1], [_warning("read.encoding_guessed", note)]
    note = "按 GB18030 解码后的文字中生僻字过多，可能不是 GB18030 编码，请核对内容是否正确"
    return text, "gb18030", [_warning("read.encoding_doubtful", note)]


def _decode_guessed(data: bytes, file: str,
                    errors: list[UnicodeDecodeError]) -> tuple[str, str, list[ExtractWarning]]:
    guess = _guess_encoding(data) if len(data) >= _MIN_GUESS_BYTES else None
    if guess and _looks_chinese(guess[0]):
        note = f"文本编码由自动检测推断为 {guess[1]}，请核对内容是否正确"
        return guess[0], guess[1], [_warning("read.encoding_guessed", note)]
    furthest = max(errors, key=lambda e: e.start)
    raise InputError(f"无法识别文本编码：不是 UTF-8、UTF-16 或 GB18030 文本，"
                     f"按 {furthest.encoding.upper()} 解码时遇到无效的字节序列 {_bytes_hex(furthest)}",
                     file=file, where=f"第 {furthest.start} 字节")


def _guess_encoding(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best reading, if it is a Chinese or Unicode encoding that decodes strictly."""
    from charset_normalizer import from_bytes  # deferred: only undecidable files need it

    best = from_bytes(data).best()
    if best is None:
        return None
    try:
        encoding = codecs.lookup(best.encoding).name
        if encoding not in _CHINESE_ENCODINGS and encoding not in _UNICODE_ENCODINGS:
            return None
        return data.decode(encoding), encoding
    except (LookupError, UnicodeDecodeError):
        return None


def _looks_chinese(text: str) -> bool:
    """Whether nearly all non-ASCII characters are common (in GB2312 or Big5): real Chinese text.

    Another encoding's bytes read as GB18030 give many rare characters. With fewer than 20
    non-ASCII characters there is too little to judge, and the text is accepted.
    """
    sample = [c for c in text[: _SAMPLE_CHARS * 4] if ord(c) > 0x7F][:_SAMPLE_CHARS]
    if len(sample) < 20:
        return True
    common = sum(1 for c in set(sample) if _encodable(c, "gb2312") or _encodable(c, "big5"))
    return common >= 0.9 * len(set(sample))


def _text_score(text: str) -> float:
    """Share of characters a Chinese document is made of: ASCII text, CJK, CJK punctuation."""
    if not text:
        return 0.0
    sample = text[:_SAMPLE_CHARS]
    return sum(1 for c in sample if _is_text_char(c)) / len(sample)


def _is_text_char(c: str) -> bool:
    o = ord(c)
    return ((0x20 <= o < 0x7F) or c in "\t\n\r" or 0x3000 <= o <= 0x303F or 0x3400 <= o <= 0x9FFF
            or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or 0xA0 <= o <= 0xFF
            or 0x20000 <= o <= 0x3FFFF)


def _encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _bytes_hex(err: UnicodeDecodeError) -> str:
    chunk = err.object[err.start: min(err.end, err.start + 4)]
    return " ".join(f"0x{b:02X}" for b in chunk)


# --- shared -------------------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise unreadable(path, err) from None


def _normalization_warnings(raw: str) -> list[ExtractWarning]:
    warnings = []
    radicals = count_radicals(raw)
    if radicals:
        note = f"已将 {radicals} 个康熙部首字符替换为对应的常用汉字"
        warnings.append(_warning("read.radicals_mapped", note))
    if is_traditional(raw):
        lines = sum(1 for line in raw.splitlines() if has_traditional(line))
        warnings.append(_warning("read.traditional_converted", f"有 {lines} 行含繁体字，已转换为简体"))
    return warnings


def _warning(code: str, message: str) -> ExtractWarning:
    return ExtractWarning(code=code, message=message)


def _unsupported_message(suffix: str) -> str:
    supported = "、".join(sorted(SUFFIXES))
    shown = suffix or "（无扩展名）"
    return f"不支持的文件类型 {shown}（支持的类型：{supported}）"


_READERS: dict[Format, Callable[[bytes, str], _Extracted]] = {
    "txt": _read_txt, "md": _read_markdown, "html": _read_html, "docx": _read_docx, "doc": _read_doc,
    "pdf": _read_pdf, "ofd": _read_ofd,
}
