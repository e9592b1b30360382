"""Detection speed: `zhize check` on one county and on a generated province, on one core.

    python bench/detect_speed.py [--jurisdictions 150] [--duties 2000] [--db /tmp/province.db]

Builds (or reuses, with --db) a store of generated counties — `bench.gen_records` 三定 of about
`--duties` duties each, plus per county a reform plan (transfers, merges, abolitions, a task with
no receiving department), the old 三定 of three abolished departments and a few 有关职责分工 clauses —
then times the check of one county and of every county (projection + all detectors + merge into
the ledger) in wall-clock and CPU time (the check is single-threaded: one core), and reports peak
RSS. On a shared machine the wall-clock time includes waiting for the CPU; the CPU time does not.

Targets (issue 4): a county (≈2,000 duties) ≤ 1 s; a province (≥ 150 jurisdictions, ≥ 300,000
duties) ≤ 60 s with peak RSS ≤ 4 GB on one core.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gen_records import DEPARTMENTS, MATTERS, clause, county, county_name, templates  # noqa: E402
from zhize.graph.records import Extract  # noqa: E402
from zhize.graph.sqlite import SqliteStore  # noqa: E402
from zhize.queries.check import detect, run_check  # noqa: E402

OLD = ["粮食局", "安全生产监督管理局", "体育旧局"]
SUCCESSORS = {"粮食局": "粮食和物资储备局", "安全生产监督管理局": "应急管理局", "体育旧局": "文化广电旅游体育局"}
PLAN_DATE = date(2019, 3, 1)


def with_boundaries(extracts: list[Extract], place: str, rng: random.Random) -> list[Extract]:
    """A few 三定 get 有关职责分工 clauses with another department of the county."""
    out = []
    for ex in extracts:
        if rng.random() < 0.3:
            subject = ex.document.subject
            other = place + rng.choice([d for d in DEPARTMENTS if place + d != subject])
            matter = rng.choice(MATTERS)
            rows = [{"departments": [subject, other], "matter": {"key": matter, "text": matter},
                     "shares": [{"department": subject, "does": f"负责{matter}的监督管理", "role": "lead"},
                                {"department": other, "does": f"配合做好{matter}相关工作", "role": "support"}],
                     "text": f"与{other}在{matter}方面的职责分工。", "clause": "第三条（二十）"}]
            body = ex.model_dump(mode="json")
            body["boundaries"] = rows
            body["departments"].append({"name": other})
            body["document"]["sha256"] = hashlib.sha256((ex.document.sha256 + "b").encode()).hexdigest()
            ex = Extract.model_validate(body)
        out.append(ex)
    return out


def old_sanding(place: str, name: str, rng: random.Random) -> Extract:
    dep = place + name
    rows = []
    for k in range(20):
        text, role, matter = clause(rng, SUCCESSORS[name])
        rows.append({"department": dep, "text": text, "role": role, "matters": [{"key": matter, "text": matter}],
                     "clause": f"二（{k + 1}）"})
    return Extract.model_validate({
        "document": {"sha256": hashlib.sha256(f"{place}{name}old".encode()).hexdigest(), "kind": "三定",
                     "title": f"{dep}主要职责内设机构和人员编制规定", "jurisdiction": place,
                     "issue_date": "2015-05-01", "subject": dep},
        "departments": [{"name": dep}], "duties": rows})


def reform_plan(place: str, rng: random.Random) -> Extract:
    events = []
    for i in range(30):
        source, target = rng.sample(DEPARTMENTS, 2)
        matter = rng.choice(MATTERS)
        events.append({"kind": "transfer", "sources": [place + source], "target": place + target,
                       "duty": f"{matter}职责", "matters": [{"key": matter, "text": matter}],
                       "text": f"将县{source}的{matter}职责划入县{target}。", "clause": f"三（{i + 1}）"})
    for name in OLD:
        target = rng.choice(DEPARTMENTS)
        events.append({"kind": "merge", "sources": [place + name], "target": place + target,
                       "duty": "职责（12345热线职责除外）" if name == OLD[1] else None,
                       "text": f"将县{name}的职责整合。"})
        events.append({"kind": "abolish", "sources": [place + name], "text": f"不再保留县{name}。"})
    events.append({"kind": "transfer", "sources": [place + "信访局"], "target": None, "duty": "网格化服务管理职责",
                   "matters": [{"key": "网格化服务管理", "text": "网格化服务管理"}],
                   "text": "设立网格化服务管理中心。"})
    names = sorted({n for e in events for n in e["sources"] + ([e["target"]] if e.get("target") else [])})
    return Extract.model_validate({
        "document": {"sha256": hashlib.sha256(f"{place}plan".encode()).hexdigest(), "kind": "改革方案",
                     "title": f"{place}机构改革方案", "jurisdiction": place, "issue_date": PLAN_DATE.isoformat()},
        "departments": [{"name": n} for n in names], "events": events})


def build(store: SqliteStore, jurisdictions: int, duties: int) -> int:
    pool = templates(3000)
    total = 0
    for j in range(jurisdictions):
        rng = random.Random(j)
        place = county_name(j)
        docs = [old_sanding(place, name, rng) for name in OLD] + [reform_plan(place, rng)]
        docs += with_boundaries(list(county(j, duties, pool)), place, rng)
        store.apply_many(docs)
        total += sum(len(d.duties) for d in docs)
        if (j + 1) % 25 == 0:
            print(f"  已生成 {j + 1} 个县，职责 {total:,} 条", flush=True)
    store.flush()
    return total


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="检测速度：一个县和一个省的 zhize check")
    parser.add_argument("--jurisdictions", type=int, default=150)
    parser.add_argument("--duties", type=int, default=2000, help="duties per county (三定 of the present)")
    parser.add_argument("--db", type=Path, help="reuse or create the store here (default: a temporary file)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "province.db"
        fresh = not path.exists()
        store = SqliteStore(path)
        if fresh:
            t = time.perf_counter()
            total = build(store, args.jurisdictions, args.duties)
            print(f"生成并载入：{args.jurisdictions} 个县，职责 {total:,} 条，用时 {time.perf_counter() - t:.1f} s")
        stats = store.stats()
        places = [j.name for j in store.jurisdictions()]
        print(f"库：{len(places)} 个行政区划，职责 {stats.duties:,} 条，改革事件 {stats.events:,} 项，"
              f"职责分工 {stats.boundaries:,} 处")
        at = date(2024, 6, 30)
        one = places[len(places) // 2]
        t, cpu = time.perf_counter(), time.process_time()
        graph = store.project(one, at)
        projected = time.perf_counter() - t
        found = detect(store, one, at)
        county_total, county_cpu = time.perf_counter() - t, time.process_time() - cpu
        county_duties = sum(1 for _, d in graph.nodes(data=True) if d.get("label") == "Duty")
        print(f"一个县（{one}，职责 {county_duties:,} 条）：投影 {projected:.2f} s，投影加全部检测 {county_total:.2f} s"
              f"（CPU {county_cpu:.2f} s），发现问题 {len(found)} 个  （目标 ≤ 1 s）")
        t, cpu = time.perf_counter(), time.process_time()
        runs = run_check(store, actor="bench", at=at)
        province, province_cpu = time.perf_counter() - t, time.process_time() - cpu
        findings = sum(len(r.findings) for r in runs)
        print(f"全省 {len(runs)} 个行政区划：投影、检测并并入问题台账 {province:.1f} s（CPU {province_cpu:.1f} s），"
              f"发现问题 {findings:,} 个  （目标 ≤ 60 s）")
        print(f"  （墙钟时间受同机其他进程影响；机器负载 {os.getloadavg()[0]:.2f}）")
        print(f"峰值内存（RSS）：{peak_rss_mb():,.0f} MB  （目标 ≤ 4096 MB）；检测是单线程的（一个核）")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
