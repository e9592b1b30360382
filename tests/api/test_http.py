"""The HTTP API against a real uvicorn server on loopback, over the example corpus."""

from __future__ import annotations

import csv
import io

import pytest

from tests.api import server
from tests.api.server import CORPUS, MARKET, PLACE


def chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def department_id(client, name: str) -> str:
    page = client.get("/api/departments", params={"q": name, "jurisdiction": PLACE}).json()
    return next(d["id"] for d in page["items"] if d["name"] == name)


# -- system -------------------------------------------------------------------------------------

def test_health_and_stats(viewer):
    assert viewer.get("/api/health").json()["status"] == "ok"
    stats = viewer.get("/api/stats").json()
    assert stats["documents"] == 22 and stats["duties"] > 300
    assert PLACE in {j["name"] for j in viewer.get("/api/jurisdictions").json()}
    assert department_id(viewer, "云州市生态环境局岚川分局")  # a city bureau's branch is filed where it serves


def test_openapi_and_docs_work_offline(anonymous):
    schema = anonymous.get("/openapi.json").json()
    assert "/api/who" in schema["paths"] and "/api/findings/{finding}/transitions" in schema["paths"]
    docs = anonymous.get("/docs", headers={"Accept": "text/html"}).text
    assert "/vendor/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert anonymous.get("/vendor/swagger/swagger-ui-bundle.js").status_code == 200
    assert anonymous.get("/vendor/plotly/plotly.min.js").status_code == 200
    listing = anonymous.get("/api-docs", headers={"Accept": "text/html"}).text
    assert "/api/who" in listing and "谁负责" in listing


def test_pages_load_no_asset_from_the_internet(viewer):
    for path in ("/", "/who", "/departments", "/reforms", "/graph", "/findings", "/documents", "/docs", "/api-docs"):
        page = viewer.get(path, headers={"Accept": "text/html"}, follow_redirects=True)
        assert page.status_code == 200, path
        assert "http://" not in page.text and "https://" not in page.text, path


# -- access control -----------------------------------------------------------------------------

def test_reads_need_a_token(anonymous):
    r = anonymous.get("/api/stats")
    assert r.status_code == 401 and chinese(r.json()["detail"]) and r.headers["www-authenticate"] == "Bearer"
    bad = anonymous.get("/api/stats", headers={"Authorization": "Bearer not-a-real-token-at-all"})
    assert bad.status_code == 401 and "令牌无效" in bad.json()["detail"]


def test_a_page_without_login_goes_to_the_login_page(anonymous):
    r = anonymous.get("/findings", headers={"Accept": "text/html"})
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")


def test_login_sets_a_strict_cookie_that_works(live):
    with live.client() as c:
        r = c.post("/login", data={"token": server.TOKENS["viewer"][2], "next": "/findings"})
        assert r.status_code == 303 and r.headers["location"] == "/findings"
        assert "samesite=strict" in r.headers["set-cookie"].lower() and "httponly" in r.headers["set-cookie"].lower()
        assert c.get("/api/whoami").json() == {"user": "查看员丙", "role": "查看", "authenticated": True,
                                               "open_mode": False}
        wrong = c.post("/login", data={"token": "wrong", "next": "https://evil.example/"})
        assert wrong.status_code == 401 and "令牌不对" in wrong.text


def test_login_never_redirects_off_site(live):
    with live.client() as c:
        r = c.post("/login", data={"token": server.TOKENS["viewer"][2], "next": "//evil.example/x"})
        assert r.headers["location"] == "/"


def test_viewer_cannot_change_a_finding_and_reviewer_can(viewer, reviewer):
    fid = viewer.get("/api/findings", params={"kind": "无牵头"}).json()["items"][0]["finding"]["id"]
    denied = viewer.post(f"/api/findings/{fid}/transitions", json={"status": "已确认"})
    assert denied.status_code == 403 and "权限不足" in denied.json()["detail"]
    done = reviewer.post(f"/api/findings/{fid}/transitions", json={"status": "已确认", "reason": "已现场核实"})
    assert done.status_code == 200 and done.json()["status"] == "已确认"
    last = viewer.get(f"/api/findings/{fid}").json()["history"][-1]
    assert last["actor"] == "审核员乙" and last["to_status"] == "已确认" and last["reason"] == "已现场核实"


def test_uploads_need_admin(reviewer):
    r = reviewer.post("/api/ingest", files=[("files", ("a.txt", "第一条 测试".encode(), "text/plain"))])
    assert r.status_code == 403 and "管理" in r.json()["detail"]


# -- ownership ----------------------------------------------------------------------------------

