"""HTTP load benchmark: ownership queries (`GET /api/who`) from 50 concurrent clients against a real
`zhize serve` process on loopback, over the example corpus plus ≥ 100,000 generated duties.

    python bench/api_load.py [--duties 100000] [--counties 50] [--clients 50] [--seconds 15]
                             [--workers 1] [--db /tmp/api-load.db]

Phases, each bounded in count and time:
1. build the store (example corpus through `ingest.batch.ingest`, generated county 三定 through
   `store.apply_many`), or reuse `--db`;
2. cold: every distinct query once, one at a time (each answer computed by `queries.ownership.who`
   on the county's projection; the first query of a county also builds its projection);
3. load, repeated queries: `--clients` keep-alive connections, each sending its next query as
   soon as the last answer arrived, for `--seconds` (at most `--max-requests`); the server answers
   repeated queries from its answer cache, as it does for 编办 staff asking about the same matters;
4. load, distinct queries: the same clients, each query path sent once (every matter in several
   wordings, same counties), so every answer is computed (projections are warm from phase 2);
5. paced, distinct queries: queries about the other counties (their projections built first
   in every worker, untimed), offered at `--rate` per second on `--clients` connections, latency counted from when each
   request was due.

Prints p50/p95/p99 latency and requests/s for each phase. Targets (issue 5, 2-core machine):
p95 ≤ 50 ms and ≥ 300 requests/s, reported for both load phases. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.gen_records import MATTERS, county, county_name, templates  # noqa: E402

CORPUS_PLACE = "岚川县"
CORPUS_QUERIES = ["食品安全", "消防", "河道采砂", "安全生产", "养老服务", "森林防火", "老龄工作", "退役军人",
                  "行政审批", "价格监督检查", "知识产权", "水资源", "地质灾害防治", "文物保护", "旅游", "就业"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def build_store(path: Path, duties: int, counties: int) -> None:
    from zhize.graph.sqlite import SqliteStore
    from zhize.ingest.batch import collect, ingest

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    store = SqliteStore(path)
    try:
        summary = ingest(store, collect([ROOT / "examples" / "corpus"]))
        pool = templates(3000)
        per = duties // counties
        for i in range(counties):
            store.apply_many(list(county(i, per, pool)))
        store.flush()
        stats = store.stats()
    finally:
        store.close()
    print(f"store: {stats.duties:,} duties in {stats.jurisdictions} jurisdictions ({summary.files} corpus files + "
          f"{counties} generated counties), built in {time.perf_counter() - started:.1f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHIZE_TOKENS")}
    env["ZHIZE_REFRESH_SECONDS"] = "5"
    command = [sys.executable, "-c", "from zhize.api.cli import main; main()", "serve", "--host", "127.0.0.1",
               "--port", str(port), "--store", str(db), "--workers", str(workers)]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("服务未能启动：" + proc.stderr.read().decode("utf-8", "replace")) from None
            time.sleep(0.2)
    raise RuntimeError("服务 60 秒内没有启动")


def stop_server(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


class Connection:
    """One keep-alive HTTP/1.1 connection; small and cheap so the client does not eat the CPU
    the server needs on a 2-core machine."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=2 ** 22)
        return cls(reader, writer)

    async def get(self, path: str) -> tuple[int, int]:
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        body = await self.reader.readexactly(length)
        return status, len(body)

    def close(self) -> None:
        self.writer.close()


def who_path(q: str, jurisdiction: str) -> str:
    return "/api/who?" + urlencode({"q": q, "jurisdiction": jurisdiction})


def queries(counties: int, per_county: int, places: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    chosen = rng.sample(range(counties), min(places, counties))
    paths = [who_path(q, CORPUS_PLACE) for q in CORPUS_QUERIES]
    for i in chosen:
        paths += [who_path(q, county_name(i)) for q in rng.sample(MATTERS, min(per_county, len(MATTERS)))]
    return paths


VARIANTS = ("{}", "{}工作", "{}监督管理", "{}相关职责", "负责{}")


def distinct_queries(counties: int, places: int, seed: int = 5, others: bool = False) -> list[str]:
    """Every matter in several wordings, each path once, so none can come from the answer cache:
    for 岚川县 and the counties `queries` asks about, or (`others`) for the remaining counties."""
    rng = random.Random(seed)
    chosen = rng.sample(range(counties), min(places, counties))
    if others:
        pool = []
        for i in sorted(set(range(counties)) - set(chosen)):
            pool += [who_path(v.format(q), county_name(i)) for q in MATTERS for v in VARIANTS]
    else:
        pool = [who_path(v.format(q), CORPUS_PLACE) for q in CORPUS_QUERIES for v in VARIANTS[1:]]
        for i in chosen:
            pool += [who_path(v.format(q), county_name(i)) for q in MATTERS for v in VARIANTS]
    rng.shuffle(pool)
    return pool


async def cold(port: int, paths: list[str], limit_seconds: float) -> tuple[list[float], int]:
    conn = await Connection.open(port)
    times, errors = [], 0
    deadline = time.perf_counter() + limit_seconds
    for path in paths:
        if time.perf_counter() > deadline:
            break
        t = time.perf_counter()
        status, _ = await conn.get(path)
        times.append((time.perf_counter() - t) * 1000)
        errors += status != 200
    conn.close()
    return times, errors


async def load(port: int, paths: list[str], clients: int, seconds: float, max_requests: int,
               distinct: bool = False) -> tuple[list[float], int, int, float]:
    """Clients send paths chosen at random (distinct: each path once, in order, until none is left)."""
    times: list[float] = []
    counters = {"errors": 0, "bytes": 0, "sent": 0}
    rng = random.Random(11)
    stop_at = time.perf_counter() + seconds

    async def client() -> None:
        conn = await Connection.open(port)
        try:
            while time.perf_counter() < stop_at and counters["sent"] < max_requests:
                if distinct and counters["sent"] >= len(paths):
                    break
                path = paths[counters["sent"]] if distinct else rng.choice(paths)
                counters["sent"] += 1
                t = time.perf_counter()
                status, size = await conn.get(path)
                times.append((time.perf_counter() - t) * 1000)
                counters["errors"] += status != 200
                counters["bytes"] += size
        finally:
            conn.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return times, counters["errors"], counters["bytes"], time.perf_counter() - started


async def paced(port: int, paths: list[str], clients: int, rate: float) -> tuple[list[float], int, float]:
    """Open loop: request i is due at i/rate seconds and goes out on the next free connection
    of `clients`; its latency counts from when it was due, so waiting for a connection counts."""
    free: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(clients):
        free.put_nowait(await Connection.open(port))
    times: list[float] = []
    errors = 0

    async def one(path: str, due: float) -> None:
        nonlocal errors
        conn = await free.get()
        try:
            status, _ = await conn.get(path)
        finally:
            free.put_nowait(conn)
        times.append((time.perf_counter() - due) * 1000)
        errors += status != 200

    started = time.perf_counter()
    tasks = []
    for i, path in enumerate(paths):
        due = started + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(path, due)))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - started
    while not free.empty():
        free.get_nowait().close()
    return times, errors, elapsed


