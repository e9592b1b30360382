"""The store contract, written once and run on every store (see docs/graph-model.md)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timezone

import networkx as nx
import pytest

from tests.builders import COUNTY, day, full, reform, sanding
from zhize.graph.errors import InputError, LedgerError, NotFound
from zhize.graph.ledger import Transition
from zhize.graph.models import Evidence, Finding, FindingFilter, LedgerFields, RectifyCategory, Severity
from zhize.graph.models import FindingStatus as S
from zhize.graph.records import Extract
from zhize.graph.schema import department_id, jurisdiction_id
from zhize.graph.store import GraphStore

MARKET = "市场监督管理局"
WATER = "水利局"
NATURE = "自然资源局"


def market_2019(issued: str | None = "2019-06-18", **kw) -> Extract:
    return sanding(MARKET, issued, [
        ("负责全县市场综合监督管理。", "lead", ["市场监管"]),
        ("负责食品安全监督管理综合协调，承担县食品安全委员会日常工作。", "lead", ["食品安全"]),
        ("配合县应急管理局做好消防安全检查中涉及经营场所的工作。", "support", ["消防"]),
    ], units={"食品安全监管股": [("承担食品生产经营环节的监督检查。", "lead", ["食品安全"])]},
        aliases=["县市场监管局"], plaques=["岚川县知识产权局"], administrative=23, **kw)


def water_2019() -> Extract:
    return sanding(WATER, "2019-07-01", [
        ("负责全县水资源的合理开发利用。", "lead", ["水资源"]),
        ("负责河道采砂的统一管理和监督检查。", "lead", ["河道采砂"]),
    ], others=[NATURE], boundaries=[{"departments": [WATER, NATURE], "matter": "河道采砂",
                                     "shares": [(WATER, "负责河道采砂许可"), (NATURE, "负责砂石矿产资源管理")],
                                     "text": "与县自然资源局的有关职责分工。"}])


def food_2012() -> Extract:
    return sanding("食品药品监督管理局", "2012-03-01", [
        ("负责全县食品安全监督管理。", "lead", ["食品安全"]),
        ("负责药品、医疗器械监督管理。", "lead", ["药品监管"]),
    ])


def plan_2019() -> Extract:
    return reform("2019-02-28", [
        {"kind": "merge", "sources": ["食品药品监督管理局"], "target": MARKET, "duty": "食品安全监管",
         "matters": ["食品安全"]},
        {"kind": "create", "target": MARKET},
        {"kind": "abolish", "sources": ["食品药品监督管理局"]},
        {"kind": "transfer", "sources": ["民政局"], "target": "卫生健康局", "duty": "老龄工作", "matters": ["老龄工作"]},
    ])


def texts(hits) -> list[str]:
    return sorted(h.text for h in hits)


def snapshot(store: GraphStore) -> tuple:
    """Everything observable about the store's content, for before/after comparisons."""
    graphs = {j.name: store.project(j.name, day("2030-01-01")) for j in store.jurisdictions()}
    return (store.stats(), [d.id for d in store.documents()],
            {name: (sorted(g.nodes), sorted(g.edges(keys=True))) for name, g in graphs.items()})


# -- loading ------------------------------------------------------------------------------------

def test_loading_twice_changes_nothing(store):
    first = store.apply(market_2019())
    before = snapshot(store)
    again = store.apply(market_2019())
    assert first.changed and not again.changed
    assert snapshot(store) == before
    assert store.stats().duties == 4


def test_load_counts_and_lists_documents(store):
    store.apply(plan_2019())
    store.apply(market_2019())
    stats = store.stats()
    assert (stats.documents, stats.jurisdictions, stats.duties, stats.units, stats.events) == (2, 1, 4, 1, 4)
    assert stats.departments == 4  # 市场监管局, 食药监局, 民政局, 卫健局
    assert [d.kind for d in store.documents(COUNTY)] == ["改革方案", "三定"]
    assert store.documents("别的县") == []
    doc = store.document(market_2019().document.sha256)
    assert doc.subject == full(MARKET) and doc.counts["duty"] == 4


def test_a_document_that_violates_the_schema_leaves_no_trace(store):
    store.apply(plan_2019())
    before = snapshot(store)
    good = market_2019()
    broken_duty = good.duties[0].model_copy(update={"department": "岚川县不存在的局"})
    broken = good.model_copy(update={"duties": [*good.duties[1:], broken_duty]})  # built without validation
    with pytest.raises(InputError, match="不存在的局"):
        store.apply(broken)
    assert snapshot(store) == before
    assert store.search_duties("食品安全") == []


