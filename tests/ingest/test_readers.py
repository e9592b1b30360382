"""Document readers on real files written into tmp_path: every format, every encoding, bad input."""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import random
import zipfile
from pathlib import Path

import docx
import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from zhize.graph.errors import InputError
from zhize.ingest.extract import extract_file
from zhize.ingest.readers import decode_text, html_to_text, read_document, strip_markdown

from .ofd_builder import make_ofd

SANDING = ("第三条　县市场监督管理局贯彻落实党中央关于市场监督管理工作的方针政策，主要职责是：\n"
           "（一）负责全县市场综合监督管理，起草有关规范性文件并组织实施。\n"
           "（二）负责市场主体统一登记注册，指导各类企业、个体工商户登记注册工作。\n")
SANDING_NORMALIZED = SANDING.replace("\u3000", "").rstrip("\n")
# 職責 ... in Traditional characters, all of them in Big5
TRADITIONAL = ("本局主要職責是：負責全縣市場綜合監督管理，起草有關法規草案和規章，"
               "制定有關規範性文件並組織實施。負責市場主體統一登記註冊，指導各類企業、"
               "農民專業合作社和從事經營活動的單位、個體工商戶登記註冊工作。"
               "組織和指導市場監管綜合執法工作，規範市場監管行政執法行為。")
SIMPLIFIED = ("本局主要职责是：负责全县市场综合监督管理，起草有关法规草案和规章，"
              "制定有关规范性文件并组织实施。负责市场主体统一登记注册，指导各类企业、"
              "农民专业合作社和从事经营活动的单位、个体工商户登记注册工作。"
              "组织和指导市场监管综合执法工作，规范市场监管行政执法行为。")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def codes(raw) -> list[str]:
    return [w.code for w in raw.warnings]


def raises_input_error(path: Path, *fragments: str) -> InputError:
    with pytest.raises(InputError) as info:
        read_document(path)
    message = str(info.value)
    assert path.name in message and info.value.file == str(path)
    for fragment in fragments:
        assert fragment in message
    return info.value


# --- plain text encodings -------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "data", "expected_encoding"), [
    ("utf-8", SANDING.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", codecs.BOM_UTF8 + SANDING.encode("utf-8"), "utf-8-sig"),
    ("gb18030", SANDING.encode("gb18030"), "gb18030"),
    ("gbk", SANDING.encode("gbk"), "gb18030"),
    ("utf-16 le with BOM", codecs.BOM_UTF16_LE + SANDING.encode("utf-16-le"), "utf-16"),
    ("utf-16 be with BOM", codecs.BOM_UTF16_BE + SANDING.encode("utf-16-be"), "utf-16"),
    ("utf-16 le without BOM", SANDING.encode("utf-16-le"), "utf-16-le"),
    ("utf-16 be without BOM", SANDING.encode("utf-16-be"), "utf-16-be"),
    ("utf-32 with BOM", SANDING.encode("utf-32"), "utf-32"),
])
def test_text_encodings_are_detected(tmp_path, encoding, data, expected_encoding):
    raw = read_document(write(tmp_path, "sanding.txt", data))
    assert raw.text == SANDING_NORMALIZED
    assert raw.encoding == expected_encoding
    assert raw.format == "txt" and raw.warnings == ()


def test_bomless_utf16_of_pure_chinese_text_without_any_ascii(tmp_path):
    text = "县市场监督管理局主要职责是负责全县市场综合监督管理"
    for encoding in ("utf-16-le", "utf-16-be"):
        raw = read_document(write(tmp_path, "pure.txt", text.encode(encoding)))
        assert (raw.text, raw.encoding) == (text, encoding)


def test_gb18030_characters_outside_gbk(tmp_path):
    text = "第一条　为了规范𠀀字号与€符号的使用。"  # four-byte GB18030 sequences
    raw = read_document(write(tmp_path, "gb.txt", text.encode("gb18030")))
    assert raw.encoding == "gb18030" and raw.text == text.replace("\u3000", "")


