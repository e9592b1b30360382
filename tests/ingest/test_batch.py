"""Ingesting files and folders: atomic per document, unchanged files skipped, changed ones replaced."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from zhize.graph.extract_format import json_schema
from zhize.graph.sqlite import SqliteStore
from zhize.ingest.batch import collect, ingest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
WATER = "2019-sanding-shuili.txt"


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "docs"
    target.mkdir()
    for name in (WATER, "2019-sanding-minzheng.txt", "2019-sanding-jiaotongyunshu.docx"):
        shutil.copy(CORPUS / name, target / name)
    return target


def test_a_folder_is_ingested_and_a_second_run_changes_nothing(folder, tmp_path):
    store = SqliteStore(tmp_path / "z.db")
    first = ingest(store, collect([folder]))
    assert (first.files, first.loaded, first.unchanged, first.failed) == (3, 3, 0, [])
    assert first.records["duties"] == store.stats().duties > 30
    again = ingest(store, collect([folder]))
    assert (again.loaded, again.unchanged) == (0, 3)


def test_a_changed_file_replaces_its_old_version(folder, tmp_path):
    store = SqliteStore(tmp_path / "z.db")
    ingest(store, collect([folder]))
    before = store.stats().duties
    path = folder / WATER
    path.write_text(path.read_text(encoding="utf-8").replace("负责水土保持工作", "负责水土保持和水生态修复工作"),
                    encoding="utf-8")
    summary = ingest(store, collect([path]))
    assert summary.replaced == 1
    assert store.stats().duties == before and store.stats().documents == 3
    assert len(store.search_duties("水生态修复")) == 1 and store.search_duties("负责水土保持工作") == []


def test_an_unreadable_file_is_reported_and_the_others_still_load(folder, tmp_path):
    (folder / "坏文件.docx").write_bytes(b"not a zip at all")
    store = SqliteStore(tmp_path / "z.db")
    summary = ingest(store, collect([folder]))
    assert summary.loaded == 3 and len(summary.failed) == 1
    file, reason = summary.failed[0]
    assert file.endswith("坏文件.docx") and "坏文件.docx" in reason
    assert store.stats().documents == 3


def test_collect_finds_supported_files_and_rejects_missing_paths(folder, tmp_path):
    (folder / "说明.xlsx").write_bytes(b"")
    (folder / "~$19-sanding-jiaotongyunshu.docx").write_bytes(b"\x00" * 162)  # Word's owner file of an open document
    (folder / "2008-sanding-old.doc").write_bytes(b"")
    assert [p.name for p in collect([folder])] == sorted([WATER, "2019-sanding-minzheng.txt", "2008-sanding-old.doc",
                                                          "2019-sanding-jiaotongyunshu.docx"])
    with pytest.raises(Exception, match="不存在"):
        collect([tmp_path / "nope"])


def test_extract_json_prints_one_valid_object_per_document(folder):
    out = subprocess.run([sys.executable, "-c", "from zhize.api.cli import main; main()", "extract", str(folder), "--json"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    objects = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(objects) == 3
    for obj in objects:
        jsonschema.validate(obj, json_schema())


def test_ingest_command_summarises_and_workers_give_the_same_result(folder, tmp_path):
    runs = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.db"
        out = subprocess.run([sys.executable, "-c", "from zhize.api.cli import main; main()", "ingest", str(folder),
                              "--store", str(db), "--workers", workers], capture_output=True, text=True, cwd=ROOT)
        assert out.returncode == 0, out.stderr
        assert "文件 3 个：新入库 3" in out.stdout
        runs.append(SqliteStore(db).stats())
    assert runs[0] == runs[1]


PLAN = "青禾县机构改革方案\n（2021年2月26日）\n（一）组建县水务局。将县水利局的职责整合，组建县水务局。\n"
SANDING = ("青禾县水务局职能配置、内设机构和人员编制规定\n第一条 根据《青禾县机构改革方案》，制定本规定。\n"
           "第二条 县水务局是县人民政府工作部门。\n第三条 主要职责。\n（一）负责全县水资源管理。\n")


def test_an_undated_三定_takes_the_date_of_the_plan_it_cites_even_when_the_plan_comes_later(tmp_path):
    (tmp_path / "a-sanding.txt").write_text(SANDING, encoding="utf-8")
    (tmp_path / "b-plan.txt").write_text(PLAN, encoding="utf-8")
    store = SqliteStore(tmp_path / "z.db")
    summary = ingest(store, collect([tmp_path / "a-sanding.txt", tmp_path / "b-plan.txt"]))
    dates = {d.kind.value: (d.issue_date, d.date_source) for d in store.documents()}
    assert dates["三定"] == (dates["改革方案"][0], "推定：晚于《青禾县机构改革方案》")
    assert [w.code for w in summary.warnings if w.code.startswith("document.") and "date" in w.code] == [
        "document.date_inferred"]


def test_a_date_given_at_ingest_dates_new_and_already_loaded_documents(tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN.replace("（2021年2月26日）\n", ""), encoding="utf-8")
    store = SqliteStore(tmp_path / "z.db")
    ingest(store, collect([tmp_path / "plan.txt"]))
    assert [d.issue_date for d in store.documents()] == [None]
    again = ingest(store, collect([tmp_path / "plan.txt"]), issue_date=date(2021, 3, 1))
    assert (again.unchanged, again.dated) == (1, 1)
    assert [(d.issue_date, d.date_source) for d in store.documents()] == [(date(2021, 3, 1), "用户指定")]