def _undeclared(extract: Extract, field: str, index: int, update: dict) -> Extract:
    """`extract` with one record changed, built without validation as a careless caller would."""
    records = list(getattr(extract, field))
    records[index] = records[index].model_copy(update=update)
    return extract.model_copy(update={field: records})


@pytest.mark.parametrize("make, named", [
    (lambda: _undeclared(market_2019(), "duties", -1, {"unit": "无名股"}), "无名股"),
    (lambda: _undeclared(market_2019(), "staffing", 0, {"department": "岚川县无名局"}), "staffing[0]"),
    (lambda: _undeclared(water_2019(), "boundaries", 0, {"departments": [full(WATER), "岚川县无名局"]}),
     "boundaries[0]"),
    (lambda: _undeclared(plan_2019(), "events", 3, {"target": "岚川县无名局"}), "events[3].target"),
])
def test_an_undeclared_department_or_unit_anywhere_is_named_and_leaves_no_trace(store, make, named):
    store.apply(food_2012())
    before = snapshot(store)
    with pytest.raises(InputError, match=re.escape(named)):
        store.apply(make())
    assert snapshot(store) == before
    with pytest.raises(InputError, match=re.escape(named)):
        store.apply_many([market_2019(source="x"), make()])
    assert len(store.documents()) == 2  # the good one before it is kept


def test_replacing_a_document_swaps_exactly_its_contribution(store):
    old = market_2019(source="市场监管局三定.docx")
    store.apply(old)
    store.apply(water_2019())
    new = sanding(MARKET, "2019-06-18", [("负责全县市场综合监督管理和知识产权保护。", "lead", ["市场监管"])],
                  others=["商务局"], source="市场监管局三定.docx")
    result = store.replace(old.document.sha256, new)
    assert result.replaced == old.document.sha256
    assert texts(store.search_duties("市场综合")) == ["负责全县市场综合监督管理和知识产权保护。"]
    assert store.search_duties("食品安全") == []
    assert store.document_by_source("市场监管局三定.docx").id == new.document.sha256
    assert store.stats().duties == 1 + 2
    with pytest.raises(NotFound):
        store.document(old.document.sha256)
    assert store.stats().units == 0


def test_a_document_whose_place_was_set_is_derived_again_under_the_same_id(store):
    unknown = market_2019(jurisdiction="未知", source="三定.txt")
    unknown = unknown.model_copy(update={"document": unknown.document.model_copy(update={"place_unknown": True})})
    store.apply(unknown)
    [listed] = store.documents()
    assert (listed.jurisdiction, listed.place_unknown) == ("未知", True)
    placed = market_2019(source="三定.txt")  # the same file read again with its place set
    placed = placed.model_copy(update={"document": placed.document.model_copy(
        update={"sha256": unknown.document.sha256})})
    result = store.replace(unknown.document.sha256, placed)
    assert (result.changed, result.replaced) == (True, unknown.document.sha256)
    [listed] = store.documents()
    assert (listed.jurisdiction, listed.place_unknown) == ("岚川县", False)
    assert [j.name for j in store.jurisdictions() if j.departments] == ["岚川县"]
    assert texts(store.search_duties("市场综合", jurisdiction="岚川县")) == ["负责全县市场综合监督管理。"]


def test_removing_a_document_takes_out_all_it_contributed(store):
    store.apply(water_2019())
    before = snapshot(store)
    store.apply(market_2019())
    store.remove(market_2019().document.sha256)
    assert snapshot(store) == before
    with pytest.raises(NotFound):
        store.remove(market_2019().document.sha256)


def test_removing_everything_leaves_an_empty_store(store):
    for ex in (plan_2019(), market_2019(), food_2012()):
        store.apply(ex)
    for ex in (plan_2019(), market_2019(), food_2012()):
        store.remove(ex.document.sha256)
    stats = store.stats()
    assert (stats.documents, stats.jurisdictions, stats.departments, stats.duties, stats.events) == (0, 0, 0, 0, 0)


# -- time ---------------------------------------------------------------------------------------

