"""Drivers, sessions and statements: the only module that talks to the neo4j driver.

One driver per process and server (cached per URI and credentials), managed transactions only,
statements by name (`graph.neo4j.statements`) with parameters only. Every value read is turned
into plain Python (`neo4j.time` values into `datetime` ones) before it leaves this module.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DatabaseUnavailable,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from zhize.graph.errors import StoreUnavailable
from zhize.graph.neo4j.statements import ddl_statements, parameters_of, statement

# Fail fast when the server is down: a TCP connection gives up after CONNECTION_TIMEOUT seconds,
# and at start-up a server that accepts connections but does not answer after STARTUP_TIMEOUT.
CONNECTION_TIMEOUT = 5.0
STARTUP_TIMEOUT = 6.0
ACQUISITION_TIMEOUT = 30.0
RETRY_TIME = 15.0
INDEX_WAIT_SECONDS = 300

T = TypeVar("T")
Auth = tuple[str, str]

# The driver logs connection failures that `unavailable` already reports; without a handler of its
# own, Python would print them to stderr next to our message. Configured logging still gets them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

_drivers: dict[tuple[str, Auth], neo4j.Driver] = {}
_ready: set[tuple[str, Auth, str | None]] = set()
_lock = threading.Lock()


def start_hint(uri: str) -> str:
    return (f"无法连接 Neo4j 数据库 {uri}。请在项目目录运行 `docker compose up -d` 启动 Neo4j 后重试，"
            "或去掉 --store 参数和 ZHIZE_STORE 环境变量，改用默认的 SQLite 数据库（zhize.db）。")


def unavailable(uri: str, err: BaseException) -> StoreUnavailable:
    """The Chinese error for a driver failure, naming the URI and how to recover."""
    if isinstance(err, AuthError):
        return StoreUnavailable(
            f"Neo4j 数据库 {uri} 拒绝登录：请用环境变量 NEO4J_USER 和 NEO4J_PASSWORD 提供正确的用户名和密码。"
            f"（{err.message or err}）")
    return StoreUnavailable(f"{start_hint(uri)}（{one_line(err)}）")


def one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def driver(uri: str, auth: Auth) -> neo4j.Driver:
    """The process's driver for this server and user, created on first use."""
    key = (uri, auth)
    with _lock:
        found = _drivers.get(key)
        if found is None:
            try:
                found = GraphDatabase.driver(
                    uri, auth=auth, connection_timeout=CONNECTION_TIMEOUT,
                    connection_acquisition_timeout=ACQUISITION_TIMEOUT,
                    max_transaction_retry_time=RETRY_TIME)
            except (DriverError, ValueError) as err:
                raise StoreUnavailable(f"Neo4j 地址 {uri} 无效：{err}") from None
            _drivers[key] = found
        return found


def forget(uri: str, auth: Auth) -> None:
    """Close and drop a driver (after it failed to connect, so the next try starts afresh)."""
    with _lock:
        found = _drivers.pop((uri, auth), None)
        _ready.difference_update({k for k in _ready if k[:2] == (uri, auth)})
    if found is not None:
        found.close()


@atexit.register
def close_drivers() -> None:
    with _lock:
        drivers = list(_drivers.values())
        _drivers.clear()
        _ready.clear()
    for d in drivers:
        d.close()


def connect(uri: str, auth: Auth, database: str | None) -> neo4j.Driver:
    """A driver whose server answers and whose schema (constraints, indexes) is in place."""
    d = driver(uri, auth)
    try:
        ping(d, database)
    except (Neo4jError, DriverError, OSError) as err:
        forget(uri, auth)
        raise unavailable(uri, err) from None
    with _lock:
        done = (uri, auth, database) in _ready
    if not done:
        try:
            ensure_schema(d, database)
        except (ServiceUnavailable, SessionExpired, AuthError) as err:
            raise unavailable(uri, err) from None
        except (Neo4jError, DriverError) as err:
            raise StoreUnavailable(f"无法在 Neo4j 数据库 {uri} 中建立约束和全文索引"
                                   f"（需要有建立索引权限的用户）：{one_line(err)}") from None
        with _lock:
            _ready.add((uri, auth, database))
    return d


def ping(d: neo4j.Driver, database: str | None) -> None:
    """One statement in an explicit transaction: unlike managed ones it is not retried, and the
    session's short acquisition timeout bounds the wait for a server that never answers."""
    with session(d, database, connection_acquisition_timeout=STARTUP_TIMEOUT) as s, s.begin_transaction() as tx:
        run(tx, "ping")


def ensure_schema(d: neo4j.Driver, database: str | None) -> None:
    """Create the constraints and the full-text index (each `IF NOT EXISTS`), wait until online."""
    with session(d, database) as s:
        for text in ddl_statements().values():
            s.execute_write(_run_ddl, text)
        await_indexes(s)


def await_indexes(s: neo4j.Session) -> None:
    """Wait for indexes still populating. Giving up is harmless: search scans until they are online."""
    try:
        s.execute_read(run, "await_indexes", seconds=INDEX_WAIT_SECONDS)
    except ClientError as err:
        if not index_trouble(err):
            raise


def index_trouble(err: ClientError) -> bool:
    """An index that is missing or not online yet (not a mistake in the statement)."""
    return (err.code or "").startswith(("Neo.ClientError.Procedure.", "Neo.ClientError.Schema."))


def _run_ddl(tx: neo4j.ManagedTransaction, text: str) -> None:
    tx.run(text).consume()


@contextmanager
def session(d: neo4j.Driver, database: str | None, **config: Any) -> Iterator[neo4j.Session]:
    # One bookmark manager for the whole driver: a read sees the writes made before it.
    with d.session(database=database, bookmark_manager=d.execute_query_bookmark_manager, **config) as s:
        yield s


def run(tx: Any, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run the statement `name` in `tx` with exactly the parameters it names; rows as plain dicts."""
    check_parameters(name, params)
    result = tx.run(statement(name), params)
    return [native(record.data()) for record in result]


def check_parameters(name: str, params: Mapping[str, Any]) -> None:
    expected = parameters_of(name)
    if set(params) != expected:
        missing, extra = sorted(expected - set(params)), sorted(set(params) - expected)
        raise TypeError(f"statement {name}: missing parameters {missing}, unexpected {extra}")


def native(value: Any) -> Any:
    """A value read from Neo4j as plain Python: temporal values become `datetime` ones."""
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    if isinstance(value, list):
        return [native(v) for v in value]
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value


def translating(uri: str, work: Callable[[], T]) -> T:
    """Run `work`, turning a lost connection or database into `StoreUnavailable`."""
    try:
        return work()
    except (ServiceUnavailable, SessionExpired, DatabaseUnavailable, AuthError) as err:
        raise unavailable(uri, err) from None
