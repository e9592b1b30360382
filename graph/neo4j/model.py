"""How the graph model of `graph.schema` is laid out in Neo4j, as data.

`graph.schema.PROPERTIES` lists what each label carries; the Neo4j store adds a few properties of
its own (provenance ordinals, derived validity, relationship properties), listed here. Together
with `PATTERNS` they describe the database to Neo4j's linter (`lint_schema`), so that a misspelt
property or a relationship drawn the wrong way round is reported in CI, not found in production.

Two choices worth knowing when writing analyst queries against this database:

- A department's declarations live on `(Department)-[:FROM {aliases, plaques, rank, type}]->
  (Document)`, one per document that declares it (provenance, like every other FROM); the
  department node carries the merged `aliases`, `plaques`, `rank` and `type`.
- Values Neo4j cannot hold as properties are JSON text: `Event.detail`, `Staffing.other`,
  `Staffing.leaders`, `Staffing.posts` and `Finding.evidence`.
"""

from __future__ import annotations

from typing import Any

from zhize.graph.schema import PROPERTIES, Label, Rel

L, R = Label, Rel

# (from, relationship, to) for every relationship the store writes.
PATTERNS: tuple[tuple[Label, Rel, Label], ...] = (
    (L.DOCUMENT, R.IN, L.JURISDICTION),
    (L.DEPARTMENT, R.IN, L.JURISDICTION),
    (L.DOCUMENT, R.REGULATES, L.DEPARTMENT),
    (L.DEPARTMENT, R.FROM, L.DOCUMENT),
    (L.UNIT, R.PART_OF, L.DEPARTMENT),
    (L.UNIT, R.FROM, L.DOCUMENT),
    (L.DEPARTMENT, R.HOLDS, L.DUTY),
    (L.UNIT, R.PERFORMS, L.DUTY),
    (L.DUTY, R.CONCERNS, L.MATTER),
    (L.DUTY, R.FROM, L.DOCUMENT),
    (L.BOUNDARY, R.BETWEEN, L.DEPARTMENT),
    (L.BOUNDARY, R.CONCERNS, L.MATTER),
    (L.BOUNDARY, R.FROM, L.DOCUMENT),
    (L.STAFFING, R.STAFFS, L.DEPARTMENT),
    (L.STAFFING, R.FROM, L.DOCUMENT),
    (L.EVENT, R.SOURCE, L.DEPARTMENT),
    (L.EVENT, R.TARGET, L.DEPARTMENT),
    (L.EVENT, R.CONCERNS, L.MATTER),
    (L.EVENT, R.FROM, L.DOCUMENT),
    (L.FINDING, R.INVOLVES, L.DEPARTMENT),
    (L.FINDING, R.HAS_CHANGE, L.FINDING_CHANGE),
)

# Node properties beyond `graph.schema.PROPERTIES`.
EXTRA_NODE_PROPERTIES: dict[Label, tuple[str, ...]] = {
    L.DOCUMENT: ("valid_to", "loaded_at"),
    L.UNIT: ("key", "document", "ordinal", "clause", "span_start", "span_end"),
    L.BOUNDARY: ("ordinal", "matter"),
    L.STAFFING: ("ordinal", "span_start", "span_end"),
    L.EVENT: ("ordinal",),
    L.FINDING: ("changes", "number", "responsible_unit", "measures", "responsible_person", "progress", "closed_at"),
    L.FINDING_CHANGE: ("seq", "edits"),
}

RELATIONSHIP_PROPERTIES: dict[Rel, tuple[str, ...]] = {
    R.HOLDS: ("role", "valid_from", "valid_to"),
    R.CONCERNS: ("text",),
    R.BETWEEN: ("does", "role"),
    R.FROM: ("aliases", "plaques", "rank", "type"),
}


def property_keys() -> list[str]:
    keys = {p for props in PROPERTIES.values() for p in props}
    keys |= {p for props in EXTRA_NODE_PROPERTIES.values() for p in props}
    keys |= {p for props in RELATIONSHIP_PROPERTIES.values() for p in props}
    return sorted(keys)


def lint_schema() -> dict[str, Any]:
    """The database as the Cypher linter's `DbSchema` describes it."""
    return {
        "labels": sorted(str(label) for label in Label),
        "relationshipTypes": sorted(str(rel) for rel in Rel),
        "propertyKeys": property_keys(),
        "graphSchema": [{"from": str(a), "relType": str(r), "to": str(b)} for a, r, b in PATTERNS],
    }