def test_a_newer_sanding_supersedes_the_older_from_its_issue_date(store):
    store.apply(sanding(MARKET, "2015-01-10", [("负责市场秩序和食品流通监督管理。", "lead", ["食品安全"])]))
    store.apply(market_2019())
    assert texts(store.search_duties("食品", at=day("2016-05-01"))) == ["负责市场秩序和食品流通监督管理。"]
    assert texts(store.search_duties("食品", at=day("2019-06-17"))) == ["负责市场秩序和食品流通监督管理。"]
    assert "负责市场秩序和食品流通监督管理。" not in texts(store.search_duties("食品", at=day("2019-06-18")))
    assert store.search_duties("食品", at=day("2014-12-31")) == []
    assert len(store.documents()) == 2  # the old one is kept


def test_supersession_does_not_depend_on_load_order(store):
    store.apply(market_2019())
    store.apply(sanding(MARKET, "2015-01-10", [("负责市场秩序和食品流通监督管理。", "lead", ["食品安全"])]))
    assert texts(store.search_duties("市场秩序", at=day("2020-01-01"))) == []
    assert texts(store.search_duties("市场秩序", at=day("2016-01-01"))) == ["负责市场秩序和食品流通监督管理。"]


def test_abolition_ends_a_department_and_its_holdings(store):
    store.apply(food_2012())
    assert texts(store.search_duties("药品", at=day("2020-01-01"))) == ["负责药品、医疗器械监督管理。"]
    store.apply(plan_2019())
    assert store.search_duties("药品", at=day("2020-01-01")) == []
    assert texts(store.search_duties("药品", at=day("2019-02-27"))) == ["负责药品、医疗器械监督管理。"]
    g = store.project(COUNTY, day("2020-01-01"))
    food = g.nodes[department_id(COUNTY, full("食品药品监督管理局"))]
    assert food["active"] is False and food["valid_to"] == day("2019-02-28")
    store.remove(plan_2019().document.sha256)  # taking the plan back revives the department
    assert texts(store.search_duties("药品", at=day("2020-01-01"))) == ["负责药品、医疗器械监督管理。"]


def test_a_new_task_without_department_and_a_partial_transfer_keep_their_shape(store):
    store.apply(reform("2019-02-28", [
        {"kind": "new_task", "duty": "建立既有住宅加装电梯协调机制"},
        {"kind": "transfer", "sources": ["经济和信息化局"], "target": "市场监督管理局", "duty": "盐业监督管理",
         "detail": {"remainder": "盐业行政管理；食盐储备"}},
    ]))
    g = store.project(COUNTY, day("2020-01-01"))
    events = {d["kind"]: (n, d) for n, d in g.nodes(data=True) if d.get("label") == "Event"}
    task, transfer = events["new_task"], events["transfer"]
    assert task[1]["duty"] == "建立既有住宅加装电梯协调机制"
    assert [k for _, _, k in g.out_edges(task[0], keys=True)] == ["FROM"]  # provenance, no department
    assert {k for _, _, k in g.out_edges(transfer[0], keys=True)} >= {"SOURCE", "TARGET"}
    assert transfer[1]["detail"]["remainder"] == "盐业行政管理；食盐储备"


# -- undated documents (docs/graph-model.md, Time) -------------------------------------------------

def _departments_at(store: GraphStore, at: str) -> dict[str, bool]:
    g = store.project(COUNTY, day(at))
    return {d["name"]: d["active"] for _, d in g.nodes(data=True) if d.get("label") == "Department"}


def test_an_undated_document_is_listed_without_a_date_and_counts_at_every_date(store):
    store.apply(market_2019(issued=None))
    [info] = store.documents()
    assert info.issue_date is None and store.document(info.id).issue_date is None
    assert texts(store.search_duties("消防", at=day("1990-01-01"))) == [
        "配合县应急管理局做好消防安全检查中涉及经营场所的工作。"]
    g = store.project(COUNTY, day("1990-01-01"))
    [doc] = [d for _, d in g.nodes(data=True) if d.get("label") == "Document"]
    assert doc["issue_date"] is None


def test_an_undated_plan_s_events_have_no_date_and_start_or_end_nothing(store):
    store.apply(food_2012())
    store.apply(reform(None, [{"kind": "create", "target": MARKET},
                              {"kind": "abolish", "sources": ["食品药品监督管理局"]}]))
    g = store.project(COUNTY, day("2030-01-01"))
    assert {d["date"] for _, d in g.nodes(data=True) if d.get("label") == "Event"} == {None}
    active = _departments_at(store, "2030-01-01")
    assert active[full("食品药品监督管理局")] is True and active[full(MARKET)] is True
    assert texts(store.search_duties("药品", at=day("2030-01-01"))) == ["负责药品、医疗器械监督管理。"]