def test_short_gbk_text_is_decoded_without_guessing(tmp_path):
    raw = read_document(write(tmp_path, "short.txt", "市场监管局".encode("gbk")))
    assert (raw.text, raw.encoding, raw.warnings) == ("市场监管局", "gb18030", ())


def test_big5_text_is_recognised_and_converted_to_simplified(tmp_path):
    raw = read_document(write(tmp_path, "big5.txt", TRADITIONAL.encode("big5")))
    assert raw.encoding == "big5"
    assert raw.text == SIMPLIFIED
    assert codes(raw) == ["read.encoding_guessed", "read.traditional_converted"]


def test_traditional_utf8_text_is_converted_with_a_warning(tmp_path):
    raw = read_document(write(tmp_path, "trad.txt", f"{TRADITIONAL}\n乾隆年间的著作".encode()))
    assert raw.text == f"{SIMPLIFIED}\n乾隆年间的著作"
    assert codes(raw) == ["read.traditional_converted"]
    assert "1 行" in raw.warnings[0].message


def test_fullwidth_digits_zero_width_and_stray_spaces_in_a_text_file(tmp_path):
    data = ("（一）负责１２３４５政务服务便民热线\u200b派单、回访。\r\n"
            "（二）行政编制 １５ 名，市 场 监 管").encode()
    raw = read_document(write(tmp_path, "messy.txt", data))
    assert raw.text == "（一）负责12345政务服务便民热线派单、回访。\n（二）行政编制15名，市场监管"


def test_raw_text_is_frozen_hashes_the_bytes_and_reading_is_deterministic(tmp_path):
    path = write(tmp_path, "a.txt", SANDING.encode("gb18030"))
    raw = read_document(path)
    assert raw == read_document(path)
    assert raw.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert raw.path == path
    with pytest.raises(dataclasses.FrozenInstanceError):
        raw.text = ""  # type: ignore[misc]


def test_decode_text_reports_the_codec():
    assert decode_text("职责".encode("gb18030"), file="x.txt") == ("职责", "gb18030", [])


# --- unreadable text ------------------------------------------------------------------------------


def test_truncated_multibyte_sequence_in_a_short_file(tmp_path):
    path = write(tmp_path, "cut.txt", "市场".encode("gb18030") + b"\xd6")
    err = raises_input_error(path, "无法识别文本编码", "0xD6")
    assert err.where == "第 4 字节"


def test_truncated_multibyte_sequence_in_a_long_file(tmp_path):
    data = (SANDING * 20).encode("gb18030")
    path = write(tmp_path, "cut.txt", data + "局".encode("gb18030")[:1])
    err = raises_input_error(path, "GB18030")
    assert err.where == f"第 {len(data)} 字节"


def test_invalid_byte_inside_utf8_text(tmp_path):
    data = (SANDING * 5).encode("utf-8")
    path = write(tmp_path, "bad.txt", data[:300] + b"\xff" + data[300:])
    raises_input_error(path, "无法识别文本编码")


def test_nul_heavy_binary(tmp_path):
    data = bytes(random.Random(7).randrange(256) for _ in range(4000)) + b"\x00" * 500
    err = raises_input_error(write(tmp_path, "binary.txt", data), "二进制")
    assert err.where and err.where.endswith("字节")


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_without_nul_are_refused(tmp_path, seed):
    rng = random.Random(seed)
    data = bytes(rng.randrange(1, 256) for _ in range(3000))
    raises_input_error(write(tmp_path, "noise.txt", data), "无法识别文本编码")


def test_bom_followed_by_invalid_bytes(tmp_path):
    path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + "职责".encode() + b"\xc3")
    err = raises_input_error(path, "BOM", "UTF-8")
    assert err.where == "第 9 字节"


def test_empty_file(tmp_path):
    raises_input_error(write(tmp_path, "empty.txt", b""), "没有可读取的文字")
    raises_input_error(write(tmp_path, "blank.txt", " \u3000\r\n\t".encode()), "没有可读取的文字")


