"""One extract as the parameter rows of the write statements (`UNWIND $rows AS row`). Pure.

Ids come from `graph.schema`; a record's ordinal is its position in the extract's list. Values
Neo4j cannot store as properties (dicts, lists of pairs) become JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from zhize.graph.records import BoundaryRecord, Extract, MatterRef, Post, Role
from zhize.graph.schema import (
    UNDATED_DATE,
    department_id,
    jurisdiction_id,
    jurisdiction_level,
    matter_id,
    record_id,
    unit_key,
)

Row = dict[str, Any]

COUNTED = ("departments", "units", "duties", "boundaries", "staffing", "events")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def counts_of(extract: Extract) -> dict[str, int]:
    return {name: len(getattr(extract, name)) for name in COUNTED}


def department_ids(extract: Extract) -> dict[str, str]:
    """Declared department name → id."""
    return {d.name: department_id(extract.document.jurisdiction, d.name) for d in extract.departments}


def unit_ids(extract: Extract) -> dict[tuple[str, str], str]:
    """(department name, unit name) → id."""
    doc = extract.document.sha256
    return {(u.department, u.name): record_id("u", doc, i) for i, u in enumerate(extract.units)}


def document_params(extract: Extract, loaded_at: datetime) -> Row:
    doc = extract.document
    return {
        "document": doc.sha256, "kind": str(doc.kind), "title": doc.title,
        "jurisdiction": doc.jurisdiction, "jurisdiction_id": jurisdiction_id(doc.jurisdiction),
        "level": jurisdiction_level(doc.jurisdiction), "issue_date": doc.issue_date or UNDATED_DATE,
        "date_source": doc.date_source,
        "subject": department_ids(extract)[doc.subject] if doc.subject else None,
        "source": doc.source, "chars": doc.chars, "loaded_at": loaded_at, "place_unknown": doc.place_unknown,
    }


def department_rows(extract: Extract) -> list[Row]:
    ids = department_ids(extract)
    return [{"id": ids[d.name], "name": d.name, "aliases": sorted(set(d.aliases)),
             "plaques": sorted(set(d.plaques)), "rank": d.rank, "type": d.type}
            for d in extract.departments]


def unit_rows(extract: Extract) -> list[Row]:
    deps, ids = department_ids(extract), unit_ids(extract)
    return [{"id": ids[(u.department, u.name)], "key": unit_key(deps[u.department], u.name),
             "name": u.name, "department": deps[u.department], "plaques": sorted(set(u.plaques)),
             "ordinal": i, "clause": u.clause, "span_start": u.span[0], "span_end": u.span[1]}
            for i, u in enumerate(extract.units)]


def first_per_key(matters: Iterable[MatterRef]) -> list[MatterRef]:
    """One matter per key, with the first wording seen."""
    seen: dict[str, MatterRef] = {}
    for m in matters:
        seen.setdefault(m.key, m)
    return list(seen.values())


def matter_rows(matters: Iterable[MatterRef]) -> list[Row]:
    return [{"id": matter_id(m.key), "key": m.key, "text": m.text} for m in first_per_key(matters)]


def duty_rows(extract: Extract) -> list[Row]:
    doc, deps, units = extract.document.sha256, department_ids(extract), unit_ids(extract)
    return [{"id": record_id("t", doc, i), "text": d.text, "role": str(d.role), "section": str(d.section),
             "clause": d.clause, "span_start": d.span[0], "span_end": d.span[1], "ordinal": i,
             "department": deps[d.department],
             "unit": units[(d.department, d.unit)] if d.unit else None,
             "matters": matter_rows(d.matters)}
            for i, d in enumerate(extract.duties)]


def performs_rows(duties: list[Row]) -> list[Row]:
    return [{"unit": d["unit"], "duty": d["id"]} for d in duties if d["unit"]]


def boundary_parties(boundary: BoundaryRecord, deps: dict[str, str]) -> list[Row]:
    """One party per department: its shares' texts joined with "；", the role of its first share."""
    parties = []
    for name in dict.fromkeys(boundary.departments + [s.department for s in boundary.shares]):
        shares = [s for s in boundary.shares if s.department == name]
        parties.append({"department": deps[name], "does": "；".join(s.does for s in shares if s.does),
                        "role": str(shares[0].role) if shares else str(Role.UNSPECIFIED)})
    return parties


def boundary_rows(extract: Extract) -> list[Row]:
    doc, deps = extract.document.sha256, department_ids(extract)
    return [{"id": record_id("b", doc, i), "text": b.text, "clause": b.clause, "span_start": b.span[0],
             "span_end": b.span[1], "ordinal": i, "matter": b.matter.key if b.matter else None,
             "matters": matter_rows([b.matter] if b.matter else []),
             "parties": boundary_parties(b, deps)}
            for i, b in enumerate(extract.boundaries)]


def posts_json(posts: list[Post]) -> str:
    return dumps([[p.title, p.count] for p in posts])


def staffing_rows(extract: Extract) -> list[Row]:
    doc, deps = extract.document.sha256, department_ids(extract)
    return [{"id": record_id("s", doc, i), "department": deps[s.department],
             "administrative": s.administrative, "other": dumps(s.other), "leaders": posts_json(s.leaders),
             "posts": posts_json(s.posts), "clause": s.clause, "span_start": s.span[0],
             "span_end": s.span[1], "ordinal": i}
            for i, s in enumerate(extract.staffing)]


def event_rows(extract: Extract) -> list[Row]:
    doc = extract.document.sha256
    return [{"id": record_id("e", doc, i), "kind": str(e.kind), "duty": e.duty, "detail": dumps(e.detail),
             "text": e.text, "clause": e.clause, "span_start": e.span[0], "span_end": e.span[1],
             "ordinal": i, "matters": matter_rows(e.matters)}
            for i, e in enumerate(extract.events)]


def event_side_rows(extract: Extract) -> tuple[list[Row], list[Row]]:
    """(sources, targets) as {event, department} rows; a source named twice counts once."""
    doc, deps = extract.document.sha256, department_ids(extract)
    sources, targets = [], []
    for i, e in enumerate(extract.events):
        eid = record_id("e", doc, i)
        sources += [{"event": eid, "department": deps[name]} for name in dict.fromkeys(e.sources)]
        if e.target:
            targets.append({"event": eid, "department": deps[e.target]})
    return sources, targets
