"""The example county 岚川县: the detectors find exactly the problems examples/PLANTED.md plants,
on the hand-annotated gold and (recall) on the documents run through the extractor."""

from __future__ import annotations

from datetime import date

import pytest

from zhize.queries.detectors import Context, detect_all
from zhize.queries.matching import related

PLANTED = {
    ("OVL001", ("岚川县水利局", "岚川县自然资源局"), "河道采砂"),
    ("GAP001", ("岚川县应急管理局",), "水旱灾害防治"),
    ("GAP002", ("岚川县安全生产监督管理局",), "职业卫生监督"),
    ("GAP003", (), "12345热线工单派单督办回访"),
    ("BPR001", ("岚川县卫生健康局", "岚川县民政局"), "农村留守老年人关爱服务"),
    ("BPR002", ("岚川县交通运输局", "岚川县住房和城乡建设局"), "建筑垃圾运输管理"),
}


def found(store, at: date) -> set[tuple]:
    graph = store.project("岚川县", at)
    return {(f.detector, tuple(f.departments), f.matter) for f in detect_all(graph, Context("岚川县", at))}


def planted_in(findings: set[tuple]) -> set[tuple]:
    return {p for p in PLANTED if any(f[:2] == p[:2] and related(f[2], p[2]) for f in findings)}


def test_the_gold_gives_exactly_the_planted_problems(gold_store):
    assert found(gold_store, date(2024, 6, 30)) == PLANTED


def test_the_gold_gives_the_same_with_the_synonym_table(gold_store, synonym_table):
    assert found(gold_store, date(2024, 6, 30)) == PLANTED


@pytest.mark.parametrize("day", ["2012-01-01", "2015-07-01", "2018-06-30"])
def test_no_problem_at_any_date_before_the_reform(gold_store, day):
    assert found(gold_store, date.fromisoformat(day)) == set()


def test_the_pipeline_finds_every_planted_problem(corpus_store):
    assert planted_in(found(corpus_store, date(2024, 6, 30))) == PLANTED
