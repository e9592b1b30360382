"""What the pages add to the queries' answers: landing status on the Sankey, the ledger's warnings
on 谁负责, suggestions, one voice for the web, and compressed, cached static files."""

from __future__ import annotations

import gzip
import io

import httpx
from openpyxl import load_workbook

from tests.api.server import MARKET, PLACE


def reform_id(viewer) -> str:
    return viewer.get("/api/reforms", params={"jurisdiction": PLACE}).json()[0]["id"]


def test_sankey_flows_carry_their_landing_with_totals(viewer):
    sankey = viewer.get(f"/api/reforms/{reform_id(viewer)}/sankey").json()
    landings = {link["landing"] for link in sankey["links"]}
    assert landings <= {"已落实", "未落地", "无法核对", "整体并入"} and {"已落实", "未落地", "无法核对"} <= landings
    assert sankey["totals"]["未落地"] == sum(link["value"] for link in sankey["links"] if link["landing"] == "未落地")
    names = {i: n["label"] for i, n in enumerate(sankey["nodes"])}
    missing = [(names[link["source"]], names[link["target"]], link["label"]) for link in sankey["links"]
               if link["landing"] == "未落地"]
    assert ("岚川县水利局", "岚川县应急管理局", "水旱灾害防治") in missing
    unknown = [c for link in sankey["links"] if link["landing"] == "无法核对" for c in link["clauses"]]
    assert unknown and all(c["landing_reason"] for c in unknown)  # why it cannot be checked


def test_a_plan_paragraph_is_quoted_once_per_flow(viewer):
    sankey = viewer.get(f"/api/reforms/{reform_id(viewer)}/sankey").json()
    for link in sankey["links"]:
        quoted = [(c["clause"], c["text"]) for c in link["clauses"] if c["text"]]
        assert len(quoted) == len(set(quoted))


def test_who_shows_the_ledgers_open_findings_and_how_each_clause_matched(viewer):
    page = viewer.get("/who", params={"q": "食用农产品", "jurisdiction": PLACE, "format": "json"}).json()
    labels = {w["label"] for w in page["warnings"]}
    assert "职责交叉·待核实" in labels or "职责交叉·已确认" in labels
    assert all(w["finding"].startswith("f:") and w["number"] for w in page["warnings"])
    notes = set(page["match_notes"].values())
    assert notes and all(n.startswith(("按事项", "按同义说法", "原文含")) for n in notes)
    html = viewer.get("/who", params={"q": "食用农产品", "jurisdiction": PLACE}, headers={"Accept": "text/html"}).text
    assert 'class="badge overlap"' in html and "/findings/20" in html


def test_who_filters_by_a_department_typed_short_and_exports_to_excel(viewer):
    page = viewer.get("/who", params={"q": "食品安全", "jurisdiction": PLACE, "department": "市场监管局",
                                      "format": "json"}).json()
    assert [h["name"] for h in page["holders"]] == [MARKET] and page["department"] == MARKET
    xlsx = viewer.get("/api/who/export", params={"q": "食品安全", "jurisdiction": PLACE})
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx.headers["content-type"]
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("谁负责“食品安全”") and rows[2][:3] == ("序号", "部门", "角色")
    assert rows[3][1] == MARKET and any(r[7] and r[7].startswith(("按事项", "按同义说法", "原文含")) for r in rows[3:])


def test_suggestions_complete_matters_and_departments(viewer):
    deps = viewer.get("/api/suggest", params={"kind": "departments", "q": "水利", "jurisdiction": PLACE}).json()
    assert "水利局" in deps and "岚川县水利局" in deps
    matters = viewer.get("/api/suggest", params={"kind": "matters", "q": "食品"}).json()
    assert matters and matters[0].startswith("食品") and len(matters) <= 20
    assert viewer.get("/api/suggest", params={"kind": "matters", "q": ""}).json() == []


def test_web_messages_name_no_command_option_or_path(viewer):
    missing = viewer.get("/api/who", params={"q": "星际航行", "jurisdiction": PLACE})
    assert missing.status_code == 404 and "zhize" not in missing.json()["detail"]
    fid = viewer.get("/api/findings", params={"kind": "无牵头"}).json()["items"][0]["finding"]["id"]
    html = viewer.get("/who", params={"q": "星际航行", "jurisdiction": PLACE}, headers={"Accept": "text/html"}).text
    assert "zhize " not in html and "--" not in html.split("<main>")[1].split("</main>")[0]
    assert fid