def report(name: str, times: list[float], errors: int, seconds: float | None = None) -> None:
    rate = f", {len(times) / seconds:,.0f} requests/s" if seconds else ""
    print(f"{name}: {len(times):,} requests, {errors} errors, p50 {statistics.median(times):.1f} ms, "
          f"p95 {percentile(times, 0.95):.1f} ms, p99 {percentile(times, 0.99):.1f} ms{rate}")


def _verdict(times: list[float], errors: int, seconds: float) -> str:
    return "met" if percentile(times, 0.95) <= 50 and len(times) / seconds >= 300 and errors == 0 else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duties", type=int, default=100_000, help="generated duties (besides the corpus)")
    parser.add_argument("--counties", type=int, default=50)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15.0, help="length of the load phase")
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--places", type=int, default=10, help="generated counties the queries ask about")
    parser.add_argument("--matters", type=int, default=20, help="matters asked about per county")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--rate", type=float, default=300.0, help="offered requests/s in the paced phase")
    parser.add_argument("--db", type=Path, default=None, help="reuse this store if it exists")
    args = parser.parse_args()

    db = args.db or Path(tempfile.mkdtemp(prefix="zhize-api-load-")) / "load.db"
    if not db.exists():
        build_store(db, args.duties, args.counties)
    port = free_port()
    proc = start_server(db, port, args.workers)
    try:
        paths = queries(args.counties, args.matters, args.places)
        print(f"server: zhize serve --workers {args.workers} on 127.0.0.1:{port}; {len(paths)} distinct queries "
              f"(岚川县 and {args.places} generated counties)")
        times, errors = asyncio.run(cold(port, paths, limit_seconds=120))
        report("cold (each answer computed, one client)", times, errors)
        times, errors, size, seconds = asyncio.run(load(port, paths, args.clients, args.seconds, args.max_requests))
        report(f"load, repeated queries ({args.clients} concurrent clients, {seconds:.1f} s; answer cache)",
               times, errors, seconds)
        print(f"      {size / max(1, len(times)) / 1024:,.1f} KB per answer on average")
        verdicts = [_verdict(times, errors, seconds)]
        pool = distinct_queries(args.counties, args.places)
        times, errors, size, seconds = asyncio.run(load(port, pool, args.clients, args.seconds, args.max_requests,
                                                        distinct=True))
        report(f"load, distinct queries ({args.clients} concurrent clients, {seconds:.1f} s; every answer "
               f"computed, of {len(pool):,} distinct)", times, errors, seconds)
        verdicts.append(_verdict(times, errors, seconds))
        # Closed-loop clients queue behind each other (mean latency = clients / throughput), so
        # also offer distinct queries at the target rate, as 编办 staff would send them: queries
        # about the other counties, whose projections are built first (one query each, untimed).
        fresh = distinct_queries(args.counties, args.places, others=True)
        warm = [who_path("消防", place) for place in sorted({parse_qs(urlsplit(p).query)["jurisdiction"][0]
                                                            for p in fresh})]
        # Every query path on many connections, so each server worker builds its own projections.
        asyncio.run(load(port, warm * 2 * args.workers, args.clients, 300, 10 ** 6, distinct=True))
        fresh = fresh[:int(args.rate * args.seconds)]
        times, errors, seconds = asyncio.run(paced(port, fresh, args.clients, args.rate))
        report(f"paced, distinct queries ({args.rate:.0f} requests/s offered on {args.clients} connections, "
               f"{seconds:.1f} s; every answer computed, {len(warm)} other counties)", times, errors, seconds)
        kept_up = percentile(times, 0.95) <= 50 and args.rate >= 300 and errors == 0
        verdicts.append("met" if kept_up else "NOT met")
        print("targets (p95 <= 50 ms, >= 300 requests/s, no errors): repeated " + verdicts[0]
              + ", distinct closed-loop " + verdicts[1] + ", paced distinct " + verdicts[2])
    finally:
        stop_server(proc)


if __name__ == "__main__":
    main()
