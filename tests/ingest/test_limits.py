"""Limits while reading (issue 12, point 3) and the warning for many documents joined together
(point 6). The expansion bomb is made here, at test time: a few dozen KB that expand to 40 MB."""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from zhize.graph.errors import InputError
from zhize.ingest import limits
from zhize.ingest.readers import read_document

ROOT = Path(__file__).resolve().parents[2]


def small_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("北沙县水利局职能配置、内设机构和人员编制规定")
    document.add_paragraph("第一条 为贯彻落实《北沙县机构改革方案》，制定本规定。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bomb_docx(expanded: int = 40 * limits.MB) -> bytes:
    """A valid .docx whose document.xml expands to `expanded` bytes of paragraphs."""
    source = zipfile.ZipFile(io.BytesIO(small_docx()))
    xml = source.read("word/document.xml").decode("utf-8")
    paragraph = "<w:p><w:r><w:t>负责河道采砂管理。</w:t></w:r></w:p>"
    body = paragraph * (expanded // len(paragraph.encode("utf-8")))
    xml = xml.replace("<w:body>", "<w:body>" + body, 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = xml.encode("utf-8") if item.filename == "word/document.xml" else source.read(item.filename)
            target.writestr(item.filename, data, compresslevel=9)
    return out.getvalue()


def test_a_docx_expansion_bomb_is_refused_before_it_is_parsed(tmp_path):
    data = bomb_docx()
    assert len(data) < 1 * limits.MB  # small in the repo's terms: made here, never stored
    path = tmp_path / "炸弹.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_document(path)
    message = str(err.value)
    assert str(path) in message and "word/document.xml" in message and "已拒绝读取" in message


def test_a_member_with_an_absurd_ratio_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(small_docx())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            z.writestr(item.filename, source.read(item.filename))
        z.writestr("word/media/image1.png", b"\0" * (8 * limits.MB))
    path = tmp_path / "图片.docx"
    path.write_bytes(out.getvalue())
    with pytest.raises(InputError, match="压缩比"):
        read_document(path)


def test_an_ordinary_docx_passes_the_limits(tmp_path):
    path = tmp_path / "正常.docx"
    path.write_bytes(small_docx())
    assert "北沙县水利局" in read_document(path).text
    limits.check_zip((ROOT / "examples" / "corpus" / "2019-sanding-jiaotongyunshu.docx").read_bytes(), "x.docx")


def test_a_pdf_with_too_many_pages_is_refused(tmp_path):
    writer = PdfWriter()
    for _ in range(limits.LIMITS.pdf_pages + 1):
        writer.add_blank_page(width=72, height=72)
    path = tmp_path / "很多页.pdf"
    with path.open("wb") as out:
        writer.write(out)
    with pytest.raises(InputError, match="超过上限 3000 页") as err:
        read_document(path)
    assert str(path) in str(err.value)


def test_text_taken_out_is_counted_as_it_is_taken_out():
    budget = limits.TextBudget("x.pdf", limits.Limits(text_chars=10))
    budget.spend("一二三四五", "第 1 页")
    with pytest.raises(InputError, match="第 2 页"):
        budget.spend("六七八九十十一", "第 2 页")


def test_an_oversized_html_page_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "LIMITS", limits.Limits(html_bytes=1000))
    path = tmp_path / "大.html"
    path.write_bytes(b"<p>" + "负责".encode() * 1000 + b"</p>")
    with pytest.raises(InputError, match="超过上限") as err:
        read_document(path)
    assert str(path) in str(err.value)


def test_pypdf_english_never_reaches_the_user(tmp_path, capsys):
    # A PDF with a broken cross-reference: pypdf recovers, and logs in English about it.
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    out = io.BytesIO()
    writer.write(out)
    damaged = out.getvalue().replace(b"startxref", b"startxref\n999999\n%", 1)
    path = tmp_path / "受损.pdf"
    path.write_bytes(damaged)
    with pytest.raises(InputError):
        read_document(path)  # a blank page: no text layer
    assert logging.getLogger("pypdf").getEffectiveLevel() > logging.WARNING
    assert capsys.readouterr().err == ""


def county(place: str, number: int) -> str:
    return (f"{place}第{number}局职能配置、内设机构和人员编制规定\n"
            f"第一条 为贯彻落实《{place}机构改革方案》，制定本规定。\n"
            f"第二条 {place}第{number}局是县人民政府工作部门，正科级。\n"
            f"第三条 主要职责是：\n（一）负责第{number}项工作。\n")


def test_a_text_of_many_documents_joined_together_gets_a_warning(tmp_path):
    path = tmp_path / "合订本.txt"
    path.write_text("\n".join(county("北沙县", n) for n in range(1, 40)), encoding="utf-8")
    [warning] = [w for w in read_document(path).warnings if w.code == "read.joined_documents"]
    assert "39 处" in warning.message and "分开" in warning.message


def test_one_document_gets_no_such_warning():
    for corpus_file in (ROOT / "examples" / "corpus").glob("*.txt"):
        raw = read_document(corpus_file)
        assert not [w for w in raw.warnings if w.code == "read.joined_documents"], corpus_file.name
