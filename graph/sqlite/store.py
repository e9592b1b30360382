"""The embedded store: one SQLite file (WAL), one transaction per document, no server needed."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import networkx as nx

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
from zhize.graph.records import Extract, ensure_sound
from zhize.graph.sqlite import db, ledger, read, search_index, tasks, write

# apply_many commits a group of documents once it holds this many duties or is this old.
GROUP_DUTIES = 20_000
GROUP_SECONDS = 2.0
# close() waits this long for the search index to catch up (~150,000 duties/s).
CLOSE_WAIT = 30.0
# The background indexer checkpoints the write-ahead log after every commit it hears of (see
# search_index.Indexer). The writer checkpoints too, but only once the log holds this many pages
# (16 MB): a stalled indexer cannot let the log grow without bound, and the log is restarted from
# its beginning (only a writer can do that, after a checkpoint of its own). Measured at 400k
# duties: COMMIT 3.3 -> 1.4 us per duty, log file 8 -> 31 MB.
WRITER_CHECKPOINT_PAGES = 4_096


def _now() -> datetime:
    return datetime.now().astimezone()


class SqliteStore:
    """`create=False`: a file that does not exist is an error, not a new empty store. A file this
    process may not write (or in a folder it may not write) is opened read-only: every read
    works, every write says the store is read-only."""

    def __init__(self, path: Path | str, *, create: bool = True):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreUnavailable(f"数据库文件 {self.path} 不存在：请检查 --store 或环境变量 ZHIZE_STORE "
                                   "给出的路径；要新建数据库，请用 zhize ingest 文件夹（或 zhize load）载入文件，"
                                   "或运行 zhize demo 载入示例县")
        self.read_only = not db.is_writable(self.path)
        self._con = db.connect(self.path, read_only=self.read_only)
        self._lock = threading.RLock()
        with self._lock:
            self._migrate()
        if not self.read_only:
            self._con.execute(f"PRAGMA wal_autocheckpoint = {WRITER_CHECKPOINT_PAGES:d}")
        # Searches read on their own connection, with the index file attached (never attached to
        # the writing connection: its BEGIN IMMEDIATE would lock the index file too).
        self._search_con = db.connect(self.path, read_only=self.read_only)
        self._search_lock = threading.Lock()
        self._attach_index()
        self._indexer = _NoIndexer() if self.read_only else search_index.Indexer(self.path)
        self._numbers: write.Numbers | None = None  # of the write transaction in progress
        self._indexer.nudge()  # whatever an earlier process left unindexed

    def _migrate(self) -> None:
        try:
            db.migrate(self._con)
        except sqlite3.Error as err:
            if self.read_only:
                raise StoreUnavailable(f"数据库文件 {self.path} 是只读的，且需要升级到新版本的格式才能打开："
                                       "请用有写权限的账户运行一次 Zhize") from None
            raise db.translated(err, self.path) from None

    def _attach_index(self) -> None:
        """The index file on the search connection (see search_index: a corrupt one is set aside)."""
        self._index_file = search_index.file_id(self.path)
        try:
            if self.read_only:
                search_index.attach_read_only(self._search_con, self.path)
            else:
                search_index.attach_repairing(self._search_con, self.path)
        except sqlite3.Error as err:
            raise StoreUnavailable(f"无法打开检索索引文件 {search_index.index_path(self.path)}："
                                   f"{db.describe_error(err)}（可删除该文件，系统会自动重建）") from None
        self._index_file = search_index.file_id(self.path)

    def _reattach_index(self, corrupt: bool = False) -> None:
        """Attach the index file anew: it was found corrupt, or it was replaced (the indexer or
        another process set a corrupt one aside)."""
        self._search_con.execute("DETACH DATABASE search")
        if corrupt:
            search_index.set_aside(self.path, self._index_file)
        self._attach_index()

    def _writable(self) -> None:
        if self.read_only:
            raise StoreUnavailable(f"数据库文件 {self.path} 是只读的：可以查询，不能写入"
                                   "（请检查文件和所在文件夹的写权限）")

    # -- documents ---------------------------------------------------------------------------
    def apply(self, extract: Extract) -> ApplyResult:
        self._writable()
        with self._lock, _translating(self.path):
            with self._writing():
                result = self._apply_one(extract, replace_source=False)
        self._indexer.nudge()
        return result

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction, with fresh numbers for the documents it writes."""
        with db.transaction(self._con):
            self._numbers = write.Numbers.read(self._con)
            yield
            self._numbers.save(self._con)

    def apply_many(self, extracts: Iterable[Extract], *, replace_source: bool = True,
                   on_result: Callable[[ApplyResult], None] | None = None,
                   group_duties: int = GROUP_DUTIES) -> list[ApplyResult]:
        """Each document is atomic (its own savepoint). For speed, documents are committed in
        groups of about `group_duties` duties or `GROUP_SECONDS`; a killed process loses the
        uncommitted group, never part of a document. `on_result` hears of each document once
        it is committed. A bad document raises after the ones before it are committed (unless
        the failure took their transaction with it: a full disk, an I/O error)."""
        self._writable()
        done: list[ApplyResult] = []
        with self._lock, _translating(self.path):
            waiting: list[ApplyResult] = []
            self._begin_group()
            started, duties = time.monotonic(), 0
            try:
                for extract in extracts:
                    waiting.append(self._savepoint(extract, replace_source))
                    duties += len(extract.duties)
                    if duties >= group_duties or time.monotonic() - started > GROUP_SECONDS:
                        self._commit_group(waiting, done, on_result)
                        self._begin_group()
                        started, duties = time.monotonic(), 0
            except BaseException:
                self._close_group_after_error(waiting, done, on_result)
                raise
            self._commit_group(waiting, done, on_result)
        return done

    def _close_group_after_error(self, waiting: list[ApplyResult], done: list[ApplyResult],
                                 on_result: Callable[[ApplyResult], None] | None) -> None:
        """Commit the documents before the one that failed, if SQLite still holds their
        transaction; never let a second failure here hide the first."""
        if not self._con.in_transaction:
            waiting.clear()  # rolled back by SQLite itself: nobody is told they were loaded
            return
        try:
            self._commit_group(waiting, done, on_result)
        except Exception:
            waiting.clear()

    def _savepoint(self, extract: Extract, replace_source: bool) -> ApplyResult:
        self._con.execute("SAVEPOINT document")
        try:
            result = self._apply_one(extract, replace_source)
        except BaseException:
            if self._con.in_transaction:  # else SQLite rolled everything back itself (a full disk)
                self._con.execute("ROLLBACK TO document")
                self._con.execute("RELEASE document")
            raise
        self._con.execute("RELEASE document")
        return result

    def _begin_group(self) -> None:
        self._con.execute("BEGIN IMMEDIATE")
        self._numbers = write.Numbers.read(self._con)

    def _commit_group(self, waiting: list[ApplyResult], done: list[ApplyResult],
                      on_result: Callable[[ApplyResult], None] | None) -> None:
        try:
            self._numbers.save(self._con)
            self._con.execute("COMMIT")
        except BaseException:
            db.rollback(self._con)
            raise
        for result in waiting:
            done.append(result)
            if on_result:
                on_result(result)
        waiting.clear()
        self._indexer.nudge()

    def _apply_one(self, extract: Extract, replace_source: bool) -> ApplyResult:
        doc = extract.document.sha256
        if self._has(doc):
            return ApplyResult(document=doc, changed=False)
        old = self._same_source(extract) if replace_source else None
        touched = self._delete(old) if old else set()
        counts = self._write(extract, touched)
        return ApplyResult(document=doc, changed=True, replaced=old, counts=counts)

    def _same_source(self, extract: Extract) -> str | None:
        source = extract.document.source
        if not source:
            return None
        row = self._con.execute("SELECT id FROM document WHERE source = ? ORDER BY seq DESC LIMIT 1",
                                (source,)).fetchone()
        return row[0] if row else None

    def replace(self, old_document: str, extract: Extract) -> ApplyResult:
        doc = extract.document.sha256
        self._writable()
        with self._lock, _translating(self.path):
            with self._writing():
                if not self._has(old_document):
                    raise NotFound(f"要替换的文档 {old_document} 不在库中")
                touched = self._delete(old_document)  # the same document: its records derived again
                if old_document != doc and self._has(doc):  # the new version was already loaded under another name
                    write.refresh_validity(self._con, touched)
                    return ApplyResult(document=doc, changed=True, replaced=old_document)
                counts = self._write(extract, touched)
        self._indexer.nudge()
        return ApplyResult(document=doc, changed=True, replaced=old_document, counts=counts)

    def remove(self, document: str) -> None:
        self._writable()
        with self._lock, _translating(self.path), db.transaction(self._con):
            if not self._has(document):
                raise NotFound(f"文档 {document} 不在库中")
            write.refresh_validity(self._con, self._delete(document))
        self._indexer.nudge()

    def set_issue_date(self, document: str, issue_date: date | None, *, source: str | None = None) -> DocumentInfo:
        with self._lock, db.transaction(self._con):
            if not self._has(document):
                raise NotFound(f"文档 {document} 不在库中")
            write.refresh_validity(self._con, write.set_issue_date(self._con, document, issue_date, source))
        return self.document(document)

    def _delete(self, document: str) -> set[str]:
        return write.delete_document(self._con, document, self._indexer.garbage_done)

    def flush(self, timeout: float | None = None) -> None:
        """Wait until the search index holds everything committed (searches are complete
        without it, only slower)."""
        self._indexer.nudge()
        self._indexer.wait(timeout)
        error = self._indexer.error
        if error is not None:
            reason = db.describe_error(error) if isinstance(error, sqlite3.Error) else str(error)
            raise StoreUnavailable(f"检索索引 {search_index.index_path(self.path)} 更新失败："
                                   f"{reason}（可删除该文件，系统会自动重建）")

    def _has(self, document: str) -> bool:
        return self._con.execute("SELECT 1 FROM document WHERE id = ?", (document,)).fetchone() is not None

    def _write(self, extract: Extract, touched: set[str] = frozenset()) -> dict[str, int]:
        ensure_sound(extract, references=False)
        try:
            declared = write.write_document(self._con, extract, self._numbers)
        except KeyError:  # writing looks every department and unit up: a miss names the first one
            ensure_sound(extract)
            raise
        write.refresh_validity(self._con, set(touched) | declared, lifetimes=bool(touched or extract.events))
        return write.counts_of(extract)

    # -- reading -----------------------------------------------------------------------------
    def documents(self, jurisdiction: str | None = None) -> list[DocumentInfo]:
        with self._lock:
            return read.documents(self._con, jurisdiction)

    def document(self, document: str) -> DocumentInfo:
        with self._lock:
            found = read.document(self._con, "id", document)
        if found is None:
            raise NotFound(f"文档 {document} 不在库中")
        return found

    def document_by_source(self, source: str) -> DocumentInfo | None:
        with self._lock:
            return read.document(self._con, "source", source)

    def jurisdictions(self) -> list[JurisdictionInfo]:
        with self._lock:
            return read.jurisdictions(self._con)

    def departments(self, jurisdiction: str | None = None, at: date | None = None) -> list[DepartmentInfo]:
        with self._lock:
            return read.departments(self._con, jurisdiction, at or date.today())

    def search_duties(self, query: str, *, jurisdiction: str | None = None, at: date | None = None,
                      limit: int = 50) -> list[DutyHit]:
        q = query.strip()
        if not q:
            raise InputError("查询内容不能为空")
        with self._search_lock, _translating(self.path):
            if not self.read_only and search_index.file_id(self.path) != self._index_file:
                self._reattach_index()  # set aside as corrupt (by the indexer or another process)
            try:
                return self._search(q, jurisdiction, at, limit)
            except sqlite3.DatabaseError as err:
                if self.read_only or not search_index.is_corrupt(err):
                    raise
            self._reattach_index(corrupt=True)
            return self._search(q, jurisdiction, at, limit)

    def _search(self, q: str, jurisdiction: str | None, at: date | None, limit: int) -> list[DutyHit]:
        with db.read_transaction(self._search_con):  # one snapshot of store and index: see read._store_wide
            return read.search(self._search_con, q, jurisdiction, at or date.today(), limit)

    def project(self, jurisdiction: str, at: date | None = None) -> nx.MultiDiGraph:
        with self._lock:
            return read.project(self._con, jurisdiction, at or date.today())

    def stats(self) -> Stats:
        with self._lock:
            return read.stats(self._con)

    # -- ledger ------------------------------------------------------------------------------
    def record_check(self, jurisdiction: str, findings: list[Finding], *, actor: str,
                     at: datetime | None = None, detectors: list[str] | None = None) -> CheckSummary:
        self._writable()
        with self._lock, _translating(self.path), db.transaction(self._con):
            summary = ledger.record_check(self._con, jurisdiction, findings, actor, at or _now(), detectors)
        self._indexer.nudge()  # nothing to index: the log of this write gets checkpointed
        return summary

    def findings(self, where: FindingFilter | None = None) -> list[LedgerEntry]:
        with self._lock:
            return ledger.select(self._con, where or FindingFilter())

    def finding(self, finding: str) -> LedgerEntry:
        with self._lock:
            return ledger.get(self._con, finding)

    def transition(self, finding: str, change: Transition, *, actor: str,
                   at: datetime | None = None) -> LedgerEntry:
        self._writable()
        with self._lock, _translating(self.path):
            with db.transaction(self._con):
                fid = ledger.transition(self._con, finding, change, actor, at or _now())
            entry = ledger.get(self._con, fid)
        self._indexer.nudge()
        return entry

    def annotate(self, finding: str, fields: LedgerFields, *, actor: str,
                 at: datetime | None = None) -> LedgerEntry:
        with self._lock:
            with db.transaction(self._con):
                fid = ledger.annotate(self._con, finding, fields, actor, at or _now())
            entry = ledger.get(self._con, fid)
        self._indexer.nudge()
        return entry

    # -- user tasks --------------------------------------------------------------------------
    def add_task(self, jurisdiction: str | None, text: str, actor: str) -> Task:
        self._writable()
        with self._lock, _translating(self.path), db.transaction(self._con):
            task = tasks.add(self._con, jurisdiction, text, actor, _now())
        self._indexer.nudge()
        return task

    def tasks(self, jurisdiction: str | None = None) -> list[Task]:
        with self._lock:
            return tasks.select(self._con, jurisdiction)

    def close(self) -> None:
        """Finishes the index first (bounded), so the next process searches it whole."""
        self._indexer.wait(CLOSE_WAIT)
        with self._lock, self._search_lock:
            self._con.close()
            self._search_con.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()



@contextmanager
def _translating(path: Path) -> Iterator[None]:
    """SQLite's errors (a full disk, a read-only or locked file) as one Chinese sentence."""
    try:
        yield
    except sqlite3.Error as err:
        raise db.translated(err, path) from None


class _NoIndexer:
    """A read-only store's indexer: nothing to index."""

    garbage_done = 0
    error = None

    def nudge(self) -> None:
        pass

    def wait(self, timeout: float | None = None) -> bool:
        return True
