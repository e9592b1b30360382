"""A department's 三定 at a date, as its page shows it: the department, its duties in force, internal
units, staffing, 有关职责分工 clauses, the 三定 that regulate it and the reform events it took part
in. Pure functions of the read model (`queries.view.View`), never of the graph itself."""

from __future__ import annotations

from datetime import date

from zhize.graph.errors import NotFound
from zhize.graph.models import LedgerEntry
from zhize.graph.records import SECTION_LABELS, event_label, role_label
from zhize.queries.models import (
    BoundaryItem,
    DepartmentDetail,
    DepartmentRef,
    DepartmentSummary,
    DocumentRef,
    DutyItem,
    EventItem,
    PostItem,
    StaffingItem,
    UnitItem,
)
from zhize.queries.view import Boundary, Document, Duty, Event, View

FLOW_KINDS = ("transfer", "merge")  # events that move duties from their sources to their targets


def ref(view: View, department: str) -> DepartmentRef:
    return DepartmentRef(id=department, name=view.name(department))


def document_ref(doc: Document) -> DocumentRef:
    return DocumentRef(id=doc.id, kind=doc.kind, title=doc.title, issue_date=doc.issue_date, valid_to=doc.valid_to)


def matches_name(summary: DepartmentSummary, q: str) -> bool:
    return any(q in name for name in (summary.name, *summary.aliases, *summary.plaques))


# -- the department ------------------------------------------------------------------------------

def current_duties(view: View, department: str) -> list[Duty]:
    """Every duty the department holds under a document in force (any section), in document order."""
    found = [d for d in view.duties_by.get(department, ()) if d.current]
    return sorted(found, key=lambda d: (d.document, d.ordinal))


def department_summary(view: View, department: str) -> DepartmentSummary:
    d = view.departments[department]
    return DepartmentSummary(id=department, name=d.name, jurisdiction=view.jurisdiction, aliases=list(d.aliases),
                             plaques=list(d.plaques), rank=d.rank, type=d.type, active=d.active,
                             valid_from=d.valid_from, valid_to=d.valid_to,
                             duties=len(current_duties(view, department)))


def duty_item(view: View, duty: Duty) -> DutyItem:
    return DutyItem(id=duty.id, text=duty.text, role=duty.role, role_label=role_label(duty.role),
                    section=duty.section, section_label=SECTION_LABELS.get(duty.section, ""), clause=duty.clause,
                    unit=duty.unit, matters=list(duty.keys), document=duty.document,
                    document_title=view.title(duty.document), valid_from=duty.valid_from, valid_to=duty.valid_to,
                    current=duty.current)


def units_of(view: View, department: str, duties: list[Duty]) -> list[UnitItem]:
    """The department's internal units in force, each with the duties it performs."""
    by_unit: dict[str, list[DutyItem]] = {}
    for duty in duties:
        if duty.unit_id:
            by_unit.setdefault(duty.unit_id, []).append(duty_item(view, duty))
    units = sorted((u for u in view.units.values() if u.department == department and u.current), key=lambda u: u.id)
    return [UnitItem(id=u.id, name=u.name, plaques=list(u.plaques), duties=by_unit.get(u.id, [])) for u in units]


def staffing_of(view: View, department: str) -> list[StaffingItem]:
    return [StaffingItem(administrative=s.administrative, other=s.other,
                         leaders=[PostItem(title=t, count=c) for t, c in s.leaders],
                         posts=[PostItem(title=t, count=c) for t, c in s.posts], clause=s.clause,
                         document=s.document, document_title=view.title(s.document))
            for s in view.staffing.values() if s.department == department and s.current]


def boundary_item(view: View, boundary: Boundary) -> BoundaryItem:
    return BoundaryItem(id=boundary.id, text=boundary.text, clause=boundary.clause, matter=boundary.matter,
                        parties=[ref(view, p) for p in boundary.parties], document=boundary.document,
                        document_title=view.title(boundary.document))


def boundaries_of(view: View, department: str) -> list[BoundaryItem]:
    return [boundary_item(view, b) for b in view.current_boundaries if department in b.parties]


def department_detail(view: View, department: str, findings: list[LedgerEntry]) -> DepartmentDetail:
    if department not in view.departments:
        raise NotFound(f"部门 {department} 在 {view.at} 尚未设立或不在库中")
    duties = current_duties(view, department)
    history = events_of(view, department)
    sandings = [document_ref(doc) for doc in view.sandings.get(department, ())]
    in_force = view.sanding_in_force.get(department)
    return DepartmentDetail(
        department=department_summary(view, department), at=view.at,
        sanding=document_ref(in_force) if in_force else None, sandings=sandings,
        duties=[duty_item(view, d) for d in duties if d.section != "unit"],
        units=units_of(view, department, duties), staffing=staffing_of(view, department),
        boundaries=boundaries_of(view, department),
        transfers_in=quote_once([e for e in history
                                 if e.kind in FLOW_KINDS and department in {t.id for t in e.targets}]),
        transfers_out=quote_once([e for e in history
                                  if e.kind in FLOW_KINDS and department in {s.id for s in e.sources}]),
        history=quote_once(history), findings=findings)


# -- events --------------------------------------------------------------------------------------

def event_item(view: View, event: Event) -> EventItem:
    return EventItem(id=event.id, kind=event.kind, kind_label=event_label(event.kind), date=event.date,
                     duty=event.duty, text=event.text, clause=event.clause, document=event.document,
                     document_title=view.title(event.document), sources=[ref(view, s) for s in event.sources],
                     targets=[ref(view, t) for t in event.targets], matters=list(event.keys),
                     detail={k: str(v) for k, v in event.detail.items()})


def _event_order(event: Event) -> tuple:
    return event.date or date.min, event.document, event.ordinal


def all_events(view: View, document: str | None = None) -> list[EventItem]:
    found = [e for e in view.events.values() if document is None or e.document == document]
    return [event_item(view, e) for e in sorted(found, key=_event_order)]


def events_of(view: View, department: str) -> list[EventItem]:
    found = [e for e in view.events.values() if department in e.sources or department in e.targets]
    return [event_item(view, e) for e in sorted(found, key=_event_order)]


def quote_once(events: list[EventItem]) -> list[EventItem]:
    """One plan paragraph often announces several events (组建 B; A1 的职责划入 B; 不再保留 A1 …):
    a list quotes it under the first of them only."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for e in events:
        key = (e.document, e.clause, e.text)
        out.append(e if key not in seen else e.model_copy(update={"text": ""}))
        seen.add(key)
    return out
