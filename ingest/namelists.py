"""Lists of department names: the one place where 、/和/与/及/以及/连同/同 split names.

Plans and 三定 both list bodies: 县工商局、县质监局和县食药监局的职责；县公安局及县交通运输局；
……，连同县林业局、县水利局的有关职责. A conjunction is also part of many names (县人力资源和社会
保障局, 县文化和旅游局), so a conjunction splits only where the words on both sides are names by
the caller's test, and the right side is itself a list of names (it may hold further conjunctions).
The caller says what a name is (`is_name`) and, optionally, what may start the next name
(`starts_name`: a place prefix in a plan, so that 县人力资源和社会保障局 stays whole).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Longest first: 以及 before 及. Each with an example of the wording it splits.
CONJUNCTIONS: tuple[tuple[str, str], ...] = (
    ("以及", "县林业局的职责以及县水利局的水资源调查职责"),
    ("连同", "县档案局的职责，连同县委办公室的有关职责"),
    ("和", "县工商局和县质监局"),
    ("与", "县委老干部局与县委组织部"),
    ("及", "县公安局及县交通运输局"),
    ("同", "县科协同县科技局"),
)
CONJUNCTION = re.compile("|".join(word for word, _ in CONJUNCTIONS))
# What may open a list piece without belonging to the name: 以及县林业局, 和县水利局, 连同县档案局.
LEADING_CONJUNCTION = re.compile(rf"^(?:{CONJUNCTION.pattern})+")
_QUOTES = "“”\"'「」"

NameTest = Callable[[str], bool]


def split_conjoined(piece: str, is_name: NameTest, starts_name: NameTest | None = None) -> list[str] | None:
    """A piece with no 、 → its names, split at conjunctions; None when it is not names.

    >>> split_conjoined("县工商局和县质监局", lambda s: s.endswith("局"))
    ['县工商局', '县质监局']
    """
    for m in CONJUNCTION.finditer(piece):
        left, right = piece[: m.start()], piece[m.end():]
        if not left or not is_name(left) or (starts_name is not None and not starts_name(right)):
            continue
        rest = split_conjoined(right, is_name, starts_name)
        if rest is not None:
            return [left, *rest]
    return [piece] if piece and is_name(piece) else None


def split_names(text: str, is_name: NameTest, starts_name: NameTest | None = None) -> list[str] | None:
    """A list joined by 、 and conjunctions → the names; None when some part is not a name.

    >>> split_names("县人事局、县劳动局和县文化局", lambda s: s.endswith("局"))
    ['县人事局', '县劳动局', '县文化局']
    """
    names: list[str] = []
    for piece in text.split("、"):
        piece = LEADING_CONJUNCTION.sub("", piece.strip().strip(_QUOTES))
        if not piece:
            continue
        found = split_conjoined(piece, is_name, starts_name)
        if found is None:
            return None
        names += found
    return names or None


def split_loosely(piece: str, is_name: NameTest) -> list[str]:
    """`split_conjoined` that keeps an unsplittable piece whole (a 三定's boundary clause names its
    parties loosely: what is not a list of names is one party)."""
    return split_conjoined(piece, is_name) or [piece]
