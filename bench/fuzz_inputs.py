"""Fuzz every reader and `zhize load` with random and mutated inputs (tests/fuzz.py) and count the
cases that ended in a traceback instead of a document or Zhize's one-line Chinese error.

    python bench/fuzz_inputs.py [--cases 10000] [--show 3] [--keep FOLDER]

The cases are shared out over the formats (txt, md, html, docx, pdf, and JSON for `zhize load`).
Prints, per format, how many cases ran, how many were read, how many were refused with Zhize's
error, how many tracebacks, and the slowest case; then the total count of tracebacks.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests import fuzz  # noqa: E402


def run_format(fmt: str, cases: int, folder: Path, problems: list[str], keep: Path | None = None) -> dict:
    tally = collections.Counter()
    slowest = [0.0]
    store = folder / "fuzz.db"

    @settings(max_examples=cases, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(data=fuzz.cases(fmt))
    def one(data: bytes) -> None:
        started = time.perf_counter()
        outcome = fuzz.run_load(data, folder, store) if fmt == "json" else fuzz.run_reader(fmt, data, folder)
        slowest[0] = max(slowest[0], time.perf_counter() - started)
        tally["cases"] += 1
        if outcome in fuzz.OUTCOMES:
            tally[outcome] += 1
        else:
            tally["tracebacks"] += 1
            problems.append(f"[{fmt}] {outcome}")
            if keep:  # the input, to reproduce the case with `zhize extract` or `zhize load`
                keep.mkdir(parents=True, exist_ok=True)
                (keep / f"case-{len(problems)}{fuzz.SUFFIX[fmt]}").write_bytes(data)

    one()  # never raises: a traceback is counted, not asserted, so all cases run
    return {**tally, "slowest_s": round(slowest[0], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--show", type=int, default=3, help="print this many tracebacks")
    parser.add_argument("--keep", type=Path, help="write the inputs that gave a traceback into this folder")
    args = parser.parse_args()
    problems: list[str] = []
    total = collections.Counter()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for i, fmt in enumerate(fuzz.FORMATS):
            folder = Path(tmp) / fmt
            folder.mkdir()
            share = args.cases // len(fuzz.FORMATS) + (i < args.cases % len(fuzz.FORMATS))
            result = run_format(fmt, share, folder, problems, args.keep)
            total.update({k: v for k, v in result.items() if k != "slowest_s"})
            print(f"{fmt:5s} cases {result.get('cases', 0):6d}  read {result.get('read', 0):6d}"
                  f"  refused {result.get('refused', 0):6d}  tracebacks {result.get('tracebacks', 0):4d}"
                  f"  slowest {result['slowest_s']:.2f} s", flush=True)
    for problem in problems[: args.show]:
        print("\n" + problem)
    print(f"\ntotal cases {total['cases']}, tracebacks {total['tracebacks']}"
          f" ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
