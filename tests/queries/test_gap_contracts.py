"""GAP001–GAP003 on the issue-14 contracts: new tasks a plan announces, partial transfers, undated 三定."""

from __future__ import annotations

from tests.builders import full, reform, sanding
from zhize.graph.records import Extract
from zhize.queries.detectors import orphaned_duty as gap002
from zhize.queries.detectors import transfer_not_landed as gap001
from zhize.queries.detectors import unassigned_task as gap003

SALT, AGRI, HOUSING = "盐务局", "农业农村局", "住房和城乡建设局"


def plan(*events, issued="2021-03-01"):
    return reform(issued, list(events))


def test_a_new_task_a_plan_announces_is_checked_as_a_task(scene):
    scene.load(sanding(HOUSING, "2021-05-01", [("负责物业服务企业的监督管理。", "lead", [])]),
               plan({"kind": "new_task", "duty": "既有住宅加装电梯", "text": "积极推进既有住宅加装电梯工作。"}))
    [f] = scene.findings(gap003)
    assert f.departments == [] and "加装电梯" in f.matter and "积极推进" in f.evidence[0].quote


def test_a_new_task_somebody_took_up_is_no_finding(scene):
    scene.load(sanding(HOUSING, "2021-05-01", [("负责既有住宅加装电梯的统筹推进。", "lead", [])]),
               plan({"kind": "new_task", "duty": "既有住宅加装电梯"}))
    assert scene.findings(gap003) == []


def test_the_remainder_of_a_partial_transfer_is_orphaned_once_the_source_is_abolished(scene):
    moved = {"kind": "transfer", "sources": [SALT], "target": AGRI, "duty": "食盐储备",
             "detail": {"remainder": "盐业行政执法；盐业统计"}, "text": "县盐务局现承担食盐储备、盐业行政执法、盐业统计等职责，其中食盐储备划入县农业农村局。"}
    scene.load(sanding(AGRI, "2021-05-01", [("负责食盐储备管理。", "lead", []), ("负责盐业统计工作。", "lead", [])]),
               plan(moved, {"kind": "abolish", "sources": [SALT]}))
    [f] = scene.findings(gap002)
    assert f.departments == [full(SALT)] and f.matter == "盐业行政执法"
    assert "现承担" in f.evidence[0].quote and "没有明确去向" in f.message


def test_a_remainder_is_not_taken_up_by_a_bare_head_cut_from_another_duty(scene):
    moved = {"kind": "transfer", "sources": ["扶贫开发办公室"], "target": AGRI, "duty": "产业扶贫",
             "detail": {"remainder": "结对帮扶"}, "text": "县扶贫办现承担产业扶贫和结对帮扶等职责，其中产业扶贫职责划入县农业农村局。"}
    scene.load(sanding(AGRI, "2021-05-01", [("负责产业扶贫工作。", "lead", []),
                                             ("牵头负责防止返贫动态监测和帮扶工作。", "lead", [])]),
               plan(moved, {"kind": "abolish", "sources": ["扶贫开发办公室"]}))
    [f] = scene.findings(gap002)
    assert f.matter == "结对帮扶"


def test_a_duty_a_later_sanding_took_up_without_the_plan_saying_so_is_not_orphaned(scene):
    scene.load(sanding("经济和信息化局", "2015-04-20", [("组织推广新型墙体材料，承担散装水泥推广应用的监督管理工作。", "lead", [])]),
               plan({"kind": "abolish", "sources": ["经济和信息化局"]}, issued="2019-03-04"),
               sanding(HOUSING, "2019-05-15", [("负责新型墙体材料推广应用和散装水泥管理工作。", "lead", [])]))
    assert scene.findings(gap002, at="2020-01-01") == []


def test_an_undated_receiving_sanding_is_reported_as_cannot_check(scene):
    undated = sanding(AGRI, "2021-05-01", [("负责种植业管理。", "lead", [])])
    body = undated.model_dump(mode="json")
    body["document"]["issue_date"] = None
    scene.load(Extract.model_validate(body),
               plan({"kind": "transfer", "sources": ["粮食局"], "target": AGRI, "duty": "粮食收购监督检查职责"}))
    [f] = scene.findings(gap001)
    assert f.message.startswith("无法核对：缺少印发日期") and f.severity == "低"
    assert f.departments == [full(AGRI)] and "粮食" in f.matter


def test_an_undated_plan_is_reported_as_cannot_check(scene):
    scene.load(sanding(AGRI, "2021-05-01", [("负责种植业管理。", "lead", [])]),
               reform(None, [{"kind": "transfer", "sources": ["粮食局"], "target": AGRI, "duty": "粮食收购监督检查职责"}]))
    [f] = scene.findings(gap001)
    assert f.message.startswith("无法核对：缺少印发日期") and "改革方案的印发日期不详" in f.message


def test_every_finding_names_the_documents_in_force_at_its_date(scene):
    from zhize.queries.detectors import Context, detect_all

    scene.load(sanding(HOUSING, "2021-05-01", [("负责物业服务企业的监督管理。", "lead", [])]),
               plan({"kind": "new_task", "duty": "既有住宅加装电梯"}))
    graph = scene.graph("2022-01-01")
    [f] = detect_all(graph, Context(graph.graph["jurisdiction"], graph.graph["at"]))
    assert "2022-01-01有效的文件" in f.message and "机构改革方案》（2021-03-01印发）" in f.message


def test_a_plan_sentence_on_how_to_write_the_sanding_is_no_task(scene):
    scene.load(sanding(HOUSING, "2021-05-01", [("负责物业服务企业的监督管理。", "lead", [])]),
               plan({"kind": "new_task", "duty": "部门之间职责交叉的", "text": "部门之间职责交叉的，要在“三定”规定中予以明确。"}))
    assert scene.findings(gap003) == []


def test_a_duty_a_merge_left_out_is_not_taken_up_by_a_bare_field_name(scene):
    scene.load(sanding("旅游局", "2016-06-02", [("负责旅游市场秩序的监督管理，组织旅游执法检查。", "lead", ["旅游市场监管"])]),
               plan({"kind": "merge", "sources": ["旅游局"], "target": "文化旅游体育局", "duty": "职责（旅游市场执法职责除外）"},
                    {"kind": "abolish", "sources": ["旅游局"]}),
               sanding("文化旅游体育局", "2021-05-01", [("负责旅游资源开发利用和旅游产业发展，组织旅游宣传推广。", "lead", ["旅游"])]))
    [f] = scene.findings(gap002)
    assert f.departments == [full("旅游局")] and "旅游市场" in f.matter
