"""GAP003 新增任务无人承接: new tasks (from a plan or a user) that no department holds."""

from __future__ import annotations

from datetime import datetime, timezone

from tests.builders import COUNTY, full, reform, sanding
from zhize.graph.models import Task
from zhize.queries.detectors import unassigned_task as gap003

HOTLINE = {"kind": "transfer", "sources": ["人民政府办公室"], "target": None, "duty": "县长公开电话受理职责",
           "matters": ["12345热线工单派单督办回访"],
           "text": "将县人民政府办公室承担的县长公开电话受理职责整合，设立12345政务服务便民热线，承担热线工单派单、督办回访等工作。"}


def approvals(*extra):
    return sanding("行政审批服务局", "2019-07-05", [
        ("负责县政务服务大厅的运行管理，推进政务服务事项集中进驻、一窗受理。", "lead", ["政务服务大厅运行管理"]), *extra])


def others():
    return sanding("水利局", "2019-06-05", [("负责河道采砂的统一管理。", "lead", ["河道采砂"])])


def task(text, jurisdiction=COUNTY):
    return Task(id="k:1", jurisdiction=jurisdiction, text=text, actor="张三",
                created_at=datetime(2026, 1, 5, tzinfo=timezone.utc))


def test_a_plan_task_nobody_holds_is_reported_with_likely_owners(scene):
    scene.load(reform("2019-02-28", [HOTLINE]), approvals(), others())
    [f] = scene.findings(gap003)
    assert (f.detector, f.kind, f.matter, f.departments) == ("GAP003", "新增任务无人承接", "12345热线工单派单督办回访", [])
    assert f.evidence[0].clause == "二、（1）"
    assert f.evidence[1].department == full("行政审批服务局")  # the likeliest owner, with its closest duty
    assert "可能的承接部门" in f.message and "1. 岚川县行政审批服务局" in f.message


def test_a_plan_task_some_department_holds_is_not_reported(scene):
    scene.load(reform("2019-02-28", [HOTLINE]),
               approvals(("负责12345热线工单派单、督办回访工作。", "lead", ["12345热线"])))
    assert scene.findings(gap003) == []


def test_a_user_task_is_checked_like_a_plan_task(scene):
    scene.load(approvals(), others())
    [f] = scene.findings(gap003, tasks=[task("网格化服务管理"), task("河道采砂巡查", None)])
    assert f.matter == "网格化服务管理" and f.evidence[0].document == "task:k:1" and "张三" in f.message


def test_a_task_held_under_a_matter_it_names_is_held(scene):
    scene.load(sanding("水利局", "2019-06-05", [("负责农村饮水安全工程建设和管理。", "lead", ["农村饮水安全"])]))
    assert scene.findings(gap003, tasks=[task("农村饮水安全工程运行管护")]) == []


def test_a_task_of_another_jurisdiction_is_ignored(scene):
    scene.load(approvals())
    assert scene.findings(gap003, tasks=[task("网格化服务管理", "青禾县")]) == []


def test_a_task_reached_only_through_a_broader_key_is_not_held_by_that_key(scene):
    """加装电梯 reaches the key 特种设备 through 电梯; a department supervising 特种设备 safety does not
    thereby hold the new task of fitting lifts to old housing."""
    lifts = {"kind": "new_task", "duty": "积极推进老旧住宅加装电梯工作，建立业主自愿、政府支持的工作机制",
             "matters": ["特种设备"], "text": "积极推进老旧住宅加装电梯工作，建立业主自愿、政府支持的工作机制。"}
    scene.load(reform("2019-02-28", [lifts]), sanding("市场监督管理局", "2019-06-18", [
        ("负责电梯、锅炉等特种设备安全监察。", "lead", ["特种设备"])]))
    [f] = scene.findings(gap003)
    assert f.matter == "老旧住宅加装电梯"


def test_a_task_naming_its_key_is_held_under_that_key(scene):
    scene.load(reform("2019-02-28", [{"kind": "new_task", "duty": "健全特种设备安全责任制度",
                                      "matters": ["特种设备"]}]),
               sanding("市场监督管理局", "2019-06-18", [("负责电梯、锅炉等特种设备安全监察。", "lead", ["特种设备"])]))
    assert scene.findings(gap003) == []
