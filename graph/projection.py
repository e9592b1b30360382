"""The networkx projection of one jurisdiction at one date: what queries and detectors run on.

Both stores fetch typed rows and hand them to `build_projection`, so the graph is identical
whichever store it came from. What it holds, for jurisdiction J at date `at`:

- the Jurisdiction node;
- every Department of J declared by a document issued by `at` and not created after `at`
  (`active` tells whether it still exists at `at`; aliases and plaques come from those documents);
- every Duty of a document issued by `at`, linked by HOLDS from its department
  (edge attributes `valid_from`, `valid_to`, `role`, and `current`: in force at `at`), and by
  PERFORMS from its internal Unit;
- Units, Boundaries and Staffing from documents issued by `at` (`current` as for holdings);
- reform Events dated by `at` with SOURCE / TARGET edges to departments;
- Matters linked by CONCERNS from duties, events and boundaries;
- Documents issued by `at`.

Node ids are the schema ids; every node has a `label` attribute; edge keys are relationship
types, so the same data always yields the same graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from zhize.graph.schema import Label, Rel


@dataclass(frozen=True)
class Node:
    id: str
    label: Label
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    type: Rel
    props: dict[str, Any] = field(default_factory=dict)


def in_force(valid_from: date | None, valid_to: date | None, at: date) -> bool:
    """Half-open validity: in force from `valid_from` (inclusive) until `valid_to` (exclusive)."""
    return (valid_from is None or valid_from <= at) and (valid_to is None or at < valid_to)


@dataclass(frozen=True)
class Declared:
    """A department as the documents declaring it describe it, merged."""

    aliases: list[str]
    plaques: list[str]
    rank: str | None
    type: str | None


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


def build_projection(jurisdiction: str, at: date, nodes: list[Node], edges: list[Edge]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(jurisdiction=jurisdiction, at=at)
    for n in nodes:
        g.add_node(n.id, label=str(n.label), **n.props)
    for e in edges:
        if e.source in g and e.target in g:
            g.add_edge(e.source, e.target, key=str(e.type), type=str(e.type), **e.props)
    return g


def nodes_with_label(g: nx.MultiDiGraph, label: Label) -> list[str]:
    return [n for n, d in g.nodes(data=True) if d.get("label") == label]
