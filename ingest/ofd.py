"""The text of an OFD file (GB/T 33190, the fixed-layout format of 党政机关电子公文).

A 三定 or a reform plan that reached an office through the electronic document system is often
an .ofd. An OFD is a zip of XML parts; like a PDF it places glyphs on a page, it does not keep
paragraphs. This module reads only what the text needs:

- ``OFD.xml`` → each document's root (``DocRoot``) → ``Document.xml`` → the pages in order;
- on every page each ``TextObject``: its ``Boundary`` (the object's origin on the page), its
  optional ``CTM`` (a transform of the glyph positions), and each ``TextCode`` with its ``X``/``Y``
  and ``DeltaX`` (the advances between characters, ``g N d`` meaning N advances of d);
- characters are placed on the page, grouped into lines by their baseline and read left to right;
  a wide gap inside a line (a table's columns) starts a new line, as the .docx and web readers put
  every table cell on a line of its own.

Template pages (running headers, page numbers) and annotations (stamps, signatures) are not read:
they are not the document's clauses. Anything that does not fit raises `InputError` in Chinese.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

from zhize.graph.errors import InputError

__all__ = ["ofd_pages"]

_LINE_TOLERANCE = 0.45  # of the font size: glyphs whose baselines differ by less share a line
_COLUMN_GAP = 2.5       # of the font size: a wider gap between two glyphs is a table column


@dataclass(frozen=True, order=True)
class _Glyph:
    y: float
    x: float
    size: float
    text: str


def ofd_pages(data: bytes, file: str) -> list[str]:
    """The text of each page of an OFD file, lines top to bottom, in page order."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise InputError("不是有效的 OFD 文件，可能已损坏", file=file) from err
    with archive:
        root = _xml(archive, "OFD.xml", file)
        pages = []
        for doc_root in _all(root, "DocRoot"):
            document_path = _resolve("", (doc_root.text or "").strip())
            document = _xml(archive, document_path, file)
            base = posixpath.dirname(document_path)
            for page in _all(document, "Page"):
                content = _xml(archive, _resolve(base, page.get("BaseLoc", "")), file)
                try:
                    pages.append(_page_text(content))
                except ValueError as err:  # a number attribute that is no number
                    raise InputError("OFD 页面中的文字位置无法识别，可能已损坏", file=file,
                                     where=f"第 {len(pages) + 1} 页") from err
    if not pages:
        raise InputError("OFD 文件中没有页面", file=file)
    return pages


def _page_text(content: ElementTree.Element) -> str:
    glyphs = sorted(g for obj in _all(content, "TextObject") for g in _glyphs(obj))
    return "\n".join(_line_text(line) for line in _lines(glyphs))


def _glyphs(obj: ElementTree.Element) -> Iterator[_Glyph]:
    """Each character of a TextObject at its place on the page."""
    bx, by = (_floats(obj.get("Boundary", "")) + [0.0, 0.0])[:2]
    ctm = _floats(obj.get("CTM", ""))
    a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    size = float(obj.get("Size", "3.5") or 3.5) * (abs(d) or 1)
    x = y = 0.0
    for code in _all(obj, "TextCode"):
        text = code.text or ""
        x = float(code.get("X", x))  # a TextCode without X/Y goes on from the previous one
        y = float(code.get("Y", y))
        advances = _advances(code.get("DeltaX", ""), len(text), size)
        for ch, step in zip(text, advances, strict=True):
            if not ch.isspace():
                yield _Glyph(by + b * x + d * y + f, bx + a * x + c * y + e, size, ch)
            x += step


def _advances(delta_x: str, n: int, size: float) -> list[float]:
    """Advances between characters: "g 3 5.2 4" is 5.2, 5.2, 5.2, 4; missing ones are a full em."""
    out: list[float] = []
    parts = delta_x.split()
    i = 0
    while i < len(parts):
        if parts[i] == "g" and i + 2 < len(parts):
            out += [float(parts[i + 2])] * int(parts[i + 1])
            i += 3
        else:
            out.append(float(parts[i]))
            i += 1
    out = out[:max(n - 1, 0)]
    return out + [size] * (n - len(out))


def _lines(glyphs: list[_Glyph]) -> Iterator[list[_Glyph]]:
    """Glyphs (sorted by baseline) grouped into lines: a new line starts where the baseline moves
    by more than a fraction of the font size."""
    line: list[_Glyph] = []
    for g in glyphs:
        if line and g.y - line[0].y > _LINE_TOLERANCE * max(g.size, line[0].size):
            yield line
            line = []
        line.append(g)
    if line:
        yield line


def _line_text(line: list[_Glyph]) -> str:
    out, last = [], None
    for g in sorted(line, key=lambda g: g.x):
        if last is not None and g.x - last.x > _COLUMN_GAP * g.size:
            out.append("\n")
        out.append(g.text)
        last = g
    return "".join(out)


def _xml(archive: zipfile.ZipFile, name: str, file: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(archive.read(name))
    except KeyError as err:
        raise InputError(f"OFD 文件缺少部件 {name}，可能已损坏", file=file) from err
    except ElementTree.ParseError as err:
        raise InputError(f"OFD 文件的部件 {name} 不是有效的 XML，可能已损坏", file=file) from err


def _all(element: ElementTree.Element, tag: str) -> Iterator[ElementTree.Element]:
    """Descendants named `tag` in any namespace (producers write ofd: with the 2016 namespace)."""
    return element.iterfind(f".//{{*}}{tag}")


def _resolve(base: str, location: str) -> str:
    """A part's name in the zip: an absolute location from the root, a relative one from `base`."""
    if location.startswith("/"):
        return location.lstrip("/")
    return posixpath.normpath(posixpath.join(base, location)) if base else posixpath.normpath(location)


def _floats(text: str) -> list[float]:
    try:
        return [float(v) for v in text.split()]
    except ValueError:
        return []