def test_an_empty_store_is_explained_in_the_webs_own_words(tmp_path):
    from tests.api import server

    running = server.start(tmp_path / "empty.db", tokens=False)
    try:
        with httpx.Client(base_url=running.url, timeout=30) as c:
            detail = c.get("/api/who", params={"q": "消防"}).json()["detail"]
        assert "“文档”页上传" in detail and "zhize" not in detail
    finally:
        running.stop()


def test_static_files_are_compressed_and_cached_for_a_year_when_fingerprinted(viewer, live):
    html = viewer.get(f"/reforms/{reform_id(viewer)}", headers={"Accept": "text/html"}).text
    plotly = html.split('<script src="')[-2].split('"')[0]
    assert plotly.startswith("/vendor/plotly/plotly.min.js?v=")
    raw = httpx.get(live.url + plotly, headers={"Accept-Encoding": "gzip"}, timeout=30)
    assert raw.headers["content-encoding"] == "gzip" and "immutable" in raw.headers["cache-control"]
    assert int(raw.headers["content-length"]) < 2_000_000 and raw.headers["vary"] == "Accept-Encoding"
    with httpx.stream("GET", live.url + plotly, headers={"Accept-Encoding": "gzip"}, timeout=30) as r:
        body = b"".join(r.iter_raw())
    assert len(gzip.decompress(body)) > 3_000_000
    css = html.split('rel="stylesheet" href="')[1].split('"')[0]
    assert css.startswith("/static/app.css?v=")
    plain = httpx.get(live.url + "/static/app.css", headers={"Accept-Encoding": "identity"}, timeout=30)
    assert "content-encoding" not in plain.headers and plain.headers["cache-control"] == "public, max-age=3600"


def test_a_department_page_quotes_a_plan_paragraph_once(viewer):
    deps = viewer.get("/api/departments", params={"q": "应急管理局", "jurisdiction": PLACE}).json()["items"]
    page = viewer.get(f"/departments/{deps[0]['id']}", params={"format": "json"}).json()
    quoted = [(e["document"], e["clause"], e["text"]) for e in page["history"] if e["text"]]
    assert len(page["history"]) > len(quoted) and len(quoted) == len(set(quoted))


def test_the_relation_graph_flags_only_what_the_ledger_holds(viewer, tmp_path):
    from tests.api import server

    graph = viewer.get("/api/graph", params={"jurisdiction": PLACE, "q": "食用农产品"}).json()
    flagged = {n["label"]: (n["flag"], n["finding"]) for n in graph["nodes"] if n["flag"]}
    assert graph["checked"] and flagged["食用农产品"][0] == "overlap" and flagged["食用农产品"][1]
    path = tmp_path / "unchecked.db"
    server.corpus_store(path, seed=False)
    running = server.start(path, tokens=False)
    try:
        with httpx.Client(base_url=running.url, timeout=60) as c:
            fresh = c.get("/api/graph", params={"jurisdiction": PLACE}).json()
            html = c.get("/graph", params={"jurisdiction": PLACE}, headers={"Accept": "text/html"}).text
    finally:
        running.stop()
    assert not fresh["checked"] and not any(n["flag"] for n in fresh["nodes"])  # no second copy of the rules
    assert "尚未运行检测" in html


def test_an_upload_failure_names_the_file_not_the_servers_path(admin, live):
    r = admin.post("/api/ingest", files=[("files", ("空白.txt", b"", "text/plain")),
                                         ("files", ("坏文件.docx", b"PK\x03\x04garbage", "application/octet-stream"))])
    report = r.json()
    assert r.status_code == 200 and len(report["failed"]) == 2, report
    reasons = [f["reason"] for f in report["failed"]]
    assert "空白.txt" in reasons[0] and "坏文件.docx" in reasons[1]
    assert not [x for x in reasons if "/" in x or ".uploads" in x]  # the file's name, not where the server keeps it


def test_voice_rewrites_cli_wording_for_the_web():
    from zhize.api.voice import web
    from zhize.queries.scope import EMPTY_STORE

    assert "zhize" not in web(EMPTY_STORE) and "“文档”页" in web(EMPTY_STORE)
    assert web("限时整改须注明整改期限（--deadline）") == "限时整改须注明整改期限"
    assert web("没有找到。可用 zhize search 按文字查找职责条款。") == "没有找到。可换一个更短或更常见的说法再查。"
    assert web("无法读取 /srv/zhize/zhize.db.uploads/三定.docx：文件已损坏") == "无法读取 三定.docx：文件已损坏"
    assert web(r"文件 C:\data\x.docx 太大") == "文件 x.docx 太大"
    assert web("日期“2019-02-30”格式不对，应为 YYYY-MM-DD") == "日期“2019-02-30”格式不对，应为 YYYY-MM-DD"
