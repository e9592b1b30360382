"""What the Neo4j store derives from the loaded records (docs/graph-model.md, Time). Pure.

- A department exists from its earliest `create` (or `rename` target) event, until its latest
  `abolish` (or `rename` source) event; without such events, from always or forever.
- A 三定 is in force from its issue date until the issue date of the next 三定 of the same
  department (in order of issue date, then id), or until the department ends if that is earlier.
- A department's aliases and plaques are the union of what its documents declare; rank and type
  come from the latest 三定 regulating it, other documents filling in what is still unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.records import EventKind

STARTS = (str(EventKind.CREATE), str(EventKind.RENAME))  # as the target of the event
ENDS = (str(EventKind.ABOLISH), str(EventKind.RENAME))  # as a source of the event


@dataclass(frozen=True)
class Declared:
    """A department as the documents declaring it describe it, merged."""

    aliases: list[str]
    plaques: list[str]
    rank: str | None
    type: str | None


def lifetime(starts: Iterable[date], ends: Iterable[date]) -> tuple[date | None, date | None]:
    return min(starts, default=None), max(ends, default=None)


def regulation_validity(regulations: Iterable[Mapping[str, Any]], department_ends: date | None
                        ) -> dict[str, date | None]:
    """valid_to of each 三定 ({document, issue_date}) regulating one department."""
    ordered = sorted(regulations, key=lambda r: (r["issue_date"], r["document"]))
    validity = {}
    for i, reg in enumerate(ordered):
        following = ordered[i + 1]["issue_date"] if i + 1 < len(ordered) else None
        validity[reg["document"]] = min((d for d in (following, department_ends) if d), default=None)
    return validity


def merge_declarations(facts: Iterable[Mapping[str, Any]]) -> Declared:
    """Facts are {document, issue_date, regulation, aliases, plaques, rank, type}, one per document."""
    ordered = sorted(facts, key=lambda f: (f["issue_date"], f["document"]))
    rank = kind = None
    for f in ordered:  # the latest 三定 of the department itself wins; other documents fill gaps
        if f["regulation"] or rank is None:
            rank = f["rank"] or rank
        if f["regulation"] or kind is None:
            kind = f["type"] or kind
    return Declared(aliases=sorted({a for f in ordered for a in f["aliases"] or ()}),
                    plaques=sorted({p for f in ordered for p in f["plaques"] or ()}),
                    rank=rank, type=kind)
