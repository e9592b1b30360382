"""BPR002 相互推诿: clauses deferring to each other, and divisions of labour naming no lead."""

from __future__ import annotations

from tests.builders import full, sanding
from zhize.queries.detectors import mutual_deferral as bpr002

BUILD, TRANSPORT = "住房和城乡建设局", "交通运输局"


def build(text="配合县交通运输局做好建筑垃圾 运输车辆的监督管理工作。", keys=("建筑垃圾运输管理",)):
    return sanding(BUILD, "2019-06-14", [("负责住房保障工作。", "lead", ["住房保障"]), (text, "support", list(keys))],
                   others=[TRANSPORT])


def transport(text="配合县住房和城乡建设局做好建筑垃圾（渣土）运输管理工作。", keys=("建筑垃圾运输管理",), role="support"):
    return sanding(TRANSPORT, "2019-06-14", [(text, role, list(keys))], others=[BUILD])


def test_two_departments_supporting_each_other_defer(scene):
    [f] = scene.load(build(), transport()).findings(bpr002)
    assert (f.detector, f.kind, f.matter) == ("BPR002", "相互推诿", "建筑垃圾运输管理")
    assert f.departments == sorted([full(BUILD), full(TRANSPORT)]) and len(f.evidence) == 2
    assert "牵头" in f.message


def test_deferral_is_found_without_matter_keys_by_shared_wording(scene):
    [f] = scene.load(build(keys=()), transport(keys=())).findings(bpr002)
    assert "建筑垃圾" in f.matter


def test_the_supporting_clause_counts_not_only_the_first_verb(scene):
    scene.load(build(), transport("负责公路建设；配合县住房和城乡建设局做好建筑垃圾运输管理工作。", role="lead"))
    assert len(scene.findings(bpr002)) == 1


def test_one_way_support_is_no_deferral(scene):
    scene.load(build(), transport("负责建筑垃圾运输车辆的监督管理工作。", role="lead"))
    assert scene.findings(bpr002) == []


def test_naming_each_other_on_different_matters_is_no_deferral(scene):
    scene.load(build(), transport("配合县住房和城乡建设局做好城市公交场站建设工作。", keys=("城市公交场站",)))
    assert scene.findings(bpr002) == []


def test_a_division_by_duty_without_a_lead_is_reported(scene):
    vague = [{"departments": ["水利局", "自然资源局"], "matter": "河湖水域岸线管理",
              "text": "与县自然资源局的有关职责分工。两部门按照各自职责分工，各司其职，共同做好河湖水域岸线管理工作。"}]
    scene.load(sanding("水利局", "2021-06-25", [("负责水资源管理。", "lead", ["水资源"])], boundaries=vague,
                       others=["自然资源局"]))
    [f] = scene.findings(bpr002)
    assert f.matter == "河湖水域岸线管理" and f.departments == sorted([full("水利局"), full("自然资源局")])


def test_a_division_that_gives_each_its_share_is_no_deferral(scene):
    shared = [{"departments": ["水利局", "自然资源局"], "matter": "河湖水域岸线管理", "text": "两部门按职责分工，各负其责。",
               "shares": [("水利局", "负责岸线保护"), ("自然资源局", "负责确权登记")]}]
    scene.load(sanding("水利局", "2021-06-25", [("负责水资源管理。", "lead", ["水资源"])], boundaries=shared,
                       others=["自然资源局"]))
    assert scene.findings(bpr002) == []
