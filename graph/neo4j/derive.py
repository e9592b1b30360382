"""What the Neo4j store derives from the loaded records (docs/graph-model.md, Time). Pure.

- A department exists from its earliest `create` (or `rename` target) event, until its latest
  `abolish` (or `rename` source) event; without such events, from always or forever.
- A 三定 is in force from its issue date until the issue date of the next dated 三定 of the same
  department (in order of issue date, then id), or until the department ends if that is earlier.
- An undated document counts as issued before every date; its events start and end nothing.
- A department's aliases and plaques are the union of what its documents declare; rank and type
  come from the latest 三定 regulating it, other documents filling in what is still unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from zhize.graph.records import EventKind
from zhize.graph.schema import UNDATED_DATE

STARTS = (str(EventKind.CREATE), str(EventKind.RENAME))  # as the target of the event
ENDS = (str(EventKind.ABOLISH), str(EventKind.RENAME))  # as a source of the event


def lifetime(starts: Iterable[date], ends: Iterable[date]) -> tuple[date | None, date | None]:
    """An undated event (graph.schema.UNDATED_DATE) neither starts nor ends a department."""
    return (min((d for d in starts if d != UNDATED_DATE), default=None),
            max((d for d in ends if d != UNDATED_DATE), default=None))


def regulation_validity(regulations: Iterable[Mapping[str, Any]], department_ends: date | None
                        ) -> dict[str, date | None]:
    """valid_to of each 三定 ({document, issue_date}) regulating one department."""
    ordered = sorted(regulations, key=lambda r: (r["issue_date"], r["document"]))
    validity = {}
    for i, reg in enumerate(ordered):
        following = next((r["issue_date"] for r in ordered[i + 1:] if r["issue_date"] != UNDATED_DATE), None)
        validity[reg["document"]] = min((d for d in (following, department_ends) if d), default=None)
    return validity


