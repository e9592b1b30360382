"""The store port: the one interface the rest of Zhize uses to read and write the graph.

Two implementations keep the same observable behaviour (one contract test suite runs on both):
`graph.sqlite.store.SqliteStore`, the embedded default, and `graph.neo4j.store.Neo4jStore` for a server.

Time: every read takes `at` (default: today). A 三定 is in force from its issue date until the
next 三定 of the same department, or until that department is abolished or renamed; holdings of
a superseded 三定 are closed, never deleted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

import networkx as nx

from zhize.graph.ledger import Transition
from zhize.graph.models import (
    ApplyResult,
    CheckSummary,
    DepartmentInfo,
    DocumentInfo,
    DutyHit,
    Finding,
    FindingFilter,
    JurisdictionInfo,
    LedgerEntry,
    LedgerFields,
    Stats,
    Task,
)
from zhize.graph.records import Extract


@runtime_checkable
class GraphReader(Protocol):
    """The reading half of the port: what questions, pages and reports need. Every store is one;
    so is the HTTP server's cache of projections (`api.service.CachedReader`)."""

    def documents(self, jurisdiction: str | None = None) -> list[DocumentInfo]: ...

    def document(self, document: str) -> DocumentInfo:
        """Raises `NotFound`."""

    def document_by_source(self, source: str) -> DocumentInfo | None: ...

    def jurisdictions(self) -> list[JurisdictionInfo]: ...

    def departments(self, jurisdiction: str | None = None, at: date | None = None) -> list[DepartmentInfo]:
        """The departments `project(J, at)` would hold, for one jurisdiction (by name) or all, with the
        number of duties each holds in force at `at` — without projecting. Ordered by jurisdiction,
        active before ended, then name."""

    def search_duties(
        self, query: str, *, jurisdiction: str | None = None, at: date | None = None, limit: int = 50
    ) -> list[DutyHit]:
        """Duties whose text contains `query` (any length ≥ 1), held at `at`."""

    def project(self, jurisdiction: str, at: date | None = None) -> nx.MultiDiGraph:
        """One jurisdiction at one date as a networkx graph (see `graph.projection`)."""

    def stats(self) -> Stats: ...

    # -- the findings ledger --
    def findings(self, where: FindingFilter | None = None) -> list[LedgerEntry]: ...

    def finding(self, finding: str) -> LedgerEntry:
        """By id or by number (2026-015), with its full history. Raises `NotFound`."""

    # -- user tasks --
    def tasks(self, jurisdiction: str | None = None) -> list[Task]:
        """Every task (None), or the tasks that apply to `jurisdiction`: its own and those for
        every jurisdiction. Oldest first."""


@runtime_checkable
class GraphStore(GraphReader, Protocol):
    """A store: the reading half, and every write (documents, the ledger, tasks)."""

    # -- writing documents (each call is atomic: all of the document or nothing) --
    def apply(self, extract: Extract) -> ApplyResult:
        """Load one document. Loading a document already present (same sha256) changes nothing."""

    def apply_many(self, extracts: Iterable[Extract], *, replace_source: bool = True,
                   on_result: Callable[[ApplyResult], None] | None = None) -> list[ApplyResult]:
        """Load documents in order, each atomic. With `replace_source`, a document whose
        `source` is already loaded with other content replaces that old version. A store may
        commit several documents per transaction (SQLite does, for speed): `on_result` hears of
        a document once it is committed; a killed process loses documents not yet committed,
        never part of one. A bad document raises after the ones before it are committed."""

    def replace(self, old_document: str, extract: Extract) -> ApplyResult:
        """Swap what `old_document` contributed for what `extract` contributes, in one transaction."""

    def remove(self, document: str) -> None:
        """Take out everything the document contributed."""

    def set_issue_date(self, document: str, issue_date: date | None, *, source: str | None = None) -> DocumentInfo:
        """Date a document (an undated one, or one whose date was read wrong) and everything in it,
        and re-derive what depends on dates (department lifetimes, 三定 validity). `None` makes it
        undated. Raises `NotFound`."""

    def flush(self) -> None:
        """Finish deferred index work (search is correct without it, only slower)."""

    # -- the findings ledger (nothing is ever deleted) --
    def record_check(
        self, jurisdiction: str, findings: list[Finding], *, actor: str, at: datetime | None = None,
        detectors: list[str] | None = None,
    ) -> CheckSummary:
        """Merge one check run of `jurisdiction` into the ledger (see `graph.ledger.plan_check`)."""

    def transition(
        self, finding: str, change: Transition, *, actor: str, at: datetime | None = None
    ) -> LedgerEntry:
        """Change a finding's status (`finding`: id or number); raises `LedgerError` if the
        workflow forbids it. Closing sets `closed_at`; reopening clears it."""

    def annotate(
        self, finding: str, fields: LedgerFields, *, actor: str, at: datetime | None = None
    ) -> LedgerEntry:
        """Write the ledger columns an office fills in (责任单位, 整改措施, 责任人, 整改进展); the
        columns that changed become one history step (status unchanged, `edits` set). Raises
        `NotFound`, or `LedgerError` for a text that is too long."""

    # -- user tasks (新增任务; never deleted) --
    def add_task(self, jurisdiction: str | None, text: str, actor: str) -> Task:
        """Record a task some department must carry out; `jurisdiction` None means every one.
        Adding the same text for the same jurisdiction again returns the task already there.
        An empty text is an `InputError`."""

    def close(self) -> None: ...


def is_neo4j_uri(location: str) -> bool:
    return location.split("://", 1)[0] in {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}


def open_store(location: str | os.PathLike[str], *, create: bool = True, **neo4j_auth: str) -> GraphStore:
    """Open the store at a path (SQLite) or a bolt://, neo4j:// URI (Neo4j). `create=False`: a
    SQLite file that does not exist is an error (`StoreUnavailable`), not a new empty store.
    Nothing here reads the environment: the edge (api.settings) says where and as whom."""
    where = str(location)
    if is_neo4j_uri(where):
        from zhize.graph.neo4j import Neo4jStore

        return Neo4jStore(where, **neo4j_auth)
    from zhize.graph.sqlite import SqliteStore

    return SqliteStore(Path(where), create=create)


def today() -> date:
    return date.today()
