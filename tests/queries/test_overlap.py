"""OVL001 职责交叉: small example graphs and the findings they must (not) give."""

from __future__ import annotations

from tests.builders import COUNTY, full, reform, sanding
from zhize.graph.schema import finding_id
from zhize.queries.detectors import overlap

WATER, NATURE, AGRI, MARKET = "水利局", "自然资源局", "农业农村局", "市场监督管理局"


def water(*extra, boundaries=None, issued="2019-06-05"):
    return sanding(WATER, issued, [("负责河道采砂的统一管理和监督检查。", "lead", ["河道采砂"]),
                                   ("负责水资源的合理开发利用。", "lead", ["水资源"]), *extra],
                   others=[NATURE, AGRI], boundaries=boundaries)


def nature(*extra, boundaries=None):
    return sanding(NATURE, "2019-05-30", [("负责河道采砂管理工作，依法实施河道采砂采矿权出让。", "lead", ["河道采砂"]),
                                          ("负责耕地保护工作。", "lead", ["耕地保护"]), *extra],
                   others=[WATER, AGRI], boundaries=boundaries)


def test_two_leads_without_a_boundary_are_an_overlap(scene):
    [f] = scene.load(water(), nature()).findings(overlap)
    assert (f.detector, f.kind, f.matter) == ("OVL001", "职责交叉", "河道采砂")
    assert f.departments == sorted([full(WATER), full(NATURE)])
    assert f.id == finding_id("OVL001", COUNTY, [full(NATURE), full(WATER)], "河道采砂")
    assert f.confidence == 0.9 and f.severity == "高"
    assert {e.department for e in f.evidence} == {full(WATER), full(NATURE)}
    assert all(e.document_title.endswith("人员编制规定") and e.clause.startswith("第三条") for e in f.evidence)
    assert "有关职责分工" in f.message and "牵头" in f.message


def test_the_same_problem_keeps_its_id_across_runs(scene):
    scene.load(water(), nature())
    assert [f.id for f in scene.findings(overlap)] == [f.id for f in scene.findings(overlap, at="2025-01-01")]


def test_different_wording_of_the_same_matter_still_meets(scene):
    scene.load(sanding(MARKET, "2019-06-12", [("负责食品安全监督管理。", "lead", ["食品安全监督管理"])]),
               sanding(AGRI, "2019-06-20", [("承担食品安全监管工作。", "lead", ["食品安全监管"])]))
    [f] = scene.findings(overlap)
    assert f.departments == sorted([full(MARKET), full(AGRI)])


def test_a_clause_without_matter_keys_is_read_for_the_matter(scene):
    scene.load(sanding("城市管理局", "2021-07-20", [("负责户外广告设施设置的审批和监督管理。", "lead", ["户外广告设置管理"])]),
               sanding(MARKET, "2021-06-10", [], units={"广告股": [("承担户外广告设置的监督管理工作。", "lead", [])]}))
    [f] = scene.findings(overlap)
    assert f.departments == sorted([full("城市管理局"), full(MARKET)]) and f.confidence < 0.9


def test_a_boundary_in_either_sanding_settles_the_pair(scene):
    settled = [{"departments": [WATER, NATURE], "matter": "河道采砂", "text": "与县自然资源局在河道采砂方面的职责分工。",
                "shares": [(WATER, "负责河道采砂许可"), (NATURE, "负责采矿权出让")]}]
    assert scene.load(water(boundaries=settled), nature()).findings(overlap) == []


def test_a_boundary_naming_the_matter_only_in_its_text_settles_it(scene):
    settled = [{"departments": [WATER, NATURE], "matter": "砂石资源", "text": "与县自然资源局的有关职责分工。县水利局负责河道采砂许可。"}]
    assert scene.load(water(boundaries=settled), nature()).findings(overlap) == []


def test_a_boundary_on_another_matter_or_another_pair_does_not(scene):
    other_matter = [{"departments": [WATER, NATURE], "matter": "水资源调查", "text": "在水资源调查方面的职责分工。"}]
    other_pair = [{"departments": [NATURE, AGRI], "matter": "河道采砂", "text": "在河道采砂方面的职责分工。"}]
    [f] = scene.load(water(boundaries=other_matter), nature(boundaries=other_pair)).findings(overlap)
    assert f.matter == "河道采砂"