def test_a_dated_三定_supersedes_an_undated_one_of_the_same_department(store):
    store.apply(market_2019(issued=None))
    store.apply(sanding(MARKET, "2021-03-01", [("负责全县知识产权保护。", "lead", ["知识产权"])]))
    assert texts(store.search_duties("负责", at=day("2022-01-01"))) == ["负责全县知识产权保护。"]
    assert "负责全县市场综合监督管理。" in texts(store.search_duties("负责", at=day("2020-01-01")))


def test_setting_a_date_dates_the_events_and_re_derives(store):
    store.apply(food_2012())
    plan = reform(None, [{"kind": "abolish", "sources": ["食品药品监督管理局"]}])
    store.apply(plan)
    info = store.set_issue_date(plan.document.sha256, day("2019-02-28"), source="用户指定")
    assert (info.issue_date, info.date_source) == (day("2019-02-28"), "用户指定")
    assert _departments_at(store, "2018-06-01")[full("食品药品监督管理局")] is True
    assert _departments_at(store, "2020-01-01")[full("食品药品监督管理局")] is False
    g = store.project(COUNTY, day("2020-01-01"))
    assert {d["date"] for _, d in g.nodes(data=True) if d.get("label") == "Event"} == {day("2019-02-28")}
    store.set_issue_date(plan.document.sha256, None)  # undated again: the abolition ends nothing
    assert _departments_at(store, "2020-01-01")[full("食品药品监督管理局")] is True
    assert store.document(plan.document.sha256).issue_date is None
    with pytest.raises(NotFound):
        store.set_issue_date("0" * 64, day("2019-02-28"))


def test_reads_default_to_today(store):
    store.apply(food_2012())
    store.apply(plan_2019())
    assert store.search_duties("药品") == []
    assert store.project(COUNTY).graph["at"] == datetime.now().date()


# -- search -------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    ("消防", ["配合县应急管理局做好消防安全检查中涉及经营场所的工作。"]),
    ("采砂", ["负责河道采砂的统一管理和监督检查。"]),
    ("安全", ["负责食品安全监督管理综合协调，承担县食品安全委员会日常工作。",
            "配合县应急管理局做好消防安全检查中涉及经营场所的工作。"]),
    ("砂", ["负责河道采砂的统一管理和监督检查。"]),
    ("。", None),
    ("食品安全委员会", ["负责食品安全监督管理综合协调，承担县食品安全委员会日常工作。"]),
    ("水资源的合理开发", ["负责全县水资源的合理开发利用。"]),
    ("管理", None),
    ("不存在的事项", []),
    (" 采砂 ", ["负责河道采砂的统一管理和监督检查。"]),
])
@pytest.mark.parametrize("flushed", [False, True])
def test_search_finds_substrings_of_any_length(store, query, expected, flushed):
    store.apply(market_2019())
    store.apply(water_2019())
    if flushed:
        store.flush()
    every = [d for ex in (market_2019(), water_2019()) for d in ex.duties]
    if expected is None:
        expected = sorted(d.text for d in every if query.strip() in d.text)
    for jurisdiction in (None, COUNTY):
        assert texts(store.search_duties(query, jurisdiction=jurisdiction)) == expected


def test_search_filters_by_jurisdiction_and_reports_provenance(store):
    store.apply(water_2019())
    store.apply(sanding(WATER, "2019-05-01", [("负责河道采砂管理。", "lead", ["河道采砂"])], jurisdiction="青禾县"))
    store.flush()
    assert len(store.search_duties("采砂")) == 2
    [hit] = store.search_duties("采砂", jurisdiction="青禾县")
    assert (hit.jurisdiction, hit.department_name, hit.clause, hit.role) == ("青禾县", "青禾县水利局", "第三条（1）", "lead")
    assert hit.document_title == "青禾县水利局职能配置、内设机构和人员编制规定"
    assert hit.valid_from == day("2019-05-01") and hit.valid_to is None
    assert hit.matters == ["河道采砂"]
    assert store.search_duties("采砂", jurisdiction="不存在县") == []


def test_search_orders_leads_first_and_respects_limit(store):
    store.apply(market_2019())
    hits = store.search_duties("县")
    assert [h.role for h in hits][:1] == ["lead"] and hits[-1].role == "support"
    assert len(store.search_duties("县", limit=2)) == 2
    [unit_hit] = store.search_duties("生产经营环节")
    assert unit_hit.unit == "食品安全监管股" and unit_hit.section == "unit"


