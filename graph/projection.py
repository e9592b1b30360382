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
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple

import networkx as nx

from zhize.graph.schema import Label, Rel

_NO_PROPS: Mapping[str, Any] = MappingProxyType({})


class Node(NamedTuple):
    """A node of the projection as a store hands it over (a named tuple: a county has thousands)."""

    id: str
    label: Label
    props: Mapping[str, Any] = _NO_PROPS


class Edge(NamedTuple):
    source: str
    target: str
    type: Rel
    props: Mapping[str, Any] = _NO_PROPS


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
    g.add_nodes_from((n.id, {"label": str(n.label), **n.props}) for n in nodes)
    # Edges go straight into networkx's adjacency dicts, as `MultiDiGraph.add_edge(u, v, key, **attr)`
    # would put them (one key dict shared by successor and predecessor maps; a repeated key updates
    # its attributes): a county has some ten thousand edges and add_edge's checks cost more than this.
    succ, pred, known = g._succ, g._pred, g._node
    for source, target, kind, props in edges:
        if source in known and target in known:
            key = str(kind)
            keydict = succ[source].get(target)
            if keydict is None:
                keydict = succ[source][target] = pred[target][source] = {}
            data = keydict.get(key)
            if data is None:
                keydict[key] = {"type": key, **props}
            else:
                data.update(type=key, **props)
    return g


def nodes_with_label(g: nx.MultiDiGraph, label: Label) -> list[str]:
    return [n for n, d in g.nodes(data=True) if d.get("label") == label]
