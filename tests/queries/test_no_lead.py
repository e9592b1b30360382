"""BPR001 无牵头: several departments touch a matter, all supporting, none leading."""

from __future__ import annotations

from tests.builders import full, sanding
from zhize.queries.detectors import no_lead as bpr001

CIVIL, HEALTH = "民政局", "卫生健康局"


def civil(*extra):
    return sanding(CIVIL, "2019-06-25", [("负责社会救助工作。", "lead", ["社会救助"]),
                                        ("配合做好农村留守老年人关爱服务工作。", "support", ["农村留守老年人关爱服务"]), *extra])


def health(*extra, others=()):
    return sanding(HEALTH, "2019-07-02", [("负责老龄工作。", "lead", ["老龄工作"]),
                                          ("参与农村留守老年人关爱服务体系建设。", "support", ["农村留守老年人关爱服务"]), *extra],
                   others=list(others))


def test_supporters_without_a_lead_are_reported(scene):
    [f] = scene.load(civil(), health()).findings(bpr001)
    assert (f.detector, f.kind, f.matter) == ("BPR001", "无牵头", "农村留守老年人关爱服务")
    assert f.departments == sorted([full(CIVIL), full(HEALTH)]) and f.severity == "中"
    assert "明确牵头部门" in f.message and len(f.evidence) == 2


def test_a_lead_anywhere_clears_the_matter(scene):
    scene.load(civil(), health(("牵头负责农村留守老年人关爱服务工作。", "lead", ["农村留守老年人关爱服务"])))
    assert scene.findings(bpr001) == []


def test_a_lead_under_other_wording_clears_the_matter(scene):
    scene.load(civil(), health(), sanding("老龄工作委员会办公室", "2019-08-01",
                                          [("负责统筹农村留守老年人关爱服务工作。", "lead", [])]))
    assert scene.findings(bpr001) == []


def test_a_lead_clause_that_only_supports_the_matter_does_not_lead_it(scene):
    scene.load(civil(), health(), sanding("妇联", "2019-08-01", [("负责妇女儿童工作，配合做好农村留守老年人关爱服务。", "lead", [])]))
    [f] = scene.findings(bpr001)
    assert full("妇联") in f.departments


def test_one_supporting_department_is_no_finding(scene):
    assert scene.load(civil()).findings(bpr001) == []


def test_supporting_a_named_department_without_a_sanding_cannot_be_checked(scene):
    scene.load(sanding("交通运输局", "2019-06-14", [("配合县公安局做好道路交通安全宣传工作。", "support", ["道路交通安全宣传"])],
                       others=["公安局"]),
               sanding("教育局", "2019-06-14", [("配合县公安局开展道路交通安全宣传进校园。", "support", ["道路交通安全宣传"])],
                       others=["公安局"]))
    assert scene.findings(bpr001) == []


def test_a_mutual_deferral_is_left_to_bpr002(scene):
    scene.load(sanding("住房和城乡建设局", "2019-06-14", [("配合县交通运输局做好建筑垃圾运输管理工作。", "support", ["建筑垃圾运输管理"])],
                       others=["交通运输局"]),
               sanding("交通运输局", "2019-06-14", [("配合县住房和城乡建设局做好建筑垃圾运输管理工作。", "support", ["建筑垃圾运输管理"])],
                       others=["住房和城乡建设局"]))
    assert scene.findings(bpr001) == []


def test_three_departments_writing_the_same_support_clause_is_no_housekeeping(scene):
    same = "配合做好农村经营性自建房安全隐患排查整治工作。"
    scene.load(sanding("住房和城乡建设局", "2021-05-01", [("负责住房保障工作。", "lead", []), (same, "support", [])]),
               sanding("农业农村局", "2021-05-02", [("负责种植业管理。", "lead", []), (same, "support", [])]),
               sanding("应急管理局", "2021-05-03", [("负责自然灾害救助。", "lead", []), (same, "support", [])]))
    [f] = scene.findings(bpr001)
    assert len(f.departments) == 3 and "自建房" in f.matter


def test_a_clause_most_departments_repeat_is_housekeeping(scene):
    same = "配合做好本单位档案资料的整理归档工作。"
    names = ["住房和城乡建设局", "农业农村局", "应急管理局", "水利局", "交通运输局"]
    scene.load(*[sanding(n, f"2021-05-0{k + 1}", [("负责本行业发展规划。", "lead", []), (same, "support", [])])
                 for k, n in enumerate(names)])
    assert scene.findings(bpr001) == []


def test_a_word_the_vocabulary_uses_in_many_matters_does_not_join_two_supported_matters(scene):
    """农村 and 治理 appear only in the two support clauses here, but they say where and how: the two
    departments support two different matters, each alone — no finding."""
    scene.load(sanding("商务局", "2019-06-25", [("配合做好农村集贸市场周边秩序治理。", "support", [])]),
               sanding("水利局", "2019-06-26", [("协助开展农村饮水设施防冻治理工作。", "support", [])]))
    assert scene.findings(bpr001) == []


def test_a_key_named_only_as_a_modifier_does_not_name_the_supported_matter(scene):
    key = ["老旧小区改造"]
    scene.load(sanding("住房和城乡建设局", "2019-06-25", [("协同推进老旧小区楼道杂物清理。", "support", key)]),
               sanding("应急管理局", "2019-06-26", [("配合做好老旧小区楼道杂物清理相关工作。", "support", key)]))
    [f] = scene.findings(bpr001)
    assert "楼道杂物清理" in f.matter
