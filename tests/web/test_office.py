"""The office's daily work in headless Chromium: the 台账 handed in (Excel, every column and the
history), the review report (Word → PDF pages with the findings), the Sankey's landing colours, the
运行检测 button, 谁负责's warnings, and a phone-sized screen with nothing wider than it."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from tests.api import server
from tests.api.server import MARKET, PLACE
from tests.web.conftest import shoot

pytestmark = pytest.mark.web

SOFFICE = shutil.which("soffice")
PHONE = {"width": 390, "height": 844}


def finding_page(page, site, kind: str) -> str:
    page.goto(f"{site.url}/findings?kind={kind}")
    return site.url + page.locator("#findings tbody tr a").first.get_attribute("href")


def test_the_ledger_handed_in_carries_every_column_and_the_history(page_as, site):
    page = page_as("reviewer")
    page.goto(finding_page(page, site, "划转未落地"))
    number = page.locator("#number").inner_text()
    page.fill("input[name=responsible_unit]", "岚川县卫生健康局")
    page.fill("textarea[name=measures]", "修订三定，写明老龄工作职责")
    page.fill("input[name=responsible_person]", "李四")
    page.fill("textarea[name=progress]", "已报县委编委审议")
    with page.expect_navigation():
        page.click("#ledger-fields button[type=submit]")
    assert "修改台账" in page.locator("#history").inner_text()
    page.select_option("#to-status", "已确认")
    with page.expect_navigation():
        page.click("#transition button[type=submit]")
    page.select_option("#to-status", "整改中")
    page.select_option("select[name=category]", "限时整改")
    page.fill("input[name=deadline]", "2024-06-30")  # already past: overdue
    page.fill("textarea[name=reason]", "限期修订三定")
    with page.expect_navigation():
        page.click("#transition button[type=submit]")
    assert "已逾期" in page.locator("#deadline").inner_text()
    shoot(page, "10-finding-ledger-fields")

    page.goto(f"{site.url}/findings?jurisdiction={PLACE}")
    row = page.locator(f"#findings tr:has-text('{number}')")
    assert "overdue" in row.get_attribute("class") and "已逾期" in row.inner_text()
    with page.expect_download() as download:
        page.click("#export-xlsx")
    body = open(download.value.path(), "rb").read()
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet["A1"].value == "岚川县职责问题台账" and "导出日期" in sheet["A2"].value
    header = [c.value for c in sheet[3]]
    assert header == ["序号", "问题编号", "问题类型", "问题描述", "涉及部门", "依据条款", "责任单位", "整改措施", "责任人",
                      "整改类别", "整改时限", "整改进展", "状态", "销号时间", "处理记录", "系统编号"]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=4, values_only=True)}
    entry = rows[number]
    assert isinstance(entry["序号"], int) and entry["问题类型"] == "划转未落地" and "老龄工作" in entry["问题描述"]
    assert entry["涉及部门"] == "岚川县卫生健康局" and "第三条（一）" in entry["依据条款"]
    assert (entry["责任单位"], entry["整改措施"], entry["责任人"], entry["整改进展"]) == (
        "岚川县卫生健康局", "修订三定，写明老龄工作职责", "李四", "已报县委编委审议")
    assert entry["整改类别"] == "限时整改" and entry["整改时限"].date().isoformat() == "2024-06-30"
    assert entry["状态"] == "整改中" and entry["销号时间"] is None and entry["系统编号"].startswith("f:")
    steps = entry["处理记录"].split("\n")
    assert len(steps) >= 4 and "测试：—→待核实（检测发现）" in steps[0]
    assert any("审核员乙：修改台账；责任单位“岚川县卫生健康局”" in s for s in steps)
    assert any("审核员乙：待核实→已确认" in s for s in steps)
    assert any("已确认→整改中（限期修订三定）；类别 限时整改；期限 2024-06-30" in s for s in steps)
    deadline = sheet.cell(4 + list(rows).index(number), 11)
    assert deadline.fill.fill_type == "solid"  # overdue, highlighted
    assert page.outside == [] and page.errors == []


@pytest.mark.skipif(SOFFICE is None, reason="没有 LibreOffice（apt-get install libreoffice-writer-nogui）：跳过报告转 PDF")
def test_the_report_button_gives_a_word_report_whose_pdf_pages_hold_the_findings(page_as, site, tmp_path):
    page = page_as("viewer")
    page.goto(site.url + "/findings")
    page.select_option("#report-form select[name=jurisdiction]", PLACE)
    with page.expect_download() as download:
        page.click("#report-button")
    assert download.value.suggested_filename.endswith(".docx")
    docx = tmp_path / "report.docx"
    download.value.save_as(docx)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "report.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.replace(" ", "").replace("\n", "")
    assert pages >= 2 and "评估报告" in text and "二、发现的主要问题" in text
    for matter in ("食用农产品", "留守老年人关爱服务"):
        assert matter in text
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(png)], check=True)
    assert list(tmp_path.glob("page*.png"))


def test_sankey_flows_are_coloured_by_landing_and_filtered(page_as, site):
    page = page_as("viewer")
    page.goto(site.url + "/reforms")
    page.wait_for_selector("#sankey .sankey-link")
    colours = page.eval_on_selector_all("#sankey .sankey-link", "ls => ls.map(l => getComputedStyle(l).fill)")
    assert any(c.startswith("rgba(192, 57, 43") or c.startswith("rgb(192, 57, 43") for c in colours)  # 未落地
    assert any(c.startswith("rgba(46, 125, 79") or c.startswith("rgb(46, 125, 79") for c in colours)  # 已落实
    legend = page.locator("#landing-filter").inner_text()
    assert "已落实" in legend and "未落地" in legend and "无法核对" in legend
    before = page.locator("#sankey .sankey-link").count()
    page.uncheck("#landing-filter input[value=已落实]")
    page.wait_for_function(f"() => document.querySelectorAll('#sankey .sankey-link').length < {before}")
    assert page.locator("#flows tr[data-landing=已落实]:visible").count() == 0
    assert page.locator("#flows tr[data-landing=未落地]:visible").count() >= 1
    page.locator("#flows tr[data-landing=未落地]").first.click()
    assert "未落地" in page.locator("#flow-title").inner_text()
    shoot(page, "11-sankey-landing")
    assert page.outside == [] and page.errors == []


def test_the_check_button_runs_the_detectors_for_a_reviewer(browser, tmp_path):
    path = tmp_path / "unchecked.db"
    server.corpus_store(path, seed=False)
    running = server.start(path)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        page.goto(running.url + "/login")
        page.fill("input[name=token]", server.TOKENS["reviewer"][2])
        page.click("#login button[type=submit]")
        page.goto(running.url + "/findings")
        assert page.locator("#findings tbody tr a").count() == 0
        assert "运行检测" in page.locator("#findings").inner_text()  # the empty board points at the button
        page.select_option("#run-check select[name=jurisdiction]", PLACE)
        page.click("#check-button")
        page.wait_for_function("() => document.getElementById('check-message').textContent.includes('发现问题')")
        page.wait_for_selector("#findings tbody tr a", timeout=30_000)  # the board reloads with the findings
        assert page.locator("#findings tbody tr[data-id]").count() >= 3
        shoot(page, "12-check-button")
        context.close()
        viewer = browser.new_context()
        page = viewer.new_page()
        page.goto(running.url + "/login")
        page.fill("input[name=token]", server.TOKENS["viewer"][2])
        page.click("#login button[type=submit]")
        page.goto(running.url + "/findings")
        assert page.locator("#run-check").count() == 0  # viewers see no check button
        viewer.close()
    finally:
        running.stop()


def test_who_warns_of_open_findings_and_suggests_as_you_type(page_as, site):
    page = page_as("viewer")
    page.goto(site.url + "/who")
    page.locator("input[name=q]").press_sequentially("食用")
    page.wait_for_function("() => document.querySelectorAll('#suggest-matters option').length > 0")
    options = page.eval_on_selector_all("#suggest-matters option", "os => os.map(o => o.value)")
    assert any(o.startswith("食用") for o in options)
    page.goto(f"{site.url}/who?q=食用农产品&jurisdiction={PLACE}")
    badge = page.locator("#who-warnings a.badge").first
    assert badge.inner_text().startswith("职责交叉·")
    assert page.locator("#holders .match").count() >= 1
    with page.expect_download() as download:
        page.click("#who-export")
    assert download.value.suggested_filename.endswith(".xlsx")
    badge.click()
    page.wait_for_selector("#number")
    assert "食用农产品" in page.locator("h1").inner_text()
    page.goto(f"{site.url}/who?q=食品安全&jurisdiction={PLACE}&department=市场监管局")
    assert [t.strip() for t in page.locator("#holders li.holder .who > a").all_inner_texts()] == [MARKET]
    shoot(page, "13-who-warnings")
    assert page.outside == [] and page.errors == []


PAGES = ("/who?q=食品安全&jurisdiction=岚川县", "/departments?jurisdiction=岚川县", "/findings", "/reforms",
         "/graph?jurisdiction=岚川县", "/documents")


@pytest.mark.parametrize("path", PAGES)
def test_a_phone_sees_the_page_without_scrolling_sideways(browser, site, path):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", device_scale_factor=1, is_mobile=True,
                                  has_touch=True, extra_http_headers={"Authorization": server.auth("viewer")[
                                      "Authorization"]})
    try:
        page = context.new_page()
        page.goto(site.url + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} 宽 {width}px"
        assert not page.locator("header nav").is_visible() and page.locator(".nav-button").is_visible()
        page.click(".nav-button")
        assert page.locator("header nav").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        name = path.strip("/").split("?")[0] or "who"
        shoot(page, f"phone-{name}")
    finally:
        context.close()


def test_printing_hides_forms_and_buttons(page_as, site):
    page = page_as("viewer")
    page.goto(site.url + "/findings")
    page.emulate_media(media="print")
    assert not page.locator("#finding-filters").is_visible() and not page.locator("header.top").is_visible()
    assert page.locator("#findings").is_visible()
