"""OVL001 on statements: open-vocabulary matters and the rules that keep precision (fictional 岚川县)."""

from __future__ import annotations

from tests.builders import full, reform, sanding
from zhize.queries.detectors import overlap
from zhize.queries.view import view_of

HEALTH, SCHOOL, WATER, HOUSING = "卫生健康局", "教育局", "水利局", "住房和城乡建设局"
NATURE, EMERGENCY, CIVIL, CULTURE = "自然资源局", "应急管理局", "民政局", "文化和旅游局"
FILLER = [("负责机关日常运转，承担文电、财务、人事和机关党建工作。", "lead", [])]


def dep(name, issued, *duties, others=(), boundaries=None):
    return sanding(name, issued, [*duties, *FILLER], others=list(others), boundaries=boundaries)


def test_two_wordings_outside_the_vocabulary_meet(scene):
    scene.load(dep(HEALTH, "2019-05-01", ("承担婴幼儿托管点备案和监督管理工作。", "lead", [])),
               dep(SCHOOL, "2019-05-02", ("负责婴幼儿托管点的设置指导和日常监管。", "lead", [])))
    [f] = scene.findings(overlap)
    assert f.departments == sorted([full(HEALTH), full(SCHOOL)])
    assert "婴幼儿托管点" in f.matter and "有效的文件" in f.message and "共有" in f.message


def test_a_support_verb_inside_a_lead_item_is_no_claim(scene):
    scene.load(dep(HEALTH, "2019-05-01", ("负责职业病防治，配合做好婴幼儿托管点监督管理。", "lead", [])),
               dep(SCHOOL, "2019-05-02", ("负责婴幼儿托管点的设置指导和日常监管。", "lead", [])))
    assert scene.findings(overlap) == []


def test_sector_scoped_safety_duties_are_no_overlap(scene):
    scene.load(dep(WATER, "2019-05-01", ("负责本系统安全生产监督管理。", "lead", [])),
               dep(HOUSING, "2019-05-02", ("负责本系统安全生产监督管理。", "lead", []),
                   ("负责住房和城乡建设行业安全生产监督管理。", "lead", [])),
               dep(EMERGENCY, "2019-05-03", ("依法行使安全生产综合监督管理职权。", "lead", [])))
    assert scene.findings(overlap) == []


def test_prevention_and_rescue_of_one_hazard_are_a_division_by_phase(scene):
    scene.load(dep(NATURE, "2019-05-01", ("负责山林火灾预防工作，组织开展防火巡护。", "lead", [])),
               dep(EMERGENCY, "2019-05-02", ("组织协调山林火灾扑救工作。", "lead", [])))
    assert scene.findings(overlap) == []
    assert {m.verdict for m in overlap.near_misses(view_of(scene.graph()))} == {"phase"}


def test_approval_and_enforcement_are_reported_low_without_a_boundary(scene):
    scene.load(dep(NATURE, "2019-05-01", ("负责古驿道修缮的审批。", "lead", [])),
               dep(CULTURE, "2019-05-02", ("负责古驿道修缮的监督管理，依法查处违法行为。", "lead", [])))
    [f] = scene.findings(overlap)
    assert f.severity == "低" and "审批" in f.message


def test_an_exception_written_once_in_a_sanding_holds_for_its_units(scene):
    scene.load(sanding("发展和改革局", "2019-05-01", [("负责价格管理工作（价格监督检查除外）。", "lead", [])],
                       units={"价格股": [("承担价格管理工作。", "lead", [])]}),
               dep("市场监督管理局", "2019-05-02", ("负责价格监督检查。", "lead", [])))
    assert scene.findings(overlap) == []


def test_a_boundary_settles_only_the_matter_it_names(scene):
    on_quality = [{"departments": [WATER, HOUSING], "matter": "工程质量", "text": "与县住房和城乡建设局的有关职责分工。",
                   "shares": [(WATER, "县水利局负责水利工程的质量安全监督"),
                              (HOUSING, "县住房和城乡建设局负责房屋建筑工程的质量安全监督")]}]
    scene.load(dep(WATER, "2019-05-01", ("负责乡镇集中供水工程的建设和运行管理。", "lead", []),
                   others=[HOUSING], boundaries=on_quality),
               dep(HOUSING, "2019-05-02", ("对乡镇集中式供水设施的建设和运营实施监督管理。", "lead", [])))
    [f] = scene.findings(overlap)
    assert f.departments == sorted([full(WATER), full(HOUSING)]) and "供水" in f.matter
    on_water = [{"departments": [WATER, HOUSING], "matter": "供水", "text": "与县住房和城乡建设局的有关职责分工。",
                 "shares": [(WATER, "县水利局负责乡镇集中供水工程的建设")]}]
    scene.load(dep(WATER, "2020-01-01", ("负责乡镇集中供水工程的建设和运行管理。", "lead", []),
                   others=[HOUSING], boundaries=on_water))
    assert scene.findings(overlap, at="2021-01-01") == []


