"""What every detector shares: the run context, the detector protocol, and building a `Finding`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import networkx as nx

from zhize.graph.models import Evidence, Finding, Severity, Task
from zhize.graph.schema import finding_id


@dataclass(frozen=True)
class Context:
    """One check run of one jurisdiction at one date; `tasks` are the user's new tasks (GAP003)."""

    jurisdiction: str
    at: date
    tasks: tuple[Task, ...] = field(default_factory=tuple)


class Detector(Protocol):
    ID: str
    KIND: str
    SEVERITY: Severity

    def detect(self, graph: nx.MultiDiGraph, context: Context) -> Iterator[Finding]: ...


@dataclass(frozen=True)
class Rule:
    """A detector's identity, as its module declares it (ID, KIND, SEVERITY)."""

    id: str
    kind: str
    severity: Severity

    def finding(self, context: Context, departments: list[str], matter: str | None, evidence: list[Evidence],
                message: str, confidence: float) -> Finding:
        """A finding whose id depends only on detector, place, parties and matter (stable across runs)."""
        parties = sorted(set(departments))
        return Finding(id=finding_id(self.id, context.jurisdiction, parties, matter), detector=self.id,
                       kind=self.kind, severity=self.severity, confidence=round(max(0.0, min(1.0, confidence)), 2),
                       jurisdiction=context.jurisdiction, departments=parties, matter=matter,
                       evidence=dedupe(evidence), message=message)


def dedupe(evidence: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for e in evidence:
        key = (e.document, e.clause, e.quote, e.department)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def join_names(names: list[str], limit: int = 6) -> str:
    shown = "、".join(names[:limit])
    return shown + (f"等{len(names)}个部门" if len(names) > limit else "")
