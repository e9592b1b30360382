"""Typed references to events, duties and boundaries of a view, as queries return them."""

from __future__ import annotations

from zhize.graph.records import event_label, role_label
from zhize.queries.landing import Landing
from zhize.queries.models import BoundaryRef, EventRef, HeldDuty
from zhize.queries.view import Boundary, Duty, Event, View


def event_ref(view: View, event: Event, landing: Landing | None = None) -> EventRef:
    target = view.name(event.targets[0]) if event.targets else None
    return EventRef(
        event=event.id, jurisdiction=view.jurisdiction, date=event.date, kind=event.kind,
        kind_label=event_label(event.kind), sources=[view.name(s) for s in event.sources],
        target=target, duty=event.duty, matters=list(event.keys), clause=event.clause, document=event.document,
        document_title=view.title(event.document), text=event.text,
        status=landing.status if landing else None, status_reason=landing.reason if landing else "",
        landed_in=[view.unit_clause(d) for d in landing.duties] + [b.clause for b in landing.boundaries]
        if landing else [])


def held_duty(view: View, duty: Duty, role: str, match: str) -> HeldDuty:
    return HeldDuty(
        duty=duty.id, jurisdiction=view.jurisdiction, department=duty.department,
        department_name=view.name(duty.department), unit=duty.unit, role=role,
        role_label=role_label(role), section=duty.section, clause=duty.clause, text=duty.text,
        span=duty.span, document=duty.document, document_title=view.title(duty.document),
        valid_from=duty.valid_from, valid_to=duty.valid_to,
        current=duty.current and view.active(duty.department), match=match)


def boundary_ref(view: View, boundary: Boundary) -> BoundaryRef:
    return BoundaryRef(
        jurisdiction=view.jurisdiction, departments=sorted(view.name(p) for p in boundary.parties),
        matter=boundary.keys[0] if boundary.keys else None, clause=boundary.clause, text=boundary.text,
        document=boundary.document, document_title=view.title(boundary.document), current=boundary.current)
