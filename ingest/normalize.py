"""Text normalisation: turn whatever a reader extracted into the text of record.

Later stages record character spans into the text `normalize_text` returns, so it runs once per
document, before any parsing, and every step here is a pure ``str -> str`` function.

What the steps do, in the order `normalize_text` applies them:

1. `normalize_newlines`: every line break (``\\r\\n``, ``\\r``, form feed, U+2028 …) becomes ``\\n``,
   so that ``text.split("\\n")`` and ``text.splitlines()`` agree.
2. `remove_invisible`: zero-width characters (U+200B–U+200D, U+2060, U+FEFF), control characters
   other than tab and line feed, and lone surrogates are deleted.
3. `map_radicals`: Kangxi radicals (U+2F00–U+2FD5) and the CJK Radicals Supplement characters that
   stand for an ordinary character (⻔ → 门) are replaced; PDF text layers use them in place of the
   ordinary characters. Nothing else is NFKC-normalised.
4. `to_halfwidth`: full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ) become ASCII. Chinese
   punctuation (，。；：（）、“”《》 and the rest of the full-width forms block) is left exactly as is.
4a. `drop_page_furniture`: what a paginated original (a gazette's PDF text layer) prints on every
   page besides the text: page-number lines (— 23 —, 第3页), the running header that follows each
   of them, and line numbers when most lines carry one, numbered in sequence. Lines then join
   across page breaks like any hard-wrapped text.
5. `to_simplified`: lines that contain a Traditional-only character are converted with OpenCC
   ``t2s``; every other line is left untouched, so simplified text is never altered. Only a text
   in Traditional characters is converted (`is_traditional`: two different Traditional-only
   characters at least): a Simplified page whose one rare character is in a name (a place called
   X蘋洲) keeps it.
6. `normalize_spaces`: the whitespace rules (below).
7. `collapse_blank_lines`: at most one empty line in a row, none at the start or end.

Whitespace rules (step 6). Line breaks are structure (numbered items start lines) and are kept.
Horizontal whitespace is ASCII space, tab, NBSP (U+00A0), the ideographic space U+3000 and the
other Unicode spaces (U+1680, U+2000–U+200A, U+202F, U+205F). A run of it is

- removed at the start and at the end of a line (indentation such as the two U+3000 before a
  paragraph is layout, not content);
- removed when the character on either side is a CJK character (ideograph, CJK punctuation,
  full-width form, kana): in Chinese running text such a space is never part of the wording;
  it is justification, a PDF artefact, a word broken across HTML tags, the U+3000 after 第N条, or
  the optional gap between Chinese and digits (``行政编制 15 名`` → ``行政编制15名``);
- otherwise (both sides narrow: Latin letters, digits, ASCII punctuation) replaced by a single
  ASCII space, because there it separates words or numbers (``ISO 9001``).

One exception comes first: a line made only of names of internal units or bodies parted by
spaces (``办公室　移交安置股　优抚褒扬股``, a page laying its units out in a row, a flattened table
row) has its separating runs replaced by 、, the list separator, so the names stay apart.

`normalize_text` is idempotent: ``normalize_text(normalize_text(x)) == normalize_text(x)``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import pairwise
from typing import Any

__all__ = [
    "collapse_blank_lines",
    "count_radicals",
    "drop_page_furniture",
    "has_traditional",
    "is_traditional",
    "map_radicals",
    "normalize_newlines",
    "normalize_spaces",
    "normalize_text",
    "remove_invisible",
    "to_halfwidth",
    "to_simplified",
]

_CJK_RANGES = (  # ideograph blocks OpenCC may convert, scanned once to find Traditional-only ones
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F),
)

# Characters whose glyph is a whole ordinary character; components such as ⻈ (讠) are left alone.
_RADICAL_SUPPLEMENT = {
    "⺝": "月", "⺠": "民", "⺩": "王", "⺬": "示", "⺼": "月", "⻁": "虎", "⻄": "西", "⻅": "见",
    "⻆": "角", "⻉": "贝", "⻋": "车", "⻑": "長", "⻓": "长", "⻔": "门", "⻘": "青", "⻙": "韦",
    "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻡": "首", "⻢": "马", "⻣": "骨", "⻤": "鬼",
    "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻬": "齐", "⻮": "齿",
    "⻰": "龙",
}

_BREAK_CHARS = "\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"
_INVISIBLE_CHARS = "\x00-\x08\x0e-\x1b\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ud800-\udfff"
_RADICAL_CHARS = "\u2e80-\u2fdf"
_FULLWIDTH_ALNUM_CHARS = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"

_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_ANY_BREAK = re.compile(f"[{_BREAK_CHARS}]")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_RADICALS = re.compile(f"[{_RADICAL_CHARS}]")
_FULLWIDTH_ALNUM = re.compile(f"[{_FULLWIDTH_ALNUM_CHARS}]")
_FULLWIDTH_ALNUM_RUN = re.compile(f"[{_FULLWIDTH_ALNUM_CHARS}]+")
# One scan tells whether any of the character-level steps 1-4 has work to do (usually none).
_CHARACTER_WORK = re.compile(f"[{_BREAK_CHARS}{_INVISIBLE_CHARS}{_RADICAL_CHARS}{_FULLWIDTH_ALNUM_CHARS}]")
_SPACE_CHARS = " \t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_SPACES = re.compile(f"[{_SPACE_CHARS}]+")
_WIDE = re.compile(
    "[\u2e80-\u2fdf\u2ff0-\u303f\u3040-\u31ff\u3200-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003ffff]"
)
_BLANK_RUNS = re.compile("\n\n\n+")  # not \n{3,}: a literal prefix lets the engine skip ahead
_FULLWIDTH_TABLE = {c: c - 0xFEE0 for a, b in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                    for c in range(a, b + 1)}


def normalize_text(text: str) -> str:
    """The text of record: all steps of this module, in the order the module docstring gives."""
    if _CHARACTER_WORK.search(text):
        text = normalize_newlines(text)
        text = remove_invisible(text)
        text = map_radicals(text)
        text = to_halfwidth(text)
    text = drop_page_furniture(text)
    if is_traditional(text):
        text = to_simplified(text)
    text = normalize_spaces(text)
    return collapse_blank_lines(text)


def normalize_newlines(text: str) -> str:
    """``\\r\\n``, ``\\r``, VT, FF, file/group/record separators, NEL, U+2028/9 → ``\\n``."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")  # the common case, without the regex engine
    if not _ANY_BREAK.search(text):
        return text
    return _LINE_BREAKS.sub("\n", text)


