"""Matters (事项): the vocabulary file, matching, and canonical keys for free phrases."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhize.graph.matters import matches, parse_vocabulary, trie_pattern, vocabulary
from zhize.ingest.matters import canonical_matter, matters_of

GOLD = Path(__file__).resolve().parents[2] / "examples" / "gold"


def keys(text: str) -> list[str]:
    return [m.key for m in matters_of(text)]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("负责食品安全监督管理。", "食品安全"),
        ("加强食品安全监管。", "食品安全"),
        ("做好食品安全工作。", "食品安全"),
        ("保障食品安全。", "食品安全"),
        ("负责河道采砂的统一管理和监督检查。", "河道采砂"),
        ("承担采砂管理工作。", "河道采砂"),
        ("依法实施河道采砂许可。", "河道采砂"),
        ("承担老龄工作。", "老龄工作"),
        ("推动老龄事业发展。", "老龄工作"),
        ("拟订全县养老服务体系建设规划。", "养老服务"),
        ("负责地质灾害防治工作。", "地质灾害防治"),
        ("组织编制国土空间规划。", "国土空间规划"),
        ("承担城乡规划管理职责。", "国土空间规划"),  # merged by the 2018 reform
        ("负责12345政务服务便民热线的派单和回访。", "12345热线"),
        ("负责全县信访工作。", "信访"),
    ],
)
def test_wordings_meet_on_one_key(text, key):
    assert key in keys(text)


def test_text_is_the_wording_seen_with_its_tail():
    (ref,) = matters_of("负责全县食品安全监督管理综合协调。")
    assert (ref.key, ref.text) == ("食品安全", "食品安全监督管理")


def test_a_generic_word_alone_is_no_matter():
    assert keys("加强安全管理，做好服务工作。") == []
    assert keys("承担文电、会务、机要、档案、财务、人事、安全保密、信访和政务公开等工作。") == []


def test_a_longer_matter_wins_and_is_reported_once():
    assert keys("负责食品安全风险监测评估。") == ["食品安全风险监测评估"]
    assert keys("承担县食品安全委员会日常工作。") == ["食品安全"]


def test_each_key_is_reported_once_in_order_of_mention():
    assert keys("负责耕地保护工作，落实耕地占补平衡，组织实施矿产资源管理。") == ["耕地保护", "矿产资源"]


def test_a_variant_can_stand_for_two_matters():
    assert keys("组织开展食品药品安全专项整治。") == ["食品安全", "药品"]


def test_matters_inside_a_department_name_are_skipped_but_not_inside_a_coordination_body():
    assert keys("配合县市场监督管理局做好相关工作。") == []
    assert keys("承担县老龄工作委员会办公室的日常工作。") == ["老龄工作"]
    assert keys("配合县住房和城乡建设局做好建筑垃圾（渣土）运输管理工作。") == ["建筑垃圾运输"]


def test_split_fields_keep_separate_keys():
    assert keys("负责建筑垃圾消纳场所监督管理。") == ["建筑垃圾消纳"]
    assert keys("组织拟订应对人口老龄化政策措施。") == ["老龄工作"]


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("老龄工作职责", "老龄工作"),
        ("水旱灾害防治职责", "水旱灾害防治"),
        ("新闻出版管理职责", "新闻出版"),
        ("食品安全监督管理", "食品安全"),
        ("食品安全工作", "食品安全"),
        ("采砂管理", "河道采砂"),
        ("外国专家管理职责", "外国专家管理"),
        ("县水利局的水旱灾害防治相关职责", "水旱灾害防治"),
        ("县人民政府办公室的应急管理职责", "应急管理"),
        ("县民政局承担的老龄工作职责", "老龄工作"),
        ("组织编制主体功能区规划职责", "主体功能区规划"),
        ("城乡规划管理职责", "国土空间规划"),
        ("监督防止地下水污染职责", "地下水污染防治"),
        ("县长公开电话受理职责", "12345热线"),
        ("国有土地使用权出让、划拨、租赁和土地储备", "土地供应"),
        ("县委农村工作领导小组办公室日常工作", "三农工作"),
        ("“放管服”改革", "放管服改革"),
        ("档案", "档案"),  # a bracketed key still maps exactly
    ],
)
def test_canonical_matter_of_free_phrases(phrase, key):
    assert canonical_matter(phrase) == key


def test_canonical_matter_of_an_unknown_phrase_is_the_stripped_phrase():
    assert canonical_matter("全县无人机飞行服务管理职责") == "无人机飞行服务"
    assert canonical_matter("  星空保护 工作 ") == "星空保护"


def test_canonical_matter_of_generic_words_is_none():
    assert canonical_matter("行政职能") is None
    assert canonical_matter("有关工作职责") is None
    assert canonical_matter("") is None


def test_the_vocabulary_file_is_well_formed():
    data = resources.files("zhize.graph").joinpath("data/matters.tsv").read_text(encoding="utf-8")
    keys_seen = []
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        assert all(f == f.strip() and f for f in fields), f"line {number}: empty or padded field"
        keys_seen.append(fields[0].strip("[]"))
    assert len(keys_seen) == len(set(keys_seen)), "a key is listed twice"
    assert 300 <= len(keys_seen) <= 600
    assert "安全" not in vocabulary().surfaces


def test_the_regex_fallback_matches_like_the_automaton():
    data = resources.files("zhize.graph").joinpath("data/matters.tsv").read_text(encoding="utf-8")
    plain = parse_vocabulary(data, use_automaton=False)
    auto = vocabulary()
    for path in sorted(GOLD.glob("*.json")):
        for duty in json.loads(path.read_text(encoding="utf-8"))["duties"]:
            text = duty["text"]
            assert matches(plain, text) == matches(auto, text)


WORDS = st.lists(st.text(alphabet="食品安全监管理水利", min_size=1, max_size=5), min_size=1, max_size=12)


@given(words=WORDS, text=st.text(alphabet="食品安全监管理水利，", max_size=40))
def test_trie_pattern_finds_the_leftmost_longest_word(words, text):
    pattern = re.compile(trie_pattern(words))
    assert all(pattern.fullmatch(w) for w in words)
    m = pattern.search(text)
    starts = [i for i in range(len(text)) if any(text.startswith(w, i) for w in words)]
    if not starts:
        assert m is None
    else:
        first = starts[0]
        assert m.start() == first
        assert m.group() == max((w for w in words if text.startswith(w, first)), key=len)
