"""Department pages in many layouts (examples/layouts, issue 13): the figures the outside
validation set reports, on our own fictional pages.

    python bench/layout_accuracy.py [--corpus examples/layouts] [-v]

Figures: main-duty count exact, internal units P/R, 行政编制 exact, plaques found, 有关职责分工 found,
affiliated bodies kept apart (with their duty counts), jurisdiction right, issue dates right or
flagged (a page's 发布时间 is no issue date), and documents that hold no department's duties read
as nothing. Targets (issue 13): every share ≥ 0.95, 分工 ≥ 0.9.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhize.graph.records import Extract, Section  # noqa: E402

TARGETS = {"main-duty count exact": 0.95, "units P": 0.95, "units R": 0.95, "行政编制 exact": 0.95,
           "plaques": 0.95, "有关职责分工": 0.9, "affiliated": 0.95, "jurisdiction": 0.95, "dates": 1.0,
           "negatives": 1.0}


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        self.right += ok
        self.total += 1
        if not ok:
            self.misses.append(miss)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0


def extract_corpus(corpus: Path, files: list[str]) -> dict[str, Extract]:
    from zhize.ingest.extract import extract_file

    return {f: extract_file(corpus / f).extract for f in files}


def score(gold: dict, found: dict[str, Extract]) -> dict[str, Tally]:
    t = {name: Tally() for name in TARGETS}
    for g in gold["departments"]:
        ex = found[g["file"]]
        names = {g["name"], *g.get("aliases", [])}
        mine = names.__contains__
        main = [d for d in ex.duties if d.section == Section.MAIN and not d.unit and mine(d.department)]
        t["main-duty count exact"].add(len(main) == g["main_duties_count"],
                                       f"{g['file']}: 主要职责 {len(main)}/{g['main_duties_count']}")
        units = {u.name for u in ex.units if mine(u.department)}
        for u in g["internal_units"]:
            t["units R"].add(u in units, f"{g['file']}: 漏内设机构 {u}")
        for u in units:
            t["units P"].add(u in g["internal_units"], f"{g['file']}: 多内设机构 {u}")
        if g["administrative_posts"] is not None:
            got = [s.administrative for s in ex.staffing if mine(s.department)]
            t["行政编制 exact"].add(g["administrative_posts"] in got, f"{g['file']}: 行政编制 {got}")
        plaques = {p for d in ex.departments if mine(d.name) for p in d.plaques}
        for p in g["plaques"]:
            t["plaques"].add(p in plaques, f"{g['file']}: 漏牌子 {p}（有 {sorted(plaques)}）")
        if g["boundaries"]:
            t["有关职责分工"].add(len(ex.boundaries) == g["boundaries"],
                               f"{g['file']}: 职责分工 {len(ex.boundaries)}/{g['boundaries']}")
        for name, count in g["affiliated"]:
            own = [d for d in ex.duties if d.department == name]
            t["affiliated"].add(len(own) == count and any(d.name == name for d in ex.departments),
                                f"{g['file']}: 所属单位 {name} 职责 {len(own)}/{count}")
        t["jurisdiction"].add(ex.document.jurisdiction == g["jurisdiction"],
                              f"{g['file']}: 行政区划 {ex.document.jurisdiction}/{g['jurisdiction']}")
    for d in gold["documents"]:
        ex = found[d["file"]]
        flagged = any("date" in w.code for w in ex.warnings)
        issued = ex.document.issue_date.isoformat() if ex.document.issue_date else None
        ok = flagged if d["issued"] is None else (issued == d["issued"] or flagged)
        t["dates"].add(ok, f"{d['file']}: 日期 {ex.document.issue_date}{'（已提示）' if flagged else ''}/{d['issued']}")
    for f in gold["negatives"]:
        ex = found[f]
        t["negatives"].add(not ex.duties and not ex.departments,
                           f"{f}: 非职责文件读出部门 {len(ex.departments)} 个、职责 {len(ex.duties)} 条")
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "layouts")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    gold = json.loads((args.corpus / "gold.json").read_text(encoding="utf-8"))
    found = extract_corpus(args.corpus, [d["file"] for d in gold["documents"]])
    tallies = score(gold, found)
    print(f"{len(found)} documents in {args.corpus}")
    for name, tally in tallies.items():
        mark = "ok" if tally.share >= TARGETS[name] else "BELOW"
        print(f"{name:<24}{tally.right:>4}/{tally.total:<4}{tally.share:>7.2f}  target {TARGETS[name]:.2f}  {mark}")
        if args.verbose:
            for miss in tally.misses:
                print(f"    {miss}")


if __name__ == "__main__":
    main()
