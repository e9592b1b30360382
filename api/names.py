"""Department names as people type them: full (岚川县市场监督管理局), without the place
(市场监督管理局, 县市场监督管理局), an alias or plaque, part of the name (水利), or the usual
abbreviation (市场监管局 for 市场监督管理局). Every place that asks for a department (the ledger's
department filter, 谁负责's department filter, `zhize lineage`) resolves what was typed here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class Named(Protocol):
    name: str
    jurisdiction: str
    aliases: list[str]
    plaques: list[str]


# Characters that end a body's name; an abbreviation keeps its name's last one (监管局 → …管理局).
_SUFFIXES = frozenset("局委办部院室所站队中心会")


def forms(d: Named) -> set[str]:
    """The names a person may use: full, aliases, plaques, each also without the place name."""
    found = {d.name, *d.aliases, *d.plaques}
    place = d.jurisdiction
    level = place[-1:] if place and place[-1] in "县区市旗州盟" else ""
    for name in list(found):
        for prefix in (place, "中共" + place):
            if place and name.startswith(prefix) and len(name) > len(prefix):
                rest = name[len(prefix):]
                found.update({rest, level + rest})
    return {f for f in found if f}


def abbreviates(short: str, name: str) -> bool:
    """`short` is a usual abbreviation of `name`: its characters appear in `name` in order, it
    starts where `name` starts or with two characters of `name` side by side, and it ends with the
    same body word (市场监管局 → 市场监督管理局, 发改局 → 发展和改革局; 市场局 is not taken for
    农业农村局)."""
    if len(short) < 3 or short[-1] != name[-1] or short[-1] not in _SUFFIXES:
        return False
    if short[0] != name[0] and short[:2] not in name:
        return False
    rest = iter(name)
    return all(ch in rest for ch in short)


def matching(text: str, departments: Iterable[Named], *, partial: bool = True) -> list[Named]:
    """The departments `text` names, best kind of match first: an exact form, else names that
    contain it (unless `partial` is False: where the text may also be a matter, 食品安全 is not a
    name of 食品安全委员会), else names it abbreviates. Empty when none."""
    text = text.strip()
    pool = list(departments)
    if not text:
        return []
    tests = [lambda d: text in forms(d), lambda d: any(text in f for f in forms(d)),
             lambda d: any(abbreviates(text, f) for f in forms(d))]
    for test in tests if partial else tests[::2]:
        found = [d for d in pool if test(d)]
        if found:
            return found
    return []


def full_names(text: str, departments: Iterable[Named], *, partial: bool = True) -> list[str]:
    """The distinct full names `text` resolves to (one, several, or none)."""
    return list(dict.fromkeys(d.name for d in matching(text, departments, partial=partial)))


def department_or_text(text: str, departments: Iterable[Named]) -> str:
    """The full name when `text` is one department's name or abbreviation, else `text` unchanged
    (for questions that take a department or a matter, such as lineage)."""
    found = full_names(text, departments, partial=False)
    return found[0] if len(found) == 1 else text.strip()


def resolve(text: str | None, departments: Iterable[Named]) -> str | None:
    """The one full name `text` stands for; `text` itself when it names no department (the caller
    then finds nothing and says so); `InputError` listing them when it names several."""
    from zhize.graph.errors import InputError

    if not text or not text.strip():
        return None
    found = full_names(text, departments)
    if len(found) > 1:
        raise InputError(f"“{text.strip()}”对应多个部门：{'、'.join(found[:8])}，请写得更具体一些")
    return found[0] if found else text.strip()
