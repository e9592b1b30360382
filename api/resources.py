"""What the HTTP server holds while it runs: the store, the access gate, and caches of projections
and answers.

The store is opened on first use and again after a failure, so the server can start (and answer
503 with a hint) while a Neo4j server is still down. Questions read through `reader`, a
`GraphReader` whose projections and jurisdictions come from the caches.

Changes made through this server (uploads, checks, status changes) clear the caches at once.
Another process (`zhize ingest` on the same file) may change the store meanwhile: every
`refresh_seconds` the server compares a cheap fingerprint of the store (jurisdictions with their
department and duty counts) and clears the caches when it moved; no entry is kept longer than
`MAX_AGE` seconds in any case.

Projections are the bulk of the heap (~23,000 container objects per 2,000-duty county) and live
until the caches clear. A full collection of the garbage collector scans all of them: measured
0.6-0.75 s on 52 counties, twenty times a minute under load, stalling every request of the
process (p99 ~1 s). So each one is frozen out of the collector's scans once built, and the heap
is unfrozen when the caches clear. Frozen cyclic garbage would never be freed: a projection's
only cycles are networkx's cached views, which `release` drops when it is built and when it
leaves the cache (tests check that a released projection is freed by refcounting alone).
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import networkx as nx

from zhize.api.auth import Gate
from zhize.api.settings import Settings
from zhize.graph.errors import NotFound
from zhize.graph.models import (
    DepartmentInfo,
    DocumentInfo,
    DutyHit,
    FindingFilter,
    JurisdictionInfo,
    LedgerEntry,
    Stats,
    Task,
)
from zhize.graph.store import GraphStore, is_neo4j_uri
from zhize.queries.view import View, view_of

log = logging.getLogger("zhize.api")


class TimedCache:
    """A small LRU whose entries expire; one computation per key at a time. `on_drop` hears of
    every value that leaves the cache (evicted, replaced after expiry, or cleared)."""

    def __init__(self, size: int, seconds: float, on_drop: Callable[[Any], None] | None = None):
        self.size, self.seconds, self.on_drop = size, seconds, on_drop
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        found = self._fresh(key)
        if found is not None:
            return found[0]
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            found = self._fresh(key)
            if found is not None:
                return found[0]
            value = compute()
            dropped = []
            with self._lock:
                if key in self._items:  # expired
                    dropped.append(self._items[key][1])
                self._items[key] = (time.monotonic(), value)
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    old, (_, gone) = self._items.popitem(last=False)
                    self._key_locks.pop(old, None)
                    dropped.append(gone)
                # Waiting threads hold the lock object; later ones find the value.
                self._key_locks.pop(key, None)
            self._dropped(dropped)
            return value

    def _dropped(self, values: list[Any]) -> None:
        if self.on_drop:
            for value in values:
                self.on_drop(value)

    def _fresh(self, key: Hashable) -> tuple[Any] | None:
        with self._lock:
            item = self._items.get(key)
            if item is None or time.monotonic() - item[0] > self.seconds:
                return None
            self._items.move_to_end(key)
            return (item[1],)

    def clear(self) -> None:
        with self._lock:
            dropped = [value for _, value in self._items.values()]
            self._items.clear()
        self._dropped(dropped)


MAX_AGE = 600.0

# networkx caches its edge and degree views on the graph (functools.cached_property), and those
# views point back at the graph: a reference cycle that refcounting cannot free.
_CACHED_VIEWS = tuple(name for name in dir(nx.MultiDiGraph)
                      if isinstance(getattr(nx.MultiDiGraph, name, None), cached_property))


def release(graph: nx.MultiDiGraph) -> None:
    """Drop networkx's cached views of a projection (they are rebuilt on the next use), so the
    projection holds no reference cycle: frozen or not, it is freed as soon as nobody uses it."""
    for name in _CACHED_VIEWS:
        graph.__dict__.pop(name, None)


class Resources:
    """`store`: an open store, or None to open the configured one on first use (see `store`)."""

    def __init__(self, settings: Settings, store: GraphStore | None, gate: Gate):
        self.settings, self.gate = settings, gate
        self._store = store
        self._open_lock = threading.Lock()
        self.reader = CachedReader(self)
        self.projections = TimedCache(64, MAX_AGE, on_drop=release)
        self.answers = TimedCache(4096, MAX_AGE)
        self.write_lock = threading.Lock()
        self._checked = 0.0
        self._fingerprint: object = None
        self._check_lock = threading.Lock()
        self._closing = threading.Event()

    @property
    def store(self) -> GraphStore:
        """The store; opened now if it is not open yet (raises `StoreUnavailable` while it cannot be)."""
        if self._store is None:
            with self._open_lock:
                if self._store is None:
                    self._store = self.settings.open_store()
        return self._store

    def fresh(self) -> None:
        """Clear the caches if another process changed the store (checked every refresh_seconds)."""
        if time.monotonic() - self._checked < self.settings.refresh_seconds:
            return
        with self._check_lock:
            if time.monotonic() - self._checked < self.settings.refresh_seconds:
                return
            mark = [(j.name, j.departments, j.duties) for j in self.store.jurisdictions()]
            if mark != self._fingerprint:
                self.changed()
                self._fingerprint = mark
            self._checked = time.monotonic()

    def peek(self, key: Hashable) -> Any | None:
        """A cached answer without computing or checking the store (None: not cached, or a
        freshness check is due — the caller then takes the ordinary path in a worker thread)."""
        if time.monotonic() - self._checked >= self.settings.refresh_seconds:
            return None
        found = self.answers._fresh(key)
        return found[0] if found else None

    def ready(self, jurisdiction: str | None, at: date | None) -> bool:
        """True when a question about `jurisdiction` at `at` needs no store read: its projection
        is cached and no freshness check is due. Such a question costs about a millisecond."""
        if jurisdiction is None or time.monotonic() - self._checked >= self.settings.refresh_seconds:
            return False
        return self.projections._fresh((jurisdiction, at or date.today())) is not None

    def cached(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        self.fresh()
        return self.answers.get(key, compute)

    def project(self, jurisdiction: str, at: date | None = None) -> nx.MultiDiGraph:
        day = at or date.today()
        self.fresh()
        return self.projections.get((jurisdiction, day), lambda: self._build(jurisdiction, day))

    def view(self, jurisdiction: str, at: date | None = None) -> View:
        """The read model of the cached projection (`queries.view`)."""
        return view_of(self.project(jurisdiction, at))

    def _build(self, jurisdiction: str, day: date) -> nx.MultiDiGraph:
        """A projection with its view and ownership index (what every query of it needs first),
        frozen out of the garbage collector's scans (see the module docstring)."""
        from zhize.queries.ownership import match_index

        graph = self.store.project(jurisdiction, day)
        match_index(view_of(graph))
        release(graph)
        gc.freeze()
        return graph

    def jurisdiction_names(self) -> list[str]:
        return self.cached(("jurisdictions",), lambda: [j.name for j in self.store.jurisdictions()])

    def require_jurisdiction(self, name: str) -> str:
        names = self.jurisdiction_names()
        if name not in names:
            close = [n for n in names if name in n or n in name][:5]
            hint = f"，是否要找：{'、'.join(close)}" if close else f"；库中有：{'、'.join(names[:10]) or '（空）'}"
            raise NotFound(f"没有名为“{name}”的行政区划{hint}")
        return name

    def department_home(self, department: str) -> str:
        """The jurisdiction a department id belongs to (the departments of today's projections,
        listed by the store without projecting every jurisdiction)."""
        def index() -> dict[str, str]:
            return {d.id: d.jurisdiction for d in self.store.departments(None, date.today())}

        home = self.cached(("department-index",), index).get(department)
        if home is None:
            raise NotFound(f"部门 {department} 不在库中")
        return home

    def warm(self, limit: int) -> int:
        """Build today's projections, views and ownership indexes of the first `limit` jurisdictions
        (a projection of a 2,000-duty county takes ~0.1 s; the first `who` about it then needs
        none). Stops early when the resources close; returns how many were warmed."""
        done = 0
        if self._closing.is_set():
            return done
        for name in self.jurisdiction_names()[:limit]:
            if self._closing.is_set():
                break
            self.project(name)
            done += 1
        return done

    def warm_in_background(self, limit: int) -> threading.Thread | None:
        if limit <= 0:
            return None

        def run() -> None:
            try:
                log.info("已预先载入 %d 个行政区划的数据", self.warm(limit))
            except Exception as err:  # a store that is not ready yet: requests will load on demand
                log.warning("预先载入数据未完成：%s", err)

        thread = threading.Thread(target=run, name="zhize-warm", daemon=True)
        thread.start()
        return thread

    def changed(self) -> None:
        """Something was written through this server: forget cached answers."""
        self.projections.clear()
        self.answers.clear()
        gc.unfreeze()  # what the caches dropped can be collected again, cycles included

    def upload_dir(self) -> Path:
        location = self.settings.store
        base = Path("zhize-uploads") if is_neo4j_uri(location) else Path(location + ".uploads")
        return base.resolve()

    def close(self) -> None:
        self._closing.set()
        if self._store is not None:
            self._store.close()
            self._store = None


