"""BPR001/BPR002 on statements: every support verb, leads under other wording, mutual deferral (岚川县)."""

from __future__ import annotations

from tests.builders import full, sanding
from zhize.queries.detectors import mutual_deferral as bpr002
from zhize.queries.detectors import no_lead as bpr001

EMERGENCY, SCHOOL, WATER, HOUSING, CULTURE = "应急管理局", "教育局", "水利局", "住房和城乡建设局", "文化和旅游局"


def test_every_support_verb_inside_lead_items_is_read(scene):
    scene.load(sanding(EMERGENCY, "2019-05-01", [("负责危险化学品安全监督管理，协同做好预防中小学生溺水工作。", "lead", [])]),
               sanding(SCHOOL, "2019-05-02", [("负责学前教育，按职责分工配合做好预防中小学生溺水工作。", "lead", [])]),
               sanding(WATER, "2019-05-03", [("负责水利工程建设，支持做好水库、山塘等水域防溺水警示设施设置。", "lead", [])]))
    [f] = scene.findings(bpr001)
    assert f.departments == sorted(full(d) for d in (EMERGENCY, SCHOOL, WATER))
    assert "溺水" in f.matter and "有效的文件" in f.message


def test_a_lead_under_other_wording_clears_it(scene):
    scene.load(sanding(EMERGENCY, "2019-05-01", [("配合开展文物建筑消防安全检查。", "support", [])]),
               sanding(HOUSING, "2019-05-02", [("协助开展文物建筑消防安全隐患排查。", "support", [])]),
               sanding(CULTURE, "2019-05-03", [("统筹协调文物保护单位火灾风险防范。", "lead", [])]))
    assert scene.findings(bpr001) == []


def test_a_lead_on_something_else_in_the_same_item_does_not_lead_it(scene):
    scene.load(sanding("农业农村局", "2019-05-01", [("负责动物防疫，配合做好流浪犬只收容处置中的疫病防控。", "lead", [])]),
               sanding("卫生健康局", "2019-05-02", [("参与流浪犬只收容处置工作。", "support", [])]))
    [f] = scene.findings(bpr001)
    assert len(f.departments) == 2


def test_two_departments_naming_each_other_in_other_words_defer(scene):
    scene.load(sanding(HOUSING, "2019-05-01", [("负责县城排水设施建设，配合县水利局做好县城区排涝工作。", "lead", [])],
                       others=[WATER]),
               sanding(WATER, "2019-05-02", [("配合县住房和城乡建设局做好县城内涝防治工作。", "support", [])],
                       others=[HOUSING]))
    [f] = scene.findings(bpr002)
    assert f.departments == sorted([full(HOUSING), full(WATER)])
    assert scene.findings(bpr001) == []
