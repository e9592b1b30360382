"""Reforms over the years: a reform's events with their landing, and lineages A → B → C."""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import full, reform, sanding
from zhize.graph.errors import NotFound
from zhize.queries.lineage import lineage, transfers


def history():
    """2010: 国土局 and 矿产局 merge into 国土资源局. 2019: it merges into 自然资源局, which is
    renamed 自然资源和规划局 in 2023. 水利局 moves 河道采砂 to it in 2019."""
    return [
        sanding("国土局", "2005-03-01", [("负责土地管理。", "lead", ["土地管理"])]),
        reform("2010-06-01", [{"kind": "merge", "sources": ["国土局"], "target": "国土资源局"},
                              {"kind": "merge", "sources": ["矿产局"], "target": "国土资源局"},
                              {"kind": "abolish", "sources": ["国土局"]}, {"kind": "abolish", "sources": ["矿产局"]}],
               title="岚川县国土资源管理体制改革方案"),
        sanding("国土资源局", "2010-12-08", [("负责土地管理和矿产资源管理。", "lead", ["土地管理", "矿产资源管理"])]),
        reform("2019-02-28", [{"kind": "create", "target": "自然资源局"},
                              {"kind": "merge", "sources": ["国土资源局"], "target": "自然资源局"},
                              {"kind": "abolish", "sources": ["国土资源局"]},
                              {"kind": "transfer", "sources": ["水利局"], "target": "自然资源局", "duty": "河道采砂管理职责",
                               "matters": ["河道采砂"], "text": "将县水利局的河道采砂管理职责划入县自然资源局。"},
                              {"kind": "transfer", "sources": ["水利局"], "target": "自然资源局", "duty": "水资源调查职责",
                               "matters": ["水资源调查"], "text": "将县水利局的水资源调查职责划入县自然资源局。"},
                              {"kind": "transfer", "sources": ["人社局"], "target": "医疗保障局", "duty": "医疗保险职责",
                               "matters": ["医疗保险"]}]),
        sanding("自然资源局", "2019-05-30", [("负责土地管理和河道采砂管理。", "lead", ["土地管理", "河道采砂"])]),
        reform("2023-03-01", [{"kind": "rename", "sources": ["自然资源局"], "target": "自然资源和规划局",
                               "detail": {"from": "岚川县自然资源局", "to": "岚川县自然资源和规划局"}}],
               title="岚川县自然资源局更名方案"),
    ]


def test_a_department_is_followed_through_several_reforms(scene):
    scene.load(*history())
    result = lineage(scene.store, "国土局")
    assert result.kind == "department"
    assert result.generations == [[full("国土局"), full("矿产局")], [full("国土资源局")], [full("自然资源局")],
                                  [full("自然资源和规划局")]]
    kinds = [(s.date.isoformat(), s.kind) for s in result.steps]
    assert ("2010-06-01", "merge") in kinds and ("2019-02-28", "merge") in kinds and ("2023-03-01", "rename") in kinds
    assert [p.department for p in result.periods if p.document_title][:1] == [full("国土局")]


def test_the_lineage_is_the_same_from_any_member(scene):
    scene.load(*history())
    assert lineage(scene.store, "自然资源和规划局").generations == lineage(scene.store, "国土资源局").generations


def test_a_matter_is_followed_through_its_holders_and_moves(scene):
    scene.load(*history())
    result = lineage(scene.store, "土地管理")
    assert result.kind == "matter"
    assert [p.department for p in result.periods] == [full("国土局"), full("国土资源局"), full("自然资源局")]
    sand = lineage(scene.store, "河道采砂")
    assert [(s.kind, s.sources, s.target) for s in sand.steps] == [("transfer", [full("水利局")], full("自然资源局"))]


def test_transfers_list_a_reforms_events_with_their_landing(scene):
    scene.load(*history())
    [plan] = transfers(scene.store, reform="2019", at=date(2022, 1, 1))
    assert plan.title == "岚川县机构改革方案" and len(plan.events) == 6
    status = {e.duty: (e.status, e.landed_in) for e in plan.events if e.kind == "transfer"}
    assert status["河道采砂管理职责"] == ("已落实", ["第三条（1）"])
    assert status["水资源调查职责"][0] == "未见于承接部门三定"
    assert status["医疗保险职责"][0] == "无法核对"
    assert len(transfers(scene.store)) == 3
    renamed = transfers(scene.store, reform="2019")[0].events[3]  # today the receiver has a new name
    assert (renamed.status, renamed.status_reason) == ("无法核对", "承接部门在查询日期已不存在")


def test_unknown_names_and_reforms_are_explained(scene):
    scene.load(*history())
    with pytest.raises(NotFound, match="国土资源局"):
        lineage(scene.store, "国土资源")
    with pytest.raises(NotFound, match="改革方案"):
        transfers(scene.store, reform="不存在的方案")


def test_lineage_on_the_example_corpus(corpus_store):
    result = lineage(corpus_store, "县安监局", jurisdiction="岚川县")
    assert "岚川县应急管理局" in result.generations[-1]
    merge = next(s for s in result.steps if s.kind == "merge" and s.sources == ["岚川县安全生产监督管理局"])
    assert "除外" in (merge.duty or "")


def test_departments_holding_a_matter_side_by_side_share_a_generation():
    from zhize.queries.lineage import successive
    from zhize.queries.models import Period

    def held(name, start, end=None):
        return Period(department=name, jurisdiction="青禾县", valid_from=date.fromisoformat(start),
                      valid_to=date.fromisoformat(end) if end else None)

    periods = [held("食药局", "2014-01-01", "2019-03-01"), held("卫生局", "2015-06-01", "2019-03-01"),
               held("市场监管局", "2019-03-01"), held("卫健局", "2019-03-01"), held("市场监管局", "2021-01-01")]
    assert successive(periods) == [["卫生局", "食药局"], ["卫健局", "市场监管局"]]
    assert successive([held("甲局", "2010-01-01", "2012-01-01"), held("乙局", "2012-01-01")]) == [["甲局"], ["乙局"]]
    assert successive([]) == []
