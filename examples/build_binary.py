"""Build the non-plain-text files of the example corpus from their plain-text sources.

    python examples/build_binary.py          # writes into examples/corpus/

Each source under examples/sources/ is UTF-8 text, one paragraph per line. The output is
deterministic: running the script twice gives byte-identical files (fixed timestamps in the .docx
zip and core properties, reportlab's invariant mode for the .pdf), so the sha256 values in
examples/gold/ stay valid. If you change a source, rebuild and then run
`python examples/check_gold.py --update-sha` to refresh the gold files' sha256.

Outputs:
  2019-sanding-renliziyuan.html  — a government web page with navigation remnants and HTML entities
  2019-sanding-jiaotongyunshu.docx — Word document, one paragraph per line
  2019-sanding-wenhualvyou.docx  — Word document whose staffing clause is a table
  2019-sanding-tuiyijunren.pdf   — PDF with a CJK text layer in which a few characters are
                                   Kangxi radicals (U+2F00–U+2FD5), as broken PDF exports have
  2015-sanding-gongshang-gb18030.txt — the same text encoded in GB18030
"""

from __future__ import annotations

import html
import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
CORPUS = HERE / "corpus"

FIXED_DATETIME = datetime(2019, 7, 1, 9, 0, 0)
ZIP_DATE = (2019, 7, 1, 9, 0, 0)

# Characters a broken PDF text layer shows as Kangxi radicals: ordinary → radical.
KANGXI = {
    "人": "\u2f08",  # ⼈
    "工": "\u2f2f",  # ⼯
    "入": "\u2f0a",  # ⼊
    "力": "\u2f12",  # ⼒
}


def read_lines(name: str) -> list[str]:
    text = (SOURCES / name).read_text(encoding="utf-8")
    return [line.rstrip() for line in text.splitlines() if line.strip()]


# --------------------------------------------------------------------------- GB18030

def build_gb18030() -> Path:
    text = (SOURCES / "2015-sanding-gongshang.txt").read_text(encoding="utf-8")
    out = CORPUS / "2015-sanding-gongshang-gb18030.txt"
    # Windows line endings, as a file saved by an old office PC would have.
    out.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    return out


# --------------------------------------------------------------------------- HTML

def _html_text(s: str) -> str:
    """Escape like an old CMS editor: quotes and some spaces as named entities."""
    s = html.escape(s, quote=False)
    s = s.replace("“", "&ldquo;").replace("”", "&rdquo;").replace("—", "&mdash;")
    s = s.replace("\u3000", "&nbsp;&nbsp;")
    return s


