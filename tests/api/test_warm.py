"""Warming at start-up: today's projections and ownership indexes are built before anyone asks."""

from __future__ import annotations

import gc
import weakref
from datetime import date

from tests.builders import sanding
from zhize.api.auth import Gate
from zhize.api.resources import Resources, release
from zhize.api.settings import Settings
from zhize.graph.sqlite import SqliteStore
from zhize.queries.ownership import match_index
from zhize.queries.view import view_of


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


# -- projections are frozen out of the garbage collector's scans (see api.resources) -------------

def test_a_built_projection_is_frozen_and_clearing_the_caches_unfreezes_it(tmp_path):
    res = _resources(tmp_path)
    gc.unfreeze()
    try:
        res.project("岚川县")
        assert gc.get_freeze_count() > 0
        res.changed()
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def _with_events(tmp_path) -> Resources:
    from tests.graph.test_store_contract import food_2012, market_2019, plan_2019, water_2019

    res = _resources(tmp_path)
    for doc in (food_2012(), plan_2019(), market_2019(), water_2019()):
        res.store.apply(doc)
    return res


def test_a_released_projection_with_its_view_and_index_holds_no_reference_cycles(tmp_path):
    """Freezing would keep cyclic garbage for ever: a released projection must have none."""
    res = _with_events(tmp_path)
    place = res.store.jurisdictions()[0].name
    gc.collect()
    gc.disable()  # no automatic collection may find the garbage first
    try:
        graph = res.store.project(place)
        index = match_index(view_of(graph))
        assert index.duties and view_of(graph).events
        release(graph)
        del graph, index
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_projection_leaving_the_cache_is_freed_though_it_was_frozen(tmp_path):
    res = _with_events(tmp_path)
    first, second = [j.name for j in res.store.jurisdictions()][:2]
    res.projections.size = 1
    try:
        gone = weakref.ref(res.project(first))
        assert len(res.project(first).edges)  # a page walks its edges: networkx caches a view again
        assert gc.get_freeze_count() > 0
        res.project(second)  # evicts the first
        assert gone() is None
    finally:
        gc.unfreeze()
