"""Many files and folders → extracts → the store, each document atomic, with a summary.

Re-ingesting an unchanged file is a no-op (its sha256 is already a document: it is not even
parsed again); a changed file replaces what its old version contributed (same source path).
A file that cannot be read is reported with its reason and nothing of it is written; the
other files go on.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from zhize.graph.errors import InputError, ZhizeError
from zhize.graph.models import ApplyResult
from zhize.graph.records import Extract, ExtractWarning
from zhize.graph.store import GraphStore
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


def _extract_one(path: Path) -> Extract | InputError:
    from zhize.ingest.extract import extract_file

    try:
        return extract_file(path, source=source_of(path)).extract
    except InputError as err:
        return err


def extract_all(paths: list[Path], workers: int = 1) -> Iterator[tuple[Path, Extract | InputError]]:
    """Extract in order; with workers > 1 in that many processes (results still in order)."""
    if workers <= 1 or len(paths) < 2:
        for path in paths:
            yield path, _extract_one(path)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from zip(paths, pool.map(_extract_one, paths, chunksize=4), strict=True)


def ingest(store: GraphStore, paths: Iterable[str | Path], *, workers: int = 1,
           progress: Progress | None = None) -> Summary:
    files = collect(paths)
    summary = Summary(files=len(files))
    known = {d.id for d in store.documents()}
    todo = []
    for path in files:
        if sha256_of(path) in known:
            summary.unchanged += 1
            if progress:
                progress(path)
        else:
            todo.append(path)
    store.apply_many(_extracts(todo, workers, summary, progress), on_result=lambda r: _count(r, summary))
    store.flush()
    return summary


def _extracts(paths: list[Path], workers: int, summary: Summary, progress: Progress | None) -> Iterator[Extract]:
    for path, result in extract_all(paths, workers):
        if progress:
            progress(path)
        if isinstance(result, ZhizeError):
            summary.failed.append((str(path), str(result)))
            continue
        _note(result, path, summary)
        yield result


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
