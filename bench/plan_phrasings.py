"""Reform reading on our own fictional plans, one per phrasing the reader must know
(tests/ingest/plans/*.txt|html|docx|md, expected events in expected.json), with the figures of the
evaluation's scorer: transfer pairs P/R/F1, duty items found, created/abolished/plaques F1, plus
new tasks and remainders found.

    python bench/plan_phrasings.py [--folder tests/ingest/plans] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhize.graph.records import EventKind, Extract  # noqa: E402
from zhize.ingest.extract import extract_file  # noqa: E402

FOLDER = ROOT / "tests" / "ingest" / "plans"
_NOISE = re.compile(r"的|有关|相关|等|职责|工作")


def _norm(duty: str | None) -> str:
    return _NOISE.sub("", duty or "")


def prf(got: set, want: set) -> dict:
    tp, fp, fn = len(got & want), len(got - want), len(want - got)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}


def _item_found(item: str, duties: list[str | None]) -> bool:
    want = _norm(item)
    if not want:  # 有关职责: any narrower duty of the pair
        return any(d is not None for d in duties)
    return any(d and (want in _norm(d) or (_norm(d) and _norm(d) in want)) for d in duties)


@cache
def _simplified(text: str) -> str:
    import opencc

    return _t2s(opencc).convert(text)


@cache
def _t2s(opencc):  # noqa: ANN001, ANN202 - the module, passed so it is imported only when scoring
    return opencc.OpenCC("t2s")


class Names:
    """The scorer's name view, as in the outside validation set's: Traditional read as Simplified,
    and a short form a plan never spells out mapped to its full name (expected.json ``_aliases``)."""

    def __init__(self, aliases: dict[str, str] | None = None) -> None:
        self.aliases = aliases or {}
        self._seen: dict[str, str] = {}

    def __call__(self, name: str | None) -> str | None:
        if name is None:
            return None
        if name not in self._seen:
            simple = _simplified(name)
            self._seen[name] = self.aliases.get(simple, simple)
        return self._seen[name]


class Tally:
    """Figures summed over files: sets are compared per file (a name is only unique in its plan)."""

    def __init__(self, names: Names | None = None) -> None:
        self.names = names or Names()
        self.sets: dict[str, tuple[set, set]] = {k: (set(), set()) for k in
                                                 ("pairs", "created", "abolished", "plaques", "tasks", "remainders")}
        self.items = [0, 0]
        self.misses: list[str] = []

    def add(self, name: str, extract: Extract, want: dict) -> None:
        n = self.names
        events = [e.model_copy(update={"sources": [n(s) for s in e.sources], "target": n(e.target),
                                       "duty": _simplified(e.duty) if e.duty else e.duty,
                                       "detail": {**e.detail, **({"plaque": n(e.detail["plaque"])}
                                                                 if e.detail.get("plaque") else {})}})
                  for e in extract.events]
        moved = [e for e in events if e.kind in (EventKind.TRANSFER, EventKind.MERGE) and e.target]
        self._set("pairs", name, {(s, e.target) for e in moved for s in e.sources},
                  {(f, t) for f, t, _ in want.get("transfers", [])})
        self._set("created", name, {e.target for e in events if e.kind == EventKind.CREATE},
                  set(want.get("created", [])))
        self._set("abolished", name, {s for e in events if e.kind == EventKind.ABOLISH for s in e.sources},
                  set(want.get("abolished", [])))
        self._set("plaques", name, {(e.target, e.detail.get("plaque")) for e in events if e.kind == EventKind.PLAQUE},
                  {tuple(p) for p in want.get("plaques", [])})
        tasks = [e.duty or "" for e in events if e.kind == EventKind.NEW_TASK]
        keywords = want.get("new_tasks", [])
        found = {k for k in keywords if any(k in t for t in tasks)}  # a task is named by a keyword in it
        unexpected = {t for t in tasks if not any(k in t for k in keywords)}
        self._set("tasks", name, found | unexpected, set(keywords))
        rests = {(s, r) for e in moved for s in e.sources for r in e.detail.get("remainder", "").split("；") if r}
        self._set("remainders", name, rests, {tuple(r) for r in want.get("remainders", [])})
        for source, target, items in want.get("transfers", []):
            duties = [e.duty for e in moved if e.target == target and source in e.sources]
            for item in items or []:
                self.items[1] += 1
                if _item_found(item, duties):
                    self.items[0] += 1
                else:
                    self.misses.append(f"{name}: duty item {source} → {target}: {item} (got {duties})")

    def _set(self, kind: str, name: str, got: set, want: set) -> None:
        got_all, want_all = self.sets[kind]
        got_all |= {(name, g) for g in got}
        want_all |= {(name, w) for w in want}
        self.misses += [f"{name}: {kind} missed {w}" for w in sorted(want - got, key=str)]
        self.misses += [f"{name}: {kind} extra {g}" for g in sorted(got - want, key=str)]

    def figures(self) -> dict:
        out = {kind: prf(got, want) for kind, (got, want) in self.sets.items()}
        out["items"] = {"found": self.items[0], "n": self.items[1],
                        "share": self.items[0] / self.items[1] if self.items[1] else 1.0}
        return out


def score_files(paths: list[Path], expected: dict) -> Tally:
    tally = Tally(Names(expected.get("_aliases")))
    for path in paths:
        tally.add(path.name, extract_file(path).extract, expected[_key(path, expected)])
    return tally


def _key(path: Path, expected: dict) -> str:
    """A plan's own entry, or the .txt one it was built from (the table plan as .docx, .html)."""
    return path.name if path.name in expected else path.stem + ".txt"


def score_folder(folder: Path = FOLDER) -> Tally:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    plans = sorted(p for p in folder.iterdir()  # README.md is the batch's note, not a plan
                   if p.suffix in (".txt", ".html", ".docx", ".md") and p.name != "README.md")
    return score_files(plans, expected)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    tally = score_folder(args.folder)
    f = tally.figures()
    p = f["pairs"]
    print(f"transfers (from, to): P {p['P']:.2f} R {p['R']:.2f} F1 {p['F1']:.2f}; "
          f"duty items found {f['items']['found']}/{f['items']['n']} ({f['items']['share']:.0%})")
    for kind in ("created", "abolished", "plaques", "tasks", "remainders"):
        print(f"{kind}: P {f[kind]['P']:.2f} R {f[kind]['R']:.2f} F1 {f[kind]['F1']:.2f}")
    if args.verbose:
        print("\n".join(tally.misses))


if __name__ == "__main__":
    main()
