"""What ownership and lineage queries return: typed, JSON-ready models (`model_dump(mode="json")`)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class HeldDuty(Model):
    """One clause by which a department holds (or held) a matter."""

    duty: str
    jurisdiction: str
    department: str
    department_name: str
    unit: str | None = None
    role: str  # the role on this matter (lead/support/guidance/unspecified)
    role_label: str
    section: str
    clause: str
    text: str
    span: tuple[int, int]
    document: str
    document_title: str
    valid_from: date | None = None
    valid_to: date | None = None
    current: bool
    match: str  # key | synonym | text: how the clause matched the query


class Holder(Model):
    """A department and the clauses by which it holds the matter, best role first."""

    department: str
    name: str
    jurisdiction: str
    role: str
    role_label: str
    active: bool = True
    duties: list[HeldDuty]


class EventRef(Model):
    """A reform event (组建, 撤销, 划转, 整合, 更名 …) with its provenance."""

    event: str
    jurisdiction: str
    date: date | None
    kind: str
    kind_label: str
    sources: list[str]
    target: str | None = None
    duty: str | None = None
    matters: list[str] = []
    clause: str
    document: str
    document_title: str
    text: str
    status: str | None = None  # for transfers: 已落实 / 未见于承接部门三定 / 无法核对
    status_reason: str = ""
    landed_in: list[str] = []  # clauses of the receiving 三定 that hold the matter


class BoundaryRef(Model):
    jurisdiction: str
    departments: list[str]
    matter: str | None = None
    clause: str
    text: str
    document: str
    document_title: str
    current: bool


class Ownership(Model):
    """谁负责: current holders ranked, earlier holders, the reform events and boundary clauses."""

    query: str
    matter: str | None
    at: date
    jurisdictions: list[str]
    holders: list[Holder]
    past: list[Holder]
    events: list[EventRef]
    boundaries: list[BoundaryRef]
    # Set when `holders` and `past` are one page of longer lists (the HTTP API pages them).
    offset: int = 0
    total_holders: int | None = None
    total_past: int | None = None


class Reform(Model):
    document: str
    title: str
    jurisdiction: str
    issue_date: date | None
    events: list[EventRef]


class Period(Model):
    """A department holding a matter, or existing, for a stretch of time under one 三定."""

    department: str
    jurisdiction: str
    valid_from: date | None
    valid_to: date | None
    document_title: str = ""
    clauses: list[str] = []
    role: str | None = None


class Lineage(Model):
    """A department's or a matter's path through reforms, oldest first."""

    subject: str
    kind: str  # department | matter
    jurisdictions: list[str]
    generations: list[list[str]]  # departments, predecessors first (A → B → C)
    steps: list[EventRef]
    periods: list[Period]
