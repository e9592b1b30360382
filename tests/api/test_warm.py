"""Warming at start-up: today's projections and ownership indexes are built before anyone asks."""

from __future__ import annotations

from datetime import date

from api.auth import Gate
from api.resources import Resources
from api.settings import Settings
from graph.sqlite import SqliteStore
from queries.view import view_of
from tests.builders import sanding


def _resources(tmp_path) -> Resources:
    store = SqliteStore(tmp_path / "z.db")
    for county in ("青禾县", "岚川县"):
        store.apply(sanding("水利局", "2019-01-01", [("负责河道采砂管理。", "lead", ["河道采砂"])], jurisdiction=county))
    settings = Settings(store=str(tmp_path / "z.db"))
    return Resources(settings, store, Gate(settings, settings.all_tokens()))


def test_warming_builds_projections_and_ownership_indexes_in_name_order(tmp_path):
    res = _resources(tmp_path)
    assert res.warm(1) == 1
    first = res.jurisdiction_names()[0]
    cached = res.projections._fresh((first, date.today()))
    assert cached is not None and "ownership.match_index" in view_of(cached[0]).cache
    assert res.projections._fresh((res.jurisdiction_names()[1], date.today())) is None


def test_warming_stops_once_the_resources_close(tmp_path):
    res = _resources(tmp_path)
    res.close()
    assert res.warm(10) == 0


def test_a_background_warm_up_finishes_and_none_is_started_for_zero(tmp_path):
    res = _resources(tmp_path)
    assert res.warm_in_background(0) is None
    thread = res.warm_in_background(5)
    thread.join(timeout=30)
    assert not thread.is_alive() and len(res.projections._items) == 2
