"""OVL001: how a clause's governed object is read and compared when the two departments word it
differently (fictional 岚川县; none of these wordings is in the matter vocabulary)."""

from __future__ import annotations

from tests.builders import full, sanding
from zhize.queries.detectors import overlap
from zhize.queries.similarity import compared_form, parts, parts_with_aspects
from zhize.queries.statements import read_clause

ECOLOGY, TRANSPORT, CITY = "生态环境局", "交通运输局", "城市管理局"
WATER, NATURE = "水利局", "自然资源局"
FILLER = [("负责机关日常运转，承担文电、财务、人事和机关党建工作。", "lead", [])]


def dep(name, issued, *duties):
    return sanding(name, issued, [*duties, *FILLER])


def test_an_object_after_dui_is_what_precedes_its_de_when_only_work_follows():
    [first] = read_clause("负责对游船码头售票点的日常巡查。")
    assert first.object == "游船码头售票点" and first.aspects == {"supervise"}
    [kept] = read_clause("负责对外贸易的管理。")  # 对 inside a word stays
    assert kept.object == "对外贸易"


def test_a_station_after_a_long_stem_is_a_facility_and_its_tests_are_one_kind_of_work():
    assert parts("船舶污染物排放检测站") == ("船舶污染物排放检测",)
    assert parts("加油站") == ("加油站",)  # a short name keeps its 站
    assert compared_form("船舶污染物排放检验") == compared_form("船舶污染物排放检测")


def test_a_testing_station_and_a_testing_body_of_one_thing_meet(scene):
    scene.load(dep(ECOLOGY, "2019-05-01", ("负责船舶污染物排放检验机构的监督管理。", "lead", [])),
               dep(TRANSPORT, "2019-05-02", ("负责对船舶污染物排放检测站的日常监督检查。", "lead", [])))
    [f] = scene.findings(overlap)
    assert f.departments == sorted([full(ECOLOGY), full(TRANSPORT)])


def test_an_act_before_a_noun_of_kind_is_work_on_the_thing():
    assert parts_with_aspects("汽车修理经营者漆雾直排行为") == (("汽车修理经营者漆雾", frozenset({"pollution"})),)


def test_a_rare_head_and_one_more_word_alike_make_one_matter(scene):
    scene.load(dep(ECOLOGY, "2019-05-01", ("负责汽车修理厂漆雾污染防治的监督管理。", "lead", [])),
               dep(CITY, "2019-05-02", ("负责查处城区汽车修理经营者漆雾直排行为。", "lead", [])))
    [f] = scene.findings(overlap)
    assert f.departments == sorted([full(ECOLOGY), full(CITY)]) and "漆雾" in f.matter


def test_a_head_alone_in_common_or_a_manner_of_work_makes_no_matter(scene):
    scene.load(dep("农业农村局", "2019-05-01", ("负责渔船航行动态监测。", "lead", [])),
               dep(TRANSPORT, "2019-05-02", ("负责货运车辆运行动态监测。", "lead", [])),
               dep(WATER, "2019-05-03", ("承担渡船停泊调度的决策支撑工作。", "lead", [])),
               dep(NATURE, "2019-05-04", ("承担渔船航行调度的决策支撑工作。", "lead", [])))
    assert scene.findings(overlap) == []


def test_two_kinds_of_one_thing_under_one_key_are_no_overlap(scene):
    key = ["水上交通安全"]
    scene.load(dep(TRANSPORT, "2019-05-01", ("负责山区乡村小型渡船的监督管理。", "lead", key)),
               dep("文化和旅游局", "2019-05-02", ("负责旅游景区内游览渡船的监督管理。", "lead", key)))
    assert scene.findings(overlap) == []


def test_objects_ending_in_two_matters_of_the_vocabulary_are_apart(scene):
    key = ["安全生产"]  # the extractor put the broad key on both; 交通安全生产 is a matter of its own
    scene.load(dep(TRANSPORT, "2019-05-01", ("负责交通安全生产的监督管理。", "lead", key)),
               dep("应急管理局", "2019-05-02", ("负责安全生产的监督管理。", "lead", key)))
    assert scene.findings(overlap) == []


def test_a_modifier_shared_by_coordinated_objects_is_written_out():
    assert "山区公路客运班线" in parts("山区公路客运站和客运班线")
    assert parts("渡船和景区游船") == ("渡船", "景区游船")


def test_a_short_work_word_after_a_thing_and_its_work_is_work_on_that_thing():
    assert "稻草禁烧" in parts("稻草综合利用和禁烧")
    assert "补贴" in parts("渔船动态监测和补贴")  # not a work word: stands as written


def test_a_field_that_is_not_the_departments_own_is_a_claim_on_it(scene):
    scene.load(dep("市场监督管理局", "2019-05-01", ("负责查处游艇租赁领域虚假宣传和违法经营行为。", "lead", [])),
               dep("文化和旅游局", "2019-05-02", ("负责游艇租赁经营活动的监督管理。", "lead", [])))
    [f] = scene.findings(overlap)
    assert f.matter == "游艇租赁" and f.departments == sorted([full("市场监督管理局"), full("文化和旅游局")])


def test_a_field_of_the_departments_own_sector_stays_its_share(scene):
    scene.load(dep(TRANSPORT, "2019-05-01", ("负责交通运输行业安全生产监督管理。", "lead", [])),
               dep("发展和改革局", "2019-05-02", ("负责交通运输的综合协调。", "lead", [])))
    assert scene.findings(overlap) == []