def remove_invisible(text: str) -> str:
    """Delete zero-width characters, control characters other than tab and ``\\n``, lone surrogates.

    A zero-width space inside 市场监管 is invisible on the page but splits the word for every
    search and pattern, so it goes. U+FEFF is removed wherever it is, not only at the start.
    """
    if not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub("", text)


def map_radicals(text: str) -> str:
    """Replace Kangxi radicals and whole-character CJK radical supplements by ordinary characters.

    ⼈ (U+2F08) → 人, ⾏ (U+2F8F) → 行, ⻔ (U+2ED4) → 门. Only these two blocks are touched.
    """
    if not _RADICALS.search(text):
        return text
    table = _radical_table()
    return _RADICALS.sub(lambda m: table.get(ord(m.group()), m.group()), text)


def count_radicals(text: str) -> int:
    """How many characters `map_radicals` would replace."""
    table = _radical_table()
    return sum(1 for m in _RADICALS.finditer(text) if ord(m.group()) in table)


def to_halfwidth(text: str) -> str:
    """Full-width digits and Latin letters → ASCII (１８ → 18, ＡＢ → AB); punctuation is kept."""
    if not _FULLWIDTH_ALNUM.search(text):
        return text
    # translate() only on the matched runs: on a whole text it costs ~70 ns per character
    return _FULLWIDTH_ALNUM_RUN.sub(lambda m: m.group().translate(_FULLWIDTH_TABLE), text)


