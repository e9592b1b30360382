"""Transaction functions that load, replace and remove documents.

Each public function runs inside one managed write transaction (`session.execute_write`): an
exception anywhere, ours or the server's, rolls back everything it did. They may be retried by
the driver after a transient error, so they do nothing outside the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from zhize.graph.errors import NotFound
from zhize.graph.models import ApplyResult
from zhize.graph.neo4j import derive, rows
from zhize.graph.neo4j.connection import run
from zhize.graph.projection import merge_declarations
from zhize.graph.records import DocumentKind, Extract, ensure_sound
from zhize.graph.schema import UNDATED_DATE

Tx = Any


def has_document(tx: Tx, document: str) -> bool:
    return run(tx, "document_exists", document=document)[0]["found"] > 0


def apply_document(tx: Tx, extract: Extract, loaded_at: datetime, replace_source: bool = False) -> ApplyResult:
    """Load a document unless it is present. With `replace_source`, a document loaded earlier from
    the same file (`source`) with other content is taken out first: a newer version replaces it."""
    doc = extract.document.sha256
    if has_document(tx, doc):
        return ApplyResult(document=doc, changed=False)
    old = same_source(tx, extract) if replace_source else None
    touched = delete_document(tx, old) if old else set()
    counts = write_document(tx, extract, loaded_at, touched)
    return ApplyResult(document=doc, changed=True, replaced=old, counts=counts)


def same_source(tx: Tx, extract: Extract) -> str | None:
    source = extract.document.source
    if not source:
        return None
    found = run(tx, "document_for_source", source=source)
    return found[0]["id"] if found else None


def replace_document(tx: Tx, old: str, extract: Extract, loaded_at: datetime) -> ApplyResult:
    doc = extract.document.sha256
    if not has_document(tx, old):
        raise NotFound(f"要替换的文档 {old} 不在库中")
    touched = delete_document(tx, old)  # the same document: its records derived again
    if old != doc and has_document(tx, doc):  # the new version was already loaded under another name
        refresh(tx, touched)
        return ApplyResult(document=doc, changed=True, replaced=old)
    counts = write_document(tx, extract, loaded_at, touched)
    return ApplyResult(document=doc, changed=True, replaced=old, counts=counts)


def remove_document(tx: Tx, document: str) -> None:
    if not has_document(tx, document):
        raise NotFound(f"文档 {document} 不在库中")
    refresh(tx, delete_document(tx, document))


def set_issue_date(tx: Tx, document: str, issue_date: date | None, source: str | None) -> None:
    if not has_document(tx, document):
        raise NotFound(f"文档 {document} 不在库中")
    [row] = run(tx, "set_document_date", document=document, issue_date=issue_date or UNDATED_DATE,
                date_source=source)
    refresh(tx, row["departments"])


def write_document(tx: Tx, extract: Extract, loaded_at: datetime,
                   touched: Iterable[str] = ()) -> dict[str, int]:
    """Every record of the extract, then what derives from them. Raises before writing if unsound."""
    ensure_sound(extract)
    doc = extract.document.sha256
    params = rows.document_params(extract, loaded_at)
    run(tx, "create_document", **params)
    run(tx, "declare_departments", document=doc, rows=rows.department_rows(extract))
    if params["subject"]:
        run(tx, "regulate_subject", document=doc, subject=params["subject"])
    run(tx, "create_units", document=doc, rows=rows.unit_rows(extract))
    duties = rows.duty_rows(extract)
    run(tx, "create_duties", document=doc, rows=duties)
    run(tx, "link_unit_duties", rows=rows.performs_rows(duties))
    run(tx, "create_boundaries", document=doc, rows=rows.boundary_rows(extract))
    run(tx, "create_staffing", document=doc, rows=rows.staffing_rows(extract))
    run(tx, "create_events", document=doc, rows=rows.event_rows(extract))
    sources, targets = rows.event_side_rows(extract)
    run(tx, "link_event_sources", rows=sources)
    run(tx, "link_event_targets", rows=targets)
    refresh(tx, set(touched) | set(rows.department_ids(extract).values()))
    return rows.counts_of(extract)


def delete_document(tx: Tx, document: str) -> set[str]:
    """Delete what the document contributed; returns the departments it declared."""
    touched = {r["id"] for r in run(tx, "document_departments", document=document)}
    matters = [r["id"] for r in run(tx, "document_matters", document=document)]
    run(tx, "delete_document_records", document=document)
    run(tx, "delete_document", document=document)
    run(tx, "delete_orphan_departments", departments=sorted(touched))
    run(tx, "delete_orphan_matters", matters=sorted(matters))
    run(tx, "delete_orphan_jurisdictions")
    return touched


def refresh(tx: Tx, departments: Iterable[str]) -> None:
    """Re-derive lifetimes, merged declarations and 三定 validity of these departments.

    Everything derived for a department depends only on records that name it, and a document
    names only departments it declares; so the departments a document declares are the only
    ones whose derived values its loading or removal can change.
    """
    wanted = sorted(set(departments))
    if not wanted:
        return
    inputs = run(tx, "derivation_inputs", departments=wanted, starts=list(derive.STARTS),
                 ends=list(derive.ENDS), regulation=str(DocumentKind.SANDING))
    department_rows, document_rows = [], []
    for row in inputs:
        valid_from, valid_to = derive.lifetime(row["starts"], row["ends"])
        declared = merge_declarations(row["facts"])
        department_rows.append({"id": row["department"], "valid_from": valid_from, "valid_to": valid_to,
                                "aliases": declared.aliases, "plaques": declared.plaques,
                                "rank": declared.rank, "type": declared.type})
        validity = derive.regulation_validity(row["regulations"], valid_to)
        document_rows += [{"id": doc, "valid_to": until} for doc, until in validity.items()]
    run(tx, "set_departments", rows=department_rows)
    run(tx, "set_document_validity", rows=document_rows)
