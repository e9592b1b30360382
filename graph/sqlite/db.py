"""Connection, transactions and versioned migrations for the SQLite store."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from zhize.graph.errors import StoreUnavailable

MIGRATIONS_PACKAGE = "zhize.graph.sqlite"
# Params per statement stay well under SQLite's limit (32766 since 3.32).
CHUNK = 900
# The oldest SQLite with the trigram tokenizer (see search_index).
MIN_SQLITE = (3, 34, 0)


def connect(path: Path) -> sqlite3.Connection:
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise StoreUnavailable(f"本机 Python 自带的 SQLite 版本 {sqlite3.sqlite_version} 过旧，Zhize 需要 "
                               f"{'.'.join(map(str, MIN_SQLITE))} 或更新的版本（请升级到较新的 Python 3.11）")
    try:
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("PRAGMA busy_timeout=30000")
        con.execute("PRAGMA cache_size=-65536")
        con.execute("PRAGMA temp_store=MEMORY")
        return con
    except (sqlite3.Error, OSError) as e:
        raise StoreUnavailable(f"无法打开数据库文件 {path}：{e}") from None


def migrations() -> list[tuple[int, str]]:
    """(version, sql) for every file `migrations/NNNN_name.sql`, in order."""
    folder = resources.files(MIGRATIONS_PACKAGE) / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


def migrate(con: sqlite3.Connection) -> int:
    """Bring the file up to the newest schema version; each step is one transaction."""
    current = con.execute("PRAGMA user_version").fetchone()[0]
    steps = migrations()
    newest = steps[-1][0] if steps else 0
    if current > newest:
        raise StoreUnavailable(f"数据库版本 {current} 比本程序支持的版本 {newest} 新，请升级 Zhize")
    for version, sql in steps:
        if version > current:
            with transaction(con):
                # Another process (a second server worker) may have taken this step meanwhile.
                if con.execute("PRAGMA user_version").fetchone()[0] >= version:
                    continue
                for statement in split_sql(sql):
                    con.execute(statement)
                con.execute(f"PRAGMA user_version = {version:d}")
    return newest


def split_sql(script: str) -> list[str]:
    """Statements of a migration script (our scripts keep ';' out of strings and comments)."""
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    body = "\n".join(line.split("--", 1)[0] for line in lines)
    return [s.strip() for s in body.split(";") if s.strip()]


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: committed whole or rolled back whole."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


@contextmanager
def read_transaction(con: sqlite3.Connection) -> Iterator[None]:
    """Reads that see one snapshot of every attached file."""
    con.execute("BEGIN")
    try:
        yield
    finally:
        con.execute("COMMIT")


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def placeholders(n: int) -> str:
    return ",".join("?" * n)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
