"""Fixtures: one real server over the example corpus for the whole API test session."""

from __future__ import annotations

import pytest

from tests.api import server


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "corpus.db"
    server.corpus_store(path)
    return path


@pytest.fixture(scope="session")
def live(corpus_db):
    running = server.start(corpus_db, max_upload_mb=1)
    yield running
    running.stop()


@pytest.fixture()
def viewer(live):
    with live.client("viewer") as c:
        yield c


@pytest.fixture()
def reviewer(live):
    with live.client("reviewer") as c:
        yield c


@pytest.fixture()
def admin(live):
    with live.client("admin") as c:
        yield c


@pytest.fixture()
def anonymous(live):
    with live.client() as c:
        yield c


@pytest.fixture(scope="session")
def steady(corpus_db):
    """A second server over the same store that trusts its caches for a while (as in production),
    where `live` checks the store before every request."""
    running = server.start(corpus_db, refresh_seconds=600, warm_jurisdictions=0)
    yield running
    running.stop()