def test_empty_query_is_an_input_error(store):
    with pytest.raises(InputError):
        store.search_duties("  ")


# -- departments without projecting -------------------------------------------------------------

def _as_projected(g: nx.MultiDiGraph) -> list[tuple]:
    rows = []
    for n, d in g.nodes(data=True):
        if d["label"] != "Department":
            continue
        held = sum(1 for _, _, e in g.out_edges(n, data=True) if e["type"] == "HOLDS" and e["current"])
        rows.append((n, d["name"], g.graph["jurisdiction"], d["aliases"], d["plaques"], d["rank"], d["type"],
                     d["active"], d["valid_from"], d["valid_to"], held))
    return sorted(rows, key=lambda r: (r[2], not r[7], r[1]))


def _listed(infos) -> list[tuple]:
    return [(i.id, i.name, i.jurisdiction, i.aliases, i.plaques, i.rank, i.type, i.active, i.valid_from,
             i.valid_to, i.duties) for i in infos]


@pytest.mark.parametrize("at", ["2012-06-01", "2019-03-01", "2020-01-01"])
def test_departments_are_those_of_the_projection_with_their_duty_counts(store, at):
    for ex in (food_2012(), plan_2019(), market_2019(), water_2019()):
        store.apply(ex)
    store.apply(sanding(WATER, "2019-05-01", [("负责河道采砂管理。", "lead", [])], jurisdiction="青禾县"))
    when = day(at)
    one = _as_projected(store.project(COUNTY, when))
    assert _listed(store.departments(COUNTY, when)) == one
    both = sorted(one + _as_projected(store.project("青禾县", when)), key=lambda r: (r[2], not r[7], r[1]))
    assert _listed(store.departments(None, when)) == both
    assert store.departments("不存在县", when) == []


def test_departments_count_only_duties_in_force(store):
    store.apply(food_2012())
    store.apply(plan_2019())
    store.apply(market_2019())
    listed = {i.name: i for i in store.departments(COUNTY, day("2020-01-01"))}
    food = listed[full("食品药品监督管理局")]
    assert (food.active, food.duties) == (False, 0)
    assert listed[full(MARKET)].duties == len(market_2019().duties) and listed[full(MARKET)].active


# -- projection ---------------------------------------------------------------------------------

def test_projection_holds_one_jurisdiction_at_one_date(store):
    for ex in (food_2012(), plan_2019(), market_2019(), water_2019()):
        store.apply(ex)
    store.apply(sanding(WATER, "2019-05-01", [("负责河道采砂管理。", "lead", [])], jurisdiction="青禾县"))
    g = store.project(COUNTY, day("2020-01-01"))
    assert isinstance(g, nx.MultiDiGraph)
    labels = Counter(d["label"] for _, d in g.nodes(data=True))
    assert labels == {"Jurisdiction": 1, "Department": 6, "Document": 4, "Duty": 8, "Unit": 1, "Event": 4,
                      "Boundary": 1, "Staffing": 1, "Matter": 7}
    market = department_id(COUNTY, full(MARKET))
    m = g.nodes[market]
    assert (m["name"], m["aliases"], m["plaques"], m["rank"], m["active"]) == (
        full(MARKET), ["县市场监管局"], ["岚川县知识产权局"], "正科级", True)
    assert m["valid_from"] == day("2019-02-28")
    holds = [(v, d) for _, v, d in g.out_edges(market, data=True) if d["type"] == "HOLDS"]
    assert len(holds) == 4 and all(d["current"] and d["valid_from"] == day("2019-06-18") for _, d in holds)
    food = department_id(COUNTY, full("食品药品监督管理局"))
    food_holds = [d for _, _, d in g.out_edges(food, data=True) if d["type"] == "HOLDS"]
    assert len(food_holds) == 2 and not any(d["current"] for d in food_holds)
    assert all(d["valid_to"] == day("2019-02-28") for d in food_holds)
    boundary = next(n for n, d in g.nodes(data=True) if d["label"] == "Boundary")
    parties = {g.nodes[v]["name"]: d["does"] for _, v, d in g.out_edges(boundary, data=True) if d["type"] == "BETWEEN"}
    assert parties == {full(WATER): "负责河道采砂许可", full(NATURE): "负责砂石矿产资源管理"}
    assert g.has_edge(boundary, "m:河道采砂", key="CONCERNS")
    merge = next(n for n, d in g.nodes(data=True) if d["label"] == "Event" and d["kind"] == "merge")
    assert g.has_edge(merge, food, key="SOURCE") and g.has_edge(merge, market, key="TARGET")
    assert g.nodes[merge]["date"] == day("2019-02-28") and g.has_edge(merge, "m:食品安全", key="CONCERNS")
    duty = next(n for n, d in g.nodes(data=True) if d["label"] == "Duty" and d["section"] == "unit")
    unit = next(n for n, d in g.nodes(data=True) if d["label"] == "Unit")
    assert g.has_edge(unit, duty, key="PERFORMS") and g.nodes[duty]["unit"] == unit
    assert g.nodes[duty]["matters"] == ["食品安全"] and g.nodes[duty]["clause"] == "第四条（1）"
    staffing = next(d for _, d in g.nodes(data=True) if d["label"] == "Staffing")
    assert staffing["administrative"] == 23 and staffing["leaders"] == [("局长", 1), ("副局长", 2)]
    assert g.has_edge(market, jurisdiction_id(COUNTY), key="IN")


