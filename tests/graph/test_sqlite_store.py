"""What only the SQLite store has: migrations, WAL, crash safety, deferred index, shared texts."""

from __future__ import annotations

import itertools
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from tests.builders import COUNTY, sanding
from zhize.graph.errors import StoreUnavailable
from zhize.graph.records import Extract
from zhize.graph.schema import jurisdiction_id
from zhize.graph.sqlite import SqliteStore, db, read, search_index, write

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
    from zhize.graph.extract_format import read_extract_file
    from zhize.graph.sqlite import SqliteStore, write
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


_NUDGE = search_index.Indexer.nudge


def _hold_indexing(monkeypatch) -> None:
    """Commits stop waking the background indexer (flush still runs it)."""
    monkeypatch.setattr(search_index.Indexer, "nudge", lambda self: None)


def _run_indexer(store: SqliteStore) -> None:
    _NUDGE(store._indexer)
    assert store._indexer.wait(30) and store._indexer.error is None


def _index_rows(store: SqliteStore, trigram: str) -> int:
    return sum(store._search_con.execute(f"SELECT count(*) FROM search.{t} WHERE {t} MATCH ?",
                                         (f'"{trigram}"',)).fetchone()[0] for t in search_index.TABLES.values())


def test_search_sees_texts_before_they_are_indexed(tmp_path, monkeypatch):
    _hold_indexing(monkeypatch)
    store = SqliteStore(tmp_path / "z.db")
    store.apply(sanding("水利局", "2019-01-01", DUTIES))
    assert search_index.pending(store._search_con) == 2
    assert len(store.search_duties("采砂")) == 1
    _run_indexer(store)
    assert search_index.pending(store._search_con) == 0 and _index_rows(store, "采砂管") == 1
    store.apply(sanding("自然资源局", "2019-01-01", [("负责砂石资源和河道采砂的规划。", "lead", [])]))
    assert len(store.search_duties("采砂")) == 2  # one from the index, one from the pending scan


def test_the_index_is_written_in_its_own_file_in_the_background(tmp_path):
    store = SqliteStore(tmp_path / "z.db")
    store.apply(sanding("水利局", "2019-01-01", DUTIES))
    assert store._indexer.wait(30)  # no flush: the commit woke the indexer
    assert search_index.pending(store._search_con) == 0 and _index_rows(store, "采砂管") == 1
    assert (tmp_path / "z.db.search").exists()
    names = {r[0] for r in store._con.execute("SELECT name FROM sqlite_master")}
    assert not {n for n in names if "fts" in n and n != "fts_garbage"}  # nothing indexed in the store's file


def test_removed_duties_leave_the_index_and_rowids_are_not_reused(tmp_path):
    store = SqliteStore(tmp_path / "z.db")
    a = sanding("水利局", "2019-01-01", DUTIES)
    store.apply(a)
    store.flush()
    store.remove(a.document.sha256)
    store.flush()
    assert _index_rows(store, "采砂管") == 0
    assert store.search_duties("采砂") == []
    store.apply(sanding("自然资源局", "2019-01-01", [("负责河道采砂规划。", "lead", [])]))
    assert store._con.execute("SELECT min(rowid) FROM duty").fetchone()[0] == 3
    assert len(store.search_duties("采砂")) == 1
    store.flush()
    assert len(store.search_duties("采砂")) == 1 and _index_rows(store, "采砂规") == 1
    store.remove(store.documents()[0].id)
    assert store._con.execute("SELECT count(*) FROM fts_garbage").fetchone()[0] == 1  # applied rows dropped


def test_an_index_file_left_by_another_store_is_rebuilt(tmp_path):
    path = tmp_path / "z.db"
    first = SqliteStore(path)
    first.apply(sanding("水利局", "2019-01-01", DUTIES * 20))
    first.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = SqliteStore(path)  # a new store; the old z.db.search is still there
    store.apply(sanding("自然资源局", "2019-01-01", [("负责河道采砂规划。", "lead", [])]))
    store.flush()
    assert [h.text for h in store.search_duties("采砂")] == ["负责河道采砂规划。"]
    assert _index_rows(store, "采砂管") == 0