def test_who_owns_food_safety(viewer):
    answer = viewer.get("/api/who", params={"q": "食品安全", "jurisdiction": PLACE}).json()
    assert answer["holders"][0]["name"] == MARKET and answer["holders"][0]["role"] == "lead"
    held = answer["holders"][0]["duties"][0]
    assert "食品安全" in held["text"] and held["clause"].startswith("第") and held["document_title"]
    assert "岚川县食品药品监督管理局" in {h["name"] for h in answer["past"]}


def test_who_before_the_reform(viewer):
    answer = viewer.get("/api/who", params={"q": "食品安全", "jurisdiction": PLACE, "at": "2018-06-30"}).json()
    assert [h["name"] for h in answer["holders"]] == ["岚川县食品药品监督管理局"]


def test_who_with_two_characters(viewer):
    answer = viewer.get("/api/who", params={"q": "采砂", "jurisdiction": PLACE}).json()
    assert {h["name"] for h in answer["holders"]} >= {"岚川县水利局"}


def test_who_for_nothing_names_close_matches(viewer):
    r = viewer.get("/api/who", params={"q": "不存在的事", "jurisdiction": PLACE})
    assert r.status_code == 404 and "没有找到" in r.json()["detail"]
    page = viewer.get("/who", params={"q": "不存在的事", "jurisdiction": PLACE}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "没有找到" in page.text


@pytest.mark.parametrize("params, status, words", [
    ({"q": ""}, 422, "参数 q"),
    ({"q": "消防", "at": "2019-13-45"}, 422, "日期"),
    ({"q": "消防", "jurisdiction": "岚川"}, 404, "岚川县"),
    ({"q": "x" * 201}, 422, "太长"),
])
def test_who_bad_input_is_explained_in_chinese(viewer, params, status, words):
    r = viewer.get("/api/who", params=params)
    assert r.status_code == status and words in r.json()["detail"]


def test_a_broad_question_comes_in_pages_that_add_up_to_the_whole_answer(viewer):
    whole = viewer.get("/api/who", params={"q": "负责", "jurisdiction": PLACE, "limit": 500}).json()
    assert whole["total_holders"] == len(whole["holders"]) > 4 and whole["offset"] == 0
    pages = [viewer.get("/api/who", params={"q": "负责", "jurisdiction": PLACE, "offset": k, "limit": 4}).json()
             for k in range(0, whole["total_holders"], 4)]
    assert all(len(p["holders"]) <= 4 and p["total_holders"] == whole["total_holders"] for p in pages)
    assert [h["name"] for p in pages for h in p["holders"]] == [h["name"] for h in whole["holders"]]
    default = viewer.get("/api/who", params={"q": "负责", "jurisdiction": PLACE}).json()
    assert len(default["holders"]) == min(50, whole["total_holders"])
    second = viewer.get("/who", params={"q": "负责", "jurisdiction": PLACE, "offset": 4, "format": "json"}).json()
    api = viewer.get("/api/who", params={"q": "负责", "jurisdiction": PLACE, "offset": 4}).json()
    assert {k: second[k] for k in api} == api  # the page adds the ledger's warnings and how clauses matched
    assert {"warnings", "match_notes", "has_lead"} <= set(second)
    html = viewer.get("/who", params={"q": "负责", "jurisdiction": PLACE, "offset": 4}, headers={"Accept": "text/html"})
    assert "上一页" in html.text and f"显示第 5–{whole['total_holders']} 个" in html.text


def test_a_repeated_question_is_answered_early_with_the_same_answer_and_headers(steady):
    viewer = steady.client("viewer")
    params = {"q": "河道采砂", "jurisdiction": PLACE, "at": "2024-06-30"}
    first = viewer.get("/api/who", params=params)
    again = viewer.get("/api/who", params=params)
    assert first.status_code == again.status_code == 200
    assert "x-zhize-answer" not in first.headers and again.headers["x-zhize-answer"] == "cached"
    assert again.content == first.content
    for header in ("content-type", "content-security-policy", "x-content-type-options"):
        assert again.headers[header] == first.headers[header]


@pytest.mark.parametrize("params", [
    {"q": "河道采砂", "jurisdiction": PLACE, "at": "2024-06-30", "extra": "1"},  # not plain: the app answers
    {"q": "河道采砂", "jurisdiction": PLACE, "at": "2024-6-30"},
])
def test_questions_that_are_not_plain_go_to_the_app(steady, params):
    viewer = steady.client("viewer")
    plain = {"q": "河道采砂", "jurisdiction": PLACE, "at": "2024-06-30"}
    viewer.get("/api/who", params=plain)
    assert viewer.get("/api/who", params=plain).headers.get("x-zhize-answer") == "cached"
    r = viewer.get("/api/who", params=params)
    assert "x-zhize-answer" not in r.headers


def test_a_cached_answer_still_needs_a_reader(steady):
    viewer, anonymous = steady.client("viewer"), steady.client()
    params = {"q": "河道采砂", "jurisdiction": PLACE}
    viewer.get("/api/who", params=params)
    assert viewer.get("/api/who", params=params).headers.get("x-zhize-answer") == "cached"
    r = anonymous.get("/api/who", params=params)
    assert r.status_code == 401 and "令牌" in r.json()["detail"]
    r = anonymous.get("/api/who", params=params, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and "x-zhize-answer" not in r.headers


# -- departments --------------------------------------------------------------------------------

def test_department_search_and_pages(viewer):
    page = viewer.get("/api/departments", params={"q": "市场监督", "jurisdiction": PLACE}).json()
    assert [d["name"] for d in page["items"]] == [MARKET]
    first = viewer.get("/api/departments", params={"jurisdiction": PLACE, "limit": 10}).json()
    second = viewer.get("/api/departments", params={"jurisdiction": PLACE, "limit": 10, "offset": 10}).json()
    assert first["has_more"] and first["total"] > 20
    assert not {d["id"] for d in first["items"]} & {d["id"] for d in second["items"]}
    gone = viewer.get("/api/departments", params={"jurisdiction": PLACE, "active": "false"}).json()["items"]
    assert "岚川县工商行政管理局" in {d["name"] for d in gone}


def test_department_detail(viewer):
    detail = viewer.get(f"/api/departments/{department_id(viewer, MARKET)}").json()
    assert detail["department"]["plaques"] == ["岚川县知识产权局"]
    assert detail["sanding"]["title"].startswith(MARKET) and len(detail["duties"]) >= 10
    assert detail["units"] and detail["staffing"][0]["administrative"] == 24
    assert {s["name"] for e in detail["transfers_in"] for s in e["sources"]} >= {"岚川县发展和改革局", "岚川县科学技术局"}
    assert any(e["kind"] == "create" for e in detail["history"])
    assert [f["finding"]["matter"] for f in detail["findings"]] == ["食用农产品"]


def test_an_abolished_department_before_and_after(viewer):
    dep = department_id(viewer, "岚川县工商行政管理局")
    before = viewer.get(f"/api/departments/{dep}", params={"at": "2018-01-01"}).json()
    assert before["department"]["active"] and before["duties"]
    after = viewer.get(f"/api/departments/{dep}").json()
    assert not after["department"]["active"] and not after["duties"]
    assert {t["name"] for e in after["transfers_out"] for t in e["targets"]} == {MARKET}


def test_unknown_department_is_404_in_chinese(viewer):
    r = viewer.get("/api/departments/d:0000000000000000")
    assert r.status_code == 404 and "不在库中" in r.json()["detail"]


# -- reforms ------------------------------------------------------------------------------------

def reform_id(client) -> str:
    [reform] = client.get("/api/reforms", params={"jurisdiction": PLACE}).json()
    return reform["id"]


def test_transfers_and_sankey(viewer):
    reform = reform_id(viewer)
    [plan] = viewer.get("/api/transfers", params={"reform": reform}).json()
    kinds = {e["kind"] for e in plan["events"]}
    assert {"create", "abolish", "transfer", "merge", "plaque"} <= kinds
    assert "未见于承接部门三定" in {e["status"] for e in plan["events"]}  # 老龄工作 did not land (PLANTED.md)
    flows = viewer.get(f"/api/reforms/{reform}/sankey").json()
    labels = {n["label"] for n in flows["nodes"]}
    assert {"岚川县工商行政管理局", MARKET} <= labels
    for link in flows["links"]:
        assert flows["nodes"][link["source"]]["side"] == "before" and flows["nodes"][link["target"]]["side"] == "after"
        assert link["value"] == len(link["clauses"]) and all(c["text"] for c in link["clauses"])


def test_transfers_of_a_jurisdiction_and_unknown_plans(viewer):
    assert [p["title"] for p in viewer.get("/api/transfers", params={"jurisdiction": PLACE}).json()] == ["岚川县机构改革方案"]
    r = viewer.get("/api/transfers", params={"reform": "没有这个方案"})
    assert r.status_code == 404 and "改革方案" in r.json()["detail"]


def test_lineage_of_a_department_and_a_matter(viewer):
    dep = viewer.get("/api/lineage", params={"q": "岚川县应急管理局"}).json()
    assert dep["kind"] == "department" and "岚川县安全生产监督管理局" in dep["generations"][0]
    assert dep["generations"][-1] == ["岚川县应急管理局"]
    matter = viewer.get("/api/lineage", params={"q": "森林防火"}).json()
    assert matter["kind"] == "matter" and matter["steps"][0]["target"] == "岚川县应急管理局"
    assert viewer.get("/api/lineage", params={"q": "不存在的东西"}).status_code == 404


def test_relation_graph(viewer):
    dep = department_id(viewer, MARKET)
    g = viewer.get("/api/graph", params={"jurisdiction": PLACE, "department": dep}).json()
    assert any(n["focus"] and n["label"] == MARKET for n in g["nodes"])
    ids = {n["id"] for n in g["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in g["edges"])
    flagged = {n["label"]: n["flag"] for n in g["nodes"] if n["kind"] == "matter"}
    assert flagged.get("食用农产品") == "overlap"  # from the ledger's open OVL001 finding


# -- findings -----------------------------------------------------------------------------------

def test_findings_filters_and_pages(viewer):
    everything = viewer.get("/api/findings").json()["items"]
    assert len(everything) == 3
    assert [e["finding"]["kind"] for e in viewer.get("/api/findings", params={"kind": "职责交叉"}).json()["items"]] == ["职责交叉"]
    mine = viewer.get("/api/findings", params={"department": "岚川县卫生健康局"}).json()["items"]
    assert {e["finding"]["detector"] for e in mine} == {"BPR001", "GAP001"}
    page = viewer.get("/api/findings", params={"limit": 2}).json()
    assert len(page["items"]) == 2 and page["has_more"]
    assert viewer.get("/api/findings", params={"status": "不存在"}).status_code == 422


def test_workflow_rules_are_422_in_chinese(viewer, reviewer):
    fid = viewer.get("/api/findings", params={"kind": "划转未落地"}).json()["items"][0]["finding"]["id"]
    r = reviewer.post(f"/api/findings/{fid}/transitions", json={"status": "已销号"})
    assert r.status_code == 422 and "不能改为" in r.json()["detail"]
    r = reviewer.post(f"/api/findings/{fid}/transitions", json={"status": "已驳回"})
    assert r.status_code == 422 and "理由" in r.json()["detail"]
    r = reviewer.post(f"/api/findings/{fid}/transitions", json={"status": "已确认", "deadline": "明天"})
    assert r.status_code == 422 and "deadline" in r.json()["detail"]
    assert reviewer.post("/api/findings/f:nothing/transitions", json={"status": "已确认"}).status_code == 404


def test_rectification_with_category_and_deadline(viewer, reviewer):
    fid = viewer.get("/api/findings", params={"kind": "划转未落地"}).json()["items"][0]["finding"]["id"]
    assert reviewer.post(f"/api/findings/{fid}/transitions", json={"status": "已确认"}).status_code == 200
    r = reviewer.post(f"/api/findings/{fid}/transitions",
                      json={"status": "整改中", "category": "限时整改", "deadline": "2030-06-30"})
    entry = r.json()
    assert entry["status"] == "整改中" and entry["category"] == "限时整改" and entry["deadline"] == "2030-06-30"
    assert [c["to_status"] for c in entry["history"]] == ["待核实", "已确认", "整改中"]


def test_export_xlsx_and_csv(viewer):
    from openpyxl import load_workbook

    xlsx = viewer.get("/api/findings/export", params={"format": "xlsx"})
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx.headers["content-type"]
    assert "filename*=UTF-8''" in xlsx.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "岚川县职责问题台账" and rows[2][:4] == ("序号", "问题编号", "问题类型", "问题描述")
    assert len(rows) == 6 and all(r[14] for r in rows[3:])  # every entry has its history
    text = viewer.get("/api/findings/export", params={"format": "csv", "kind": "职责交叉"}).content
    assert text.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert len(lines) == 2 and lines[1][2] == "职责交叉" and "检测发现" in lines[1][14]
    short = viewer.get("/api/findings/export", params={"format": "csv", "department": "市场监管局"}).content
    assert [r[2] for r in list(csv.reader(io.StringIO(short.decode("utf-8-sig"))))[1:]] == ["职责交叉"]


# -- ingest by upload ---------------------------------------------------------------------------

def test_upload_the_same_file_again_changes_nothing(admin):
    source = CORPUS / "2019-sanding-minzheng.txt"
    r = admin.post("/api/ingest", files=[("files", (source.name, source.read_bytes(), "text/plain"))])
    report = r.json()
    assert r.status_code == 200 and report["files"] == 1 and report["failed"] == []
    assert report["loaded"] + report["unchanged"] + report["replaced"] == 1
    again = admin.post("/api/ingest", files=[("files", (source.name, source.read_bytes(), "text/plain"))]).json()
    assert again["unchanged"] == 1 and "未变化 1" in again["message"]


def test_an_unreadable_file_is_reported_and_nothing_of_it_is_written(admin, viewer):
    before = viewer.get("/api/stats").json()["documents"]
    r = admin.post("/api/ingest", files=[("files", ("坏文件.pdf", b"%PDF-1.4 this is not a pdf", "application/pdf"))])
    report = r.json()
    assert r.status_code == 200 and report["failed"][0]["file"] == "坏文件.pdf" and chinese(report["failed"][0]["reason"])
    assert viewer.get("/api/stats").json()["documents"] == before


def test_upload_limits(admin):
    r = admin.post("/api/ingest", files=[("files", ("a.exe", b"MZ", "application/octet-stream"))])
    assert r.status_code == 422 and "不支持的文件类型" in r.json()["detail"]
    big = b"x" * (1024 * 1024 + 10)  # the test server allows 1 MB
    r = admin.post("/api/ingest", files=[("files", ("big.txt", big, "text/plain"))])
    assert r.status_code == 413 and "MB" in r.json()["detail"]
    r = admin.post("/api/ingest", files=[("files", ("../../etc/x.txt", "第一条 测试".encode(), "text/plain"))])
    assert r.status_code == 200 and r.json()["failed"] == [] or r.json()["failed"][0]["file"] == "x.txt"


def test_documents(viewer):
    docs = viewer.get("/api/documents", params={"jurisdiction": PLACE, "kind": "改革方案"}).json()
    assert [d["title"] for d in docs] == ["岚川县机构改革方案"]
    one = viewer.get(f"/api/documents/{docs[0]['id']}").json()
    assert one["counts"]["event"] > 50
    assert viewer.get("/api/documents/nothing").status_code == 404


# -- pages and their JSON twins -----------------------------------------------------------------

def test_every_page_has_a_json_twin(viewer):
    page = viewer.get("/who", params={"q": "食品安全", "jurisdiction": PLACE, "format": "json"}).json()
    api = viewer.get("/api/who", params={"q": "食品安全", "jurisdiction": PLACE}).json()
    assert {k: page[k] for k in api} == api
    dep = department_id(viewer, MARKET)
    assert viewer.get(f"/departments/{dep}", params={"format": "json"}).json() == viewer.get(f"/api/departments/{dep}").json()
    assert viewer.get("/findings", params={"format": "json"}).json()["items"]
    reform = reform_id(viewer)
    assert viewer.get(f"/reforms/{reform}", params={"format": "json"}).json() == viewer.get(f"/api/reforms/{reform}/sankey").json()
    assert viewer.get("/graph", params={"jurisdiction": PLACE, "format": "json"}).json()["nodes"]
    assert viewer.get("/documents", params={"format": "json"}).json()


def test_texts_from_documents_are_escaped(viewer):
    page = viewer.get("/who", params={"q": "转义检查", "jurisdiction": "测试县"}, headers={"Accept": "text/html"}).text
    assert "&lt;script&gt;window.__pwned" in page and "<script>window.__pwned" not in page
    assert "<img src=x" not in page


def test_pages_have_a_content_security_policy(viewer):
    r = viewer.get("/who", headers={"Accept": "text/html"})
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_page_errors_are_chinese_pages(viewer):
    r = viewer.get("/departments/d:0000000000000000", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "出错了" in r.text and "不在库中" in r.text
    r = viewer.get("/who", params={"q": "食品", "at": "昨天"}, headers={"Accept": "text/html"})
    assert r.status_code == 422 and "YYYY-MM-DD" in r.text


def test_an_upload_may_give_the_issue_date(admin, viewer):
    text = "青禾县机构改革方案\n（一）组建县水务局。将县水利局的职责整合，组建县水务局。\n".encode()
    r = admin.post("/api/ingest", files=[("files", ("青禾方案.txt", text, "text/plain"))],
                   data={"issue_date": "2021-03-01"})
    assert r.status_code == 200 and r.json()["loaded"] == 1
    dated = [d for d in viewer.get("/api/documents").json() if d["title"] == "青禾县机构改革方案"]
    assert [(d["issue_date"], d["date_source"]) for d in dated] == [("2021-03-01", "用户指定")]
    assert admin.post("/api/ingest", files=[("files", ("青禾方案.txt", text, "text/plain"))],
                      data={"issue_date": "2021-13-01"}).status_code == 422
