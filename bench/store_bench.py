"""Store benchmark: load rate into SQLite up to N duties across many counties, database size,
search latency for 2- and 4-character queries, projection time for one county.

    python bench/store_bench.py [--duties 1000000] [--jurisdictions 500] [--db /tmp/bench.db]

Targets (issue 2): ≥ 50,000 duties/s; search p95 ≤ 20 ms; projection ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gen_records import county, county_name, templates  # noqa: E402
from zhize.graph.sqlite import SqliteStore  # noqa: E402

QUERIES_2 = ["消防", "采砂", "安全", "养老", "审计", "林业", "热线", "渔业"]
QUERIES_4 = ["食品安全", "河道采砂", "森林防火", "养老服务", "防汛抗旱", "行政审批", "住房保障", "疾病预防"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def size_of(path: Path) -> int:
    """The store's file and its search index file, with their write-ahead logs."""
    files = [str(path) + s for s in ("", "-wal", ".search", ".search-wal")]
    return sum(os.path.getsize(f) for f in files if os.path.exists(f))


def load(store: SqliteStore, duties: int, jurisdictions: int, single: bool) -> tuple[float, float]:
    """Returns (seconds in the store, seconds generating records). Every record is generated
    first, untimed: the store indexes in a background thread, which would otherwise hide work in
    the generator's time. Then group commit takes them all through one `apply_many`, as `zhize
    ingest` does, and the time runs until the search index holds the last duty (`flush`)."""
    pool = templates(3000)
    per = duties // jurisdictions
    t = time.perf_counter()
    extracts = [ex for j in range(jurisdictions) for ex in county(j, per, pool)]
    generating = time.perf_counter() - t
    gc.freeze()  # ~2 GB of records for 1M duties: the collector's full scans of them are not the store's cost
    clock = {"loaded": 0}
    started = time.perf_counter()

    def progress(result) -> None:
        clock["loaded"] += result.counts.get("duties", 0)
        step = max(1, duties // 10)
        if clock["loaded"] // step != (clock["loaded"] - result.counts.get("duties", 0)) // step:
            rate = clock["loaded"] / (time.perf_counter() - started)
            print(f"  {clock['loaded']:>9,} duties  {rate:>9,.0f} duties/s so far", flush=True)

    if single:
        for ex in extracts:
            progress(store.apply(ex))
    else:
        store.apply_many(extracts, on_result=progress)
    store.flush()
    return time.perf_counter() - started, generating


def time_queries(store: SqliteStore, queries: list[str], jurisdiction: str | None, rounds: int = 5) -> list[float]:
    times = []
    for _ in range(rounds):
        for q in queries:
            t = time.perf_counter()
            store.search_duties(q, jurisdiction=jurisdiction, limit=50)
            times.append((time.perf_counter() - t) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duties", type=int, default=1_000_000)
    parser.add_argument("--jurisdictions", type=int, default=500)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--single", action="store_true",
                        help="one transaction per document (apply) instead of group commit (apply_many)")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = SqliteStore(path)
    mode = "apply: one transaction per document" if args.single else "apply_many: group commit"
    print(f"Loading {args.duties:,} duties in {args.jurisdictions} counties into {path} ({mode})")
    seconds, generating = load(store, args.duties, args.jurisdictions, args.single)
    print(f"load: {args.duties / seconds:,.0f} duties/s ({seconds:.1f} s in the store and its search index, "
          f"{generating:.1f} s generating records before, not counted)")
    store._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store._search_con.execute("PRAGMA search.wal_checkpoint(TRUNCATE)")
    print(f"size: {size_of(path) / 1e6:,.0f} MB ({size_of(path) / args.duties:,.0f} bytes per duty)")
    rng = random.Random(1)
    one = county_name(rng.randrange(args.jurisdictions))
    for label, queries in (("2-char", QUERIES_2), ("4-char", QUERIES_4)):
        for scope, jurisdiction in (("whole store", None), (f"one county ({one})", one)):
            times = time_queries(store, queries, jurisdiction)
            print(f"search {label} {scope}: p50 {statistics.median(times):.1f} ms, "
                  f"p95 {percentile(times, 0.95):.1f} ms")
    times = []
    for _ in range(5):
        t = time.perf_counter()
        g = store.project(one)
        times.append((time.perf_counter() - t) * 1000)
    duties = sum(1 for _, d in g.nodes(data=True) if d["label"] == "Duty")
    print(f"projection of {one} ({duties:,} duties, {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges): "
          f"median {statistics.median(times):.0f} ms")
    store.close()


if __name__ == "__main__":
    main()