# A line that is only a page number: — 23 —, - 7 -, 第3页, 第3页 共12页.
_PAGE_NUMBER_LINE = re.compile(
    r"^[ \t\u3000]*(?:[—\-－–]+[ \t\u3000]*\d{1,4}[ \t\u3000]*[—\-－–]+|第[ \t\u3000]*\d{1,4}[ \t\u3000]*页"
    r"(?:[ \t\u3000]*[,，]?[ \t\u3000]*共[ \t\u3000]*\d{1,4}[ \t\u3000]*页)?)[ \t\u3000]*$", re.MULTILINE)
# A line number before a line's text (`  12  第三条　…`): digits, then blank space.
_LINE_NUMBER = re.compile(r"^[ \t\u3000]*(\d{1,4})[ \t\u3000]+(?=\S)", re.MULTILINE)
_LINE_NUMBERS_MIN = 10  # lines: fewer numbered lines are a short list (1 部门职责 / 2 机构设置), not a margin


def drop_page_furniture(text: str) -> str:
    """`text` without page-number lines, the running header after each, and margin line numbers
    (see the module docstring, step 4a); unchanged when it has none."""
    if _PAGE_NUMBER_LINE.search(text):
        text = _drop_page_lines(text)
    numbered = _LINE_NUMBER.findall(text)
    if len(numbered) >= _LINE_NUMBERS_MIN:
        steps = sum(1 for a, b in pairwise(numbered) if int(b) == int(a) + 1)
        lines = sum(1 for line in text.split("\n") if line.strip())
        if steps * 5 >= (len(numbered) - 1) * 4 and len(numbered) * 2 >= lines:
            text = _LINE_NUMBER.sub("", text)
    return text


def _drop_page_lines(text: str) -> str:
    lines = text.split("\n")
    pages = [i for i, line in enumerate(lines) if _PAGE_NUMBER_LINE.match(line)]
    headers = set()
    for i in pages:  # the first line after a page number is the next page's header
        j = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
        if j is not None and len(lines[j].strip()) >= 4 and sum(
                1 for line in lines if line.strip() == lines[j].strip()) >= 2:
            headers.add(lines[j].strip())
    drop = set(pages) | {i for i, line in enumerate(lines) if line.strip() in headers}
    for i in sorted(drop):  # and the blank lines around them: the page's text goes on on the next page
        for step in (-1, 1):
            k = i + step
            while 0 <= k < len(lines) and not lines[k].strip():
                drop.add(k)
                k += step
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def is_traditional(text: str) -> bool:
    """Whether the text is written in Traditional characters: it holds two different
    Traditional-only characters at least (one alone is a rare character of a name)."""
    first = _find_traditional(text, 0)
    if first < 0:
        return False
    pos = first
    while (pos := _find_traditional(text, pos + 1)) >= 0:
        if text[pos] != text[first]:
            return True
    return False


def has_traditional(text: str) -> bool:
    """Whether the text contains a character that only Traditional Chinese uses (發, 條, 機 …)."""
    return _find_traditional(text, 0) >= 0


