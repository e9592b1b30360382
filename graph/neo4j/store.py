"""The Neo4j store: the `GraphStore` port on a Neo4j 5 server, same behaviour as the SQLite store.

Every call is one managed transaction on the process's shared driver. Constructing the store
connects, and creates the constraints and the full-text index if they are missing; a server that
cannot be reached raises `StoreUnavailable` with a hint, within seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timezone
from typing import Any, TypeVar

import neo4j
import networkx as nx
from neo4j.exceptions import ClientError, ConstraintError

from zhize.graph.errors import InputError, NotFound, StoreUnavailable
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
from zhize.graph.neo4j import connection, ledger, read, tasks, write
from zhize.graph.records import Extract

DEFAULT_USER = "neo4j"
# The password docker-compose.yml gives a new server when NEO4J_PASSWORD is not set.
DEFAULT_PASSWORD = "zhize-password"

T = TypeVar("T")


def _now() -> datetime:
    return datetime.now().astimezone()


class Neo4jStore:
    def __init__(self, uri: str, user: str = DEFAULT_USER, password: str = DEFAULT_PASSWORD,
                 database: str | None = None):
        """Credentials come from the caller (the settings, api.settings): the store reads no environment."""
        self.uri = uri
        self._auth = (user, password)
        self._database = database
        self._driver = connection.connect(uri, self._auth, database)
        self._closed = False

    def _use(self, work: Callable[[neo4j.Session], T]) -> T:
        """Run `work` with a session of this store, a lost server becoming `StoreUnavailable`."""
        if self._closed:
            raise StoreUnavailable(f"Neo4j 存储 {self.uri} 已关闭")

        def go() -> T:
            with connection.session(self._driver, self._database) as s:
                return work(s)

        return connection.translating(self.uri, go)

    def _write(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return self._use(lambda s: s.execute_write(work, *args, **kwargs))

    def _read(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return self._use(lambda s: s.execute_read(work, *args, **kwargs))

    # -- documents ---------------------------------------------------------------------------
    def apply(self, extract: Extract) -> ApplyResult:
        return self._apply(extract, replace_source=False)

    def apply_many(self, extracts: Iterable[Extract], *, replace_source: bool = True,
                   on_result: Callable[[ApplyResult], None] | None = None) -> list[ApplyResult]:
        """One transaction per document: each is committed before `on_result` hears of it, and a
        bad document raises with the ones before it committed."""
        done = []
        for extract in extracts:
            result = self._apply(extract, replace_source=replace_source)
            done.append(result)
            if on_result:
                on_result(result)
        return done

    def _apply(self, extract: Extract, *, replace_source: bool) -> ApplyResult:
        try:
            return self._write(write.apply_document, extract, datetime.now(timezone.utc), replace_source)
        except ConstraintError:
            # Loaded concurrently by another process: then this call is the no-op it would have been.
            if self._read(write.has_document, extract.document.sha256):
                return ApplyResult(document=extract.document.sha256, changed=False)
            raise

    def replace(self, old_document: str, extract: Extract) -> ApplyResult:
        return self._write(write.replace_document, old_document, extract, datetime.now(timezone.utc))

    def remove(self, document: str) -> None:
        self._write(write.remove_document, document)

    def set_issue_date(self, document: str, issue_date: date | None, *, source: str | None = None) -> DocumentInfo:
        self._write(write.set_issue_date, document, issue_date, source)
        return self.document(document)

    def flush(self) -> None:
        # Index updates are part of each commit; only a full-text index still populating waits.
        self._use(connection.await_indexes)

    # -- reading -----------------------------------------------------------------------------
    def documents(self, jurisdiction: str | None = None) -> list[DocumentInfo]:
        return self._read(read.documents, jurisdiction)

    def document(self, document: str) -> DocumentInfo:
        found = self._read(read.document, document)
        if found is None:
            raise NotFound(f"文档 {document} 不在库中")
        return found

    def document_by_source(self, source: str) -> DocumentInfo | None:
        return self._read(read.document_by_source, source)

    def jurisdictions(self) -> list[JurisdictionInfo]:
        return self._read(read.jurisdictions)

    def departments(self, jurisdiction: str | None = None, at: date | None = None) -> list[DepartmentInfo]:
        return self._read(read.departments, jurisdiction, at or date.today())

    def search_duties(self, query: str, *, jurisdiction: str | None = None, at: date | None = None,
                      limit: int = 50) -> list[DutyHit]:
        q = query.strip()
        if not q:
            raise InputError("查询内容不能为空")
        day = at or date.today()
        if read.fulltext_phrase(q):
            try:
                return self._read(self._search, q, jurisdiction, day, limit, True)
            except ClientError as err:
                if not connection.index_trouble(err):
                    raise
                # the full-text index is missing or not online yet: scan instead
        return self._read(self._search, q, jurisdiction, day, limit, False)

    @staticmethod
    def _search(tx: Any, q: str, jurisdiction: str | None, at: date, limit: int, use_index: bool
                ) -> list[DutyHit]:
        return read.search(tx, q, jurisdiction, at, limit, use_index=use_index)

    def project(self, jurisdiction: str, at: date | None = None) -> nx.MultiDiGraph:
        return self._read(read.projection, jurisdiction, at or date.today())

    def stats(self) -> Stats:
        return self._read(read.stats)

    # -- ledger ------------------------------------------------------------------------------
    def record_check(self, jurisdiction: str, findings: list[Finding], *, actor: str,
                     at: datetime | None = None, detectors: list[str] | None = None) -> CheckSummary:
        return self._write(ledger.record_check, jurisdiction, findings, actor, at or _now(), detectors)

    def findings(self, where: FindingFilter | None = None) -> list[LedgerEntry]:
        return self._read(ledger.select, where or FindingFilter())

    def finding(self, finding: str) -> LedgerEntry:
        return self._read(ledger.get, finding)

    def transition(self, finding: str, change: Transition, *, actor: str,
                   at: datetime | None = None) -> LedgerEntry:
        fid = self._write(ledger.transition, finding, change, actor, at or _now())
        return self.finding(fid)

    def annotate(self, finding: str, fields: LedgerFields, *, actor: str,
                 at: datetime | None = None) -> LedgerEntry:
        fid = self._write(ledger.annotate, finding, fields, actor, at or _now())
        return self.finding(fid)

    # -- user tasks --------------------------------------------------------------------------
    def add_task(self, jurisdiction: str | None, text: str, actor: str) -> Task:
        return self._write(tasks.add, jurisdiction, text, actor, _now())

    def tasks(self, jurisdiction: str | None = None) -> list[Task]:
        return self._read(tasks.select, jurisdiction)

    def clear(self) -> None:
        """Delete everything in the database (the contract tests own the one they are pointed at).
        Constraints and indexes stay."""
        self._write(connection.run, "clear_database")

    def close(self) -> None:
        # The driver is shared by the process (closed at exit); this store just stops using it.
        self._closed = True

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
