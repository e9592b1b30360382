"""The review report (api.review): what it says, in the form of a government report, and that it
renders to PDF pages that contain the findings (LibreOffice headless, Debian's package)."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document

from tests.api.server import MARKET, PLACE
from zhize.api import review
from zhize.graph.sqlite import SqliteStore

SOFFICE = shutil.which("soffice")


@pytest.fixture(scope="module")
def report(corpus_db):
    store = SqliteStore(corpus_db)
    try:
        yield review.gather(store, PLACE, date(2026, 6, 1), unit="岚川县委编办")
    finally:
        store.close()


def paragraphs(body: bytes) -> list:
    return Document(io.BytesIO(body)).paragraphs


def test_the_report_says_what_the_ledger_and_the_reform_say(report):
    parts = review.outline(report)
    text = "\n".join(t for _, t in parts)
    assert parts[0] == ("title", "关于岚川县部门职责运行情况的评估报告")
    assert [t for s, t in parts if s == "h1"] == ["一、总体情况", "二、发现的主要问题", "三、职责划转落实情况",
                                                 "四、尚无三定的部门", "五、下一步工作建议"]
    h2 = [t for s, t in parts if s == "h2"]
    assert h2[0].startswith("（一）职责交叉") and any(t.startswith("（二）无牵头") for t in h2)
    assert "食用农产品" in text and "留守老年人关爱服务" in text and "关于食用农产品的条款" in text  # the quoted clause
    assert "已落实" in text and "未见于承接部门三定" in text  # transfers and their landing status
    assert "岚川县医疗保障局" in text.split("四、尚无三定的部门")[1].split("五、")[0]
    assert MARKET not in text.split("四、尚无三定的部门")[1].split("五、")[0]  # it has a 三定
    assert "在三定“有关职责分工”中明确牵头部门" in text and parts[-2:] == [("signature", "岚川县委编办"),
                                                                     ("signature", "2026年6月1日")]


def test_the_document_uses_official_fonts_and_numbers_its_pages(report):
    doc = Document(io.BytesIO(review.to_docx(report)))
    title, heading = doc.paragraphs[0], next(p for p in doc.paragraphs if p.text == "一、总体情况")
    east_asia = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    assert title.runs[0].element.rPr.rFonts.get(east_asia) == review.TITLE_FONT
    assert heading.runs[0].element.rPr.rFonts.get(east_asia) == "黑体"
    body = next(p for p in doc.paragraphs if p.text.startswith("岚川县现有部门"))
    assert body.runs[0].element.rPr.rFonts.get(east_asia) == "仿宋" and body.runs[0].font.size.pt == 16
    footer = doc.sections[0].footer.paragraphs[0]._element.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer
    assert round(doc.sections[0].page_width.mm) == 210 and round(doc.sections[0].top_margin.mm) == 37


@pytest.mark.skipif(SOFFICE is None, reason="没有 LibreOffice（apt-get install libreoffice-writer-nogui）：跳过报告转 PDF 的检查")
def test_the_report_renders_to_pdf_pages_that_contain_the_findings(report, tmp_path):
    docx = tmp_path / "report.docx"
    docx.write_bytes(review.to_docx(report))
    pdf = render_pdf(docx)
    pages = int(next(line.split()[-1] for line in run("pdfinfo", pdf).splitlines() if line.startswith("Pages:")))
    text = run("pdftotext", "-layout", pdf, "-").replace(" ", "")
    assert pages >= 2 and "关于岚川县部门职责运行情况的评估报告" in text.replace("\n", "")
    for matter in ("食用农产品", "留守老年人关爱服务", "老龄工作"):
        assert matter in text
    assert "—1—" in text and f"—{pages}—" in text  # page numbers in the footer


def render_pdf(docx):
    profile = docx.parent / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(docx.parent), str(docx)], check=True, capture_output=True, timeout=180)
    return docx.with_suffix(".pdf")


def run(*args) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True, timeout=60).stdout


def test_the_cli_and_the_api_give_the_same_report(corpus_db, viewer, tmp_path):
    from typer.testing import CliRunner

    from zhize.api.cli import app

    out = tmp_path / "评估报告.docx"
    done = CliRunner().invoke(app, ["report", "-j", PLACE, "--at", "2026-06-01", "-o", str(out),
                                    "--store", str(corpus_db)])
    assert done.exit_code == 0 and "已生成评估报告" in done.output
    got = viewer.get("/api/report", params={"jurisdiction": PLACE, "at": "2026-06-01"})
    assert got.status_code == 200 and "wordprocessingml" in got.headers["content-type"]
    assert [p.text for p in paragraphs(got.content)] == [p.text for p in paragraphs(out.read_bytes())]
    assert viewer.get("/api/report", params={"jurisdiction": "不存在县"}).status_code == 404


def test_an_undated_document_is_counted_as_not_yet_in_force(tmp_path):
    from tests.builders import COUNTY, sanding

    store = SqliteStore(tmp_path / "undated.db")
    try:
        store.apply(sanding("水利局", "2019-05-01", [("负责水资源管理。", "lead", [])]))
        store.apply(sanding("民政局", None, [("负责社会救助工作。", "lead", [])]))
        found = review.gather(store, COUNTY, date(2026, 6, 1))
    finally:
        store.close()
    assert found.sandings == 1 and found.undated == 1  # the undated 三定 is not counted as in force
    assert "另有 1 份文件未注明印发日期" in review.outline(found)[2][1]
