"""What only the SQLite store has: migrations, WAL, crash safety, deferred index, shared texts."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from graph.errors import StoreUnavailable
from graph.sqlite import SqliteStore, db, read
from tests.builders import sanding

DUTIES = [("负责全县消防工作的综合监督管理。", "lead", ["消防"]), ("负责河道采砂管理。", "lead", ["河道采砂"])]


def test_a_new_file_gets_every_migration_in_wal_mode(tmp_path):
    path = tmp_path / "z.db"
    SqliteStore(path).close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == db.migrations()[-1][0]
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    SqliteStore(path).close()  # reopening runs nothing twice


def test_a_file_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "z.db"
    SqliteStore(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 999")
    con.close()
    with pytest.raises(StoreUnavailable, match="999"):
        SqliteStore(path)


def test_migration_scripts_split_into_statements():
    statements = db.split_sql("-- note; not a statement\nCREATE TABLE a(x); -- trailing; comment\nCREATE TABLE b(y);")
    assert statements == ["CREATE TABLE a(x)", "CREATE TABLE b(y)"]


_KILLER = textwrap.dedent("""
    import os, signal, sys
    from graph.extract_format import read_extract_file
    from graph.sqlite import SqliteStore, write
    store = SqliteStore(sys.argv[1])
    [extract] = read_extract_file(sys.argv[2])
    real = write._write_events
    def write_then_die(*args):
        real(*args)  # every row of the document is written, the commit has not happened
        os.kill(os.getpid(), signal.SIGKILL)
    write._write_events = write_then_die
    store.apply(extract)
""")


def test_a_process_killed_while_loading_leaves_the_store_as_before(tmp_path):
    path = tmp_path / "z.db"
    store = SqliteStore(path)
    store.apply(sanding("水利局", "2019-01-01", DUTIES))
    before = (store.stats(), [d.id for d in store.documents()])
    store.close()
    doc = tmp_path / "doc.json"
    doc.write_text(sanding("应急管理局", "2019-03-01", [("负责全县应急管理工作。", "lead", [])] * 3)
                   .model_dump_json(), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _KILLER, str(path), str(doc)], capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    store = SqliteStore(path)
    assert (store.stats(), [d.id for d in store.documents()]) == before
    assert store.search_duties("应急") == []
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_search_sees_texts_before_they_are_indexed(tmp_path):
    store = SqliteStore(tmp_path / "z.db")
    store.apply(sanding("水利局", "2019-01-01", DUTIES))
    assert read.pending_duties(store._con) == 2
    assert len(store.search_duties("采砂")) == 1
    store.flush()
    assert read.pending_duties(store._con) == 0
    store.apply(sanding("自然资源局", "2019-01-01", [("负责砂石资源和河道采砂的规划。", "lead", [])]))
    assert len(store.search_duties("采砂")) == 2  # one from the index, one from the pending scan


def test_indexing_starts_by_itself_once_enough_texts_wait(tmp_path, monkeypatch):
    monkeypatch.setattr("graph.sqlite.INDEX_BATCH", 3)
    store = SqliteStore(tmp_path / "z.db")
    store.apply(sanding("水利局", "2019-01-01", DUTIES))
    assert read.pending_duties(store._con) == 2
    store.apply(sanding("自然资源局", "2019-01-01", [("负责自然资源调查。", "lead", [])]))
    assert read.pending_duties(store._con) == 0


def test_removed_duties_leave_the_index_and_rowids_are_not_reused(tmp_path):
    store = SqliteStore(tmp_path / "z.db")
    a = sanding("水利局", "2019-01-01", DUTIES)
    store.apply(a)
    store.flush()
    store.remove(a.document.sha256)
    fts_rows = store._con.execute("SELECT count(*) FROM duty_fts WHERE duty_fts MATCH '\"采砂管\"'").fetchone()[0]
    assert fts_rows == 0 and store.search_duties("采砂") == []
    store.apply(sanding("自然资源局", "2019-01-01", [("负责河道采砂规划。", "lead", [])]))
    assert store._con.execute("SELECT min(rowid) FROM duty").fetchone()[0] == 3
    assert len(store.search_duties("采砂")) == 1  # above the watermark: found by the scan
    store.flush()
    assert len(store.search_duties("采砂")) == 1


_BULK_KILLER = textwrap.dedent("""
    import os, signal, sys
    from graph.extract_format import read_extract_file
    from graph.sqlite import SqliteStore, write
    store = SqliteStore(sys.argv[1])
    extracts = read_extract_file(sys.argv[2])
    real, calls = write._write_events, []
    def write_then_die(*args):
        real(*args)
        calls.append(1)
        if len(calls) == 3:  # inside the third document, after the first group of two committed
            os.kill(os.getpid(), signal.SIGKILL)
    write._write_events = write_then_die
    store.apply_many(extracts, group_duties=2, on_result=lambda r: print(r.document, flush=True))
""")


def test_a_process_killed_during_a_bulk_load_keeps_whole_documents_only(tmp_path):
    path = tmp_path / "z.db"
    extracts = [sanding(f"第{i}局", "2019-03-01", [(f"负责第{i}项工作。", "lead", []), ("负责统计。", "lead", [])])
                for i in range(4)]
    doc = tmp_path / "docs.json"
    doc.write_text("[" + ",".join(e.model_dump_json() for e in extracts) + "]", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _BULK_KILLER, str(path), str(doc)], capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL
    reported = proc.stdout.split()
    store = SqliteStore(path)
    loaded = [d.id for d in store.documents()]
    assert sorted(loaded) == sorted(reported) == sorted(e.document.sha256 for e in extracts[:2])
    assert store.stats().duties == 4
