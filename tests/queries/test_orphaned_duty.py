"""GAP002 职责悬空: a duty of an abolished department that nothing moved and nobody holds."""

from __future__ import annotations

from tests.builders import full, reform, sanding
from zhize.queries.detectors import orphaned_duty as gap002

SAFETY, EMERGENCY, HEALTH = "安全生产监督管理局", "应急管理局", "卫生健康局"


def safety():
    return sanding(SAFETY, "2013-05-22", [
        ("负责安全生产综合监督管理。", "lead", ["安全生产综合监督管理"]),
        ("负责作业场所职业卫生监督检查工作，组织查处职业危害事故。", "lead", ["职业卫生监督"]),
        ("指导各乡镇安全生产监督管理工作。", "guidance", []),
        ("贯彻执行安全生产的法律法规和方针政策。", "lead", []),
    ], units={"职业卫生监督股": [("承担作业场所职业卫生监督检查工作。", "lead", ["职业卫生监督"])]})


def merge(duty=None, *extra):
    return reform("2019-02-28", [
        {"kind": "merge", "sources": [SAFETY], "target": EMERGENCY, "duty": duty,
         "text": "将县安全生产监督管理局的职责整合，组建县应急管理局。"},
        {"kind": "abolish", "sources": [SAFETY]}, *extra])


def emergency(*extra):
    return sanding(EMERGENCY, "2019-06-18", [("负责安全生产综合监督管理。", "lead", ["安全生产综合监督管理"]), *extra])


def test_a_duty_left_out_of_a_merge_and_moved_nowhere_is_orphaned(scene):
    scene.load(safety(), merge("职责（职业安全健康监督管理职责除外）"), emergency())
    [f] = scene.findings(gap002)
    assert (f.detector, f.kind, f.matter, f.departments) == ("GAP002", "职责悬空", "职业卫生监督", [full(SAFETY)])
    assert [e.clause for e in f.evidence[:2]] == ["第三条（2）", "第四条（1） 职业卫生监督股"]
    assert "除外" in f.message and "2019-02-28" in f.message


def test_a_whole_merge_covers_every_duty(scene):
    scene.load(safety(), merge(None), emergency())
    assert scene.findings(gap002) == []


def test_a_transfer_of_the_excepted_duty_covers_it(scene):
    moved = {"kind": "transfer", "sources": [SAFETY], "target": HEALTH, "duty": "职业卫生监督职责",
             "matters": ["职业卫生监督"], "text": "将县安全生产监督管理局的职业卫生监督职责划入县卫生健康局。"}
    scene.load(safety(), merge("职责（职业安全健康监督管理职责除外）", moved), emergency())
    assert scene.findings(gap002) == []


def test_a_duty_an_existing_department_holds_is_not_orphaned(scene):
    scene.load(safety(), merge("职责（职业安全健康监督管理职责除外）"), emergency(),
               sanding(HEALTH, "2019-07-02", [("负责职业卫生监督管理工作。", "lead", ["职业卫生"])]))
    assert scene.findings(gap002) == []


def test_an_abolition_without_any_transfer_orphans_every_lead_duty_with_a_matter(scene):
    scene.load(sanding("粮食局", "2016-09-12", [("负责地方储备粮油的行政管理。", "lead", ["地方储备粮管理"]),
                                               ("负责粮食应急供应。", "lead", ["粮食应急供应"])]),
               reform("2021-03-15", [{"kind": "abolish", "sources": ["粮食局"]}]),
               sanding(EMERGENCY, "2021-06-18", [("负责粮食应急供应的储备调度。", "lead", ["粮食应急供应"])]))
    assert [f.matter for f in scene.findings(gap002)] == ["地方储备粮管理"]


def test_before_the_abolition_nothing_is_orphaned(scene):
    scene.load(safety(), merge("职责（职业安全健康监督管理职责除外）"), emergency())
    assert scene.findings(gap002, at="2018-12-31") == []


def test_the_same_kind_of_work_on_the_same_thing_in_other_words_takes_a_duty_up(scene):
    """An abolished body's "行业统计" on its field is taken up by a statement doing statistics on that
    field in other words, although no plan moved it."""
    scene.load(sanding("蚕桑局", "2014-04-10", [("负责全县蚕桑行业统计工作。", "lead", ["行业统计"])]),
               reform("2021-03-15", [{"kind": "abolish", "sources": ["蚕桑局"]}]),
               sanding("农业农村局", "2021-11-10", [("承担蚕桑生产统计和蚕茧收购信息发布工作。", "lead", [])]))
    assert scene.findings(gap002, at="2022-01-01") == []