def test_missing_file_and_directory(tmp_path):
    raises_input_error(tmp_path / "missing.txt", "不存在")
    (tmp_path / "dir.txt").mkdir()
    raises_input_error(tmp_path / "dir.txt", "目录")


@pytest.mark.parametrize("name", ["plan.xyz", "plan", "plan.et"])
def test_unknown_extension(tmp_path, name):
    raises_input_error(write(tmp_path, name, SANDING.encode()), "不支持")


# --- markdown -------------------------------------------------------------------------------------


MARKDOWN = """# 县市场监督管理局职能配置、内设机构和人员编制规定 #

> 第一条　为了规范……

## 第三条 主要职责

1. **负责**全县市场*综合*监督管理。
2. 负责[市场主体](https://example.org/a)统一登记注册，见`附件`。
- 组织实施质量强县战略
* 负责~~全县~~食品安全监督管理
![图](x.png)

---

| 机构 | 编制 |
|------|-----:|
| 办公室 | 3 名 |

```
代码块内容
```
"""


def test_markdown_markup_is_stripped_and_numbering_kept(tmp_path):
    raw = read_document(write(tmp_path, "doc.md", MARKDOWN.encode()))
    assert raw.format == "md"
    assert raw.text == ("县市场监督管理局职能配置、内设机构和人员编制规定\n\n"
                        "第一条为了规范……\n\n"
                        "第三条主要职责\n\n"
                        "1.负责全县市场综合监督管理。\n"
                        "2.负责市场主体统一登记注册，见附件。\n"
                        "组织实施质量强县战略\n"
                        "负责全县食品安全监督管理\n\n"
                        "机构\n编制\n办公室\n3名\n\n"
                        "代码块内容")


def test_markdown_nested_prefixes_and_headings_without_space():
    assert strip_markdown("> ## 第一章 总则\n#第二章\n> - 负责 **审批**") == "第一章 总则\n第二章\n负责 审批"


def test_markdown_escapes_and_plain_asterisks():
    assert strip_markdown(r"负责\*重点\*工作，5 * 3") == "负责*重点*工作，5 * 3"


# --- HTML -----------------------------------------------------------------------------------------


HTML = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>页面标题不进正文</title>
<style>p {{ color: red }}</style>
<script>var s = "脚本里的字";</script></head>
<body><div class="nav">首页 &gt; 信息公开</div>
<p>第一条&emsp;为了规范&nbsp;市场监督管理局的职责，
   根据《中华人民共和国宪法》&amp;有关规定&#xff0c;制定本规定。</p>
