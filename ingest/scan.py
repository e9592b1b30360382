"""Running a costly regular expression only where it can match.

A pattern that opens with a lazy or variable-length run (``[^，。]{2,30}?局（``) is tried at every
position of the text, and each try walks up to the run's length: on long texts that is most of
the time the parse takes. When every match must contain an anchor (an opening bracket, a level
word such as 市) within a known reach, the same matches come from running the pattern on the
stretches around the anchors only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def finditer_near(pattern: re.Pattern[str], text: str, anchor: re.Pattern[str], before: int,
                  after: int) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, when every match starts at most `before`
    characters before an `anchor` match it contains and ends (its lookaheads included) at most
    `after` characters after that anchor's start.

    The stretches ``[anchor - before, anchor + after)`` are merged where they overlap or touch,
    so a match is never cut or found twice, and the pattern runs on each as on the whole text:
    a match cannot begin in a gap between stretches. The pattern must not look behind further
    than the text it matches (``^``, lookbehinds)."""
    lo = hi = -1
    for a in anchor.finditer(text):
        start, end = max(0, a.start() - before), a.start() + after
        if start > hi:
            if hi > lo:
                yield from pattern.finditer(text, lo, hi)
            lo = start
        hi = max(hi, end)
    if hi > lo:
        yield from pattern.finditer(text, lo, hi)