def test_a_later_plan_moving_a_duty_away_overrides_the_older_sanding(scene):
    scene.load(dep(CIVIL, "2019-05-01", ("负责指导城乡社区治理和社区服务体系建设。", "lead", [])),
               dep("社会工作部", "2024-08-01", ("统筹推进城乡社区治理体系和治理能力建设。", "lead", [])),
               reform("2024-06-14", [{"kind": "transfer", "sources": [CIVIL], "target": "社会工作部",
                                      "duty": "指导城乡社区治理体系和治理能力建设职责"}]))
    assert scene.findings(overlap, at="2024-12-31") == []
    scene.load(dep(CIVIL, "2024-10-15", ("负责指导城乡社区治理和社区服务体系建设。", "lead", [])))
    [f] = scene.findings(overlap, at="2024-12-31")  # written back in after the plan: it counts again
    assert "城乡社区治理" in f.matter


def test_a_rare_vocabulary_key_ending_both_objects_makes_one_matter_at_low_similarity(scene):
    scene.load(dep("农业农村局", "2019-05-01", ("负责畜禽屠宰行业管理和屠宰环节质量安全监督管理。", "lead", ["畜禽屠宰"])),
               dep("商务局", "2019-05-02", ("负责生猪定点屠宰的行业管理和监督检查工作。", "lead", ["畜禽屠宰"])))
    [f] = scene.findings(overlap)
    assert f.departments == sorted([full("农业农村局"), full("商务局")]) and "屠宰" in f.matter


def test_a_key_named_only_as_a_modifier_is_no_shared_matter(scene):
    scene.load(dep(SCHOOL, "2019-05-01", ("负责学校体育、卫生与艺术教育工作。", "lead", ["文艺创作"])),
               dep(CULTURE, "2019-05-02", ("负责文化艺术事业发展。", "lead", ["文艺创作"])))
    assert scene.findings(overlap) == []


def test_product_quality_and_the_trades_licensing_are_a_division(scene):
    scene.load(dep("市场监督管理局", "2019-05-01", ("负责烟花爆竹产品质量的监督管理。", "lead", [])),
               dep(EMERGENCY, "2019-05-02", ("负责烟花爆竹经营（批发）许可和安全监督管理。", "lead", [])))
    assert scene.findings(overlap) == []
    assert "phase" in {m.verdict for m in overlap.near_misses(view_of(scene.graph()))}


def test_one_clause_against_two_clauses_of_another_department_is_one_finding(scene):
    scene.load(dep(SCHOOL, "2019-05-01", ("负责面向中小学生的婴幼儿托管点的审批和日常监管。", "lead", []),
                   ("承担婴幼儿托管点审批和日常监管工作。", "lead", [])),
               dep(HEALTH, "2019-05-02", ("负责婴幼儿托管点的审批和监督管理。", "lead", [])))
    assert len(scene.findings(overlap)) == 1


def test_a_stale_claim_a_later_plan_moved_away_is_no_overlap_even_in_abstract_words(scene):
    scene.load(dep(HOUSING, "2018-05-01", ("负责城乡规划管理，组织编制城市总体规划。", "lead", ["国土空间规划"])),
               reform("2019-03-01", [{"kind": "transfer", "sources": [HOUSING], "target": NATURE, "duty": "城乡规划管理职责"}]),
               dep(NATURE, "2019-05-01", ("承担城乡规划管理有关工作。", "lead", ["国土空间规划"])))
    assert scene.findings(overlap, at="2018-12-31") == []  # before the plan only 住建 holds it
    assert scene.findings(overlap, at="2020-01-01") == []


def test_a_bare_field_word_against_one_departments_compound_of_it_is_no_overlap(scene):
    scene.load(dep("气象局", "2019-05-01", ("负责气象、人工影响天气和防雷减灾的监督管理。", "lead", ["气象"])),
               dep("农业农村局", "2019-05-02", ("组织开展农业气象和墒情监测。", "lead", ["气象"])))
    assert scene.findings(overlap) == []
    assert {m.verdict for m in overlap.near_misses(view_of(scene.graph()))} == {"field"}


def test_two_departments_leading_the_same_compound_still_overlap(scene):
    scene.load(dep("气象局", "2019-05-01", ("负责农业气象和人工影响天气的监督管理。", "lead", ["气象"])),
               dep("农业农村局", "2019-05-02", ("组织开展农业气象和墒情监测。", "lead", ["气象"])))
    [f] = scene.findings(overlap)
    assert "农业气象" in f.matter


