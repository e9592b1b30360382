"""The command line: every command has help; load / search / remove through a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from zhize.api.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
# The command line as a user meets it (each group module's commands merged at the top level).
TOP = typer.main.get_command(app).commands
COMMANDS = sorted(name for name, c in TOP.items() if not hasattr(c, "commands"))
GROUPS = sorted(name for name, c in TOP.items() if hasattr(c, "commands"))


def zhize(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from zhize.api.cli import main; main()", *args], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_there_are_commands():
    assert {"load", "search", "stats", "remove", "schema", "demo"} <= set(COMMANDS)
    assert {"documents", "findings", "task"} <= set(GROUPS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_chinese_help(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    doc = TOP[command].help or ""
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
    assert f"zhize report -j 岚川县 --store {store}" in steps and f"zhize findings export 问题台账.xlsx --store {store}" in steps
    listed = zhize("findings", "list", "--store", str(store), "--json", cwd=tmp_path)
    assert len(json.loads(listed.stdout)["findings"]) >= 5


def test_serve_on_a_missing_default_store_points_at_the_demo_store(tmp_path, monkeypatch):
    from zhize.api.cli.server import empty_store_hint as _empty_store_hint

    monkeypatch.chdir(tmp_path)
    assert "演示库" not in _empty_store_hint("zhize.db")
    (tmp_path / "zhize-demo.db").write_bytes(b"")
    assert f"zhize serve --store {tmp_path / 'zhize-demo.db'}" in _empty_store_hint("zhize.db")
    assert _empty_store_hint(str(tmp_path / "zhize-demo.db")) == ""


def test_an_undated_document_is_listed_as_such_and_dated_by_documents_set(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("青禾县机构改革方案\n（一）组建县水务局。将县水利局的职责整合，组建县水务局。\n", encoding="utf-8")
    db = str(tmp_path / "z.db")
    assert zhize("ingest", str(plan), "--store", db, cwd=tmp_path).returncode == 0
    listed = zhize("documents", "--store", db, cwd=tmp_path).stdout
    assert listed.startswith("未注明日期") and "有 1 个文档未注明日期" in listed
    prefix = json.loads(zhize("documents", "--json", "--store", db, cwd=tmp_path).stdout)[0]["id"][:12]
    out = zhize("documents", "set", prefix, "--date", "2021-03-01", "--store", db, cwd=tmp_path)
    assert out.returncode == 0 and "2021-03-01" in out.stdout
    [doc] = json.loads(zhize("documents", "--json", "--store", db, cwd=tmp_path).stdout)
    assert (doc["issue_date"], doc["date_source"]) == ("2021-03-01", "用户指定")
    bad = zhize("documents", "set", "ffff", "--date", "2021-03-01", "--store", db, cwd=tmp_path)
    assert bad.returncode != 0 and "没有编号以“ffff”开头的文档" in bad.stderr


ENGLISH = ("Usage", "Show this message", "Missing", "Options", "Arguments", "Commands", "Error", "Try ",
           "No such", "Got unexpected", "[default", "[required]")


@pytest.mark.parametrize("args", [["--help"], ["findings", "--help"], ["findings", "dismiss", "--help"]])
def test_help_speaks_chinese_only(args):
    result = CliRunner().invoke(app, args, terminal_width=100)
    assert result.exit_code == 0 and "用法：zhize" in result.output and "显示本帮助并退出" in result.output
    assert not [w for w in ENGLISH if w in result.output]


@pytest.mark.parametrize("args, words", [
    (["findings", "dismiss", "2026-001"], "缺少选项 --reason"),
    (["findings", "rectify"], "缺少参数 问题编号"),
    (["who", "消防", "--bogus"], "没有选项 --bogus"),
    (["who", "消防", "火灾"], "多余的参数：火灾"),
    (["search", "消防", "--limit", "many"], "--limit 的值不对：应为整数"),
    (["fidnings"], "没有命令“fidnings”，是否要用：findings"),
    (["who", "消防", "--at"], "选项 --at 后面要写一个值"),
])
def test_usage_errors_are_chinese(tmp_path, args, words):
    result = zhize(*args, cwd=tmp_path)
    text = " ".join(result.stderr.split())  # rich draws the message in a box
    assert result.returncode == 2 and words in text, result.stderr
    assert not [w for w in ENGLISH if w in result.stderr]


def test_lists_line_up_with_chinese_text():
    from rich.cells import cell_len

    from zhize.api.cli.zh import columns

    lines = columns([["2026-001", "待核实", "职责交叉", "河道采砂"], ["2026-010", "整改中", "新增任务无人承接", "x"],
                     ["2026-100", "已销号", "无牵头", "留守老年人关爱服务"]])
    starts = {cell_len(line[:line.index(last)]) for line, last in zip(lines, ["河道采砂", "x", "留守"], strict=True)}
    assert len(starts) == 1  # the last column starts at the same terminal column on every line


def test_findings_are_listed_edited_exported_and_found_by_number(tmp_path):
    from openpyxl import load_workbook

    db = str(tmp_path / "demo.db")
    assert zhize("demo", "--store", db, cwd=tmp_path).returncode == 0
    listed = zhize("findings", "list", "--store", db, cwd=tmp_path).stdout.splitlines()
    number = listed[0].split()[0]
    assert number.count("-") == 1 and number.split("-")[1] == "001"
    edited = zhize("findings", "edit", number, "--unit", "县水利局", "--measures", "修订三定", "--store", db,
                   "--actor", "审核员甲", cwd=tmp_path)
    assert edited.returncode == 0 and number in edited.stdout
    shown = zhize("findings", "show", number, "--store", db, cwd=tmp_path).stdout
    assert "责任单位：县水利局" in shown and "审核员甲：修改台账；责任单位“县水利局”；整改措施“修订三定”" in shown
    late = zhize("findings", "rectify", number, "--category", "限时整改", "--store", db, cwd=tmp_path)
    assert late.returncode == 1 and "--deadline" in late.stderr
    out = tmp_path / "台账.xlsx"
    done = zhize("findings", "export", str(out), "--unit", "岚川县委编办", "--store", db, cwd=tmp_path)
    assert done.returncode == 0 and "已导出" in done.stdout
    sheet = load_workbook(out).active
    assert "填报单位：岚川县委编办" in sheet["A2"].value and sheet["B4"].value == number
    assert "修改台账" in sheet["O4"].value and sheet["G4"].value == "县水利局"
    short = zhize("findings", "list", "--department", "水利局", "--store", db, cwd=tmp_path).stdout
    assert short and all("岚川县水利局" in line for line in short.splitlines())
    found = zhize("search", "采砂", "--store", db, cwd=tmp_path).stdout
    assert "[牵头/负责]" in found and "[lead]" not in found  # roles in Chinese


def test_a_document_without_place_is_listed_and_its_place_set_derives_it_again(tmp_path):
    db = tmp_path / "place.db"
    page = tmp_path / "水利局职责.txt"
    page.write_text("水利局职能配置、内设机构和人员编制规定\n主要职责是：\n（一）负责水资源管理。\n（二）负责河道管理。\n"
                    "内设机构：办公室、水资源股。\n", encoding="utf-8")
    assert zhize("ingest", str(page), "--store", str(db), cwd=tmp_path).returncode == 0
    listed = zhize("documents", "--no-place", "--store", str(db), cwd=tmp_path).stdout
    assert "  未知  " in listed and "地区未知" in listed
    [doc] = json.loads(zhize("documents", "--json", "--store", str(db), cwd=tmp_path).stdout)
    assert doc["place_unknown"] is True
    done = zhize("documents", "set", doc["id"][:10], "--place", "青杉县", "--store", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "地区设为 青杉县" in done.stdout
    [doc] = json.loads(zhize("documents", "--json", "--store", str(db), cwd=tmp_path).stdout)
    assert (doc["jurisdiction"], doc["place_unknown"], doc["subject"]) == ("青杉县", False, "青杉县水利局")
    assert "没有未能确定地区的文档" in zhize("documents", "--no-place", "--store", str(db), cwd=tmp_path).stdout
    page.unlink()
    gone = zhize("documents", "set", doc["id"][:10], "--place", "青杉县", "--store", str(db), cwd=tmp_path)
    assert gone.returncode == 1 and "原文件已不在" in gone.stderr + gone.stdout