_BULK_KILLER = textwrap.dedent("""
    import os, signal, sys
    from zhize.graph.extract_format import read_extract_file
    from zhize.graph.sqlite import SqliteStore, write
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


# -- migration 3 (slim duty rows, split index) -----------------------------------------------------

def _version_2_file(path) -> None:
    """A store as version 2 wrote it: one document, three duties, matters in duty_matter, two indexed."""
    jid = jurisdiction_id("岚川县")
    con = sqlite3.connect(path, isolation_level=None)
    for version, sql in db.migrations():
        if version <= 2:
            for statement in db.split_sql(sql):
                con.execute(statement)
    con.execute("PRAGMA user_version = 2")
    con.execute("INSERT INTO jurisdiction VALUES (?, '岚川县', 'county')", (jid,))
    con.execute("INSERT INTO department(id, jurisdiction_id, name) VALUES ('p:1', ?, '岚川县水利局')", (jid,))
    con.execute("INSERT INTO document(seq, id, kind, title, jurisdiction_id, issue_date, subject_id, duty_lo, duty_hi,"
                " loaded_at) VALUES (1, 'doc1', '三定', '岚川县水利局职能配置、内设机构和人员编制规定', ?, '2019-01-01',"
                " 'p:1', 5, 7, '2019-01-02')", (jid,))
    con.execute("INSERT INTO department_fact VALUES ('doc1', 'p:1', '[]', '[]', '正科级', NULL)")
    rows = [(5, 0, "负责河道采砂管理。", "lead"), (6, 1, "配合做好防汛抗旱工作。", "support"),
            (7, 2, "负责水资源保护。", "lead")]
    for rowid, ordinal, body, role in rows:
        con.execute("INSERT INTO duty VALUES (?, 1, ?, ?, 'p:1', NULL, ?, ?, 'main', ?, 0, 9)",
                    (rowid, ordinal, jid, body, role, f"第三条（{ordinal + 1}）"))
    con.executemany("INSERT INTO duty_matter VALUES (?,?,?)",
                    [(5, "河道采砂", "河道采砂管理"), (6, "防汛抗旱", "防汛抗旱"), (6, "水旱灾害", "防汛")])
    con.execute("INSERT INTO duty_fts(rowid, body) SELECT rowid, body || char(31, 31) FROM duty WHERE rowid <= 6")
    con.execute("UPDATE meta SET value = '6' WHERE key = 'fts_watermark'")
    con.execute("UPDATE meta SET value = '8' WHERE key = 'next_duty'")
    con.close()


def test_a_version_2_file_keeps_its_duties_matters_and_search_after_migration(tmp_path):
    path = tmp_path / "z.db"
    _version_2_file(path)
    store = SqliteStore(path)
    assert store._con.execute("PRAGMA user_version").fetchone()[0] == db.migrations()[-1][0]
    [hit] = store.search_duties("采砂")
    assert (hit.duty.endswith(":0"), hit.role, hit.matters, hit.clause) == (True, "lead", ["河道采砂"], "第三条（1）")
    [hit] = store.search_duties("防汛")  # indexed under the other roles
    assert hit.matters == ["水旱灾害", "防汛抗旱"] and hit.duty.endswith(":1")
    assert [h.text for h in store.search_duties("。")] == ["负责河道采砂管理。", "负责水资源保护。", "配合做好防汛抗旱工作。"]
    assert [j.duties for j in store.jurisdictions()] == [3]
    assert store.stats().matters == 3
    duties = [d for _, d in store.project("岚川县", read.date(2020, 1, 1)).nodes(data=True) if d["label"] == "Duty"]
    assert sorted((d["ordinal"], tuple(d["matters"])) for d in duties) == [
        (0, ("河道采砂",)), (1, ("水旱灾害", "防汛抗旱")), (2, ())]
    assert store._con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- store-wide search strategies ------------------------------------------------------------------

def _many_counties(store) -> None:
    for c in range(6):
        county = f"样{c}县"
        for dep in ("水利局", "应急管理局"):
            store.apply(sanding(dep, "2019-01-01", [
                (f"负责{county}{dep}河道采砂第{i}项工作。", "lead" if i % 3 else "support", ["河道采砂"])
                for i in range(5)] + [("负责统计。", "lead", [])], jurisdiction=county))
    store.flush()


@pytest.mark.parametrize("walk_duties", [0, 10**9], ids=["exact", "walk"])
def test_store_wide_search_gives_the_same_page_by_either_strategy(tmp_path, monkeypatch, walk_duties):
    store = SqliteStore(tmp_path / "z.db")
    _many_counties(store)
    expected = sorted((h for c in range(6) for h in store.search_duties("采砂", jurisdiction=f"样{c}县")),
                      key=lambda h: (h.role != "lead", h.jurisdiction, h.document_title, h.document, h.duty))
    monkeypatch.setattr(read, "WALK_DUTIES", walk_duties)
    for limit in (1, 7, 40, 100):
        hits = store.search_duties("采砂", limit=limit)
        assert [h.duty for h in hits] == [h.duty for h in expected[:limit]]
    assert [h.role for h in store.search_duties("采砂", limit=100)].index("support") == 36


def test_a_walk_that_overruns_its_budget_falls_back_to_the_exact_search(tmp_path, monkeypatch):
    store = SqliteStore(tmp_path / "z.db")
    _many_counties(store)
    expected = [h.duty for h in store.search_duties("采砂", limit=30)]
    monkeypatch.setattr(read, "_STEPS_PER_DUTY", 0)  # no budget: every walk is interrupted
    calls = []
    real = read._walk
    monkeypatch.setattr(read, "_walk", lambda *a: calls.append(real(*a)) or calls[-1])
    assert [h.duty for h in store.search_duties("采砂", limit=30)] == expected
    assert calls and all(c is None for c in calls)
    assert store.search_duties("统计", limit=3)  # the connection still works afterwards


@pytest.mark.parametrize("query", ["_WALK", "_SCOPED"])
def test_walking_queries_stream_in_hit_order_without_sorting(tmp_path, query):
    store = SqliteStore(tmp_path / "z.db")
    _many_counties(store)
    plan = [r[3] for r in store._con.execute("EXPLAIN QUERY PLAN " + getattr(read, query).format(role=read._ROLE["lead"]),
                                             {"q": "采砂", "at": "2020-01-01", "limit": 5, "j": "x"})]
    assert not any("TEMP B-TREE" in step for step in plan), plan
    assert any("INTEGER PRIMARY KEY (rowid>? AND rowid<?)" in step for step in plan), plan


# -- validity after each write: refreshing the touched departments leaves what a full refresh leaves --

def _validity(con) -> tuple:
    return (con.execute("SELECT id, valid_from, valid_to FROM department ORDER BY id").fetchall(),
            con.execute("SELECT id, valid_to FROM document ORDER BY id").fetchall())


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))))
def test_validity_after_each_write_equals_a_full_refresh(tmp_path, order):
    from tests.graph.test_store_contract import food_2012, market_2019, plan_2019, water_2019

    docs = [food_2012(), plan_2019(), market_2019(), water_2019()]
    docs.append(sanding("市场监督管理局", "2021-03-01", [("负责市场监管。", "lead", [])]))
    store = SqliteStore(tmp_path / "z.db")
    for i in list(order) + [4]:
        store.apply(docs[i])
    fast = _validity(store._con)
    with db.transaction(store._con):
        write.refresh_validity(store._con, {r[0] for r in store._con.execute("SELECT id FROM department")})
    assert _validity(store._con) == fast


def test_a_migration_another_process_took_meanwhile_is_skipped(tmp_path, monkeypatch):
    """Two server workers open an old file at once: the second must not run a step again."""
    path = tmp_path / "z.db"
    _version_2_file(path)
    con = db.connect(path)
    real = db.migrations

    def others_first():  # called after `migrate` read the file's version
        monkeypatch.setattr(db, "migrations", real)
        SqliteStore(path).close()  # the other process migrates the whole file
        return real()

    monkeypatch.setattr(db, "migrations", others_first)
    assert db.migrate(con) == real()[-1][0]
    monkeypatch.undo()
    assert len(SqliteStore(path).search_duties("采砂")) == 1


def test_an_indexing_failure_is_reported_until_the_index_catches_up_again(tmp_path):
    store = SqliteStore(tmp_path / "z.db")
    store._indexer.error = sqlite3.OperationalError("database or disk is full")  # as a failed round leaves it
    store.apply(sanding("水利局", "2019-01-01", DUTIES))
    store.flush()  # the next round succeeds and clears it
    assert store._indexer.error is None and _index_rows(store, "采砂管") == 1


def _wal_frames(path: Path) -> tuple[int, int]:
    """(frames in the log, frames copied into the file) from the shared-memory index's header
    (sqlite.org/walformat.html: mxFrame at byte 16, nBackfill at byte 96, native byte order)."""
    head = (Path(str(path) + "-shm")).read_bytes()[:100]
    return int.from_bytes(head[16:20], sys.byteorder), int.from_bytes(head[96:100], sys.byteorder)


def test_the_background_indexer_checkpoints_the_log_the_loader_wrote(tmp_path):
    store = SqliteStore(tmp_path / "z.db")
    store.apply_many(sanding(f"第{i}局", "2019-01-01", DUTIES) for i in range(30))
    store.flush()
    frames, copied = _wal_frames(tmp_path / "z.db")
    assert frames > 0 and copied == frames  # the writer alone would wait for 4,096 pages


def test_with_the_indexer_stalled_the_writer_still_bounds_its_log(tmp_path, monkeypatch):
    _hold_indexing(monkeypatch)
    monkeypatch.setattr("zhize.graph.sqlite.store.WRITER_CHECKPOINT_PAGES", 20)
    store = SqliteStore(tmp_path / "z.db")
    for i in range(40):
        store.apply(sanding(f"第{i}局", "2019-01-01", DUTIES))
    assert Path(str(tmp_path / "z.db") + "-wal").stat().st_size < 200 * 4096  # unbounded: ~620 pages


def _duty_matters(store: SqliteStore) -> list[list[tuple[str, str]]]:
    graph = store.project(COUNTY)
    duties = sorted((d["ordinal"], n) for n, d in graph.nodes(data=True) if d["label"] == "Duty")
    return [sorted((v[2:], e["text"]) for _, v, e in graph.out_edges(n, data=True) if v.startswith("m:"))
            for _, n in duties]


def test_matters_are_stored_inline_with_separators_inside_them_blanked(tmp_path):
    ex = sanding("水利局", "2019-01-01", [("负责河道采砂管理。", "lead", ["河道采砂", "水资源", "河道采砂"]),
                                        ("负责全县水利工作。", "lead", [])])
    store = SqliteStore(tmp_path / "z.db")
    store.apply(ex)
    assert _duty_matters(store) == [[("水资源", "水资源"), ("河道采砂", "河道采砂")], []]
    assert store._con.execute("SELECT typeof(role), typeof(section), typeof(unit_id), typeof(matters) FROM duty"
                              " ORDER BY rowid").fetchall() == [("text", "text", "null", "text"), ("text", "text", "null", "null")]
    assert store._con.execute("SELECT role, section FROM duty").fetchall() == [("lead", "main")] * 2
    body = ex.model_dump(mode="json")
    body["document"]["sha256"] = "1" * 64
    body["duties"][0]["matters"][1]["key"] = "水\x1f资\x1e源"
    body["duties"][1]["matters"] = [{"key": "河道采砂", "text": "采\x1e砂"}]
    body["duties"].append({**body["duties"][1], "matters": [], "clause": "第三条（三）"})
    odd = Extract.model_validate(body)
    store.remove(ex.document.sha256)
    store.apply(odd)
    assert _duty_matters(store) == [[("水 资 源", "水资源"), ("河道采砂", "河道采砂")], [("河道采砂", "采 砂")], []]
    assert store._con.execute("SELECT matters FROM duty ORDER BY rowid DESC LIMIT 1").fetchone() == (None,)


def test_an_sqlite_too_old_for_the_store_is_refused_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.31.1")
    with pytest.raises(StoreUnavailable, match="3.31.1 过旧"):
        SqliteStore(tmp_path / "z.db")
    assert not (tmp_path / "z.db").exists()


# -- migration 7 (ledger columns, numbers) -------------------------------------------------------

def test_a_version_4_ledger_is_numbered_by_year_and_keeps_its_closing_date(tmp_path):
    path = tmp_path / "old.db"
    con = sqlite3.connect(path, isolation_level=None)
    for version, sql in db.migrations():
        if version <= 4:
            for statement in db.split_sql(sql):
                con.execute(statement)
    con.execute("PRAGMA user_version = 4")
    rows = [("f:b", "2025-03-01T09:00:00+00:00", "待核实"), ("f:a", "2025-03-01T09:00:00+00:00", "已销号"),
            ("f:c", "2026-01-05T09:00:00+00:00", "待核实")]
    for fid, seen, status in rows:
        con.execute("INSERT INTO finding(id, detector, kind, severity, confidence, jurisdiction, departments, evidence,"
                    " message, status, first_seen, last_seen) VALUES (?, 'OVL001', '职责交叉', '高', 0.9, '岚川县',"
                    " '[]', '[]', '说明', ?, ?, ?)", (fid, status, seen, seen))
    con.execute("INSERT INTO finding_change(finding_id, at, actor, from_status, to_status, reason)"
                " VALUES ('f:a', '2025-05-01T10:00:00+00:00', '乙', '整改中', '已销号', '')")
    con.close()
    with closing(SqliteStore(path)) as store:
        numbers = {e.finding.id: e.number for e in store.findings()}
        assert numbers == {"f:a": "2025-001", "f:b": "2025-002", "f:c": "2026-001"}
        closed = store.finding("2025-001")
        assert closed.closed_at is not None and closed.closed_at.isoformat() == "2025-05-01T10:00:00+00:00"
        assert store.finding("f:b").closed_at is None and store.finding("f:b").responsible_unit == ""