def test_a_chain_of_handling_stages_is_the_work_on_a_thing_and_waste_heads_are_one(scene):
    # 收集、运输和处置 after the thing are stages of handling it, and 废弃物 / 垃圾 name one kind of thing
    scene.load(dep("城市管理局", "2019-05-01", ("负责城区园林垃圾收集、运输和处置的监督管理。", "lead", [])),
               dep(HOUSING, "2019-05-02", ("负责园林废弃物收集运输处理的行业管理。", "lead", [])))
    [f] = scene.findings(overlap)
    assert f.departments == sorted([full("城市管理局"), full(HOUSING)]) and "园林" in f.matter


def test_one_handling_word_alone_stays_part_of_the_matters_name():
    from zhize.queries.statements import read_clause

    [reading] = read_clause("负责危险货物运输的监督管理")
    assert reading.object == "危险货物运输"
    [reading] = read_clause("负责城区园林垃圾收集、运输和处置的监督管理")
    assert reading.object == "城区园林垃圾" and "handle" in reading.aspects


def test_an_old_and_a_new_name_of_one_matter_meet_through_the_vocabulary(scene):
    from zhize.graph.matters import canonical_matter

    # 林木病虫害 is the older wording of 林业有害生物 (the vocabulary links them; no character is shared
    # but 林); "监测预报和统一防控" is the work on it, not part of its name
    assert canonical_matter("林木病虫害") == canonical_matter("林业有害生物防治") == "林业有害生物"
    scene.load(dep(NATURE, "2019-05-01", ("负责美国白蛾等林业有害生物的监测和防治工作。", "lead", ["林业有害生物"])),
               dep("农业农村局", "2019-05-02",
                   ("负责农作物病虫害和林木病虫害的监测预报和统一防控。", "lead", ["植物保护", "林业有害生物"])))
    [f] = scene.findings(overlap)
    assert f.departments == sorted([full(NATURE), full("农业农村局")])


def test_a_ban_written_short_and_a_modifier_inside_are_one_matter(scene):
    # 禁放 is the ban on 燃放; 露天 set inside 烟花燃放 does not change what is named
    scene.load(dep(EMERGENCY, "2019-05-01", ("负责烟花露天燃放的监督管理，依法查处违规燃放行为。", "lead", [])),
               dep(CULTURE, "2019-05-02", ("负责烟花禁放工作，组织开展禁放巡查。", "lead", [])))
    [f] = scene.findings(overlap)
    assert f.departments == sorted([full(EMERGENCY), full(CULTURE)])


def test_a_word_added_at_the_end_names_another_thing(scene):
    scene.load(dep(HOUSING, "2019-05-01", ("负责古镇街巷的建设管理。", "lead", [])),
               dep(CULTURE, "2019-05-02", ("负责古镇街巷照明设备的维护管理。", "lead", [])))
    assert scene.findings(overlap) == []


def test_inserted_reads_word_boundaries():
    from zhize.queries.similarity import inserted

    assert inserted("秸秆焚烧", "秸秆露天焚烧") and inserted("农村供水", "农村集中供水")
    assert inserted("秸秆禁烧", "秸秆露天焚烧")  # a ban written short is its act
    assert not inserted("城市道路", "城市道路照明")  # added at the end: another head
    assert not inserted("城市道路", "老旧城市道路")  # added at the front
    assert not inserted("水库", "水利水库")  # one word only: no inside to set a modifier in


def test_a_units_generic_clause_takes_the_kind_of_work_its_department_gives_the_matter(scene):
    nature = sanding(NATURE, "2019-05-01", [("负责温泉资源开发利用，组织编制温泉资源规划。", "lead", []), *FILLER],
                     units={"矿产资源股": [("承担矿产资源管理、温泉资源管理工作。", "lead", [])]})
    scene.load(nature, dep("生态环境局", "2019-05-02", ("负责温泉资源污染防治的监督管理。", "lead", [])))
    assert scene.findings(overlap) == []
    assert "phase" in {m.verdict for m in overlap.near_misses(view_of(scene.graph()))}


def test_a_units_clause_on_a_matter_its_department_does_not_specify_still_counts(scene):
    nature = sanding(NATURE, "2019-05-01", FILLER, units={"矿产资源股": [("承担温泉资源管理工作。", "lead", [])]})
    scene.load(nature, dep("生态环境局", "2019-05-02", ("负责温泉资源污染防治的监督管理。", "lead", [])))
    assert len(scene.findings(overlap)) == 1
