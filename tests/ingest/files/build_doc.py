"""Build the old binary Word fixture (.doc) from a fictional 三定, through LibreOffice.

    python tests/ingest/files/build_doc.py     # needs soffice (apt: libreoffice-writer-nogui)

The .doc is committed, so the tests read it without LibreOffice. It holds what old 三定 files
hold: a title, clauses, a unit table (one cell per line once read) and a field whose
instructions must not leak into the text (a HYPERLINK field showing its link text).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "2008-sanding-old-word.doc"

LINES = [
    "茆溪县林业局主要职责内设机构和人员编制规定",
    "第一条 县林业局是县人民政府主管林业工作的工作部门。",
    "第二条 主要职责",
    "（一）负责全县森林资源的保护和管理。",
    "（二）负责组织全县植树造林和国土绿化工作。",
    "（三）负责林木采伐许可的审核和监督检查。",
    "第三条 内设机构",
]
UNITS = [("办公室", "负责机关日常运转。"), ("营林股", "负责造林绿化的指导。"), ("资源林政股", "负责森林资源保护。")]
AFTER = ["第四条 县林业局机关行政编制9名。", "第五条 本规定自2008年6月1日起施行。"]


def _field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, result, end), as Word writes HYPERLINK fields."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child):
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)

    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("result", shown), ("end", None)):
        if kind in ("begin", "separate", "end"):
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run_with(char)
        elif kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run_with(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run_with(t)


def main() -> int:
    import docx

    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    table = document.add_table(rows=len(UNITS), cols=2)
    for row, (name, duty) in zip(table.rows, UNITS, strict=True):
        row.cells[0].text, row.cells[1].text = name, duty
    for line in AFTER:
        document.add_paragraph(line)
    document.add_paragraph("第六条 本规定由县机构编制委员会办公室负责解释。")
    link = document.add_paragraph("县林业局各股室职责详见")
    _field(link, ' HYPERLINK "http://lyj.example.gov.cn/jgsz" ', "县政府门户网站")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source.docx"
        document.save(source)
        subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", tmp, str(source)],
                       check=True, capture_output=True, timeout=120)
        OUT.write_bytes((Path(tmp) / "source.doc").read_bytes())
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
