"""`zhize check --why` and `zhize findings show --why`: why a finding fired, and which similar cases
were held back by which rule (fictional 岚川县)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.builders import sanding
from zhize.api.cli import app
from zhize.graph.sqlite import SqliteStore

HEALTH, SCHOOL, NATURE, EMERGENCY = "卫生健康局", "教育局", "自然资源局", "应急管理局"
WATER, CIVIL = "水利局", "民政局"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "why.db"
    with SqliteStore(path) as st:
        st.apply(sanding(HEALTH, "2019-05-01", [("承担婴幼儿托管点备案和监督管理工作。", "lead", []),
                                                ("配合做好农村独居老人探访关爱工作。", "support", [])]))
        st.apply(sanding(SCHOOL, "2019-05-02", [("负责婴幼儿托管点的设置指导和日常监管。", "lead", [])],
                         others=[HEALTH]))
        st.apply(sanding(NATURE, "2019-05-03", [("负责山林火灾预防工作，组织开展防火巡护。", "lead", [])]))
        st.apply(sanding(EMERGENCY, "2019-05-04", [("组织协调山林火灾扑救工作。", "lead", [])]))
        st.apply(sanding(CIVIL, "2019-05-05", [("负责农村独居老人探访关爱服务的统筹协调。", "lead", [])]))
        st.apply(sanding(WATER, "2019-05-06", [("协助做好农村独居老人探访关爱工作。", "support", [])]))
    return path


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args], env={"ZHIZE_ACTOR": ""})
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def test_check_why_says_why_each_finding_fired_and_lists_what_was_held_back(db):
    out = run("check", "--store", db, "--at", "2020-01-01", "--why")
    assert "婴幼儿托管点" in out and "所管对象相似度" in out and "没有现行“有关职责分工”条款" in out
    assert "相似而未报告的情形" in out
    assert "山林火灾" in out and "按环节分工" in out  # prevention vs rescue: held back by the phase rule
    assert "已有牵头部门" in out and "探访关爱" in out  # supported, but 民政局 leads it


def test_check_without_why_shows_no_reasoning(db):
    out = run("check", "--store", db, "--at", "2020-01-01")
    assert "相似而未报告" not in out and "所管对象相似度" not in out


def test_check_why_json_carries_reasons_and_near_misses(db):
    doc = json.loads(run("check", "--store", db, "--at", "2020-01-01", "--why", "--json"))
    [overlap] = [f for f in doc["findings"] if f["detector"] == "OVL001"]
    assert overlap["why"] and "相似度" in overlap["why"][0]
    rules = {(m["detector"], m["rule"]) for m in doc["checks"][0]["near_misses"]}
    assert ("OVL001", "按环节分工") in rules and ("BPR001", "已有牵头部门") in rules


def test_findings_show_why_lists_the_reasons_and_only_related_near_misses(db):
    doc = json.loads(run("check", "--store", db, "--at", "2020-01-01", "--json"))
    [overlap] = [f for f in doc["findings"] if f["detector"] == "OVL001"]
    out = run("findings", "show", overlap["id"], "--store", db, "--why", "--at", "2020-01-01")
    assert "为何触发" in out and "所管对象相似度" in out
    assert "山林火灾" not in out  # a held-back case of other departments is not this finding's business
