"""The command line: every command has help; load / search / remove through a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhize.api.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def zhize(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from zhize.api.cli import main; main()", *args], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_there_are_commands():
    assert {"load", "search", "stats", "remove", "documents", "schema", "demo"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_chinese_help(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    command_obj = next(c for c in app.registered_commands if (c.name or c.callback.__name__) == command)
    doc = command_obj.callback.__doc__ or ""
    assert any("\u4e00" <= ch <= "\u9fff" for ch in doc), f"{command} 缺少中文说明"
    squeeze = lambda text: "".join(text.split())  # noqa: E731  (rich wraps and pads help text)
    assert squeeze(doc.split("。")[0])[:10] in squeeze(result.output)


def test_load_search_stats_remove_in_a_real_process(tmp_path):
    db = tmp_path / "cli.db"
    files = [str(EXAMPLES / "extract-reform.json"), str(EXAMPLES / "extract-sanding.json")]
    first = zhize("load", *files, "--store", str(db), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "新载入 2 个" in first.stdout
    again = zhize("load", *files, "--store", str(db), cwd=tmp_path)
    assert "未变化 2 个" in again.stdout
    found = zhize("search", "采砂", "--store", str(db), "--json", cwd=tmp_path)
    [hit] = json.loads(found.stdout)
    assert hit["department_name"] == "岚川县市场监督管理局" and hit["clause"] == "第三条（三）"
    stats = json.loads(zhize("stats", "--json", cwd=tmp_path, env={"ZHIZE_STORE": str(db)}).stdout)
    assert stats["documents"] == 2 and stats["duties"] == 5
    doc = json.loads(zhize("documents", "--json", "--store", str(db), cwd=tmp_path).stdout)[0]["id"]
    removed = zhize("remove", doc, "--store", str(db), cwd=tmp_path)
    assert removed.returncode == 0 and "已移除" in removed.stdout


def test_a_bad_file_writes_nothing_and_says_why_in_one_line(tmp_path):
    db = tmp_path / "cli.db"
    bad = tmp_path / "bad.json"
    data = json.loads((EXAMPLES / "extract-sanding.json").read_text(encoding="utf-8"))
    del data["duties"][2]["department"]
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = zhize("load", str(EXAMPLES / "extract-reform.json"), str(bad), "--store", str(db), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"错误：文件 {bad}，位置 字段 duties[2].department：缺少必填字段"]
    assert not db.exists()  # the good file before it was not loaded either


def test_a_changed_file_replaces_its_old_version(tmp_path):
    db = tmp_path / "cli.db"
    data = json.loads((EXAMPLES / "extract-sanding.json").read_text(encoding="utf-8"))
    v1 = tmp_path / "v1.json"
    v1.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    zhize("load", str(v1), "--store", str(db), cwd=tmp_path)
    data["document"]["sha256"] = "f" * 64
    data["duties"] = data["duties"][:1]
    v1.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = zhize("load", str(v1), "--store", str(db), cwd=tmp_path)
    assert "替换 1 个" in result.stdout
    stats = json.loads(zhize("stats", "--json", "--store", str(db), cwd=tmp_path).stdout)
    assert (stats["documents"], stats["duties"]) == (1, 1)


def test_usage_errors_and_bad_dates_are_reported(tmp_path):
    zhize("load", str(EXAMPLES / "extract-sanding.json"), "--store", str(tmp_path / "x.db"), cwd=tmp_path)
    result = zhize("search", "采砂", "--at", "2019-02-30", "--store", str(tmp_path / "x.db"), cwd=tmp_path)
    assert result.returncode == 1 and "日期“2019-02-30”格式不对" in result.stderr
    assert zhize("nonsense", cwd=tmp_path).returncode == 2


def test_demo_runs_on_a_fresh_store(tmp_path):
    result = zhize("demo", "--store", str(tmp_path / "demo.db"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1. 岚川县市场监督管理局  [牵头/负责]" in result.stdout  # the ranked answer, lead first


def test_demo_fills_the_ledger_and_points_every_next_step_at_its_store(tmp_path):
    result = zhize("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    store = tmp_path / "zhize-demo.db"
    steps = result.stdout.split("下一步：", 1)[1]
    assert f"zhize serve --store {store}" in steps and f"zhize findings list --store {store}" in steps
    assert "zhize ingest" in steps and "--help" in steps
    listed = zhize("findings", "list", "--store", str(store), "--json", cwd=tmp_path)
    assert len(json.loads(listed.stdout)["findings"]) >= 5


def test_serve_on_a_missing_default_store_points_at_the_demo_store(tmp_path, monkeypatch):
    from zhize.api.cli import _empty_store_hint

    monkeypatch.chdir(tmp_path)
    assert "演示库" not in _empty_store_hint("zhize.db")
    (tmp_path / "zhize-demo.db").write_bytes(b"")
    assert f"zhize serve --store {tmp_path / 'zhize-demo.db'}" in _empty_store_hint("zhize.db")
    assert _empty_store_hint(str(tmp_path / "zhize-demo.db")) == ""
