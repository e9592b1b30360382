"""Matters (事项) a duty clause is about, as short canonical keys so that different wordings meet.

食品安全监督管理, 食品安全监管, 食品安全工作 and 食品安全 all become key 食品安全; 采砂管理 and 河道采砂许可
become 河道采砂. The vocabulary and the canonical key of a free phrase live in `graph.matters` (queries use
them too); this module finds the matters of a text and gives `canonical_matter` ingestion's
department-name finder. The wording seen, tail included, is kept as ``MatterRef.text``.

Matching (leftmost-longest, one scan) is `graph.matters.matches`; a shorter variant inside a longer
one is never reported twice.

Matters inside a department's own name (市场监督管理 in 县市场监督管理局) are not what a duty is
about and are skipped, except inside a coordination body's name (县食品安全委员会办公室 → 食品安全),
since running that body is the duty.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache

from zhize.graph import matters as vocab_module
from zhize.graph.matters import matches, vocabulary
from zhize.graph.records import MatterRef
from zhize.ingest.names_pattern import coordination_body, find_department_names


def matters_of(text: str, names: Iterable[tuple[int, int, str]] | None = None) -> list[MatterRef]:
    """The matters `text` is about, one `MatterRef` per key in order of first mention.

    `names` are department-name spans already found in `text` (as `find_department_names` returns
    them); pass them to save the second search.

    >>> [m.key for m in matters_of("负责食品安全监督管理综合协调，承担县食品安全委员会日常工作。")]
    ['食品安全']
    """
    vocab = vocabulary()
    found = matches(vocab, text)
    if not found:
        return []
    skip = _portfolio_spans(text, names)
    skip_starts = [s for s, _ in skip]
    surfaces = vocab.surfaces
    refs: dict[str, MatterRef] = {}
    for start, end, surface in found:
        if skip and _inside(skip, skip_starts, start, end):
            continue
        for key in surfaces[surface]:
            if key not in refs:
                refs[key] = _matter_ref(key, text[start:end])
    return list(refs.values())


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) lies in one of `spans` (sorted, not overlapping)."""
    i = bisect_right(starts, start) - 1
    return i >= 0 and end <= spans[i][1]


@lru_cache(maxsize=65536)
def _matter_ref(key: str, text: str) -> MatterRef:
    """MatterRef is frozen, so equal ones can be shared; building a pydantic model is the slow part."""
    return MatterRef(key=key, text=text)


def canonical_matter(phrase: str) -> str | None:
    """`graph.matters.canonical_matter`, with a leading department name dropped (see there)."""
    return vocab_module.canonical_matter(phrase, _leading_department)


def _leading_department(text: str) -> tuple[int, str, bool] | None:
    names = find_department_names(text)
    if names and names[0][0] == 0:
        _, end, name = names[0]
        return end, name, coordination_body(name)
    return None


def _portfolio_spans(text: str, names: Iterable[tuple[int, int, str]] | None) -> list[tuple[int, int]]:
    if names is None:
        names = find_department_names(text)
    elif not names:
        return []
    return sorted((s, e) for s, e, name in names if not coordination_body(name))