def test_a_superseded_boundary_no_longer_settles(scene):
    settled = [{"departments": [WATER, NATURE], "matter": "河道采砂", "text": "在河道采砂方面的职责分工。"}]
    scene.load(water(boundaries=settled, issued="2019-06-05"), nature(), water(issued="2022-01-10"))
    assert scene.findings(overlap, at="2020-01-01") == []
    assert len(scene.findings(overlap, at="2023-01-01")) == 1


def test_a_matter_with_one_lead_and_supporting_departments_is_no_overlap(scene):
    scene.load(sanding("人力资源和社会保障局", "2019-06-10", [("牵头负责全县农民工工资支付保障工作。", "lead", ["农民工工资支付保障"])]),
               sanding("住房和城乡建设局", "2019-06-14", [("配合做好农民工工资支付保障工作。", "support", ["农民工工资支付保障"])]),
               sanding("交通运输局", "2019-06-14", [("负责公路建设，参与农民工工资支付保障工作。", "lead", ["农民工工资支付保障"])]))
    assert scene.findings(overlap) == []  # 交通运输局's item leads 公路建设; its clause on 工资 is 参与


def test_a_sectors_own_share_is_no_overlap(scene):
    scene.load(sanding("应急管理局", "2019-06-18", [("负责全县应急管理工作。", "lead", ["应急管理"])]),
               sanding("交通运输局", "2019-06-14", [("负责交通运输行业安全生产和应急管理工作。", "lead", ["应急管理"])]))
    assert scene.findings(overlap) == []


def test_a_split_by_stage_is_no_overlap(scene):
    scene.load(sanding(AGRI, "2021-07-01", [("负责种植养殖环节农药残留监测工作。", "lead", ["农药残留监测"])]),
               sanding(MARKET, "2021-06-10", [("负责流通环节农药残留抽检工作。", "lead", ["农药残留监测"])]))
    assert scene.findings(overlap) == []


def test_housekeeping_every_department_does_is_no_overlap(scene):
    review = "承担本部门规范性文件合法性审核、行政复议和行政应诉工作。"
    scene.load(sanding(WATER, "2019-06-05", [(review, "lead", ["行政复议"])]),
               sanding(NATURE, "2019-05-30", [(review, "lead", ["行政复议"])]))
    assert scene.findings(overlap) == []


def test_three_leads_with_one_pair_settled_give_one_finding_with_all_three(scene):
    settled = [{"departments": ["城市管理局", "卫生健康局"], "matter": "爱国卫生", "text": "在爱国卫生方面的职责分工。"}]
    scene.load(sanding("卫生健康局", "2020-03-05", [("负责爱国卫生运动的统筹协调。", "lead", ["爱国卫生"])]),
               sanding("城市管理局", "2020-04-10", [("负责城市爱国卫生工作。", "lead", ["爱国卫生"])], boundaries=settled,
                       others=["卫生健康局"]),
               sanding(AGRI, "2020-03-28", [("负责农村爱国卫生工作。", "lead", ["爱国卫生"])]))
    [f] = scene.findings(overlap)
    assert f.departments == sorted(full(d) for d in ("卫生健康局", "城市管理局", AGRI))


def test_departments_that_no_longer_exist_do_not_overlap(scene):
    scene.load(sanding("国土资源局", "2010-12-08", [("负责河道采砂管理。", "lead", ["河道采砂"])]), water(),
               reform("2019-02-28", [{"kind": "abolish", "sources": ["国土资源局"]}]))
    assert scene.findings(overlap) == []
    assert len(scene.findings(overlap, at="2019-12-31")) == 0  # abolished on 2019-02-28


def test_a_matter_named_in_passing_after_the_main_sentence_is_not_led(scene):
    scene.load(sanding(MARKET, "2019-06-12", [("负责特种设备安全监督管理。综合管理特种设备安全监察，监督检查锅炉环境保护标准的执行。", "lead",
                                               ["特种设备", "特种设备安全监察", "环境保护"])]),
               sanding("生态环境分局", "2019-08-16", [("负责环境保护监督管理。", "lead", ["环境保护"])]))
    assert scene.findings(overlap) == []
