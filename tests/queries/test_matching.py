"""Matching matters and texts: normalisation, roles per clause, scopes, phrases."""

from __future__ import annotations

import pytest

from zhize.queries.matching import (
    canonical,
    exceptions,
    light,
    locate,
    mention_forms,
    normalise,
    related,
    role_at,
    scoped,
    stages,
)


@pytest.mark.parametrize("phrase, key", [
    ("食品安全监督管理", "食品安全"), ("食品安全监管", "食品安全"), ("食品安全工作", "食品安全"),
    ("水旱灾害防治相关职责", "水旱灾害防治"), ("畜禽屠宰行业管理", "畜禽屠宰"), ("负责河道采砂管理工作", "河道采砂"),
    ("养老服务体系建设", "养老服务"), ("消防", "消防"),
])
def test_normalise_lets_wordings_meet(phrase, key):
    assert normalise(phrase) == key


def test_matter_normalisation_has_one_home():
    from zhize.graph import matters
    from zhize.queries import matching

    for name in ("normalise", "canonical", "synonyms", "light", "mention_forms", "specific", "clean"):
        assert getattr(matching, name) is getattr(matters, name)
    assert canonical("工作") is None


def test_the_synonym_table_is_used_once_installed(synonym_table):
    assert canonical("采砂管理") == "河道采砂"


def test_light_keeps_what_to_look_for_in_texts():
    assert light("城市管理职责") == "城市管理" and mention_forms("城市管理") == {"城市管理"}
    assert mention_forms("食品安全监督管理") == {"食品安全", "食品安全监督管理"}


def test_exceptions_of_a_merge_are_read():
    assert exceptions("职责（职业安全健康监督管理职责除外）") == ["职业安全健康"]
    assert exceptions("除烟花爆竹经营许可外的职责") == ["烟花爆竹经营许可"]
    assert exceptions("行政许可事项") == []


def test_the_clause_naming_a_matter_gives_its_role():
    text = "负责社会救助工作，配合做好农村留守老年人关爱服务工作。指导乡镇养老服务。"
    assert role_at(text, locate(text, "社会救助", "")[0], "lead") == "lead"
    assert role_at(text, locate(text, "农村留守老年人关爱服务", "")[0], "lead") == "support"
    assert role_at(text, locate(text, "养老服务", "")[0], "lead") == "guidance"
    assert role_at(text, 0, "support") == "support"  # never promoted


def test_scopes_and_stages_are_recognised():
    text = "承担交通运输行业安全生产和应急管理工作，承担文化、旅游领域已划转行政许可事项的审批。"
    assert scoped(text, *locate(text, "应急管理", ""))
    assert scoped(text, *locate(text, "旅游", ""))
    plain = "负责全县应急管理工作。"
    assert not scoped(plain, *locate(plain, "应急管理", ""))
    assert stages("负责种植养殖环节和流通领域的抽检") == {"养殖", "流通"}




def test_related_is_lenient_for_comparing_matters():
    assert related("建筑垃圾运输管理", "建筑垃圾运输") and related("12345热线", "12345热线工单派单督办回访")
    assert not related("河道采砂", "耕地保护")
