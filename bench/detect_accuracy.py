"""Detection benchmark: precision and recall of each detector on fixture jurisdictions, and on the
county written outside the team.

    python bench/detect_accuracy.py                      # every fixture under bench/fixtures/, then the eval county
    python bench/detect_accuracy.py DIR [DIR ...]        # other fixtures, same layout
    python bench/detect_accuracy.py --show               # also list every false positive / negative
    python bench/detect_accuracy.py --eval PATH          # the outside county (default: shared/eval/county_weichuan
                                                         # beside the checkout, when it is there); --no-eval skips it

The outside county is read in place, never copied into the repo: its own scorer (`score.py` beside
it, standard library only) runs this checkout's `zhize` as a user would (ingest, check) and compares
with its gold; the figures printed are its overlap / gap / 推诿 precision and recall.

A fixture is a folder holding

- ``truth.json``: ``{"jurisdiction": "栖云县", "at": "2022-06-30", "expected": [{"detector": "OVL001",
  "departments": ["栖云县水利局", "栖云县自然资源局"], "matter": "河道采砂"}, …]}`` — the problems that
  must be found (departments: canonical names, sorted or not; ``[]`` for a task nobody holds);
  optionally ``"extracts": "path"`` (a folder of extract files, relative to the fixture; default
  the fixture folder itself) or ``"documents": "path"`` (a folder of source documents, run
  through the extractor — to score the whole pipeline);
- the ``zhize.extract/1`` JSON files (every ``*.json`` but ``truth.json`` and ``tasks.json``);
- optionally ``tasks.json``: ``[{"text": "…", "jurisdiction": "栖云县" | null}]``, tasks users add.

A finding matches an expected problem when the detectors are equal, the matters are the same
matter (equal after normalisation, synonyms, one inside the other — also word by word —, or similar wording), and the
departments are the same — or one list holds the other (a truth naming the source department of a
transfer as well as its receiver still matches). Each expected problem matches at most one
finding. Targets: recall ≥ 0.9 and precision ≥ 0.85 for each detector.

The departments each detector names (write truths the same way):

| detector | departments |
|---|---|
| OVL001 | the leads no boundary clause divides (A, B, C in one finding when A–B and B–C are open) |
| GAP001 | the receiving department |
| GAP002 | the abolished department |
| GAP003 | none: nobody holds the task |
| BPR001 | every department touching the matter |
| BPR002 | the two departments deferring to each other, or the parties of the boundary clause |
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhize.graph.extract_format import read_extract_file  # noqa: E402
from zhize.graph.models import Finding  # noqa: E402
from zhize.graph.sqlite import SqliteStore  # noqa: E402
from zhize.queries.check import detect  # noqa: E402
from zhize.queries.detectors import DETECTORS  # noqa: E402
from zhize.queries.matching import related  # noqa: E402
from zhize.queries.similarity import words  # noqa: E402

FIXTURES = ROOT / "bench" / "fixtures"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[Finding] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def matches(finding: Finding, expected: dict) -> bool:
    found, wanted = set(finding.departments), set(expected["departments"])
    if finding.detector != expected["detector"] or not (found <= wanted or wanted <= found):
        return False
    a, b = finding.matter or "", expected.get("matter") or ""
    return related(a, b) or inside_by_words(a, b)


def inside_by_words(a: str, b: str) -> bool:
    """One matter inside the other word by word: every concrete word of the shorter (two or more)
    has its counterpart in the longer, head nouns of one kind compared as one (餐饮业油烟 in
    餐饮油烟污染: 餐饮业/餐饮, 油烟; 餐厨废弃物 in 餐厨垃圾收运处置)."""
    x, y = sorted((words(a), words(b)), key=len)
    return len(x) >= 2 and all(any(u in v or v in u for v in y) for u in x)


def load(folder: Path, truth: dict, store: SqliteStore) -> None:
    if truth.get("documents"):
        from zhize.ingest.batch import collect, ingest  # the whole pipeline: extractor, then store

        ingest(store, collect([folder / truth["documents"]]))
        return
    source = folder / truth.get("extracts", ".")
    files = sorted(p for p in source.glob("*.json") if p.name not in ("truth.json", "tasks.json"))
    store.apply_many([ex for f in files for ex in read_extract_file(f)])


def run(folder: Path) -> tuple[dict, list[Finding]]:
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(Path(tmp) / "bench.db")
        load(folder, truth, store)
        tasks = folder / "tasks.json"
        if tasks.exists():
            for t in json.loads(tasks.read_text(encoding="utf-8")):
                store.add_task(t.get("jurisdiction"), t["text"], "bench")
        found = detect(store, truth["jurisdiction"], date.fromisoformat(truth["at"]))
        store.close()
    return truth, found


def score(truth: dict, found: list[Finding]) -> dict[str, Score]:
    scores = {m.ID: Score() for m in DETECTORS}
    left = list(truth["expected"])
    for f in found:
        hit = next((e for e in left if matches(f, e)), None)
        if hit is not None:
            left.remove(hit)
            scores[f.detector].tp += 1
        else:
            scores[f.detector].fp += 1
            scores[f.detector].false_positives.append(f)
    for e in left:
        scores[e["detector"]].fn += 1
        scores[e["detector"]].missed.append(e)
    return scores


def report(name: str, scores: dict[str, Score], show: bool) -> None:
    print(f"\n== {name}")
    print(f"{'detector':<9} {'expected':>8} {'found':>6} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7}")
    for detector, s in scores.items():
        flag = "" if s.precision >= 0.85 and s.recall >= 0.9 else "  ← below target"
        print(f"{detector:<9} {s.tp + s.fn:>8} {s.tp + s.fp:>6} {s.tp:>4} {s.fp:>4} {s.fn:>4} "
              f"{s.precision:>10.2f} {s.recall:>7.2f}{flag}")
    if show:
        for detector, s in scores.items():
            for f in s.false_positives:
                print(f"  FP {detector} {f.matter} {f.departments} (confidence {f.confidence})")
            for e in s.missed:
                print(f"  FN {detector} {e.get('matter')} {e['departments']}")


def eval_county(explicit: Path | None) -> Path | None:
    """The outside county: the given path, else shared/eval/county_weichuan above the checkout."""
    if explicit is not None:
        return explicit
    for base in (ROOT.parent, *ROOT.parents):
        found = base / "shared" / "eval" / "county_weichuan"
        if (found / "gold.json").exists():
            return found
    return None


def report_eval(county: Path, show: bool) -> None:
    """Run the outside county's own scorer on this checkout's zhize and print its detector figures."""
    scorer = county.parent / "score.py"
    exe = Path(sys.executable).with_name("zhize")
    args = [sys.executable, str(scorer), str(county), "--only", "detect", "--json", "--zhize",
            str(exe if exe.exists() else "zhize")]
    result = subprocess.run(args, capture_output=True, text=True, timeout=1800)
    print(f"\n== {county.name}（written outside the team, its own scorer）")
    try:
        figures = json.loads(result.stdout)["detectors"]
    except (ValueError, KeyError):
        print("  scorer failed:", (result.stderr.strip().splitlines() or ["?"])[-1])
        return
    if "error" in figures:
        print("  ", figures["error"])
        return
    print(f"{'detector':<9} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7}")
    for kind in ("overlap", "gap", "shirk"):
        f = figures[kind]
        flag = "" if f["P"] >= 0.85 and f["R"] >= 0.9 else "  ← below target"
        print(f"{kind:<9} {f['tp']:>4} {f['fp']:>4} {f['fn']:>4} {f['P']:>10.2f} {f['R']:>7.2f}{flag}")
    if show:
        print("\n".join(figures.get("rows", [])))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="检测规则的准确率（精确率、召回率）")
    parser.add_argument("folders", nargs="*", type=Path, help="fixture folders (default: every one in bench/fixtures)")
    parser.add_argument("--show", action="store_true", help="list false positives and missed problems")
    parser.add_argument("--eval", type=Path, default=None,
                        help="the outside county (default: shared/eval/county_weichuan)")
    parser.add_argument("--no-eval", action="store_true", help="skip the outside county")
    args = parser.parse_args(argv)
    folders = args.folders or sorted(p.parent for p in FIXTURES.glob("*/truth.json"))
    total = {m.ID: Score() for m in DETECTORS}
    for folder in folders:
        truth, found = run(folder)
        scores = score(truth, found)
        report(f"{folder.name}（{truth['jurisdiction']}，{truth['at']}）", scores, args.show)
        for detector, s in scores.items():
            total[detector].tp += s.tp
            total[detector].fp += s.fp
            total[detector].fn += s.fn
    if len(folders) > 1:
        report("all fixtures", total, False)
    county = None if args.no_eval else eval_county(args.eval)
    if county is not None:
        report_eval(county, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
