"""A 三定 → records, on fictional texts in the shapes real pages have."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhize.graph.records import Role, Section
from zhize.ingest.extract import classify, extract_text, find_issue_date, find_title

SANDING = """岚川县水利局职能配置、内设机构和人员编制规定
（2019年6月5日中共岚川县委办公室　岚川县人民政府办公室印发）
第一条　根据《岚川县机构改革方案》，制定本规定。
第二条　县水利局是县人民政府工作部门，为正科级。加挂县河长制办公室牌子。
第三条　县水利局贯彻落实党中央关于水利工作的方针政策。主要职责是：
（一）负责保障水资源的合理开发利用，拟订全县水利发展规划。
（二）负责河道采砂的统一管理和监督检查。（三）配合县应急管理局做好水旱灾害防御工作。
（四）职能转变。坚持节水优先，严格控制用水总量。
（五）有关职责分工。
1．与县农业农村局的有关职责分工。县农业农村局负责农田水利建设项目管理。县水利局负责灌溉排水工程的技术指导。
2．与县自然资源局（县林业局）的有关职责分工。县自然资源局负责砂石资源规划；县水利局负责河道采砂许可。
第四条　县水利局设下列内设机构：
（一）办公室。负责机关日常运转。
（二）水资源管理股（挂“节约用水办公室”牌子）。承担水资源管理和节约用水工作。
第五条　县水利局机关行政编制十五名，其中机关工勤编制2名。设局长1名，副局长三名；股级领导职数4名。
第六条　本规定自印发之日起施行。
"""


def extract(text: str):
    return extract_text(text, sha256=hashlib.sha256(text.encode()).hexdigest(), source="水利局三定.txt")


def test_a_sanding_becomes_its_records():
    result = extract(SANDING)
    ex = result.extract
    assert (ex.document.kind, ex.document.jurisdiction, ex.document.subject) == ("三定", "岚川县", "岚川县水利局")
    assert ex.document.issue_date.isoformat() == "2019-06-05"
    subject = ex.departments[0]
    assert (subject.rank, subject.type, subject.plaques) == ("正科级", "县人民政府工作部门", ["岚川县河长制办公室"])
    main = [d for d in ex.duties if d.section == Section.MAIN]
    assert [d.clause for d in main] == ["第三条（一）", "第三条（二）", "第三条（三）"]
    assert main[1].text == "负责河道采砂的统一管理和监督检查。"
    [change] = [d for d in ex.duties if d.section == Section.TRANSFORMATION]
    assert change.text == "坚持节水优先，严格控制用水总量。" and change.clause == "第三条（四）"
    assert [(u.name, u.plaques) for u in ex.units] == [("办公室", []), ("水资源管理股", ["节约用水办公室"])]
    assert [d.unit for d in ex.duties if d.section == Section.UNIT] == ["办公室", "水资源管理股"]
    [staff] = ex.staffing
    assert (staff.administrative, staff.other) == (15, {"机关工勤编制": 2})
    assert [(p.title, p.count) for p in staff.leaders] == [("局长", 1), ("副局长", 3)]
    assert [(p.title, p.count) for p in staff.posts] == [("股级领导职数", 4)]


def test_boundaries_name_both_departments_and_their_shares():
    ex = extract(SANDING).extract
    assert [sorted(b.departments) for b in ex.boundaries] == [
        ["岚川县农业农村局", "岚川县水利局"], ["岚川县水利局", "岚川县自然资源局"]]
    shares = [(s.department, s.does[:8]) for s in ex.boundaries[1].shares]
    assert shares == [("岚川县自然资源局", "县自然资源局负责"), ("岚川县水利局", "县水利局负责河道")]
    names = {d.name: d.plaques for d in ex.departments}
    assert names["岚川县自然资源局"] == ["岚川县林业局"]


def test_roles_come_from_the_clause_verbs():
    ex = extract(SANDING).extract
    roles = [d.role for d in ex.duties if d.section == Section.MAIN]
    assert roles[0] == Role.LEAD and roles[2] == Role.SUPPORT


def test_every_span_points_at_the_text_it_claims():
    result = extract(SANDING)
    for record in [*result.extract.duties, *result.extract.boundaries]:
        assert result.text[record.span[0]:record.span[1]] == record.text
    for unit in result.extract.units:
        assert result.text[unit.span[0]:unit.span[1]].startswith(unit.name)


def test_title_date_and_kind_detection():
    assert find_title("当前位置：首页>机构职能\n岚川县民政局职能配置、内设机构和人员编制规定\n正文") == \
        "岚川县民政局职能配置、内设机构和人员编制规定"
    assert classify("正文", "岚川县机构改革方案") == "改革方案"
    assert classify("会议纪要……", "关于召开会议的通知") == "其他"
    assert find_issue_date("标题\n正文……\n2019年6月5日").day.isoformat() == "2019-06-05"


def test_an_unknown_kind_of_document_warns_and_still_gives_a_record():
    ex = extract("关于召开防汛工作会议的通知\n各乡镇：定于2020年5月1日召开会议。").extract
    assert ex.document.kind == "其他"
    assert any(w.code == "document.unknown_kind" for w in ex.warnings)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("第一二三四五条（）()、1.．：。；\n县水利局负责职责分工内设机构股行政编制名牌子挂 ")),
               max_size=300))
def test_the_parser_never_crashes_and_spans_hold(text):
    result = extract(text)
    for record in [*result.extract.duties, *result.extract.boundaries]:
        assert result.text[record.span[0]:record.span[1]] == record.text


@pytest.mark.parametrize("text, place", [
    ("关于市县机构改革有关问题的通知\n下简称县，局加挂县牌子。", "未知"),
    ("通知\n经青禾县人民政府同意，现将有关事项通知如下。", "青禾县"),
    ("会议纪要\n白水区委机构编制委员会办公室：", "白水区"),
])
def test_a_place_is_only_guessed_before_the_name_of_one_of_its_organs(text, place):
    extracted = extract_text(text, sha256="0" * 64)
    assert extracted.extract.document.jurisdiction == place
    codes = [w.code for w in extracted.extract.warnings]
    assert ("document.no_jurisdiction" in codes) == (place == "未知")
