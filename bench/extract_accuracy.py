"""Extraction accuracy against hand-annotated gold: per-field precision, recall and F1.

    python bench/extract_accuracy.py [--corpus examples/corpus] [--gold examples/gold] [--details]

Each corpus file is matched to the gold file with the same base name. Fields scored (issue 3):
departments and plaques, main-duty items (count and first words), units with duty counts,
staffing (exact), boundaries, events. Targets on our gold: main-duty items F1 ≥ 0.98;
units ≥ 0.95; staffing exact ≥ 0.95; events F1 ≥ 0.95; boundaries F1 ≥ 0.90.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhize.graph.extract_format import read_extract_file  # noqa: E402
from zhize.graph.records import Extract, Section  # noqa: E402

FIRST_WORDS = 8
TARGETS = {"main duties": 0.98, "units": 0.95, "staffing (exact)": 0.95, "events": 0.95, "boundaries": 0.90}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, gold: Iterable, found: Iterable, label: str = "") -> None:
        g, f = Counter(gold), Counter(found)
        self.tp += sum((g & f).values())
        self.fp += sum((f - g).values())
        self.fn += sum((g - f).values())
        self.misses += [f"{label} 漏 {k}" for k in (g - f)] + [f"{label} 多 {k}" for k in (f - g)]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def first_words(text: str) -> str:
    return "".join(text.split())[:FIRST_WORDS]


def departments(ex: Extract) -> list[str]:
    return [d.name for d in ex.departments]


def plaques(ex: Extract) -> list[tuple[str, str]]:
    return [(d.name, p) for d in ex.departments for p in d.plaques]


def main_duties(ex: Extract) -> list[str]:
    return [first_words(d.text) for d in ex.duties if d.section == Section.MAIN]


def units(ex: Extract) -> list[tuple[str, int]]:
    counts = Counter(d.unit for d in ex.duties if d.section == Section.UNIT)
    return [(u.name, counts.get(u.name, 0)) for u in ex.units]


def staffing(ex: Extract) -> list[tuple]:
    return [(s.department, s.administrative, tuple(sorted((p.title, p.count) for p in s.leaders)),
             tuple(sorted((p.title, p.count) for p in s.posts))) for s in ex.staffing]


def boundaries(ex: Extract) -> list[tuple[str, ...]]:
    return [tuple(sorted(set(b.departments))) for b in ex.boundaries]


def events(ex: Extract) -> list[tuple]:
    return [(e.kind.value, tuple(sorted(e.sources)), e.target, e.duty or None) for e in ex.events]


FIELDS = {
    "departments": departments,
    "plaques": plaques,
    "main duties": main_duties,
    "units": units,
    "staffing (exact)": staffing,
    "boundaries": boundaries,
    "events": events,
}


def score(pairs: list[tuple[str, Extract, Extract]]) -> dict[str, Score]:
    scores = {name: Score() for name in FIELDS}
    for name, gold, found in pairs:
        for field_name, fn in FIELDS.items():
            scores[field_name].add(fn(gold), fn(found), name)
    return scores


def main_count_exact(pairs: list[tuple[str, Extract, Extract]]) -> float:
    docs = [(g, f) for _, g, f in pairs if g.document.kind == "三定"]
    same = sum(len(main_duties(g)) == len(main_duties(f)) for g, f in docs)
    return same / len(docs) if docs else 1.0


def run(corpus: Path, gold_dir: Path) -> list[tuple[str, Extract, Extract]]:
    from zhize.ingest.extract import extract_file

    pairs = []
    for path in sorted(corpus.iterdir()):
        gold_path = gold_dir / (path.stem + ".json")
        if gold_path.exists():
            [gold] = read_extract_file(gold_path)
            pairs.append((path.name, gold, extract_file(path).extract))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument("--gold", type=Path, default=ROOT / "examples" / "gold")
    parser.add_argument("--details", action="store_true", help="list every miss")
    args = parser.parse_args()
    pairs = run(args.corpus, args.gold)
    scores = score(pairs)
    print(f"{len(pairs)} documents scored against {args.gold}")
    print(f"{'field':<18}{'precision':>10}{'recall':>9}{'F1':>8}{'target':>8}")
    for name, s in scores.items():
        target = TARGETS.get(name)
        mark = "" if target is None else ("  ok" if s.f1 >= target else "  BELOW")
        print(f"{name:<18}{s.precision:>10.3f}{s.recall:>9.3f}{s.f1:>8.3f}{target or '':>8}{mark}")
    print(f"main-duty count exact per document: {main_count_exact(pairs):.3f}")
    if args.details:
        for name, s in scores.items():
            for miss in s.misses:
                print(f"[{name}] {miss}")


if __name__ == "__main__":
    main()