def build_html() -> Path:
    lines = read_lines("2019-sanding-renliziyuan.txt")
    title, info, body = lines[0], lines[1], lines[2:]
    date = info.split("　")[0].removeprefix("发布时间：")
    parts = [
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
        "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">",
        "<html xmlns=\"http://www.w3.org/1999/xhtml\">",
        "<head>",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />",
        f"<title>{_html_text(title)}_岚川县人民政府</title>",
        "<meta name=\"SiteName\" content=\"岚川县人民政府\" />",
        f"<meta name=\"ArticleTitle\" content=\"{_html_text(title)}\" />",
        f"<meta name=\"PubDate\" content=\"{date} 16:32\" />",
        "<link rel=\"stylesheet\" type=\"text/css\" href=\"/images/style.css\" />",
        "<script type=\"text/javascript\" src=\"/js/jquery.min.js\"></script>",
        "</head>",
        "<body>",
        "<div class=\"topbar\"><span>欢迎访问岚川县人民政府门户网站</span>&nbsp;|&nbsp;"
        "<a href=\"javascript:void(0)\">无障碍浏览</a>&nbsp;|&nbsp;<a href=\"javascript:void(0)\">长者模式</a>"
        "&nbsp;|&nbsp;<a href=\"/login.html\">登录</a></div>",
        "<div class=\"nav\"><ul><li><a href=\"/\">首&nbsp;页</a></li><li><a href=\"/zwgk/\">政务公开</a></li>"
        "<li><a href=\"/zwfw/\">政务服务</a></li><li><a href=\"/hdjl/\">互动交流</a></li>"
        "<li><a href=\"/zjlc/\">走进岚川</a></li></ul></div>",
        "<div class=\"position\">当前位置：<a href=\"/\">首页</a>&nbsp;&gt;&nbsp;<a href=\"/zwgk/\">政务公开</a>"
        "&nbsp;&gt;&nbsp;<a href=\"/zwgk/jgzn/\">机构职能</a></div>",
        "<div class=\"article\">",
        f"<h1 class=\"title\">{_html_text(title)}</h1>",
        f"<div class=\"info\">发布时间：{date}&nbsp;&nbsp;&nbsp;&nbsp;来源：县委编办&nbsp;&nbsp;&nbsp;&nbsp;"
        "浏览次数：<span id=\"hits\">1286</span>&nbsp;&nbsp;&nbsp;&nbsp;"
        "字号：[<a href=\"javascript:doZoom(18)\">大</a> <a href=\"javascript:doZoom(16)\">中</a> "
        "<a href=\"javascript:doZoom(14)\">小</a>]</div>",
        "<div class=\"TRS_Editor\" id=\"zoom\">",
    ]
    for i, line in enumerate(body):
        text = _html_text(line)
        if line.startswith("第") and "条" in line[:6]:
            # the clause number in bold, as the CMS editor wrapped it
            head, _, rest = text.partition("&nbsp;&nbsp;")
            parts.append(f"<p style=\"text-indent:2em;\"><span style=\"font-family:黑体;\">{head}</span>"
                         f"&nbsp;&nbsp;{rest}</p>")
        elif i % 5 == 3:
            parts.append(f"<p style=\"text-indent:2em;\"><span style=\"font-family:仿宋_GB2312;"
                         f"font-size:16pt;\">{text}</span></p>")
        else:
            parts.append(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{text}</p>")
    parts += [
        "</div>",
        "<div class=\"attach\">附件下载：无</div>",
        "<div class=\"tools\">【<a href=\"javascript:window.print()\">打印本页</a>】&nbsp;"
        "【<a href=\"javascript:window.close()\">关闭窗口</a>】&nbsp;【<a href=\"#\">返回顶部</a>】</div>",
        "</div>",
        "<div class=\"footer\"><p>主办单位：岚川县人民政府办公室&nbsp;&nbsp;承办：岚川县政务数据服务中心</p>",
        "<p>网站标识码：0000000000&nbsp;&nbsp;ICP备00000000号&nbsp;&nbsp;地址：岚川县城关镇政通路1号</p></div>",
        "<script type=\"text/javascript\">function doZoom(size){document.getElementById('zoom').style.fontSize"
        "=size+'px';}</script>",
        "</body>",
        "</html>",
    ]
    out = CORPUS / "2019-sanding-renliziyuan.html"
    out.write_bytes(("\r\n".join(parts) + "\r\n").encode("utf-8"))
    return out


# --------------------------------------------------------------------------- DOCX

def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes so that the bytes are reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o644 << 16
            new.create_system = 0
            dst.writestr(new, src.read(info.filename))
    return buf.getvalue()


def _new_document():
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    props = doc.core_properties
    props.author = "县委编办"
    props.last_modified_by = "县委编办"
    props.created = FIXED_DATETIME
    props.modified = FIXED_DATETIME
    props.revision = 1
    props.title = ""
    props.comments = ""
    return doc


def _add_paragraph(doc, text: str, *, title: bool = False, centre: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    run = p.add_run(text)
    if title:
        run.bold = True
        run.font.size = Pt(20)
    if title or centre:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif not text.startswith("第"):
        p.paragraph_format.first_line_indent = Pt(28)
    return p


def _save_docx(doc, out: Path) -> Path:
    buf = io.BytesIO()
    doc.save(buf)
    out.write_bytes(_normalise_zip(buf.getvalue()))
    return out


def build_docx_paragraphs() -> Path:
    lines = read_lines("2019-sanding-jiaotongyunshu.txt")
    doc = _new_document()
    _add_paragraph(doc, lines[0], title=True)
    _add_paragraph(doc, lines[1], centre=True)
    for line in lines[2:]:
        _add_paragraph(doc, line)
    return _save_docx(doc, CORPUS / "2019-sanding-jiaotongyunshu.docx")


def build_docx_table() -> Path:
    lines = read_lines("2019-sanding-wenhualvyou.txt")
    doc = _new_document()
    _add_paragraph(doc, lines[0], title=True)
    _add_paragraph(doc, lines[1], centre=True)
    rows: list[list[str]] = []

    def flush_table() -> None:
        if not rows:
            return
        table = doc.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                table.cell(r, c).text = value
        rows.clear()

    for line in lines[2:]:
        if line.startswith("|"):
            rows.append(line.strip("|").split("|"))
            continue
        flush_table()
        _add_paragraph(doc, line)
    flush_table()
    return _save_docx(doc, CORPUS / "2019-sanding-wenhualvyou.docx")


# --------------------------------------------------------------------------- PDF

def _wrap(text: str, width: int) -> list[str]:
    """Hard-wrap at `width` characters, keeping closing punctuation off the start of a line."""
    closing = "，。；：、）》”"
    out = []
    while len(text) > width:
        k = width
        while k < len(text) and text[k] in closing:
            k += 1
        out.append(text[:k])
        text = text[k:]
    if text:
        out.append(text)
    return out


def build_pdf() -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = read_lines("2019-sanding-tuiyijunren.txt")
    table = str.maketrans(KANGXI)
    out = CORPUS / "2019-sanding-tuiyijunren.pdf"
    page_w, page_h = A4
    left, top, bottom = 72, page_h - 80, 80
    size, leading, width = 12, 21, 36

    c = canvas.Canvas(str(out), pagesize=A4, invariant=1, pageCompression=0)
    c.setTitle("")
    c.setAuthor("")
    c.setCreator("")
    c.setProducer("")
    page = 1
    y = top

    def footer() -> None:
        c.setFont("STSong-Light", 10)
        c.drawCentredString(page_w / 2, 40, f"— {page} —")

    def newline() -> None:
        nonlocal y, page
        y -= leading
        if y < bottom:
            footer()
            c.showPage()
            page += 1
            y = top

    c.setFont("STSong-Light", 16)
    for chunk in _wrap(lines[0], 24):
        c.drawCentredString(page_w / 2, y, chunk.translate(table))
        newline()
    c.setFont("STSong-Light", size)
    c.drawCentredString(page_w / 2, y, lines[1])
    newline()
    newline()
    for line in lines[2:]:
        indent = 0 if line.startswith("第") else 2
        first = True
        for chunk in _wrap(line, width - indent):
            c.setFont("STSong-Light", size)
            x = left + (indent * size if first else 0)
            c.drawString(x, y, chunk.translate(table))
            first = False
            newline()
    footer()
    c.showPage()
    c.save()
    return out


def main() -> int:
    CORPUS.mkdir(parents=True, exist_ok=True)
    for build in (build_gb18030, build_html, build_docx_paragraphs, build_docx_table, build_pdf):
        path = build()
        print(f"wrote {path.relative_to(HERE.parent)} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
