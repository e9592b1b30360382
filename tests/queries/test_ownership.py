"""谁负责: ownership on the example corpus (through the extractor) and on small graphs."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.builders import full, reform, sanding
from zhize.graph.errors import InputError, NotFound
from zhize.queries.ownership import MatchIndex, Query, who
from zhize.queries.view import Duty


def names(holders) -> list[str]:
    return [h.name for h in holders]


def test_a_two_character_matter_finds_both_leads_with_clauses(corpus_store):
    answer = who(corpus_store, "采砂", jurisdiction="岚川县")
    assert set(names(answer.holders)[:2]) == {"岚川县水利局", "岚川县自然资源局"}
    water = next(h for h in answer.holders if h.name == "岚川县水利局")
    assert water.role == "lead" and water.role_label == "牵头/负责"
    assert any(d.clause == "第三条（七）" and "河道采砂" in d.text and d.document_title for d in water.duties)


def test_a_long_phrase_and_its_other_wording_meet(corpus_store):
    direct = who(corpus_store, "食品安全")
    worded = who(corpus_store, "食品安全监管工作")
    assert names(direct.holders)[0] == names(worded.holders)[0] == "岚川县市场监督管理局"


def test_history_shows_earlier_holders_and_the_reform_that_moved_it(corpus_store):
    answer = who(corpus_store, "地质灾害", jurisdiction="岚川县")
    assert "岚川县国土资源局" in names(answer.past)
    assert answer.past[0].duties[0].valid_to == date(2019, 2, 28)
    moved = [e for e in answer.events if e.kind == "transfer"]
    assert moved and moved[0].sources == ["岚川县国土资源局"] and moved[0].target == "岚川县应急管理局"
    assert any(b.current and "岚川县应急管理局" in b.departments for b in answer.boundaries)


def test_at_an_earlier_date_the_old_department_holds_it(corpus_store):
    answer = who(corpus_store, "食品安全", at=date(2018, 6, 30))
    assert names(answer.holders) == ["岚川县食品药品监督管理局"]


def test_the_role_is_the_one_the_clause_gives_the_matter(scene):
    scene.load(sanding("民政局", "2019-06-25", [("负责社会救助工作，配合做好农村留守老年人关爱服务工作。", "lead", ["社会救助"])]),
               sanding("卫生健康局", "2019-07-02", [("负责农村留守老年人关爱服务。", "lead", ["农村留守老年人关爱服务"])]))
    answer = who(scene.store, "农村留守老年人关爱服务")
    assert [(h.name, h.role) for h in answer.holders] == [(full("卫生健康局"), "lead"), (full("民政局"), "support")]


def test_synonyms_from_the_table_meet(scene, synonym_table):
    scene.load(sanding("自然资源局", "2019-05-30", [("负责河道采砂管理工作。", "lead", ["河道采砂"])]))
    answer = who(scene.store, "采砂管理")
    assert names(answer.holders) == [full("自然资源局")] and answer.holders[0].duties[0].match in ("key", "synonym")


def test_the_table_is_there_without_ingest_and_meets_wordings_the_local_normaliser_cannot(corpus_store):
    """`graph.matters` is part of graph: a server that never imports ingest still uses the table."""
    answer = who(corpus_store, "森林草原防火", jurisdiction="岚川县")
    assert {h.name for h in answer.holders} >= {"岚川县应急管理局", "岚川县自然资源局"}
    assert all(d.match in ("key", "synonym") for h in answer.holders for d in h.duties)


def test_an_unknown_matter_names_the_closest_ones(scene):
    scene.load(sanding("自然资源局", "2019-05-30", [("负责河道采砂管理工作。", "lead", ["河道采砂"])]))
    with pytest.raises(NotFound, match="相近的事项或部门：.*河道采砂"):
        who(scene.store, "河道采沙")


def test_an_empty_store_says_how_to_ingest(scene):
    with pytest.raises(NotFound, match="zhize ingest"):
        who(scene.store, "消防")


def test_an_unknown_jurisdiction_and_an_empty_query_are_explained(scene):
    scene.load(sanding("自然资源局", "2019-05-30", [("负责河道采砂管理工作。", "lead", ["河道采砂"])]))
    with pytest.raises(NotFound, match="岚川县"):
        who(scene.store, "采砂", jurisdiction="岚川")
    with pytest.raises(InputError):
        who(scene.store, "  ")


def test_without_a_jurisdiction_every_one_is_searched(scene):
    scene.load(sanding("水利局", "2019-06-05", [("负责河道采砂管理。", "lead", ["河道采砂"])]),
               sanding("水利局", "2019-06-05", [("负责河道采砂的统一管理。", "lead", ["河道采砂"])], jurisdiction="青禾县"),
               reform("2019-02-28", [{"kind": "abolish", "sources": ["国土资源局"]}]))
    answer = who(scene.store, "采砂")
    assert sorted(h.jurisdiction for h in answer.holders) == ["岚川县", "青禾县"]
    assert answer.jurisdictions == ["岚川县", "青禾县"]


# -- the match index answers exactly as Query.match does -------------------------------------------

_WORDS = ["食品安全", "食品安全监管", "消防", "消防安全", "河道采砂", "采砂", "工作", "负责", "。", "，", "安全", "管理"]


@settings(max_examples=300, deadline=None)
@given(duties=st.lists(st.tuples(st.lists(st.sampled_from(_WORDS), max_size=3),
                                 st.lists(st.sampled_from(_WORDS), max_size=5),
                                 st.sampled_from(["main", "unit", "transformation"])), max_size=12),
       query=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3))
def test_the_match_index_agrees_with_query_match(duties, query):
    text = "".join(query)
    if not text.strip():
        return
    q = Query(text)
    rows = [_duty(i, keys, "".join(words), section) for i, (keys, words, section) in enumerate(duties)]
    expected = [(d.id, q.match(d.keys, d.text)) for d in rows if d.section != "transformation"]
    expected = [(i, how) for i, how in expected if how]
    assert [(d.id, how) for d, how in MatchIndex(rows).find(q)] == expected


def _duty(i: int, keys: list[str], text: str, section: str) -> Duty:
    return Duty(id=f"t{i:03d}", text=text, role="lead", section=section, clause=f"第三条（{i + 1}）", span=(0, len(text)),
                document="d", department="p", unit=None, keys=tuple(dict.fromkeys(keys)), current=True,
                valid_from=None, valid_to=None)
