"""The outline of a regulation or plan: articles (第N条) or sections (一、), and numbered items.

Real pages number items in many styles — （一） (一) 一、 1、 1. 1． （1） 1) 1.1 — glue several items on
one line or break one item over several lines. An item token counts only where an item can start
(start of a line, or after 。；：) and only as the next number of the list's own style, so a "1."
inside a sentence or a sub-list of another style never splits an item.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from zhize.ingest.numerals import CN_NUMBER, int_to_cn, to_int

_ARTICLE = re.compile(rf"第(?P<n>{CN_NUMBER}|\d{{1,3}})条")
_SECTION = re.compile(rf"(?P<n>{CN_NUMBER})、")
_ITEM = re.compile(
    rf"[（(](?P<pcn>{CN_NUMBER})[）)]"        # （一） (一)
    rf"|(?P<cnd>{CN_NUMBER})、"                # 一、
    r"|[（(](?P<pn>\d{1,2})[）)]"              # （1） (1)
    r"|(?P<rp>\d{1,2})[）)](?!\d)"             # 1)  1）
    r"|(?P<dd>\d{1,2}[.．]\d{1,2})(?![.．\d%万亿元倍个名])"  # 1.1 1.2 (items of section 1, numbered by the second part)
    r"|(?P<nd>\d{1,2})(?:[、．]|\.(?!\d))"     # 1、 1． 1.
    r"|(?P<circ>[\u2460-\u2473])"                # ① … ⑳
    r"|(?P<bullet>[●■◆◇○•▪▶►])"                 # ● 负责……  (each bullet the next item)
)
_ITEM_STARTS = "\n。；;：:"
# _ITEM where an item can start (after one of _ITEM_STARTS): scanning for these alone is about
# three times faster than finding every _ITEM and discarding most. An _ITEM match never contains
# one of _ITEM_STARTS, so a discarded match can never hide one at an item start.
_ITEM_AT_START = re.compile(rf"(?<=[{_ITEM_STARTS}])(?:{_ITEM.pattern})")
# A table cell on its own line: a number, or a short name with no punctuation (食品安全协调股).
_CELL = re.compile(r"^(?:\d{1,3}|[^，。；、：:,;\s]{2,18}(?:股|科|室|处|办公室|中心|队|所|站|组|名))$")
_HEADING_LINE = 30  # characters: a heading line is short (brackets and a colon included)
_FIELD = re.compile(r"[\u4e00-\u9fff]{2,6}[：:]")
_TERMINAL = "。；;：:！？!?”’」』）)】"
# The separators of a web page's <title> between its parts (栏目_站点, 单位--栏目): a line holding
# one and no sentence is a title, never the first half of a sentence.
_PAGE_TITLE = re.compile(r"^[^，。；,;]{2,40}?(?:_|--|－－|——)[^，。；,;]{2,40}$")
# A line ending in a telephone number (办公室　电话：0736-5230101, a contact row): a row of its own, no
# sentence goes on after the number.
_PHONE_END = re.compile(r"(?:\d{3,4}[-－]\d{7,8}|(?:电话|传真)[:：]?\d{7,12})$")


@dataclass(frozen=True)
class Block:
    """One article or section: `label` as cited (第三条 or 三), body from `body_start` to `end`."""

    label: str
    number: int
    start: int
    body_start: int
    end: int
    heading: str


@dataclass(frozen=True)
class Item:
    number: int
    style: str
    start: int  # where the numbering token starts
    text_start: int
    end: int

    @property
    def label(self) -> str:
        return f"（{int_to_cn(self.number)}）"


def reflow(text: str, heading: Callable[[str], object] | None = None) -> str:
    """Join lines broken in the middle of a sentence (PDF text layers, narrow web pages).

    A line is continued by the next when it does not end a sentence, is not a short heading,
    and the next line does not start an article, section or item, nor is a heading by
    `heading` (a page's 部门职责 under its title line)."""
    lines = text.split("\n")
    out: list[str] = []
    after_heading = False  # the line before is a heading: a page's 青杉县林业局机构职能 ends where it ends
    for line in lines:
        is_heading = heading is not None and len(line) <= _HEADING_LINE and bool(heading(line))
        if out and not is_heading and not after_heading and _continues(out[-1], line):
            out[-1] += line
            continue
        out.append(line)
        after_heading = is_heading
    return "\n".join(out)


def continues(previous: str, line: str) -> bool:
    """Whether `line` goes on the sentence `previous` left unfinished (the rule `reflow` joins by),
    for readers that join lines themselves and keep offsets into the unjoined text."""
    return _continues(previous.strip(), line.strip())


def _continues(previous: str, line: str) -> bool:
    if not previous or not line or previous[-1] in _TERMINAL:
        return False
    titles = ("规定", "方案", "意见", "通知", "决定")
    if line[0] in "（(《【" or previous.endswith(titles) or (line.endswith(titles) and len(line) >= 10):
        return False
    if any(mark in previous for mark in ">|｜»") or "｜" in line:  # breadcrumbs, menus; a table's rows
        return False
    if _PAGE_TITLE.search(previous):  # a web page's title: 机构职能_青杉县林业局, 青杉县林业局--部门职能
        return False
    if previous[-1].isdigit() and _PHONE_END.search(previous):
        return False
    if _starts_unit(line) or (_starts_unit(previous) and len(previous) <= 12):
        return False
    if _FIELD.match(line):  # database dumps: 单位简称：…, 编制情况：…
        return False
    if _CELL.match(line) or _CELL.match(previous):  # Word table cells arrive one per line
        return False
    return len(previous) >= 12


def starts_item(line: str) -> bool:
    """Whether `line` opens with an item number of any style (（一） 1、 ① …)."""
    return _ITEM.match(line) is not None


def _starts_unit(line: str) -> bool:
    return bool(_ARTICLE.match(line) or _SECTION.match(line) or _ITEM.match(line))


def blocks(text: str, *, excerpt: bool = False) -> list[Block]:
    """Articles if the text has at least two in sequence, else 一、 sections, else nothing.
    With `excerpt` (a plan quoted from its third section on), the numbering may start at any
    number and a single section counts."""
    least = 1 if excerpt else 2
    found = _sequence(text, _ARTICLE, lambda m: m.start() == 0 or text[m.start() - 1] in "\n。", excerpt)
    label = "第{}条"
    if len(found) < least:
        found = _sequence(text, _SECTION, lambda m: m.start() == 0 or text[m.start() - 1] == "\n", excerpt)
        label = "{}"
        if len(found) < least:
            return []
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        n = to_int(m.group("n")) or 0
        out.append(Block(label.format(int_to_cn(n)), n, m.start(), m.end(), end, _heading(text, m.end(), end)))
    return out


def _sequence(text: str, pattern: re.Pattern[str], allowed, excerpt: bool = False) -> list[re.Match[str]]:
    """Matches numbered 1, 2, 3 … in order (a stray match of another number is skipped); with
    `excerpt`, numbered n, n+1, … from the first allowed match."""
    out: list[re.Match[str]] = []
    first = None
    for m in pattern.finditer(text):
        if not allowed(m):
            continue
        n = to_int(m.group("n"))
        if first is None and excerpt and n:
            first = n
        if n == (first or 1) + len(out):
            out.append(m)
    return out


def _heading(text: str, body_start: int, end: int) -> str:
    """A short title on the block's first line (第三条　职能转变 / 二、主要职责), else ''."""
    line_end = text.find("\n", body_start, end)
    first = text[body_start:line_end if line_end != -1 else end].strip(" 　：:")
    return first if first and len(first) <= 16 and "。" not in first and "，" not in first else ""


def items(text: str, start: int, end: int, *, excerpt: bool = False) -> list[Item]:
    """The numbered items in text[start:end], in the style of the first item numbered 1 (with
    `excerpt`, of the first item whatever its number: a passage quoted from item （四） on)."""
    found: list[tuple[int, str, int, int]] = []
    style = None
    for m in _item_starts(text, start, end):
        kind = m.lastgroup or ""
        n = len(found) + 1 if kind == "bullet" and style in (None, "bullet") else item_number(kind, m.group(kind))
        if n is None:
            continue
        if style is None and (n == 1 or excerpt):
            style = kind
        if kind == style and _next_in_list(n, found, text, m.start()):
            found.append((n, kind, m.start(), m.end()))
    out = []
    for i, (n, kind, s, e) in enumerate(found):
        stop = found[i + 1][2] if i + 1 < len(found) else end
        out.append(Item(n, kind, s, e, stop))
    return out


def item_number(kind: str, token: str) -> int | None:
    """The number of an item token: ① is 1, 十五 is 15, 3 is 3."""
    if kind == "circ":
        return ord(token) - 0x2460 + 1
    if kind == "bullet":
        return None
    if kind == "dd":  # 2.3 is the third item of section 2
        return to_int(re.split("[.．]", token)[1])
    return to_int(token)


def _item_starts(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The _ITEM matches in text[start:end] where an item can start: at `start`, or after one of
    _ITEM_STARTS; in order."""
    found = list(_ITEM_AT_START.finditer(text, start, end))
    preceded = start > 0 and text[start - 1] in _ITEM_STARTS  # then the lookbehind saw it already
    if not preceded:
        first = _ITEM.match(text, start, end)  # the floor is an item start whatever precedes it
        if first:
            found.insert(0, first)
    return found


def _next_in_list(n: int, found: list[tuple[int, str, int, int]], text: str, pos: int) -> bool:
    """The next number, or one number further at the start of a line (a number left out by a typo
    or a deleted item must not swallow the rest of the list)."""
    if not found:
        return True  # the style was just set by this item (number 1, or any in an excerpt)
    expected = found[-1][0] + 1
    return n == expected or (n == expected + 1 and bool(found) and text[pos - 1] == "\n")


def trim(text: str, start: int, end: int, strip: str = " \n\u3000") -> tuple[int, int]:
    """Narrow [start, end) past surrounding whitespace."""
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end
