"""Rows read from Neo4j turned into read models and projection nodes and edges. Pure.

The rows are what the `projection_*` statements return; the graph is built by
`graph.projection.build_projection`, attribute by attribute as docs/graph-model.md lists them, so
it equals what the SQLite store builds from the same documents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from zhize.graph.models import DepartmentInfo, DocumentInfo, DutyHit, JurisdictionInfo
from zhize.graph.projection import Edge, Node, build_projection, in_force, merge_declarations
from zhize.graph.schema import UNDATED_DATE, Label, Rel, jurisdiction_id, matter_id

Row = dict[str, Any]


@dataclass
class ProjectionRows:
    """What the projection statements return for one jurisdiction at one date."""

    jurisdiction: list[Row] = field(default_factory=list)
    documents: list[Row] = field(default_factory=list)
    departments: list[Row] = field(default_factory=list)
    units: list[Row] = field(default_factory=list)
    duties: list[Row] = field(default_factory=list)
    boundaries: list[Row] = field(default_factory=list)
    staffing: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)


def dated(day: date | None) -> date | None:
    """A stored date, None for an undated document's (graph.schema.UNDATED_DATE)."""
    return None if day == UNDATED_DATE else day


def document_info(row: Row, counts: dict[str, int] | None = None) -> DocumentInfo:
    return DocumentInfo(id=row["id"], kind=row["kind"], title=row["title"], jurisdiction=row["jurisdiction"],
                        issue_date=dated(row["issue_date"]), subject=row["subject"], source=row["source"],
                        counts=counts or {}, date_source=row.get("date_source"),
                        place_unknown=bool(row.get("place_unknown")))


def jurisdiction_info(row: Row) -> JurisdictionInfo:
    return JurisdictionInfo(id=row["id"], name=row["name"], level=row["level"],
                            departments=row["departments"], duties=row["duties"])


def duty_hit(row: Row) -> DutyHit:
    return DutyHit(duty=row["duty"], text=row["text"], department=row["department"],
                   department_name=row["department_name"], jurisdiction=row["jurisdiction"], unit=row["unit"],
                   role=row["role"], section=row["section"], clause=row["clause"],
                   span=(row["span_start"], row["span_end"]), document=row["document"],
                   document_title=row["document_title"], valid_from=dated(row["valid_from"]),
                   valid_to=row["valid_to"], matters=sorted(row["matters"]))


def project(jurisdiction: str, at: date, rows: ProjectionRows) -> nx.MultiDiGraph:
    nodes: list[Node] = []
    edges: list[Edge] = []
    jid = jurisdiction_id(jurisdiction)
    for j in rows.jurisdiction:
        nodes.append(Node(jid, Label.JURISDICTION, {"name": j["name"], "level": j["level"]}))
    _documents(rows.documents, nodes, edges)
    _departments(rows.departments, jid, at, nodes, edges)
    _units(rows.units, at, nodes, edges)
    _duties(rows.duties, at, nodes, edges)
    _boundaries(rows.boundaries, at, nodes, edges)
    _staffing(rows.staffing, at, nodes, edges)
    _events(rows.events, nodes, edges)
    return build_projection(jurisdiction, at, nodes + _matters(edges), edges)


def _by_id(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: r["id"])


def _current(row: Row, at: date) -> bool:
    return in_force(row["issued"], row["valid_to"], at)


def _span(row: Row) -> tuple[int, int]:
    return (row["span_start"], row["span_end"])


def _concerns(source: str, matters: list[Row]) -> list[Edge]:
    return [Edge(source, matter_id(m["key"]), Rel.CONCERNS, {"text": m["text"]})
            for m in sorted(matters, key=lambda m: m["key"])]


def _matters(edges: list[Edge]) -> list[Node]:
    ids = sorted({e.target for e in edges if e.type == Rel.CONCERNS})
    return [Node(i, Label.MATTER, {"key": i.removeprefix(matter_id(""))}) for i in ids]


def _documents(rows: list[Row], nodes: list[Node], edges: list[Edge]) -> None:
    for r in _by_id(rows):
        nodes.append(Node(r["id"], Label.DOCUMENT, {"kind": r["kind"], "title": r["title"],
                                                    "issue_date": dated(r["issue_date"]), "subject": r["subject"],
                                                    "valid_to": r["valid_to"]}))
        if r["subject"]:
            edges.append(Edge(r["id"], r["subject"], Rel.REGULATES))


