"""Chinese numerals and dates as they appear in 三定 and reform plans (二十三名, （十五）, 二〇一九年)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMBER = "[零〇○一二两三四五六七八九十百千]+"


def cn_to_int(text: str) -> int | None:
    """二十三 → 23, 十五 → 15, 一百零二 → 102, 二〇一九 → 2019 (digit by digit); None if not a numeral."""
    if not text or any(ch not in DIGITS and ch not in UNITS for ch in text):
        return None
    if not any(ch in UNITS for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + DIGITS[ch]
        return value
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        else:
            total += (current or 1) * UNITS[ch]
            current = 0
    return total + current


@lru_cache(maxsize=4096)
def to_int(text: str) -> int | None:
    """Digits or a Chinese numeral as an int; memoised, since the same few item and article
    numbers are read over and over."""
    text = text.strip()
    return int(text) if text.isdigit() else cn_to_int(text)


def int_to_cn(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 23 → 二十三 (item labels go up to the tens)."""
    names = "零一二三四五六七八九"
    if n < 10:
        return names[n]
    if n < 20:
        return "十" + (names[n % 10] if n % 10 else "")
    if n < 100:
        return names[n // 10] + "十" + (names[n % 10] if n % 10 else "")
    return str(n)


_DATE = re.compile(
    rf"(?P<y>\d{{4}}|[〇○零一二三四五六七八九]{{4}})\s*年\s*(?P<m>\d{{1,2}}|{CN_NUMBER})\s*月\s*"
    rf"(?P<d>\d{{1,2}}|{CN_NUMBER})\s*日")
_ISO_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?!\d)")


def find_dates(text: str) -> list[tuple[int, date]]:
    """Every valid date in the text with its position."""
    found = []
    for pattern in (_DATE, _ISO_DATE):
        for m in pattern.finditer(text):
            found += _valid(m)
    return sorted(found)


def first_date(text: str) -> tuple[int, date] | None:
    """``find_dates(text)[0]`` (None without a date), reading each pattern only up to its first
    valid date: a document's date is usually in its first lines."""
    firsts = [next((d for m in pattern.finditer(text) for d in _valid(m)), None) for pattern in (_DATE, _ISO_DATE)]
    return min((f for f in firsts if f is not None), default=None)


def _valid(m: re.Match[str]) -> list[tuple[int, date]]:
    """The match's (position, date), or nothing when it is no calendar date (2019年2月30日)."""
    parts = [to_int(m.group(k)) for k in ("y", "m", "d")]
    try:
        return [(m.start(), date(*parts))]  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return []