<p>（一）负责<span>市</span><span>场</span>监管<br>（二）负责&#21326;&#20026;登记</p>
<!-- 注释不进正文 -->
<table><tr><td>办公室</td><td>3名</td></tr></table>
<noscript>请启用脚本</noscript>
<script type="text/javascript">document.write("<p>动态</p>");</script>
</body></html>"""

HTML_TEXT = ("首页>信息公开\n"
             "第一条为了规范市场监督管理局的职责，根据《中华人民共和国宪法》&有关规定，制定本规定。\n"
             "（一）负责市场监管\n（二）负责华为登记\n"
             "办公室\n3名")


@pytest.mark.parametrize(("charset", "encoding"), [("utf-8", "utf-8"), ("gb2312", "gb18030"),
                                                   ("GBK", "gb18030")])
def test_html_text_with_entities_without_scripts(tmp_path, charset, encoding):
    data = HTML.format(charset=charset).encode(encoding)
    raw = read_document(write(tmp_path, "page.html", data))
    assert (raw.text, raw.encoding, raw.format, raw.warnings) == (HTML_TEXT, encoding, "html", ())


def test_html_http_equiv_charset(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            "</head><body><p>（一）负责全县市场监管</p></body></html>")
    raw = read_document(write(tmp_path, "page.htm", page.encode("gb18030")))
    assert (raw.text, raw.encoding) == ("（一）负责全县市场监管", "gb18030")


def test_html_with_wrong_declared_charset_is_detected(tmp_path):
    data = HTML.format(charset="utf-8").encode("gb18030")
    raw = read_document(write(tmp_path, "page.html", data))
    assert (raw.text, raw.encoding) == (HTML_TEXT, "gb18030")
    assert codes(raw) == ["read.charset_ignored"]


def test_html_without_declaration_is_detected_like_text(tmp_path):
    page = "<p>第二条　县市场监督管理局是县人民政府工作部门，为正科级。</p>"
    raw = read_document(write(tmp_path, "page.html", page.encode("gbk")))
    assert (raw.text, raw.encoding) == ("第二条县市场监督管理局是县人民政府工作部门，为正科级。", "gb18030")


def test_html_pre_keeps_its_lines_and_unclosed_head_ends_at_body():
    assert html_to_text("<head><title>标题<body><pre>甲\n  乙</pre>丙") == "甲\n  乙\n丙"
    assert html_to_text("<head><meta charset=utf-8><p>第一条</p>") == "第一条"


def test_xhtml_encoding_declaration(tmp_path):
    page = '<?xml version="1.0" encoding="Big5"?><p>第一條　總則</p>'  # too short to guess Big5
    raw = read_document(write(tmp_path, "page.htm", page.encode("big5")))
    assert (raw.text, raw.encoding) == ("第一条总则", "big5")


# --- .docx ----------------------------------------------------------------------------------------


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("第一条　为了规范县市场监督管理局的职责。")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "内设机构"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "职责"
    table.cell(1, 0).text = "办公室"
    table.cell(1, 1).text = "负责机关日常运转"
    table.cell(1, 2).add_table(rows=1, cols=1).cell(0, 0).text = "嵌套表格"
    document.add_paragraph("第二条　內設機構")
    document.save(path)
    return path


def test_docx_paragraphs_and_table_cells_in_document_order(tmp_path):
    raw = read_document(make_docx(tmp_path / "sanding.docx"))
    assert raw.format == "docx" and raw.encoding is None
    assert raw.text == ("第一条为了规范县市场监督管理局的职责。\n内设机构\n职责\n办公室\n负责机关日常运转\n"
                        "嵌套表格\n第二条内设机构")
    assert codes(raw) == ["read.traditional_converted"]


def test_corrupt_docx(tmp_path):
    good = make_docx(tmp_path / "good.docx").read_bytes()
    raises_input_error(write(tmp_path, "cut.docx", good[: len(good) // 2]), "Word")
    raises_input_error(write(tmp_path, "text.docx", SANDING.encode()), "不是有效的 Word")


def test_zip_that_is_not_a_docx(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "不是 Word 文档")
    raises_input_error(path, "不是有效的 Word")


# --- old binary Word (.doc, .wps) ---------------------------------------------------------------

OLD_WORD = Path(__file__).parent / "files" / "2008-sanding-old-word.doc"  # built by files/build_doc.py


def test_old_binary_word_paragraphs_table_cells_and_field_results():
    raw = read_document(OLD_WORD)
    assert raw.format == "doc" and raw.encoding is None
    lines = raw.text.splitlines()
    assert lines[0] == "茆溪县林业局主要职责内设机构和人员编制规定"
    # one table cell per line, as the .docx reader gives them
    assert lines[lines.index("办公室") + 1] == "负责机关日常运转。"
    # a field shows its result; its instruction (HYPERLINK "http://…") is not text of the document
    assert lines[-1] == "县林业局各股室职责详见县政府门户网站"
    assert "HYPERLINK" not in raw.text and "http" not in raw.text
    assert not any(ch in raw.text for ch in "\r\x07\x13\x14\x15\x01")


@pytest.mark.parametrize("name", ["old.doc", "old.wps", "renamed.docx"])
def test_old_binary_word_is_read_by_its_bytes_whatever_its_name(tmp_path, name):
    # WPS saves .wps in the same binary format, and users rename .doc files to .docx
    raw = read_document(write(tmp_path, name, OLD_WORD.read_bytes()))
    assert "（三）负责林木采伐许可的审核和监督检查。" in raw.text.splitlines()


def test_a_docx_or_a_web_page_saved_under_a_doc_name_is_read_as_what_it_is(tmp_path):
    assert "办公室" in read_document(write(tmp_path, "zip.doc", make_docx(tmp_path / "x.docx").read_bytes())).text
    page = "<html><body><p>县水利局主要职责</p><p>（一）负责水资源管理。</p></body></html>".encode("gb18030")
    assert "负责水资源管理" in read_document(write(tmp_path, "page.doc", page)).text


@pytest.mark.parametrize("data, fragment", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "已损坏"),   # OLE magic, no container
    (b"{\\rtf1\\ansi \\par}", "RTF"),
    (b"\x00\x01\x02garbage", "不是有效的 Word"),
])
def test_a_damaged_or_foreign_doc_names_the_file(tmp_path, data, fragment):
    raises_input_error(write(tmp_path, "bad.doc", data), fragment)


def test_an_encrypted_doc_asks_for_the_password_to_be_removed(tmp_path):
    data = bytearray(OLD_WORD.read_bytes())
    # set fEncrypted in the FIB flags (offset 0x0A of the WordDocument stream, found by its magic)
    import olefile

    with olefile.OleFileIO(bytes(data)) as ole:
        start = bytes(data).find(ole.openstream("WordDocument").read()[:64])
    data[start + 0x0A] |= 0x01  # 0x0100 is the high byte's lowest bit
    data[start + 0x0B] |= 0x01
    raises_input_error(write(tmp_path, "locked.doc", bytes(data)), "加密")


# --- OFD (electronic official documents) ------------------------------------------------------------

OFD_PAGES = [
    ["茆溪县林业局职能配置、内设机构和人员编制规定", "第一条 县林业局是县人民政府工作部门。", "第二条 主要职责",
     "（一）负责全县森林资源的保护和管理。", "（二）负责林木采伐许可的审核。"],
    ["第三条 县林业局设下列内设机构：", "科室｜职责", "办公室｜负责机关日常运转。", "营林股｜负责造林绿化。",
     "第四条 县林业局机关行政编制8名。", "第五条 本规定自2012年4月1日起施行。"],
]


@pytest.mark.parametrize("glyphs", [False, True], ids=["runs-with-deltax", "glyph-per-object-with-ctm"])
def test_ofd_lines_in_reading_order_without_the_template_page(tmp_path, glyphs):
    # producers write one run per TextObject ("g N d" advances) or one glyph per TextObject placed
    # through a CTM, in any order; the running header and page number live on a template page
    raw = read_document(make_ofd(tmp_path / "sanding.ofd", OFD_PAGES, glyphs=glyphs))
    assert raw.format == "ofd" and raw.encoding is None
    lines = raw.text.splitlines()
    assert lines[:2] == ["茆溪县林业局职能配置、内设机构和人员编制规定", "第一条县林业局是县人民政府工作部门。"]
    assert lines[lines.index("办公室") + 1] == "负责机关日常运转。"  # table columns: one cell per line
    assert "茆溪县人民政府办公室" not in raw.text and "— 1 —" not in raw.text


def test_an_ofd_sanding_is_read_for_its_duties_units_and_staffing(tmp_path):
    ex = extract_file(make_ofd(tmp_path / "sanding.ofd", OFD_PAGES, glyphs=True)).extract
    assert ex.document.subject == "茆溪县林业局"
    assert [d.text for d in ex.duties if d.section == "main"] == ["负责全县森林资源的保护和管理。", "负责林木采伐许可的审核。"]
    assert {u.name for u in ex.units} == {"办公室", "营林股"}
    assert ex.staffing[0].administrative == 8


def test_an_ofd_page_without_text_is_reported_and_an_ofd_without_any_is_refused(tmp_path):
    raw = read_document(make_ofd(tmp_path / "a.ofd", [OFD_PAGES[0], []]))
    assert "read.page_without_text" in codes(raw) and "第 2 页" in raw.warnings[0].message
    raises_input_error(make_ofd(tmp_path / "scan.ofd", [[], []]), "OCR")


def test_a_damaged_ofd_names_the_file_and_what_is_wrong(tmp_path):
    raises_input_error(write(tmp_path, "text.ofd", SANDING.encode()), "不是有效的 OFD")
    good = make_ofd(tmp_path / "good.ofd", OFD_PAGES)
    with zipfile.ZipFile(good) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    missing = tmp_path / "missing.ofd"
    with zipfile.ZipFile(missing, "w") as z:
        for name, data in parts.items():
            if name != "Doc_0/Document.xml":
                z.writestr(name, data)
    raises_input_error(missing, "缺少部件", "Document.xml")
    broken = tmp_path / "broken.ofd"
    with zipfile.ZipFile(broken, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data.replace(b'Y="', b'Y="x') if name.endswith("Page_1/Content.xml") else data)
    err = raises_input_error(broken, "无法识别")
    assert err.where == "第 2 页"


# --- PDF ------------------------------------------------------------------------------------------


def make_pdf(path: Path, pages: list[list[str]], encrypt: object = None) -> Path:
    """A PDF with a real CJK text layer (reportlab's built-in STSong-Light CID font)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), invariant=True, encrypt=encrypt)  # invariant: same bytes each run
    for lines in pages:
        pdf.setFont("STSong-Light", 12)
        for i, line in enumerate(lines):
            pdf.drawString(72, 760 - 20 * i, line)
        pdf.showPage()
    pdf.save()
    return path


def test_pdf_text_layer_page_by_page(tmp_path):
    path = make_pdf(tmp_path / "sanding.pdf", [
        ["第三条　主要职责：", "（一）负责全县市场综合监督管理。"],
        ["（二）负责市场主体统一登记注册。"],
    ])
    raw = read_document(path)
    assert raw.format == "pdf" and raw.encoding is None and raw.warnings == ()
    assert raw.text == "第三条主要职责：\n（一）负责全县市场综合监督管理。\n（二）负责市场主体统一登记注册。"


def test_pdf_kangxi_radicals_become_ordinary_characters(tmp_path):
    # ⼈ U+2F08, ⾏ U+2F8F, ⼯ U+2F2F, ⽣ U+2F63, ⻔ U+2ED4 in the text layer
    path = make_pdf(tmp_path / "radicals.pdf", [["县\u2f08民政府\u2f8f政服务\u2ed4户，\u2f2f\u2f63产"]])
    raw = read_document(path)
    assert raw.text == "县人民政府行政服务门户，工生产"
    assert codes(raw) == ["read.radicals_mapped"]
    assert "5 个" in raw.warnings[0].message


def test_pdf_page_without_text_layer_is_a_warning(tmp_path):
    raw = read_document(make_pdf(tmp_path / "mixed.pdf", [["第一条　总则"], [], ["第二条　机构"]]))
    assert raw.text == "第一条总则\n第二条机构"
    assert codes(raw) == ["read.page_without_text"]
    assert "第 2 页" in raw.warnings[0].message


def test_pdf_without_any_text_layer(tmp_path):
    raises_input_error(make_pdf(tmp_path / "scan.pdf", [[], []]), "OCR")


def test_corrupt_pdf(tmp_path):
    good = make_pdf(tmp_path / "good.pdf", [["第一条　总则"]]).read_bytes()
    raises_input_error(write(tmp_path, "cut.pdf", good[: len(good) // 2]), "不是有效的 PDF")
    raises_input_error(write(tmp_path, "fake.pdf", b"%PDF-1.4\n" + SANDING.encode()), "不是有效的 PDF")


def test_pdf_locked_with_a_password(tmp_path):
    locked = StandardEncryption("secret", ownerPassword="owner")
    raises_input_error(make_pdf(tmp_path / "locked.pdf", [["第一条　总则"]], locked), "已加密")


def test_pdf_encrypted_only_against_copying_is_read(tmp_path):
    no_copy = StandardEncryption("", ownerPassword="owner", canCopy=0)
    assert read_document(make_pdf(tmp_path / "open.pdf", [["第一条　总则"]], no_copy)).text == "第一条总则"
