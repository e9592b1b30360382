"""Fixtures for the query tests: small example graphs built through a real store (SQLite), the
example county's gold and its documents run through the extractor, and the synonym table on or off."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.builders import COUNTY
from zhize.graph.records import Extract
from zhize.graph.sqlite import SqliteStore
from zhize.queries.detectors import Context

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "examples" / "gold"
CORPUS = ROOT / "examples" / "corpus"


class Scene:
    """A store with some extracts loaded, and the projections and findings of it."""

    def __init__(self, path: Path):
        self.store = SqliteStore(path)

    def load(self, *extracts: Extract) -> Scene:
        for ex in extracts:
            self.store.apply(ex)
        return self

    def graph(self, at: str = "2024-01-01", jurisdiction: str = COUNTY):
        return self.store.project(jurisdiction, date.fromisoformat(at))

    def findings(self, detector, at: str = "2024-01-01", jurisdiction: str = COUNTY, tasks=()):
        context = Context(jurisdiction, date.fromisoformat(at), tuple(tasks))
        return list(detector.detect(self.graph(at, jurisdiction), context))


@pytest.fixture
def scene(tmp_path):
    s = Scene(tmp_path / "scene.db")
    yield s
    s.store.close()


def load_gold(store: SqliteStore) -> None:
    for path in sorted(GOLD.glob("*.json")):
        store.apply(Extract.model_validate(json.loads(path.read_text(encoding="utf-8"))))


@pytest.fixture(scope="session")
def gold_store(tmp_path_factory):
    store = SqliteStore(tmp_path_factory.mktemp("gold") / "gold.db")
    load_gold(store)
    yield store
    store.close()


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory):
    """The example corpus through the whole pipeline (`zhize demo` does the same)."""
    from zhize.ingest.batch import collect, ingest

    store = SqliteStore(tmp_path_factory.mktemp("corpus") / "corpus.db")
    summary = ingest(store, collect([CORPUS]))
    assert not summary.failed
    yield store
    store.close()


@pytest.fixture
def synonym_table():
    """The synonym table: `graph.matters` is always there (the one home of matter normalisation);
    kept as a fixture so tests say which behaviour they rely on."""
    yield
