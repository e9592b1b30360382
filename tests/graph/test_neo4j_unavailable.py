"""The Neo4j store without a server: it imports cleanly and fails fast, in Chinese, with a hint.

Only loopback addresses are used: a closed port, and a local socket that accepts connections but
never answers (a hung server).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator

import pytest

from zhize.graph.errors import StoreUnavailable
from zhize.graph.neo4j import Neo4jStore, connection
from zhize.graph.store import open_store

CLOSED_PORT = "bolt://127.0.0.1:1"


def assert_helpful(err: StoreUnavailable, uri: str) -> None:
    message = str(err)
    assert uri in message
    assert "docker compose up -d" in message
    assert "SQLite" in message


@pytest.mark.parametrize("uri", [CLOSED_PORT, "neo4j://127.0.0.1:1"])
def test_a_closed_port_raises_store_unavailable_at_once(uri):
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(uri, user="neo4j", password="secret")
    assert time.monotonic() - started < 3
    assert_helpful(caught.value, uri)


def test_open_store_with_a_bolt_uri_reaches_the_neo4j_store():
    with pytest.raises(StoreUnavailable) as caught:
        open_store(CLOSED_PORT)
    assert_helpful(caught.value, CLOSED_PORT)


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A local port that accepts TCP connections and never says a word."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except (TimeoutError, OSError):
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"bolt://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for s in accepted:
        s.close()
    server.close()


def test_a_server_that_never_answers_fails_within_the_startup_timeout(silent_server, monkeypatch):
    monkeypatch.setattr(connection, "CONNECTION_TIMEOUT", 1.0)
    monkeypatch.setattr(connection, "STARTUP_TIMEOUT", 1.5)
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(silent_server, user="neo4j", password="secret")
    assert time.monotonic() - started < 6
    assert_helpful(caught.value, silent_server)


def test_a_failed_connection_leaves_no_driver_behind():
    with pytest.raises(StoreUnavailable):
        Neo4jStore(CLOSED_PORT, user="someone", password="secret")
    assert (CLOSED_PORT, ("someone", "secret")) not in connection._drivers


def test_importing_reads_no_settings_and_connects_nowhere():
    script = textwrap.dedent("""
        import os, socket
        read = []
        class Spy(dict):
            def __getitem__(self, key):
                read.append(key)
                return super().__getitem__(key)
            def get(self, key, default=None):
                read.append(key)
                return super().get(key, default)
        os.environ = Spy(os.environ)
        def refuse(*args, **kwargs):
            raise AssertionError("connected at import time")
        socket.create_connection = refuse
        socket.socket.connect = refuse
        import zhize.graph.neo4j, zhize.graph.neo4j.cypher_dump
        print(sorted(k for k in read if k.startswith("NEO4J") or k.startswith("ZHIZE")))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_settings_read_the_credentials_and_the_store_reads_no_environment(monkeypatch):
    from zhize.api.settings import load_settings

    seen = []
    monkeypatch.setattr(connection, "connect", lambda uri, auth, database: seen.append((uri, auth, database)))
    monkeypatch.setenv("NEO4J_USER", "analyst")
    monkeypatch.setenv("NEO4J_PASSWORD", "from-env")
    load_settings().open_store("bolt://db.example:7687")
    Neo4jStore("bolt://db.example:7687")  # the environment is the settings' business, never the store's
    Neo4jStore("bolt://db.example:7687", user="admin", password="given", database="zhize")
    monkeypatch.delenv("NEO4J_USER")
    monkeypatch.setenv("NEO4J_DATABASE", "ledger")
    load_settings().open_store("bolt://db.example:7687")
    assert seen == [("bolt://db.example:7687", ("analyst", "from-env"), None),
                    ("bolt://db.example:7687", ("neo4j", "zhize-password"), None),
                    ("bolt://db.example:7687", ("admin", "given"), "zhize"),
                    ("bolt://db.example:7687", ("neo4j", "from-env"), "ledger")]


def test_a_closed_store_says_so(monkeypatch):
    monkeypatch.setattr(connection, "connect", lambda uri, auth, database: object())
    store = Neo4jStore("bolt://db.example:7687", user="neo4j", password="x")
    store.close()
    with pytest.raises(StoreUnavailable, match="已关闭"):
        store.stats()