def test_projection_before_a_reform_shows_the_old_state(store):
    for ex in (food_2012(), plan_2019(), market_2019()):
        store.apply(ex)
    g = store.project(COUNTY, day("2018-01-01"))
    names = {d["name"] for _, d in g.nodes(data=True) if d["label"] == "Department"}
    assert names == {full("食品药品监督管理局")}
    assert Counter(d["label"] for _, d in g.nodes(data=True))["Event"] == 0
    assert store.project("不存在县", day("2020-01-01")).number_of_nodes() == 0


# -- ledger -------------------------------------------------------------------------------------

def finding(fid: str, matter: str = "河道采砂", message: str = "两个部门都牵头") -> Finding:
    return Finding(id=fid, detector="OVL001", kind="职责交叉", severity=Severity.HIGH, confidence=0.9,
                   jurisdiction=COUNTY, departments=[full(WATER), full(NATURE)], matter=matter,
                   evidence=[Evidence(document="d", clause="第三条（2）", quote="负责河道采砂", span=(1, 5))],
                   message=message)


T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
T1 = datetime(2026, 2, 5, 9, 0, tzinfo=timezone.utc)
T2 = datetime(2026, 3, 5, 9, 0, tzinfo=timezone.utc)


def test_ledger_merges_check_runs_keeping_ids_and_history(store):
    summary = store.record_check(COUNTY, [finding("f:1"), finding("f:2", "水资源")], actor="张三", at=T0)
    assert (summary.new, summary.seen_again, summary.resolved) == (2, 0, 0)
    summary = store.record_check(COUNTY, [finding("f:1", message="新说明")], actor="张三", at=T1)
    assert (summary.new, summary.seen_again, summary.resolved) == (0, 1, 1)
    one, two = store.finding("f:1"), store.finding("f:2")
    assert one.status == S.OPEN and one.finding.message == "新说明" and one.last_seen == T1 and one.first_seen == T0
    assert two.status == S.RESOLVED and [h.to_status for h in two.history] == [S.OPEN, S.RESOLVED]
    assert "2026-02-05" in two.history[-1].reason
    summary = store.record_check(COUNTY, [finding("f:1"), finding("f:2", "水资源")], actor="李四", at=T2)
    assert summary.reopened == 1 and store.finding("f:2").status == S.OPEN
    assert len(store.findings()) == 2  # nothing deleted


def test_ledger_transitions_record_actor_time_reason(store):
    store.record_check(COUNTY, [finding("f:1")], actor="系统", at=T0)
    store.transition("f:1", Transition(S.CONFIRMED), actor="审核员甲", at=T1)
    with pytest.raises(LedgerError, match="限时整改须注明整改期限"):
        store.transition("f:1", Transition(S.RECTIFYING, category=RectifyCategory.TIME_LIMITED), actor="甲")
    store.transition("f:1", Transition(S.RECTIFYING, "修订三定", RectifyCategory.TIME_LIMITED, day("2026-06-30")),
                     actor="审核员甲", at=T1)
    entry = store.transition("f:1", Transition(S.CLOSED, "已印发修订后的三定"), actor="审核员乙", at=T2)
    assert entry.status == S.CLOSED and entry.category == RectifyCategory.TIME_LIMITED
    assert entry.deadline == day("2026-06-30")
    assert [(h.actor, h.from_status, h.to_status) for h in entry.history] == [
        ("系统", None, S.OPEN), ("审核员甲", S.OPEN, S.CONFIRMED), ("审核员甲", S.CONFIRMED, S.RECTIFYING),
        ("审核员乙", S.RECTIFYING, S.CLOSED)]
    assert entry.history[-1].reason == "已印发修订后的三定" and entry.history[-1].at == T2
    with pytest.raises(LedgerError):
        store.transition("f:1", Transition(S.CONFIRMED), actor="甲")
    with pytest.raises(NotFound):
        store.transition("f:404", Transition(S.CONFIRMED), actor="甲")


