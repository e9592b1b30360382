"""Many files and folders → extracts → the store, each document atomic, with a summary.

Every file is collected once (`collect`, by the caller), read and hashed once (`SourceFile`):
re-ingesting an unchanged file is a no-op (its sha256 is already a document: it is not parsed
again); a changed file replaces what its old version contributed (same source path). A file that
cannot be read is reported with its reason and nothing of it is written; the other files go on.

Dates: a date the user gives (`issue_date`) is every document's of the run, and dates a known
document too. An undated 三定 that says it is issued under a plan (根据《X机构改革方案》) takes
that plan's date when the plan is in the store or in the run (it is issued after it), flagged as
inferred; such 三定 are loaded after the rest of the run, so that the plan may come later in it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from zhize.graph.errors import InputError, ZhizeError
from zhize.graph.models import ApplyResult, DocumentInfo
from zhize.graph.records import DocumentKind, Extract, ExtractWarning
from zhize.graph.store import GraphStore
from zhize.ingest.dates import Dated, infer_from_cited
from zhize.ingest.readers import SUFFIXES as SUPPORTED_SUFFIXES
from zhize.ingest.readers import SourceFile

Progress = Callable[[Path], None]


@dataclass(frozen=True)
class FileWarning:
    file: str
    clause: str
    code: str
    message: str


@dataclass
class Summary:
    files: int = 0
    loaded: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    records: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    warnings: list[FileWarning] = field(default_factory=list)
    dated: int = 0  # documents already loaded that took the date given


# Word and WPS leave a small owner file "~$名称.docx" beside a document while it is open: not a document.
_OFFICE_LOCK = "~$"


def collect(paths: Iterable[str | Path]) -> list[Path]:
    """Supported files among `paths`, folders searched recursively, in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                            and not f.name.startswith(_OFFICE_LOCK))
        elif p.exists():
            found.append(p)
        else:
            raise InputError("文件或文件夹不存在", file=str(p))
    return list(dict.fromkeys(found))


def source_of(path: Path) -> str:
    """The identity of a file across runs: its absolute path (a changed file replaces its old version)."""
    return str(path.resolve())


@dataclass(frozen=True)
class Known:
    """A file whose bytes are already a document of the store: read and hashed, not parsed."""

    sha256: str


Result = Extract | Known | InputError

# The documents already in the store, in each worker process of a parallel run (set once per
# process by the pool's initializer, rather than sent along with every file).
_known_here: frozenset[str] = frozenset()


def _remember(known: frozenset[str]) -> None:
    global _known_here
    _known_here = known


def _extract_one(path: Path, issue_date: date | None = None, known: frozenset[str] | None = None) -> Result:
    """One file: read and hashed once; parsed only when its sha256 is not `known`."""
    from zhize.ingest.extract import extract_file

    try:
        file = SourceFile.read(path)
        if file.sha256 in (_known_here if known is None else known):
            return Known(file.sha256)
        return extract_file(file, source=source_of(path), issue_date=issue_date).extract
    except InputError as err:
        return err


def _results(paths: Sequence[Path], workers: int, issue_date: date | None,
             known: frozenset[str]) -> Iterator[tuple[Path, Result]]:
    """Each file's result in order; with workers > 1 in that many processes (results still in order)."""
    if workers <= 1 or len(paths) < 2:
        for path in paths:
            yield path, _extract_one(path, issue_date, known)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_remember, initargs=(known,)) as pool:
        yield from zip(paths, pool.map(partial(_extract_one, issue_date=issue_date), paths, chunksize=4),
                       strict=True)


def extract_all(paths: Sequence[Path], workers: int = 1,
                issue_date: date | None = None) -> Iterator[tuple[Path, Extract | InputError]]:
    """Extract every file in order (nothing is known: every file is parsed)."""
    for path, result in _results(paths, workers, issue_date, frozenset()):
        if not isinstance(result, Known):  # never: nothing is known
            yield path, result


