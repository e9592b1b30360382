"""GAP001 划转未落地: a reform moves a matter to B and B's new 三定 does not hold it."""

from __future__ import annotations

from tests.builders import full, reform, sanding
from zhize.queries.detectors import transfer_not_landed as gap001

WATER, EMERGENCY = "水利局", "应急管理局"


def plan(*events):
    return reform("2019-02-28", list(events))


def move(matter_keys, duty, source=WATER, target=EMERGENCY):
    return {"kind": "transfer", "sources": [source], "target": target, "duty": duty, "matters": matter_keys,
            "text": f"将县{source}的{duty}划入县{target}。"}


def emergency(*duties, issued="2019-06-18"):
    return sanding(EMERGENCY, issued, [("负责全县应急管理工作。", "lead", ["应急管理"]), *duties], others=[WATER])


def test_a_transfer_the_new_sanding_is_silent_on_is_reported(scene):
    scene.load(plan(move(["水旱灾害防治"], "水旱灾害防治相关职责")), emergency())
    [f] = scene.findings(gap001)
    assert (f.detector, f.kind, f.matter, f.departments) == ("GAP001", "划转未落地", "水旱灾害防治", [full(EMERGENCY)])
    assert f.evidence[0].clause == "二、（1）" and "划入" in f.evidence[0].quote
    assert f.evidence[-1].department == full(EMERGENCY) and "未见" in f.evidence[-1].quote
    assert full(WATER) in f.message and "三定" in f.message


def test_a_transfer_held_under_the_key_or_named_in_the_text_landed(scene):
    scene.load(plan(move(["水旱灾害防治"], "水旱灾害防治相关职责"), move(["森林火灾防治"], "森林防火相关职责", "林业局")),
               emergency(("负责水旱灾害防治的组织协调。", "lead", ["水旱灾害防治"]),
                         ("负责森林防火和森林火灾扑救的组织协调工作。", "lead", [])))
    assert scene.findings(gap001) == []


def test_a_transfer_named_only_by_its_duty_phrase_is_checked_by_that_phrase(scene):
    scene.load(plan(move([], "地方志编纂职责", "人民政府办公室")), emergency())
    [f] = scene.findings(gap001)
    assert f.matter == "地方志" and f.confidence < 0.85  # the vocabulary's key for 地方志编纂


def test_a_boundary_clause_of_the_receiver_counts_as_holding(scene):
    boundary = [{"departments": [EMERGENCY, WATER], "matter": "水旱灾害防治", "text": "与县水利局在水旱灾害防治方面的职责分工。"}]
    scene.load(plan(move(["水旱灾害防治"], "水旱灾害防治相关职责")),
               sanding(EMERGENCY, "2019-06-18", [("负责全县应急管理工作。", "lead", ["应急管理"])], boundaries=boundary,
                       others=[WATER]))
    assert scene.findings(gap001) == []


def test_a_receiver_without_a_new_sanding_cannot_be_checked(scene):
    scene.load(plan(move(["医疗保险"], "医疗保险职责", "人力资源和社会保障局", "医疗保障局")))
    assert scene.findings(gap001) == []
    scene.load(emergency(issued="2016-01-01"), plan(move(["水旱灾害防治"], "水旱灾害防治相关职责")))
    assert scene.findings(gap001) == []  # only a 三定 from before the reform


def test_before_the_new_sanding_nothing_is_reported(scene):
    scene.load(plan(move(["水旱灾害防治"], "水旱灾害防治相关职责")), emergency())
    assert scene.findings(gap001, at="2019-04-01") == []


def test_several_sources_moving_one_matter_give_one_finding(scene):
    scene.load(plan(move(["农田建设项目管理"], "农业综合开发项目管理职责", "财政局", "农业农村局"),
                    move(["农田建设项目管理"], "农田整治项目管理职责", "国土资源局", "农业农村局")),
               sanding("农业农村局", "2019-06-20", [("负责种植业管理。", "lead", ["种植业"])]))
    [f] = scene.findings(gap001)
    assert f.departments == [full("农业农村局")] and len([e for e in f.evidence if "划入" in e.quote]) == 2
