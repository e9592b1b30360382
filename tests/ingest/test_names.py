"""Department names within one jurisdiction resolve to one identity; nothing is merged by guess."""

from __future__ import annotations

import pytest

from zhize.ingest.names import NameBook, expand, find_parents, full_name, place_of, short_forms


@pytest.mark.parametrize("mention, full", [
    ("县水利局", "岚川县水利局"),
    ("水利局", "岚川县水利局"),
    ("岚川县水利局", "岚川县水利局"),
    ("市场监管局", "岚川县市场监管局"),
    ("县委组织部", "中共岚川县委组织部"),
    ("岚川县委宣传部", "中共岚川县委宣传部"),
    ("市生态环境局", "市生态环境局"),           # another level, parent unknown: left alone
    ("青禾县水利局", "青禾县水利局"),           # another place
])
def test_full_names_in_a_county_text(mention, full):
    assert full_name(mention, "岚川县") == full


@pytest.mark.parametrize("mention, town, full", [
    ("镇人民政府", "茆溪镇", "茆溪镇人民政府"),
    ("乡人民政府", "蒲塘乡", "蒲塘乡人民政府"),
    ("街道办事处", "东棹街道", "东棹街道办事处"),
    ("镇综合行政执法队", "茆溪镇", "茆溪镇综合行政执法队"),
    ("党政综合办公室", "茆溪镇", "茆溪镇党政综合办公室"),
])
def test_a_townships_own_level_word_stands_for_its_name(mention, town, full):
    # 镇人民政府 in a 镇's text is that township's government, as 县水利局 is the county's bureau:
    # the level word is replaced by the place, never kept after it (茆溪镇镇人民政府)
    assert full_name(mention, town) == full


def test_upper_level_names_take_the_parent_place_the_text_names():
    parents = find_parents("根据《云州市机构改革方案》和云州市人民政府的批复", "岚川县")
    assert parents == {"市": "云州市"}
    assert full_name("市生态环境局", "岚川县", parents) == "云州市生态环境局"


def test_short_forms_and_abbreviations_resolve_to_the_canonical_name():
    book = NameBook("岚川县")
    book.add("岚川县市场监督管理局")
    for mention in ("县市场监管局", "市场监管局", "县市场监督管理局", "岚川县市场监督管理局"):
        assert book.resolve(mention) == "岚川县市场监督管理局"
    assert expand("县人社局") == "县人力资源和社会保障局"
    assert "县市场监管局" in short_forms("岚川县市场监督管理局", "岚川县")


def test_plaques_resolve_to_the_body_that_carries_them():
    book = NameBook("岚川县")
    book.add("岚川县市场监督管理局")
    assert book.add_plaque("岚川县市场监督管理局", "县知识产权局") == "岚川县知识产权局"
    assert book.resolve("县知识产权局") == "岚川县市场监督管理局"
    assert book.aliases_of("岚川县市场监督管理局", "县知识产权局和县市场监管局") == ["县市场监管局", "市场监管局"]


def test_an_unknown_name_is_not_merged_with_a_similar_one():
    book = NameBook("岚川县")
    book.add("岚川县自然资源局")
    assert book.resolve("县自然资源和规划局") is None
    assert book.canonical("县自然资源和规划局") == "岚川县自然资源和规划局"


def test_place_of():
    assert (place_of("岚川县水利局"), place_of("县水利局"), place_of("中共岚川县委组织部")) == ("岚川县", None, "岚川县")