def ingest(store: GraphStore, files: Sequence[Path], *, workers: int = 1,
           progress: Progress | None = None, issue_date: date | None = None) -> Summary:
    """Extract and load `files` as `collect` found them (the caller collects once, and knows how
    many there are before the work starts)."""
    summary = Summary(files=len(files))
    documents = store.documents()
    known = frozenset(d.id for d in documents)
    plans = _dated_plans(documents)
    dated_again: list[str] = []  # known documents that take the date given, once the new ones are in
    extracts = _dated_after_plans(_extracts(files, workers, summary, progress, issue_date, known, dated_again),
                                  plans)
    given = {source_of(p): p for p in files}  # warnings name the files as the user gave them
    store.apply_many(_noted(extracts, summary, given), on_result=lambda r: _count(r, summary))
    if issue_date is not None:
        for sha in dated_again:
            _date_known(store, sha, issue_date, summary)
    store.flush()
    return summary


def _date_known(store: GraphStore, document: str, issue_date: date, summary: Summary) -> None:
    from zhize.graph.records import DATE_GIVEN

    if store.document(document).issue_date != issue_date:
        store.set_issue_date(document, issue_date, source=DATE_GIVEN)
        summary.dated += 1


def _extracts(paths: Sequence[Path], workers: int, summary: Summary, progress: Progress | None,
              issue_date: date | None, known: frozenset[str], dated_again: list[str]) -> Iterator[Extract]:
    for path, result in _results(paths, workers, issue_date, known):
        if progress:
            progress(path)
        if isinstance(result, Known):
            summary.unchanged += 1
            dated_again.append(result.sha256)
            continue
        if isinstance(result, ZhizeError):
            summary.failed.append((str(path), str(result)))
            continue
        yield result


def _noted(extracts: Iterable[Extract], summary: Summary, given: dict[str, Path]) -> Iterator[Extract]:
    for extract in extracts:
        source = extract.document.source or ""
        _note(extract, given.get(source, Path(source)), summary)
        yield extract


def _dated_plans(documents: list[DocumentInfo]) -> list[Dated]:
    return [Dated(d.title, d.issue_date) for d in documents
            if d.kind == DocumentKind.REFORM and d.issue_date is not None]


def _dated_after_plans(extracts: Iterable[Extract], plans: list[Dated]) -> Iterator[Extract]:
    """The extracts in order, an undated 三定 citing a plan held back to the end and dated by the
    plan when it is known by then (in the store or in this run)."""
    waiting = []
    for extract in extracts:
        doc = extract.document
        if doc.kind == DocumentKind.REFORM and doc.issue_date is not None:
            plans.append(Dated(doc.title, doc.issue_date))
        if doc.issue_date is None and doc.cites and doc.kind == DocumentKind.SANDING:
            waiting.append(extract)
            continue
        yield extract
    for extract in waiting:
        yield inferred_date(extract, plans)


def inferred_date(extract: Extract, plans: Iterable[Dated]) -> Extract:
    """An undated 三定 dated by the plan it cites (the latest, when it cites several), flagged."""
    plan = infer_from_cited(extract.document.cites, plans)
    if plan is None:
        return extract
    document = extract.document.model_copy(update={"issue_date": plan.day,
                                                   "date_source": f"推定：晚于《{plan.title}》"})
    note = ExtractWarning(code="document.date_inferred", message=(
        f"未找到印发日期；所依据的《{plan.title}》印发于 {plan.day.isoformat()}，三定在其后，暂按该日期入库，"
        "请核对（可用 zhize documents set 文档编号 --date 日期 更正）"))
    warnings = [w for w in extract.warnings if w.code != "document.no_date"] + [note]
    return extract.model_copy(update={"document": document, "warnings": warnings})


def _note(extract: Extract, path: Path, summary: Summary) -> None:
    summary.kinds[extract.document.kind.value] += 1
    for name in ("departments", "units", "duties", "boundaries", "staffing", "events"):
        summary.records[name] += len(getattr(extract, name))
    summary.warnings += [_file_warning(path, w) for w in extract.warnings]


def _file_warning(path: Path, w: ExtractWarning) -> FileWarning:
    return FileWarning(file=str(path), clause=w.clause, code=w.code, message=w.message)


def _count(result: ApplyResult, summary: Summary) -> None:
    if result.replaced:
        summary.replaced += 1
    elif result.changed:
        summary.loaded += 1
    else:
        summary.unchanged += 1
