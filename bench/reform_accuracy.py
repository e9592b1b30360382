"""Reform-event extraction accuracy against the hand-annotated gold of the example plan.

    python bench/reform_accuracy.py [--corpus examples/corpus/2019-fangan-jigougaige.txt]
                                    [--gold examples/gold/2019-fangan-jigougaige.json] [--details]

Events are matched on (kind, sorted sources, target, duty or None), as a multiset; the table gives
precision, recall and F1 per event kind and overall, plus the time one extraction takes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhize.graph.extract_format import read_extract_file  # noqa: E402
from zhize.graph.records import EventRecord  # noqa: E402
from zhize.ingest.extract import joined  # noqa: E402
from zhize.ingest.readers import read_document  # noqa: E402
from zhize.ingest.reform import extract_reform  # noqa: E402

CORPUS = ROOT / "examples" / "corpus" / "2019-fangan-jigougaige.txt"
GOLD = ROOT / "examples" / "gold" / "2019-fangan-jigougaige.json"


def event_key(e: EventRecord) -> tuple:
    return (e.kind.value, tuple(sorted(e.sources)), e.target, e.duty or None)


def prf(gold: Counter, found: Counter) -> tuple[int, int, int, float, float, float]:
    tp = sum((gold & found).values())
    fp = sum((found - gold).values())
    fn = sum((gold - found).values())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return tp, fp, fn, p, r, f


def score(gold: list[EventRecord], found: list[EventRecord]) -> dict[str, tuple]:
    g = Counter(map(event_key, gold))
    f = Counter(map(event_key, found))
    kinds = sorted({k[0] for k in g} | {k[0] for k in f})
    table = {kind: prf(Counter({k: n for k, n in g.items() if k[0] == kind}),
                       Counter({k: n for k, n in f.items() if k[0] == kind})) for kind in kinds}
    table["overall"] = prf(g, f)
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--details", action="store_true", help="list every miss and every extra event")
    args = parser.parse_args()
    [gold] = read_extract_file(args.gold)
    text = joined(read_document(args.corpus).text)
    jurisdiction = gold.document.jurisdiction
    parts = extract_reform(text, jurisdiction=jurisdiction)
    runs = []
    for _ in range(20):
        t0 = time.perf_counter()
        extract_reform(text, jurisdiction=jurisdiction)
        runs.append(time.perf_counter() - t0)
    table = score(gold.events, parts.events)
    print(f"{args.corpus.name}: {len(gold.events)} gold events, {len(parts.events)} found, "
          f"{len(parts.warnings)} warnings, {len(text)} characters in {min(runs) * 1000:.1f} ms")
    print(f"{'kind':<13}{'gold':>6}{'found':>7}{'tp':>5}{'precision':>11}{'recall':>8}{'F1':>7}")
    for kind, (tp, fp, fn, p, r, f) in table.items():
        print(f"{kind:<13}{tp + fn:>6}{tp + fp:>7}{tp:>5}{p:>11.3f}{r:>8.3f}{f:>7.3f}")
    if args.details:
        g = Counter(map(event_key, gold.events))
        f = Counter(map(event_key, parts.events))
        for key in g - f:
            print("漏", key)
        for key in f - g:
            print("多", key)
        for w in parts.warnings:
            print("警告", w.code, w.clause, w.message)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