class CachedReader:
    """The store as questions read it (a `GraphReader`): projections and the list of jurisdictions
    from the server's caches, everything else straight from the store."""

    def __init__(self, res: Resources):
        self._res = res

    def project(self, jurisdiction: str, at: date | None = None) -> nx.MultiDiGraph:
        return self._res.project(jurisdiction, at)

    def jurisdictions(self) -> list[JurisdictionInfo]:
        # Every query starts by checking its jurisdiction: ~2 ms uncached on a 60-county store.
        return self._res.cached(("jurisdiction-infos",), self._res.store.jurisdictions)

    def documents(self, jurisdiction: str | None = None) -> list[DocumentInfo]:
        return self._res.store.documents(jurisdiction)

    def document(self, document: str) -> DocumentInfo:
        return self._res.store.document(document)

    def document_by_source(self, source: str) -> DocumentInfo | None:
        return self._res.store.document_by_source(source)

    def departments(self, jurisdiction: str | None = None, at: date | None = None) -> list[DepartmentInfo]:
        return self._res.store.departments(jurisdiction, at)

    def search_duties(self, query: str, *, jurisdiction: str | None = None, at: date | None = None,
                      limit: int = 50) -> list[DutyHit]:
        return self._res.store.search_duties(query, jurisdiction=jurisdiction, at=at, limit=limit)

    def stats(self) -> Stats:
        return self._res.store.stats()

    def findings(self, where: FindingFilter | None = None) -> list[LedgerEntry]:
        return self._res.store.findings(where)

    def finding(self, finding: str) -> LedgerEntry:
        return self._res.store.finding(finding)

    def tasks(self, jurisdiction: str | None = None) -> list[Task]:
        return self._res.store.tasks(jurisdiction)