def test_ledger_dismissal_needs_a_reason_and_survives_later_checks(store):
    store.record_check(COUNTY, [finding("f:1")], actor="系统", at=T0)
    with pytest.raises(LedgerError, match="理由"):
        store.transition("f:1", Transition(S.DISMISSED), actor="甲")
    store.transition("f:1", Transition(S.DISMISSED, "两局已有会议纪要明确分工"), actor="甲", at=T1)
    store.record_check(COUNTY, [finding("f:1")], actor="系统", at=T2)
    store.record_check(COUNTY, [], actor="系统", at=T2)
    assert store.finding("f:1").status == S.DISMISSED


def test_ledger_filters(store):
    store.record_check(COUNTY, [finding("f:1"), finding("f:2", "水资源")], actor="系统", at=T0)
    store.record_check("青禾县", [finding("f:3").model_copy(update={"jurisdiction": "青禾县"})], actor="系统", at=T0)
    store.transition("f:2", Transition(S.CONFIRMED), actor="甲", at=T1)
    assert [e.finding.id for e in store.findings(FindingFilter(jurisdiction=COUNTY))] == ["f:1", "f:2"]
    assert [e.finding.id for e in store.findings(FindingFilter(status=S.CONFIRMED))] == ["f:2"]
    assert len(store.findings(FindingFilter(department=full(WATER)))) == 3
    assert store.findings(FindingFilter(kind="职责空白")) == []
    assert [e.finding.id for e in store.findings(FindingFilter(limit=1, offset=1))] == ["f:2"]
    assert store.stats().findings == {S.OPEN: 2, S.CONFIRMED: 1}


def test_a_check_limited_to_some_detectors_leaves_the_others_alone(store):
    other = finding("f:9").model_copy(update={"detector": "GAP001", "kind": "划转未落地"})
    store.record_check(COUNTY, [finding("f:1"), other], actor="系统", at=T0)
    store.record_check(COUNTY, [], actor="系统", at=T1, detectors=["OVL001"])
    assert store.finding("f:9").status == S.OPEN and store.finding("f:1").status == S.RESOLVED


def test_ledger_numbers_entries_by_year_and_finds_them_by_number(store):
    store.record_check(COUNTY, [finding("f:1"), finding("f:2", "水资源")], actor="系统", at=T0)
    store.record_check(COUNTY, [finding("f:1"), finding("f:2", "水资源"), finding("f:3", "水土保持")],
                       actor="系统", at=T1)
    store.record_check("青禾县", [finding("f:4").model_copy(update={"jurisdiction": "青禾县"})], actor="系统",
                       at=datetime(2027, 1, 2, tzinfo=timezone.utc))
    numbers = {e.finding.id: e.number for e in store.findings()}
    assert numbers == {"f:1": "2026-001", "f:2": "2026-002", "f:3": "2026-003", "f:4": "2027-001"}
    assert store.finding("2026-003").finding.id == "f:3"
    assert store.transition("2026-002", Transition(S.CONFIRMED), actor="甲", at=T2).finding.id == "f:2"
    with pytest.raises(NotFound):
        store.finding("2026-404")


