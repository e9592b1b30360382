"""Connection, transactions and versioned migrations for the SQLite store."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from zhize.graph.errors import StoreUnavailable

MIGRATIONS_PACKAGE = "zhize.graph.sqlite"
# Params per statement stay well under SQLite's limit (32766 since 3.32).
CHUNK = 900
# The oldest SQLite with the trigram tokenizer (see search_index).
MIN_SQLITE = (3, 34, 0)


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to the store file; `read_only` for a file this process may not write."""
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise StoreUnavailable(f"本机 Python 自带的 SQLite 版本 {sqlite3.sqlite_version} 过旧，Zhize 需要 "
                               f"{'.'.join(map(str, MIN_SQLITE))} 或更新的版本（请升级到较新的 Python 3.11）")
    if read_only:
        return _connect_read_only(path)
    try:
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        con.execute("PRAGMA journal_mode=WAL")
        _tune(con)
        return con
    except (sqlite3.Error, OSError) as e:
        raise StoreUnavailable(f"无法打开数据库文件 {path}：{describe_error(e) if isinstance(e, sqlite3.Error) else e}"
                               ) from None


def _tune(con: sqlite3.Connection) -> None:
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA busy_timeout=30000")
    con.execute("PRAGMA cache_size=-65536")
    con.execute("PRAGMA temp_store=MEMORY")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Read-only. A WAL file needs its shared-memory file (`-shm`): where it cannot be created (a
    read-only folder) and is not there, nobody is writing the store either, and SQLite is told
    the file is immutable."""
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    last: sqlite3.Error | None = None
    for options in ("", "&immutable=1"):
        try:
            con = sqlite3.connect(uri + options, uri=True, isolation_level=None, check_same_thread=False, timeout=30)
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            _tune(con)
            return con
        except sqlite3.Error as err:
            last = err
    raise StoreUnavailable(f"无法打开数据库文件 {path}：{describe_error(last)}") from None


def is_writable(path: Path) -> bool:
    """Whether this process may write the store: the file (if it exists) and its folder (SQLite
    keeps `-wal` and `-shm` files next to it)."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists():
        return os.access(path, os.W_OK) and os.access(folder, os.W_OK)
    return True  # made on open: a failure then is an error worth showing


# SQLite's result codes (`sqlite_errorname`, extended codes included) → what the user is told.
_ERRORS = (
    ("SQLITE_FULL", "磁盘已满，无法写入数据库：未写完的文档一个也没有写入。请腾出磁盘空间后重试"),
    ("SQLITE_READONLY", "数据库文件是只读的：可以查询，不能写入（请检查文件和所在文件夹的写权限）"),
    ("SQLITE_BUSY", "数据库正被其他程序写入，等待超时，请稍后重试"),
    ("SQLITE_LOCKED", "数据库正被其他程序写入，等待超时，请稍后重试"),
    ("SQLITE_CORRUPT", "数据库文件已损坏（请用备份恢复）"),
    ("SQLITE_NOTADB", "这不是 SQLite 数据库文件，或文件已损坏"),
    ("SQLITE_CANTOPEN", "无法打开数据库文件（请检查路径和权限）"),
    ("SQLITE_IOERR", "读写数据库文件时出错（磁盘或文件系统故障）"),
    ("SQLITE_NOMEM", "内存不足"),
    ("SQLITE_PERM", "没有访问数据库文件的权限"),
)


def describe_error(err: sqlite3.Error) -> str:
    """One Chinese sentence for a SQLite error (SQLite's own message only as a last resort)."""
    name = getattr(err, "sqlite_errorname", "") or ""
    for prefix, message in _ERRORS:
        if name.startswith(prefix):
            return message
    return f"数据库出错（{err}）"


def translated(err: sqlite3.Error, path: Path) -> StoreUnavailable:
    return StoreUnavailable(f"{describe_error(err)}（{path}）")


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
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise


def rollback(con: sqlite3.Connection) -> None:
    """Roll back what is still open. After a full disk or an I/O error SQLite may have rolled the
    transaction back itself: a second ROLLBACK would fail and hide the error that matters."""
    if con.in_transaction:
        con.execute("ROLLBACK")


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
