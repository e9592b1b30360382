"""The sentence view of a plan: lines joined where a sentence was broken, the outline path of
every sentence, and clauses split outside brackets.

Line joining and numbering come from `ingest.outline` (the same rules the 三定 reader uses); this
module only keeps offsets into the unjoined text, so that every span points at the text given.
A plan quoted from its third section or fourth item on keeps its numbers (outline's `excerpt`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from zhize.ingest import outline
from zhize.ingest.numerals import int_to_cn

OPEN = "（(《“‘「【〔"
CLOSE = "）)》”’」】〕"
SENTENCE_END = "。！？!?"
SPACES = " \u3000\t"


@dataclass(frozen=True)
class View:
    """The text with broken lines joined; ``pos[i]`` is the text offset of ``s[i]``. ``flat`` has
    bracketed words blanked (a verb in brackets is not the sentence's), ``plain`` 《titles》."""

    s: str
    pos: tuple[int, ...]
    flat: str
    plain: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            at = self.pos[start] if start < len(self.pos) else (self.pos[-1] + 1 if self.pos else 0)
            return at, at
        return self.pos[start], self.pos[end - 1] + 1


@dataclass(frozen=True)
class Sentence:
    """One sentence: view offsets, `term` past its closing 。 (or `end`), the outline path, and the
    path of its item (without sub-item): a list opened in an item runs through its sub-items."""

    start: int
    end: int
    term: int
    clause: str
    item: str
    index: int


def build_view(text: str, jurisdiction: str) -> View:
    """The plan's text as the sentence view reads it. Lines were joined once, by the extractor
    (`outline.reflow` with `extract.kept_apart`), so positions are the text's own."""
    return View(text, tuple(range(len(text))), mask_brackets(text),
                _TITLE.sub(lambda m: "《" + "\u3000" * (len(m.group()) - 2) + "》", text))


# --- outline paths ------------------------------------------------------------------------------


def regions(s: str) -> list[tuple[int, int, str, str]]:
    """(start, end, path, item path) of every stretch of text under one outline path, in order;
    numbering labels are left out."""
    found = outline.blocks(s, excerpt=True)
    if not found:
        return list(_item_regions(s, 0, len(s), "", 0))
    out = list(_item_regions(s, 0, found[0].start, "", 0))  # items before the first numbered section
    for block in found:
        out += _item_regions(s, block.body_start, block.end, block.label, 0)
    return out


def _item_regions(s: str, start: int, end: int, prefix: str, depth: int) -> Iterator[tuple[int, int, str, str]]:
    """Items of a block (any first number: an excerpt), then sub-items of an item (from 1)."""
    found = outline.items(s, start, end, excerpt=depth == 0)
    if not found:
        yield start, end, prefix, prefix
        return
    yield start, found[0].start, prefix, prefix
    for item in found:
        if depth == 0:
            path = prefix + f"（{int_to_cn(item.number)}）"
            yield from _item_regions(s, item.text_start, item.end, path, 1)
        else:
            yield item.text_start, item.end, prefix + str(item.number), prefix


def sentences(view: View) -> list[Sentence]:
    out: list[Sentence] = []
    s = view.s
    for start, end, path, item in regions(s):
        for a, b, sep in split(s, start, end, SENTENCE_END + "\n"):
            while a < b and s[a] in SPACES:
                a += 1
            if a >= b:
                continue
            term = b + 1 if sep and sep in SENTENCE_END else b
            out.append(Sentence(a, b, term, path, item, len(out)))
    return out


# --- clauses ------------------------------------------------------------------------------------


def split(s: str, start: int, end: int, separators: str) -> list[tuple[int, int, str]]:
    """Pieces of s[start:end] between separators outside brackets: (start, end, separator)."""
    pieces = _split_once(s, start, end, separators, brackets=True)
    if pieces is None:  # unbalanced brackets: split everywhere rather than not at all
        pieces = _split_once(s, start, end, separators, brackets=False) or []
    return pieces


@lru_cache(maxsize=16)
def _specials(separators: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(separators + OPEN + CLOSE + "\n") + "]")


def _split_once(s: str, start: int, end: int, separators: str, *, brackets: bool) -> list | None:
    pieces = []
    depth = 0
    begin = start
    for m in _specials(separators).finditer(s, start, end):  # only the special characters are visited
        ch = m.group()
        i = m.start()
        if ch == "\n":
            depth = 0
        if brackets and ch in OPEN:
            depth += 1
        elif brackets and ch in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in separators:
            pieces.append((begin, i, ch))
            begin = i + 1
    pieces.append((begin, end, ""))
    return None if depth and brackets else pieces


def clauses(view: View, sentence: Sentence) -> list[tuple[int, int]]:
    return [(a, b) for a, b, _ in split(view.s, sentence.start, sentence.end, "，,；;")]


_TITLE = re.compile(r"《[^》\n]*》")
_BRACKETS = re.compile("[" + re.escape(OPEN + CLOSE + "\n") + "]")


def mask_brackets(s: str) -> str:
    """The same string with everything inside brackets blanked (verbs there are not the sentence's)."""
    out = []
    depth = 0
    done = 0
    for m in _BRACKETS.finditer(s):
        i, ch = m.start(), m.group()
        out.append(s[done:i] if depth == 0 else "\u3000" * (i - done))
        if ch == "\n":
            depth = 0
            out.append(ch)
        elif ch in OPEN:
            out.append(ch if depth == 0 else "\u3000")
            depth += 1
        elif depth:
            depth -= 1
            out.append(ch if depth == 0 else "\u3000")
        else:
            out.append(ch)
        done = i + 1
    out.append(s[done:] if depth == 0 else "\u3000" * (len(s) - done))
    return "".join(out)


def match_len(pattern: re.Pattern[str], s: str, start: int, end: int) -> int:
    """Length of an anchored (^) pattern's match at s[start:end] (^ does not match at a pos argument)."""
    m = pattern.match(s[start:end])
    return m.end() if m else 0


def short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", "")
    return text if len(text) <= limit else text[:limit] + "……"