def to_simplified(text: str) -> str:
    """Convert to Simplified Chinese the lines that contain a Traditional-only character.

    Lines without one are returned unchanged, so already simplified text (著作, 乾隆, 于是) is
    never touched by the converter's guesses. The conversion is repeated until it is stable, which
    makes it idempotent even where OpenCC maps one traditional form to another.
    """
    parts, done = [], 0
    found = _find_traditional(text, 0)
    while found >= 0:
        start = text.rfind("\n", 0, found) + 1
        end = text.find("\n", found)
        end = len(text) if end < 0 else end
        parts += [text[done:start], _simplify_line(text[start:end])]
        done = end
        found = _find_traditional(text, end)
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def normalize_spaces(text: str) -> str:
    """Apply the whitespace rules of the module docstring to each run of horizontal whitespace."""
    if not _SPACES.search(text):
        return text
    # str.strip per line handles indentation and trailing blanks (most runs) at C speed.
    lines = [line.strip(_SPACE_CHARS) for line in text.split("\n")]
    text = "\n".join(_spaced_list(line) if _SPACES.search(line) else line for line in lines)
    return _SPACES.sub(_replace_space_run, text)


# A name a unit list holds: 办公室, 移交安置股, 规划财务处, 县水文站 (see `normalize_spaces`).
_LISTED_NAME = re.compile(r"^[\u4e00-\u9fff]{1,20}(?:办公室|股|科|室|处|中心|大队|队|所|站|组|司|厅|局|委员会|党委)$")


def _spaced_list(line: str) -> str:
    """`line` with 、 between its names when it is only names parted by spaces; else unchanged."""
    parts = _SPACES.split(line)
    if len(parts) >= 2 and all(_LISTED_NAME.match(p) for p in parts):
        return "、".join(parts)
    return line


def collapse_blank_lines(text: str) -> str:
    """At most one empty line in a row; no empty lines at the start or the end of the text."""
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n")


def _replace_space_run(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    if before == "\n" or after == "\n" or _WIDE.match(before) or _WIDE.match(after):
        return ""
    return " "


def _find_traditional(text: str, pos: int) -> int:
    """Index of the first Traditional-only character at or after ``pos``, or -1."""
    pattern, astral = _traditional_only()
    for match in pattern.finditer(text, pos):
        char = match.group()
        if ord(char) < 0x10000 or char in astral:
            return match.start()
    return -1


def _simplify_line(line: str) -> str:
    convert = _converter().convert
    for _ in range(4):
        converted = convert(line)
        if converted == line:
            break
        line = converted
    return line


@cache
def _converter() -> Any:
    import opencc  # deferred: loading the dictionaries is the only costly part of this module

    return opencc.OpenCC("t2s")


@cache
def _traditional_only() -> tuple[re.Pattern[str], frozenset[str]]:
    """Characters OpenCC ``t2s`` changes and that GB2312 (the simplified core set) lacks.

    GB2312 excludes the few simplified characters that ``t2s`` would also rewrite (乾, 於, 徵 …).
    The pattern matches the BMP ones and every astral character; an astral match is then
    looked up in the set. A class listing the scattered astral characters themselves would make
    the regex engine fall back to a range-by-range scan, about 100 times slower.
    """
    chars = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi + 1)]
    converted = _converter().convert("\n".join(chars)).split("\n")
    found = [c for c, s in zip(chars, converted, strict=True) if s != c and not _in_gb2312(c)]
    bmp = "".join(c for c in found if ord(c) < 0x10000)
    astral = frozenset(c for c in found if ord(c) >= 0x10000)
    return re.compile(f"[{_char_class(bmp)}\U00010000-\U0010ffff]"), astral


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _char_class(chars: str) -> str:
    """A compact regex class body for sorted code points: consecutive ones become ranges."""
    points = sorted(map(ord, chars))
    parts, start, prev = [], points[0], points[0]
    for p in points[1:] + [-1]:
        if p == prev + 1:
            prev = p
            continue
        parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
        start = prev = p
    return "".join(parts)


@cache
def _radical_table() -> dict[int, str]:
    """Kangxi radicals (and the two supplement characters NFKC maps) by NFKC, the rest by hand."""
    table = {}
    for code in range(0x2E80, 0x2FE0):
        mapped = unicodedata.normalize("NFKC", chr(code))
        if mapped != chr(code):
            table[code] = mapped
    table.update({ord(k): v for k, v in _RADICAL_SUPPLEMENT.items()})
    return table
