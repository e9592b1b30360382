"""Ingestion speed on a generated corpus of ≥ 10 M characters: extraction alone, and extraction
plus storing into SQLite; peak RSS. Targets on one core (issue 3): ≥ 500,000 chars/s extract,
≥ 300,000 chars/s into SQLite. `--workers N` extracts in N processes. Extraction is also given
per second of CPU time, the figure that holds on a machine shared with other work.

    python bench/ingest_speed.py [--chars 10000000] [--workers 1]
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.gen_corpus import generate  # noqa: E402


def _extract(text: str):
    from zhize.ingest.extract import extract_text

    return extract_text(text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest()).extract


def extract_stream(texts: list[str], workers: int):
    """Extracts one by one, as `zhize ingest` hands them to the store (none kept in memory)."""
    if workers <= 1:
        yield from (_extract(t) for t in texts)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_extract, texts, chunksize=16)


def _warm_up(texts: list[str]) -> None:
    """Load what extraction loads once per process (rule tables, the spaCy pipeline) before timing:
    the generated corpus may open with a document that needs no pipeline."""
    from zhize.ingest.nlp import build_pipeline

    build_pipeline()
    _extract(texts[0])


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=10_000_000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    texts = list(generate(args.chars))
    chars = sum(map(len, texts))
    print(f"corpus: {len(texts):,} documents, {chars:,} characters; workers {args.workers}")
    _warm_up(texts)
    t, cpu = time.perf_counter(), time.process_time()
    duties = events = 0
    for e in extract_stream(texts, args.workers):
        duties, events = duties + len(e.duties), events + len(e.events)
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    print(f"extract: {chars / seconds:,.0f} chars/s ({seconds:.1f} s, {duties:,} duties, {events:,} events)"
          + (f"; CPU time {cpu:.1f} s: {chars / cpu:,.0f} chars/s on one core" if args.workers <= 1 else ""))

    from zhize.graph.sqlite import SqliteStore

    store = SqliteStore(Path(tempfile.mkdtemp()) / "speed.db")
    t, cpu, own = time.perf_counter(), time.process_time(), time.thread_time()
    store.apply_many(extract_stream(texts, args.workers))
    store.flush()
    seconds = time.perf_counter() - t
    cpu, own = time.process_time() - cpu, time.thread_time() - own
    print(f"extract + SQLite: {chars / seconds:,.0f} chars/s ({seconds:.1f} s; "
          f"store holds {store.stats().duties:,} duties); CPU of this process {cpu:.1f} s, of which "
          f"{own:.1f} s in the main thread and {cpu - own:.1f} s in the search indexer's thread")
    print(f"peak RSS: {peak_rss_mb():,.0f} MB (this process; workers not counted)")


if __name__ == "__main__":
    main()