def department_info(r: Row, at: date) -> DepartmentInfo:
    """A `departments` row (with at least one fact) as the store returns it."""
    declared = merge_declarations(r["facts"])
    return DepartmentInfo(id=r["id"], name=r["name"], jurisdiction=r["jurisdiction"], aliases=declared.aliases,
                          plaques=declared.plaques, rank=declared.rank, type=declared.type,
                          active=in_force(r["valid_from"], r["valid_to"], at), valid_from=r["valid_from"],
                          valid_to=r["valid_to"], duties=r["duties"])


def _departments(rows: list[Row], jid: str, at: date, nodes: list[Node], edges: list[Edge]) -> None:
    for r in _by_id(rows):
        if not r["facts"]:
            continue  # only declared by documents issued after `at`
        declared = merge_declarations(r["facts"])
        nodes.append(Node(r["id"], Label.DEPARTMENT, {
            "name": r["name"], "aliases": declared.aliases, "plaques": declared.plaques,
            "rank": declared.rank, "type": declared.type, "valid_from": r["valid_from"],
            "valid_to": r["valid_to"], "active": in_force(r["valid_from"], r["valid_to"], at)}))
        edges.append(Edge(r["id"], jid, Rel.IN))


def _units(rows: list[Row], at: date, nodes: list[Node], edges: list[Edge]) -> None:
    for r in _by_id(rows):
        nodes.append(Node(r["id"], Label.UNIT, {"name": r["name"], "key": r["key"], "department": r["department"],
                                                "plaques": list(r["plaques"]), "document": r["document"],
                                                "current": _current(r, at)}))
        edges.append(Edge(r["id"], r["department"], Rel.PART_OF))


def _duties(rows: list[Row], at: date, nodes: list[Node], edges: list[Edge]) -> None:
    for r in _by_id(rows):
        nodes.append(Node(r["id"], Label.DUTY, {
            "text": r["text"], "role": r["role"], "section": r["section"], "clause": r["clause"],
            "span": _span(r), "document": r["document"], "ordinal": r["ordinal"],
            "department": r["department"], "unit": r["unit"],
            "matters": sorted(m["key"] for m in r["matters"])}))
        edges.append(Edge(r["department"], r["id"], Rel.HOLDS, {
            "role": r["role"], "valid_from": dated(r["issued"]), "valid_to": r["valid_to"],
            "current": _current(r, at)}))
        if r["unit"]:
            edges.append(Edge(r["unit"], r["id"], Rel.PERFORMS))
        edges.append(Edge(r["id"], r["document"], Rel.FROM))
        edges += _concerns(r["id"], r["matters"])


def _boundaries(rows: list[Row], at: date, nodes: list[Node], edges: list[Edge]) -> None:
    for r in _by_id(rows):
        nodes.append(Node(r["id"], Label.BOUNDARY, {
            "text": r["text"], "clause": r["clause"], "span": _span(r), "document": r["document"],
            "ordinal": r["ordinal"], "matter": r["matter"], "current": _current(r, at)}))
        edges.append(Edge(r["id"], r["document"], Rel.FROM))
        edges += _concerns(r["id"], r["matters"])
        for p in sorted(r["parties"], key=lambda p: p["department"]):
            edges.append(Edge(r["id"], p["department"], Rel.BETWEEN, {"does": p["does"], "role": p["role"]}))


def _posts(text: str) -> list[tuple[str, int]]:
    return [(title, count) for title, count in json.loads(text)]


def _staffing(rows: list[Row], at: date, nodes: list[Node], edges: list[Edge]) -> None:
    for r in _by_id(rows):
        nodes.append(Node(r["id"], Label.STAFFING, {
            "department": r["department"], "administrative": r["administrative"], "other": json.loads(r["other"]),
            "leaders": _posts(r["leaders"]), "posts": _posts(r["posts"]), "clause": r["clause"],
            "document": r["document"], "current": _current(r, at)}))
        edges.append(Edge(r["id"], r["department"], Rel.STAFFS))


def _events(rows: list[Row], nodes: list[Node], edges: list[Edge]) -> None:
    for r in _by_id(rows):
        nodes.append(Node(r["id"], Label.EVENT, {
            "kind": r["kind"], "date": dated(r["date"]), "duty": r["duty"], "detail": json.loads(r["detail"]),
            "text": r["text"], "clause": r["clause"], "span": _span(r), "document": r["document"],
            "ordinal": r["ordinal"]}))
        edges.append(Edge(r["id"], r["document"], Rel.FROM))
        edges += [Edge(r["id"], d, Rel.SOURCE) for d in sorted(r["sources"])]
        edges += [Edge(r["id"], d, Rel.TARGET) for d in sorted(r["targets"])]
        edges += _concerns(r["id"], r["matters"])
