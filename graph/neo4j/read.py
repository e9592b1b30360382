"""Transaction functions that read: documents, jurisdictions, search, projection, stats.

Search keeps "text contains q" semantics for every query. The full-text index (cjk analyzer)
only narrows the candidates, and only for queries it is known to find: three or more Han
characters. The cjk analyzer indexes a run of Han characters as its overlapping bigrams, so any
text containing such a query contains the query's bigrams at consecutive positions and matches
it as a phrase. It would miss shorter queries (a lone character is not indexed inside a run),
queries with Latin letters or digits (indexed as whole words; English stop words are dropped)
and queries spanning punctuation, so those scan the duties of documents in force instead.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import networkx as nx

from zhize.graph.models import DepartmentInfo, DocumentInfo, DutyHit, JurisdictionInfo, Stats
from zhize.graph.neo4j.assemble import (
    ProjectionRows,
    department_info,
    document_info,
    duty_hit,
    jurisdiction_info,
    project,
)
from zhize.graph.neo4j.connection import run
from zhize.graph.records import DocumentKind, Role
from zhize.graph.schema import FULLTEXT, jurisdiction_id

Tx = Any

# CJK Unified Ideographs as in Unicode 1.1 (U+4E00–U+9FA5), which every Lucene tokenizer knows.
_FULLTEXT_QUERY = re.compile(r"[\u4e00-\u9fa5]{3,}")
COUNTED = ("duty", "unit", "boundary", "staffing", "event")
# A LIMIT that SQLite would read as "no limit" (negative) is passed to Neo4j as this.
NO_LIMIT = 2**62


def cypher_limit(limit: int) -> int:
    return NO_LIMIT if limit < 0 else limit


def documents(tx: Tx, jurisdiction: str | None) -> list[DocumentInfo]:
    return [document_info(r) for r in run(tx, "documents", jurisdiction=jurisdiction or None)]


def document(tx: Tx, document_id: str) -> DocumentInfo | None:
    found = run(tx, "document", document=document_id)
    if not found:
        return None
    row = found[0]
    return document_info(row, {name: row[name] for name in COUNTED})


def document_by_source(tx: Tx, source: str) -> DocumentInfo | None:
    found = run(tx, "document_for_source", source=source)
    return document(tx, found[0]["id"]) if found else None


def jurisdictions(tx: Tx) -> list[JurisdictionInfo]:
    return [jurisdiction_info(r) for r in run(tx, "jurisdictions")]


def fulltext_phrase(q: str) -> str | None:
    """The Lucene phrase for `q` when the full-text index is sure to find every match, else None."""
    return f'"{q}"' if _FULLTEXT_QUERY.fullmatch(q) else None


def search(tx: Tx, q: str, jurisdiction: str | None, at: date, limit: int, *, use_index: bool) -> list[DutyHit]:
    common = {"q": q, "jurisdiction": jurisdiction or None, "at": at, "limit": cypher_limit(limit),
              "lead": str(Role.LEAD)}
    phrase = fulltext_phrase(q) if use_index else None
    if phrase:
        found = run(tx, "search_duties_fulltext", index=FULLTEXT.name, phrase=phrase, **common)
    else:
        found = run(tx, "search_duties", **common)
    return [duty_hit(r) for r in found]


def departments(tx: Tx, jurisdiction: str | None, at: date) -> list[DepartmentInfo]:
    found = run(tx, "departments", jurisdiction=jurisdiction_id(jurisdiction) if jurisdiction else None, at=at,
                regulation=str(DocumentKind.SANDING))
    return sorted((department_info(r, at) for r in found if r["facts"]),
                  key=lambda d: (d.jurisdiction, not d.active, d.name))


def projection(tx: Tx, jurisdiction: str, at: date) -> nx.MultiDiGraph:
    where = {"jurisdiction": jurisdiction_id(jurisdiction), "at": at}
    rows = ProjectionRows(
        jurisdiction=run(tx, "projection_jurisdiction", jurisdiction=where["jurisdiction"]),
        documents=run(tx, "projection_documents", **where),
        departments=run(tx, "projection_departments", regulation=str(DocumentKind.SANDING), **where),
        units=run(tx, "projection_units", **where),
        duties=run(tx, "projection_duties", **where),
        boundaries=run(tx, "projection_boundaries", **where),
        staffing=run(tx, "projection_staffing", **where),
        events=run(tx, "projection_events", **where),
    )
    return project(jurisdiction, at, rows)


def stats(tx: Tx) -> Stats:
    counts = run(tx, "stats")[0]
    findings = {r["status"]: r["entries"] for r in run(tx, "finding_status_counts")}
    return Stats(**counts, findings=findings)
