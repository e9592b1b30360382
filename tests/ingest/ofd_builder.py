"""Write small OFD files (GB/T 33190) for the reader's tests, in the shapes producers use.

Converters from Word put either one glyph per TextObject, positioned through a CTM, or one run per
TextObject with DeltaX advances (often compressed as "g N d"); pages refer to template pages that
carry the running header and the page number. `make_ofd` writes all of these.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
SIZE = 5.6  # mm: 16 pt, the size of 公文 body text
LINE = 9.0  # mm between baselines


def _run_object(oid: int, x: float, y: float, text: str) -> str:
    """One TextObject for a run of characters, advances as "g N d"."""
    advances = f' DeltaX="g {len(text) - 1} {SIZE}"' if len(text) > 1 else ""
    return (f'<ofd:TextObject ID="{oid}" Boundary="{x} {y - SIZE} {SIZE * len(text)} {SIZE * 1.2}" Font="1" '
            f'Size="{SIZE}"><ofd:TextCode X="0" Y="{SIZE}"{advances}>{escape(text)}</ofd:TextCode></ofd:TextObject>')


def _glyph_objects(oid: int, x: float, y: float, text: str) -> list[str]:
    """One TextObject per glyph, its position in font units through a CTM, as converters write them:
    on the page it is Boundary's origin + CTM·(X, Y) = (gx, y)."""
    scale = SIZE / 16  # font units of 16 per em
    out = []
    for i, ch in enumerate(text):
        gx = x + i * SIZE
        out.append(f'<ofd:TextObject ID="{oid + i}" CTM="{scale} 0 0 {scale} {-gx} {SIZE - y}" '
                   f'Boundary="{gx} {y - SIZE} {SIZE} {SIZE * 1.2}" Font="1" Size="16">'
                   f'<ofd:TextCode X="{gx / scale:.3f}" Y="{y / scale:.3f}">'
                   f'{escape(ch)}</ofd:TextCode></ofd:TextObject>')
    return out


def _content(lines: list[str], glyphs: bool) -> str:
    objects, oid = [], 100
    for n, line in enumerate(lines):
        y = 40 + n * LINE
        cells = line.split("｜")  # a table row: cells in columns far apart
        for k, cell in enumerate(cells):
            x = 28 + k * 60
            if glyphs:
                objects += _glyph_objects(oid, x, y, cell)
            else:
                objects.append(_run_object(oid, x, y, cell))
            oid += len(cell) + 1
    # objects are written in no particular order, as producers do: the reader must place them
    objects.reverse()
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Template TemplateID="9"/>'
            f'<ofd:Content><ofd:Layer ID="2">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')


def make_ofd(path: Path, pages: list[list[str]], glyphs: bool = False, header: str = "茆溪县人民政府办公室") -> Path:
    """An .ofd whose pages hold `pages` (lines; "a｜b" is a table row), a template page holding
    `header` and a page number that the reader must leave out."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" DocType="OFD">'
                              '<ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo>'
                              '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        page_list = "".join(f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        z.writestr("Doc_0/Document.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID>'
                   '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                   '<ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
                   f'<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>')
        z.writestr("Doc_0/Tpls/Tpl_0/Content.xml", _content([header, "— 1 —"], glyphs=False))
        for i, lines in enumerate(pages):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", _content(lines, glyphs))
    return path