def test_ledger_columns_are_edited_with_history_and_closing_is_dated(store):
    store.record_check(COUNTY, [finding("f:1")], actor="系统", at=T0)
    entry = store.annotate("f:1", LedgerFields(responsible_unit="县水利局", measures="修订三定，明确采砂许可分工"),
                           actor="审核员甲", at=T1)
    assert (entry.responsible_unit, entry.measures, entry.responsible_person, entry.progress) == (
        "县水利局", "修订三定，明确采砂许可分工", "", "")
    last = entry.history[-1]
    assert (last.actor, last.at, last.from_status, last.to_status) == ("审核员甲", T1, S.OPEN, S.OPEN)
    assert last.edits == {"responsible_unit": "县水利局", "measures": "修订三定，明确采砂许可分工"}
    assert "责任单位" in last.reason and "整改措施" in last.reason
    same = store.annotate("f:1", LedgerFields(responsible_unit=" 县水利局 ", progress=None), actor="甲", at=T1)
    assert len(same.history) == len(entry.history)  # nothing changed, nothing recorded
    store.annotate("f:1", LedgerFields(progress="已起草修订稿", measures=""), actor="甲", at=T1)
    with pytest.raises(LedgerError, match="太长"):
        store.annotate("f:1", LedgerFields(progress="很" * 2001), actor="甲")
    store.transition("f:1", Transition(S.CONFIRMED), actor="甲", at=T1)
    closed = store.transition("f:1", Transition(S.CLOSED, "已印发"), actor="乙", at=T2)
    assert closed.closed_at == T2 and closed.measures == "" and closed.progress == "已起草修订稿"
    [listed] = store.findings(FindingFilter(history=True))
    assert listed.closed_at == T2 and [h.to_status for h in listed.history] == [
        S.OPEN, S.OPEN, S.OPEN, S.CONFIRMED, S.CLOSED]
    assert listed.history[2].edits == {"progress": "已起草修订稿", "measures": ""}
    assert store.findings()[0].history == []  # lists leave history out unless asked
    reopened = store.transition("f:1", Transition(S.OPEN, "整改不到位"), actor="乙", at=T2)
    assert reopened.closed_at is None
    with pytest.raises(NotFound):
        store.annotate("f:404", LedgerFields(progress="x"), actor="甲")


# -- bulk loading ---------------------------------------------------------------------------------

def test_apply_many_loads_in_order_and_reports_each_document(store):
    heard = []
    results = store.apply_many([plan_2019(), market_2019(), water_2019(), market_2019()], on_result=heard.append)
    assert [r.changed for r in results] == [True, True, True, False]
    assert heard == results
    assert store.stats().documents == 3


def test_apply_many_replaces_a_changed_version_of_the_same_source(store):
    store.apply_many([market_2019(source="市场监管局.docx"), water_2019()])
    new = sanding(MARKET, "2019-06-18", [("负责全县市场综合监督管理和价格监督检查。", "lead", [])],
                  source="市场监管局.docx")
    [result] = store.apply_many([new])
    assert result.replaced == market_2019(source="市场监管局.docx").document.sha256
    assert texts(store.search_duties("市场综合")) == ["负责全县市场综合监督管理和价格监督检查。"]
    assert store.stats().documents == 2


def test_apply_many_stops_at_a_bad_document_keeping_the_ones_before(store):
    good = market_2019()
    bad = water_2019().model_copy(update={"duties": [water_2019().duties[0].model_copy(
        update={"department": "岚川县不存在的局"})]})
    with pytest.raises(InputError):
        store.apply_many([good, bad, food_2012()])
    assert [d.id for d in store.documents()] == [good.document.sha256]
    assert store.search_duties("采砂") == [] and store.search_duties("药品") == []


# -- user tasks (新增任务) -------------------------------------------------------------------------

def test_tasks_are_kept_once_and_never_deleted(store):
    first = store.add_task(COUNTY, "12345热线工单督办回访", "张三")
    again = store.add_task(COUNTY, "  12345热线工单督办回访 ", "李四")
    assert again == first and first.actor == "张三" and first.jurisdiction == COUNTY
    assert first.id.startswith("k:") and first.created_at.tzinfo is not None
    everywhere = store.add_task(None, "网格化服务管理", "张三")
    other = store.add_task("青禾县", "河长制巡河督办", "王五")
    assert {t.id for t in store.tasks()} == {first.id, everywhere.id, other.id}
    assert {t.text for t in store.tasks(COUNTY)} == {"12345热线工单督办回访", "网格化服务管理"}
    assert {t.text for t in store.tasks("青禾县")} == {"河长制巡河督办", "网格化服务管理"}
    assert store.tasks("不存在县") == [everywhere]
    store.apply(market_2019())
    assert len(store.tasks()) == 3  # loading documents leaves tasks alone


def test_an_empty_task_is_an_input_error(store):
    with pytest.raises(InputError):
        store.add_task(COUNTY, "   ", "张三")
    assert store.tasks() == []
