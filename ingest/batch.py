"""Many files and folders → extracts → the store, each document atomic, with a summary.

Re-ingesting an unchanged file is a no-op (its sha256 is already a document: it is not even
parsed again); a changed file replaces what its old version contributed (same source path).
A file that cannot be read is reported with its reason and nothing of it is written; the
other files go on.

Dates: a date the user gives (`issue_date`) is every document's of the run, and dates a known
document too. An undated 三定 that says it is issued under a plan (根据《X机构改革方案》) takes
that plan's date when the plan is in the store or in the run (it is issued after it), flagged as
inferred; such 三定 are loaded after the rest of the run, so that the plan may come later in it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from zhize.graph.errors import InputError, ZhizeError
from zhize.graph.models import ApplyResult
from zhize.graph.records import DocumentKind, Extract, ExtractWarning
from zhize.graph.store import GraphStore
from zhize.ingest.dates import Dated, infer_from_cited
from zhize.ingest.readers import SUFFIXES as SUPPORTED_SUFFIXES

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


def collect(paths: Iterable[str | Path]) -> list[Path]:
    """Supported files among `paths`, folders searched recursively, in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES)
        elif p.exists():
            found.append(p)
        else:
            raise InputError("文件或文件夹不存在", file=str(p))
    return list(dict.fromkeys(found))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_of(path: Path) -> str:
    """The identity of a file across runs: its absolute path (a changed file replaces its old version)."""
    return str(path.resolve())


def _extract_one(path: Path, issue_date: date | None = None) -> Extract | InputError:
    from zhize.ingest.extract import extract_file

    try:
        return extract_file(path, source=source_of(path), issue_date=issue_date).extract
    except InputError as err:
        return err


def extract_all(paths: list[Path], workers: int = 1,
                issue_date: date | None = None) -> Iterator[tuple[Path, Extract | InputError]]:
    """Extract in order; with workers > 1 in that many processes (results still in order)."""
    one = partial(_extract_one, issue_date=issue_date)
    if workers <= 1 or len(paths) < 2:
        for path in paths:
            yield path, one(path)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from zip(paths, pool.map(one, paths, chunksize=4), strict=True)


def ingest(store: GraphStore, paths: Iterable[str | Path], *, workers: int = 1,
           progress: Progress | None = None, issue_date: date | None = None) -> Summary:
    files = collect(paths)
    summary = Summary(files=len(files))
    known = {d.id for d in store.documents()}
    todo = []
    for path in files:
        sha = sha256_of(path)
        if sha in known:
            summary.unchanged += 1
            if issue_date is not None:
                _date_known(store, sha, issue_date, summary)
            if progress:
                progress(path)
        else:
            todo.append(path)
    plans = _dated_plans(store)
    extracts = _dated_after_plans(_extracts(todo, workers, summary, progress, issue_date), plans)
    given = {source_of(p): p for p in todo}  # warnings name the files as the user gave them
    store.apply_many(_noted(extracts, summary, given), on_result=lambda r: _count(r, summary))
    store.flush()
    return summary


def _date_known(store: GraphStore, document: str, issue_date: date, summary: Summary) -> None:
    from zhize.graph.records import DATE_GIVEN

    if store.document(document).issue_date != issue_date:
        store.set_issue_date(document, issue_date, source=DATE_GIVEN)
        summary.dated += 1


def _extracts(paths: list[Path], workers: int, summary: Summary, progress: Progress | None,
              issue_date: date | None = None) -> Iterator[Extract]:
    for path, result in extract_all(paths, workers, issue_date):
        if progress:
            progress(path)
        if isinstance(result, ZhizeError):
            summary.failed.append((str(path), str(result)))
            continue
        yield result


def _noted(extracts: Iterable[Extract], summary: Summary, given: dict[str, Path]) -> Iterator[Extract]:
    for extract in extracts:
        source = extract.document.source or ""
        _note(extract, given.get(source, Path(source)), summary)
        yield extract


def _dated_plans(store: GraphStore) -> list[Dated]:
    return [Dated(d.title, d.issue_date) for d in store.documents()
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
