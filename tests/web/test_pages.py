"""The web pages in headless Chromium: search, department, Sankey, graph, ledger, upload, escaping."""

from __future__ import annotations

import pytest

from tests.api.server import CORPUS, HOSTILE_PLACE, MARKET, PLACE
from tests.web.conftest import shoot

pytestmark = pytest.mark.web


def first_finding_url(page, site, kind: str) -> str:
    page.goto(f"{site.url}/findings?kind={kind}")
    link = page.locator("#findings tbody tr a").first
    return site.url + link.get_attribute("href")


def test_search_food_safety_shows_the_market_regulator(page_as, site):
    page = page_as("viewer")
    page.goto(site.url + "/who")
    page.fill("input[name=q]", "食品安全")
    page.select_option("select[name=jurisdiction]", PLACE)
    page.click("#who-form button[type=submit]")
    first = page.locator("#holders li.holder").first
    assert MARKET in first.locator(".who").inner_text()
    assert "食品安全" in first.locator("blockquote").first.inner_text()
    assert "岚川县食品药品监督管理局" in page.locator("#past").inner_text()
    shoot(page, "01-who")
    assert page.outside == [] and page.errors == []


def test_department_page(page_as, site):
    page = page_as("viewer")
    page.goto(f"{site.url}/departments?q=市场监督&jurisdiction={PLACE}")
    page.click(f"text={MARKET}")
    assert page.locator("#dept-name").inner_text() == MARKET
    assert page.locator("#duties li").count() >= 10
    assert "岚川县发展和改革局" in page.locator("#transfers-in").inner_text()
    assert "食用农产品" in page.locator("#dept-findings").inner_text()
    shoot(page, "02-department")
    assert page.outside == [] and page.errors == []


def test_sankey_renders_its_nodes_and_a_click_lists_the_clauses(page_as, site):
    page = page_as("viewer")
    page.goto(site.url + "/reforms")  # one plan: goes straight to its page
    page.wait_for_selector("#sankey .sankey-node")
    labels = page.eval_on_selector_all("#sankey .sankey-node .node-label", "nodes => nodes.map(n => n.textContent)")
    assert len(labels) > 20 and MARKET in labels and any(label.startswith("岚川县工商行政管理局") for label in labels)
    page.locator("#sankey .sankey-link").first.click(force=True)
    page.wait_for_selector("#flow-detail:not([hidden])")
    assert page.locator("#flow-clauses li").count() >= 1
    assert "→" in page.locator("#flow-title").inner_text()
    shoot(page, "03-reform-sankey")
    assert page.outside == [] and page.errors == []


def test_relation_graph_is_interactive(page_as, site):
    page = page_as("viewer")
    page.goto(f"{site.url}/graph?jurisdiction={PLACE}")
    page.select_option("select[name=department]", label=MARKET)
    page.click("form.search button[type=submit]")
    page.wait_for_selector("#graph .node.focus")
    assert page.locator("#graph .node.department").count() >= 2
    assert page.locator("#graph .node.matter").count() >= 5
    assert page.locator("#graph .node.overlap").count() >= 1  # the ledger's open 职责交叉
    assert MARKET in page.locator("#graph-detail h2").inner_text()
    page.locator("#graph .node.matter").first.click()
    assert page.locator("#graph-detail li").count() >= 1
    shoot(page, "04-graph")
    assert page.outside == [] and page.errors == []


def test_a_status_change_survives_a_reload(page_as, site):
    page = page_as("reviewer")
    url = first_finding_url(page, site, "职责交叉")
    shoot(page, "05-findings")
    page.goto(url)
    assert page.locator("#status").inner_text() == "待核实"
    page.select_option("#to-status", "已确认")
    page.fill("textarea[name=reason]", "经核实，两局三定均写明牵头")
    with page.expect_navigation():
        page.click("#transition button[type=submit]")
    assert page.locator("#status").inner_text() == "已确认"
    page.reload()
    assert page.locator("#status").inner_text() == "已确认"
    history = page.locator("#history").inner_text()
    assert "审核员乙" in history and "经核实" in history
    shoot(page, "06-finding")
    assert page.outside == [] and page.errors == []


def test_a_viewer_cannot_change_a_finding(page_as, site):
    page = page_as("viewer")
    page.goto(first_finding_url(page, site, "无牵头"))
    before = page.locator("#status").inner_text()
    page.click("#transition button[type=submit]")
    page.wait_for_selector("#transition-message.error")
    assert "权限不足" in page.locator("#transition-message").inner_text()
    shoot(page, "07-finding-viewer-denied")
    page.reload()
    assert page.locator("#status").inner_text() == before


def test_findings_export_button(page_as, site):
    page = page_as("viewer")
    page.goto(site.url + "/findings")
    with page.expect_download() as download:
        page.click("#export-xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")


def test_admin_uploads_a_file(page_as, site):
    page = page_as("admin")
    page.goto(site.url + "/documents")
    page.set_input_files("#upload-files", str(CORPUS / "2019-sanding-minzheng.txt"))
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#upload-report a")
    assert "文件 1 个" in page.locator("#upload-report").inner_text()
    shoot(page, "08-documents-upload")
    assert page.outside == [] and page.errors == []


def test_a_new_version_is_replaced_only_when_the_admin_chooses(page_as, site, tmp_path):
    page = page_as("admin")
    page.goto(site.url + "/documents")
    changed = tmp_path / "水利局三定（更正）.txt"
    changed.write_bytes((CORPUS / "2019-sanding-shuili.txt").read_bytes() + b"\n")
    page.set_input_files("#upload-files", str(changed))
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#upload-report .pending button")
    pending = page.locator("#upload-report .pending").inner_text()
    assert "待确认" in pending and "2019-sanding-shuili.txt" in pending and "替换这一份" in pending
    shoot(page, "08b-documents-pending")
    page.click("#upload-report .pending li button")
    page.wait_for_selector("#upload-report p:has-text('替换旧版本 1')")  # no eval: the page's CSP forbids it
    assert page.outside == [] and page.errors == []


def test_document_texts_cannot_run_script(page_as, site):
    page = page_as("viewer")
    page.goto(f"{site.url}/who?q=转义检查&jurisdiction={HOSTILE_PLACE}")
    assert "<script>" in page.locator("#holders blockquote").first.inner_text()
    assert page.evaluate("window.__pwned") is None
    page.goto(f"{site.url}/graph?jurisdiction={HOSTILE_PLACE}&q=")
    assert page.evaluate("window.__pwned") is None


def test_swagger_ui_works_offline(page_as, site):
    page = page_as(None)
    page.goto(site.url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".swagger-ui .opblock").count() > 10
    shoot(page, "09-api-docs")
    assert page.outside == []
