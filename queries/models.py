"""What queries return: typed, JSON-ready models (`model_dump(mode="json")`) — ownership and lineage
answers, and the sheets the pages show (a department's 三定 at a date, a reform's flows, the
relations around a department), which /openapi.json documents as they are."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from zhize.graph.models import DepartmentInfo, LedgerEntry

Day = date  # fields named `date` shadow the type inside a class body


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


# -- the sheets of the pages ---------------------------------------------------------------------

class DepartmentRef(Model):
    id: str
    name: str


class DepartmentSummary(DepartmentInfo):
    """A department in a list: the store's `DepartmentInfo` (frozen, like every `Out`)."""

    duties: int = Field(0, description="该日有效的职责条数")


class DocumentRef(Model):
    id: str
    kind: str
    title: str
    issue_date: date | None = None
    valid_to: date | None = None


class DutyItem(Model):
    id: str
    text: str
    role: str
    role_label: str
    section: str
    section_label: str
    clause: str
    unit: str | None = None
    matters: list[str] = []
    document: str
    document_title: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    current: bool = True


class UnitItem(Model):
    id: str
    name: str
    plaques: list[str] = []
    duties: list[DutyItem] = []


class PostItem(Model):
    title: str
    count: int


class StaffingItem(Model):
    administrative: int | None = None
    other: dict[str, int] = {}
    leaders: list[PostItem] = []
    posts: list[PostItem] = []
    clause: str = ""
    document: str
    document_title: str = ""


class BoundaryItem(Model):
    id: str
    text: str
    clause: str
    matter: str | None = None
    parties: list[DepartmentRef] = []
    document: str
    document_title: str = ""


class EventItem(Model):
    id: str
    kind: str
    kind_label: str
    date: Day | None = None
    duty: str | None = None
    text: str = ""
    clause: str = ""
    document: str
    document_title: str = ""
    sources: list[DepartmentRef] = []
    targets: list[DepartmentRef] = []
    matters: list[str] = []
    detail: dict[str, str] = {}


class DepartmentDetail(Model):
    department: DepartmentSummary
    at: date
    sanding: DocumentRef | None = Field(None, description="该日有效的三定")
    sandings: list[DocumentRef] = Field([], description="历次三定（含已被取代的）")
    duties: list[DutyItem] = Field([], description="该日有效的主要职责和职能转变条款")
    units: list[UnitItem] = []
    staffing: list[StaffingItem] = []
    boundaries: list[BoundaryItem] = []
    transfers_in: list[EventItem] = []
    transfers_out: list[EventItem] = []
    history: list[EventItem] = Field([], description="涉及该部门的全部改革事件")
    findings: list[LedgerEntry] = []


class SankeyNode(Model):
    id: str
    label: str
    side: Literal["before", "after"]
    department: str
    status: str = Field("", description="撤销 / 组建 / 保留")


class SankeyClause(Model):
    event: str
    kind_label: str
    duty: str | None = None
    matters: list[str] = []
    clause: str = ""
    text: str = ""
    landing: str = Field("", description="已落实 / 未落地 / 无法核对 / 整体并入（不逐项核对）")
    landing_reason: str = ""


class SankeyLink(Model):
    source: int
    target: int
    value: int
    label: str
    landing: str = Field("", description="这条流向的落实情况：已落实 / 未落地 / 无法核对 / 整体并入")
    clauses: list[SankeyClause]


class Sankey(Model):
    reform: DocumentRef
    jurisdiction: str
    nodes: list[SankeyNode]
    links: list[SankeyLink]
    totals: dict[str, int] = Field({}, description="各落实情况的划转条数")


class GraphNode(Model):
    id: str
    kind: Literal["department", "matter"]
    label: str
    active: bool = True
    flag: str | None = Field(None, description="overlap 职责交叉 / nolead 无牵头 / 空（问题台账中的待处理问题）")
    finding: str | None = Field(None, description="标出该事项的问题台账条目（编号或系统编号）")
    focus: bool = False


class GraphEdge(Model):
    source: str
    target: str
    role: str
    role_label: str
    clause: str = ""
    text: str = ""


class RelationGraph(Model):
    jurisdiction: str
    at: date
    focus: str | None = None
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = False
    checked: bool = Field(True, description="该地是否运行过检测（未运行时图中不标出问题）")
