"""The problem ledger through the command line: check twice keeps ids, reviewers' steps are kept
with actor, time and reason, and a problem no longer detected becomes 已消除."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.builders import reform, sanding
from zhize.api.cli import app
from zhize.graph.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[2]
WATER, NATURE = "水利局", "自然资源局"


def water(boundaries=None, issued="2019-06-05"):
    return sanding(WATER, issued, [("负责河道采砂的统一管理和监督检查。", "lead", ["河道采砂"])], others=[NATURE],
                   boundaries=boundaries)


def nature():
    return sanding(NATURE, "2019-05-30", [("负责河道采砂管理工作。", "lead", ["河道采砂"])], others=[WATER])


def plan():
    return reform("2019-02-28", [{"kind": "transfer", "sources": [WATER], "target": "应急管理局", "duty": "水旱灾害防治相关职责",
                                  "matters": ["水旱灾害防治"]}])


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "ledger.db"
    with SqliteStore(path) as st:
        for ex in (water(), nature(), plan(), sanding("应急管理局", "2019-06-18", [("负责应急管理工作。", "lead", ["应急管理"])])):
            st.apply(ex)
    return path


def run(*args, env=None):
    result = CliRunner().invoke(app, [str(a) for a in args], env={"ZHIZE_ACTOR": "", **(env or {})})
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def check_json(db, *extra):
    return json.loads(run("check", "--store", db, "--json", "--at", "2024-06-30", *extra))


def test_check_twice_keeps_ids_and_counts_what_was_seen_again(db):
    first = check_json(db)
    assert first["format"] == "zhize.findings/1" and first["at"] == "2024-06-30"
    ids = sorted(f["id"] for f in first["findings"])
    assert [c["new"] for c in first["checks"]] == [2] and {f["detector"] for f in first["findings"]} == {"OVL001", "GAP001"}
    assert all(f["status"] == "待核实" and f["evidence"] and f["message"] for f in first["findings"])
    second = check_json(db)
    assert sorted(f["id"] for f in second["findings"]) == ids
    assert (second["checks"][0]["new"], second["checks"][0]["seen_again"]) == (0, 2)


def test_reviewers_steps_are_recorded_and_shown(db):
    [overlap] = [f for f in check_json(db)["findings"] if f["detector"] == "OVL001"]
    fid = overlap["id"]
    run("findings", "confirm", fid[2:10], "--store", db, env={"ZHIZE_ACTOR": "审核员甲"})
    run("findings", "rectify", fid, "--category", "限时整改", "--deadline", "2026-12-31", "--actor", "审核员乙",
        "--store", db)
    run("findings", "close", fid, "--reason", "已印发修订后的三定", "--actor", "审核员乙", "--store", db)
    shown = run("findings", "show", fid, "--store", db)
    assert "已销号" in shown and "限时整改" in shown and "2026-12-31" in shown
    assert "审核员甲：待核实→已确认" in shown and "整改中→已销号（已印发修订后的三定）" in shown
    data = json.loads(run("findings", "show", fid, "--store", db, "--json"))
    [entry] = data["findings"]
    assert [h["to_status"] for h in entry["history"]] == ["待核实", "已确认", "整改中", "已销号"]
    assert entry["category"] == "限时整改" and entry["deadline"] == "2026-12-31"
    check_json(db)  # a closed finding found again stays closed
    assert json.loads(run("findings", "show", fid, "--store", db, "--json"))["findings"][0]["status"] == "已销号"


def test_a_problem_no_longer_detected_becomes_resolved_with_the_date(db):
    [overlap] = [f for f in check_json(db)["findings"] if f["detector"] == "OVL001"]
    settled = [{"departments": [WATER, NATURE], "matter": "河道采砂", "text": "与县自然资源局在河道采砂方面的职责分工。"}]
    with SqliteStore(db) as st:
        st.apply(water(boundaries=settled, issued="2022-03-01"))
    after = check_json(db)
    assert after["checks"][0]["resolved"] == 1 and overlap["id"] not in {f["id"] for f in after["findings"]}
    listed = json.loads(run("findings", "list", "--status", "已消除", "--store", db, "--json"))
    [entry] = listed["findings"]
    assert entry["id"] == overlap["id"]
    shown = run("findings", "show", overlap["id"], "--store", db)
    assert "检测未再发现该问题" in shown


def test_dismissal_needs_a_reason(db):
    [gap] = [f for f in check_json(db)["findings"] if f["detector"] == "GAP001"]
    missing = CliRunner().invoke(app, ["findings", "dismiss", gap["id"], "--store", str(db)])
    assert missing.exit_code == 2
    run("findings", "dismiss", gap["id"], "--reason", "已在会议纪要中明确", "--store", db)
    assert "已驳回" in run("findings", "list", "--store", db)


def test_a_task_added_by_a_user_is_checked(db):
    out = run("task", "add", "网格化服务管理", "-j", "岚川县", "--store", db, "--actor", "张三")
    assert "已登记新增任务" in out
    assert "网格化服务管理" in run("task", "list", "--store", db)
    found = check_json(db, "--detector", "GAP003")
    assert [f["matter"] for f in found["findings"]] == ["网格化服务管理"]


def test_who_transfers_and_lineage_print_in_chinese(db):
    assert "岚川县水利局  [牵头/负责]" in run("who", "采砂", "--store", db)
    assert "未见于承接部门三定" in run("transfers", "--store", db, "--at", "2024-06-30")
    assert "职责划转" in run("lineage", "水旱灾害防治", "--store", db)
    data = json.loads(run("who", "采砂", "--store", db, "--json"))
    assert {h["name"] for h in data["holders"]} == {"岚川县水利局", "岚川县自然资源局"}


def zhize(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from zhize.api.cli import main; main()", *args], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_errors_are_one_chinese_line(db, tmp_path):
    unknown = zhize("findings", "show", "f:0000000000000000", "--store", str(db), cwd=tmp_path)
    assert unknown.returncode == 1 and unknown.stderr.strip().startswith("错误：问题") and "Traceback" not in unknown.stderr
    empty = zhize("who", "消防", "--store", str(tmp_path / "empty.db"), cwd=tmp_path)
    assert empty.returncode == 1 and "zhize ingest" in empty.stderr and "zhize demo" in empty.stderr


def test_the_command_line_and_the_web_change_a_status_through_one_door(db, tmp_path):
    """The workflow's rule (限时整改 needs a deadline) is the store's, said once: the command line
    adds the option that gives it, the web's own wording has none (api.voice)."""
    from zhize.api.voice import web
    from zhize.graph.errors import LedgerError
    from zhize.graph.ledger import Transition
    from zhize.graph.models import FindingStatus, RectifyCategory
    from zhize.queries.ledger import change_status

    [gap] = [f for f in check_json(db)["findings"] if f["detector"] == "GAP001"]
    run("findings", "confirm", gap["id"], "--store", db)
    cli = zhize("findings", "rectify", gap["id"], "--category", "限时整改", "--store", str(db), cwd=tmp_path)
    assert cli.returncode == 1 and "错误：限时整改须注明整改期限：加 --deadline YYYY-MM-DD" in cli.stderr
    with SqliteStore(db) as st, pytest.raises(LedgerError) as caught:
        change_status(st, gap["id"][:8], Transition(FindingStatus.RECTIFYING, category=RectifyCategory.TIME_LIMITED),
                      actor="审核员")
    assert caught.value.field == "deadline" and web(str(caught.value)) == "限时整改须注明整改期限"
