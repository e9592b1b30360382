"""The SQLite store when things go wrong (issue 12, points 4, 5 and 6): a corrupt search index is
set aside and rebuilt with one warning while search stays complete; a full disk gives one Chinese
error and leaves whole documents only; a missing file is not created when it must exist."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from tests.builders import sanding
from zhize.graph.errors import StoreUnavailable
from zhize.graph.sqlite import SqliteStore, search_index


def extract_of(tag: str, n: int):
    """A 三定 of the department 岚川县{tag}局 with `n` duties about 采砂."""
    return sanding(f"{tag}局", "2019-03-01", [(f"负责{tag}第{i}项河道采砂管理工作。", "lead", ["采砂"]) for i in range(n)])


def filled(path: Path) -> list[str]:
    """A store of three documents; returns what a store-wide search for 采砂 finds."""
    with SqliteStore(path) as store:
        for tag in ("甲", "乙", "丙"):
            store.apply(extract_of(tag, 30))
        store.flush()
        return sorted(h.text for h in store.search_duties("采砂", limit=500))


def corrupt(path: Path, how: str) -> None:
    index = search_index.index_path(path)
    if how == "random":
        index.write_bytes(os.urandom(64 * 1024))
    else:
        with index.open("r+b") as f:
            f.truncate(index.stat().st_size // 3)


@pytest.mark.parametrize("how", ["random", "truncated"])
def test_a_corrupt_index_is_set_aside_and_rebuilt_with_one_warning(tmp_path, caplog, how):
    path = tmp_path / "store.db"
    expected = filled(path)
    corrupt(path, how)
    with caplog.at_level(logging.WARNING, logger="zhize.graph"):
        with SqliteStore(path) as store:
            assert sorted(h.text for h in store.search_duties("采砂", limit=500)) == expected  # complete meanwhile
            store.flush()
            assert sorted(h.text for h in store.search_duties("采砂", limit=500)) == expected
    [warning] = [r for r in caplog.records if "已损坏" in r.getMessage()]
    assert "已移到" in warning.getMessage()
    assert len(list(tmp_path.glob("store.db.search.corrupt-*"))) == 1
    con = sqlite3.connect(search_index.index_path(path))
    assert con.execute("SELECT value FROM meta WHERE key = 'watermark'").fetchone()[0] == "90"


def test_an_index_found_corrupt_while_searching_is_rebuilt_too(tmp_path):
    path = tmp_path / "store.db"
    expected = filled(path)
    with SqliteStore(path) as store:
        index = search_index.index_path(path)
        with index.open("r+b") as f:  # the same file, spoiled under the open store
            f.seek(4096)
            f.write(os.urandom(index.stat().st_size - 4096))
        assert sorted(h.text for h in store.search_duties("采砂", limit=500)) == expected
        assert sorted(h.text for h in store.search_duties("河道采砂", limit=500)) == expected


def test_a_missing_store_is_not_created_when_it_must_exist(tmp_path):
    path = tmp_path / "typo" / "zhize.db"
    with pytest.raises(StoreUnavailable, match="不存在"):
        SqliteStore(path, create=False)
    assert not path.parent.exists()


def test_a_full_disk_gives_one_chinese_error_and_keeps_whole_documents(tmp_path, monkeypatch):
    path = tmp_path / "full.db"
    with SqliteStore(path) as store:
        store.apply(extract_of("先", 5))
        pages = store._con.execute("PRAGMA page_count").fetchone()[0]
    from zhize.graph.sqlite import db

    real = db.connect

    def small_disk(p, *, read_only=False):  # SQLite's own "database or disk is full" (SQLITE_FULL)
        con = real(p, read_only=read_only)
        con.execute(f"PRAGMA max_page_count = {pages + 3}")
        return con

    monkeypatch.setattr(db, "connect", small_disk)
    with SqliteStore(path) as store:
        big = [extract_of(f"大{i}", 400) for i in range(3)]
        with pytest.raises(StoreUnavailable) as err:
            store.apply_many(big)
        assert "磁盘已满" in str(err.value) and "transaction" not in str(err.value)
        assert [d.subject for d in store.documents()] == ["岚川县先局"]
        assert not store._con.in_transaction



class SlowToClose:
    """A connection whose close takes a while, as on a loaded machine."""

    def __init__(self, con: sqlite3.Connection):
        self._con, self.closed = con, False

    def __getattr__(self, name):
        return getattr(self._con, name)

    def close(self) -> None:
        time.sleep(0.3)
        self._con.close()
        self.closed = True


def test_a_closed_store_leaves_its_index_file_alone(tmp_path, monkeypatch):
    """Once close() returns, the indexer's connection is closed: closing the last connection to
    the index checkpoints its log into the file, which must not happen after the caller took the
    file over (CI once saw an index spoiled on purpose after close() made whole again that way)."""
    made: list[SlowToClose] = []
    connect = search_index.db.connect

    def slow(path, **kw):
        if threading.current_thread().name != "zhize-search-index":
            return connect(path, **kw)
        made.append(SlowToClose(connect(path, **kw)))
        return made[-1]

    monkeypatch.setattr(search_index.db, "connect", slow)
    with SqliteStore(tmp_path / "store.db") as store:
        store.apply(extract_of("甲", 5))
    assert made and all(con.closed for con in made)
