"""A large corpus made by perturbing the example documents: other county names, renamed
departments, reordered items, other numbering styles. For speed benchmarks.

    python bench/gen_corpus.py --chars 10000000 --out /tmp/zhize-corpus
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhize.ingest.numerals import int_to_cn  # noqa: E402
from zhize.ingest.readers import read_document  # noqa: E402

COUNTY = "岚川"
PARENT = "云州"
STYLES = ["（{cn}）", "({cn})", "{cn}、", "{n}、", "{n}.", "{n}．", "（{n}）"]
RENAMES = [("水利局", "水务局"), ("民政局", "民政事务局"), ("司法局", "司法行政局"), ("交通运输局", "交通局")]
_ITEM = re.compile(r"^[（(](?P<n>[一二三四五六七八九十]+)[）)]", re.M)


def examples() -> list[str]:
    return [read_document(p).text for p in sorted((ROOT / "examples" / "corpus").iterdir())]


_SYLLABLES = "安宁平和清远新兴长乐永丰临泉德化通济龙溪石门青阳白水云台松岭桃源金沙"


@cache
def _pairs() -> list[str]:
    pairs = [a + b for a in _SYLLABLES for b in _SYLLABLES if a != b]
    random.Random(0).shuffle(pairs)
    return pairs


def place(i: int) -> str:
    """The i-th invented place name: two distinct syllables (a third once those run out), all
    Han characters like real ones, and never the same for two i."""
    pairs = _pairs()
    head, tail = divmod(i, len(pairs))
    return pairs[tail] + (_SYLLABLES[head - 1] if head else "")


def renumber(text: str, style: str) -> str:
    """Rewrite （一）-style item numbers at line starts in another style."""
    def swap(m: re.Match[str]) -> str:
        from zhize.ingest.numerals import cn_to_int
        n = cn_to_int(m.group("n")) or 1
        return style.format(cn=int_to_cn(n), n=n)
    return _ITEM.sub(swap, text)


def reorder(text: str, rng: random.Random) -> str:
    """Shuffle whole lines inside runs of item lines (then renumbering keeps them in order)."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if _ITEM.match(line)]
    if len(starts) > 3:
        block = [lines[i] for i in starts]
        bodies = [_ITEM.sub("", line, count=1) for line in block]
        rng.shuffle(bodies)
        for k, i in enumerate(starts):
            lines[i] = f"（{int_to_cn(k + 1)}）" + bodies[k]
    return "\n".join(lines)


def perturb(text: str, rng: random.Random, copy: int) -> str:
    """One example document as it would read in the `copy`-th invented county (all documents of
    one copy share the county and its city, as a county's 三定 and reform plan do)."""
    text = text.replace(COUNTY, place(2 * copy)).replace(PARENT, place(2 * copy + 1))
    renames = random.Random(copy)  # the same renames in every document of the copy
    for old, new in RENAMES:
        if renames.random() < 0.3:
            text = text.replace(old, new)
    if rng.random() < 0.5:
        text = reorder(text, rng)
    return renumber(text, rng.choice(STYLES))


def generate(chars: int, seed: int = 1) -> Iterator[str]:
    rng = random.Random(seed)
    base = examples()
    made, i = 0, 0
    while made < chars:
        text = perturb(base[i % len(base)], rng, i // len(base))
        made += len(text)
        i += 1
        yield text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=10_000_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i, text in enumerate(generate(args.chars)):
        (args.out / f"doc{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    print(f"wrote {i + 1} documents, {total:,} characters, to {args.out}")


if __name__ == "__main__":
    main()
