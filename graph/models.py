"""Read models: what stores return. Stores never hand out driver rows or cursors."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from zhize.graph.records import DocumentKind, Role, Section, Span


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class DocumentInfo(Model):
    id: str
    kind: DocumentKind
    title: str
    jurisdiction: str
    issue_date: date | None  # None: undated (no date found, none given yet)
    subject: str | None = None
    source: str | None = None
    place_unknown: bool = False  # see DocumentRecord.place_unknown
    counts: dict[str, int] = {}
    date_source: str | None = None


class ApplyResult(Model):
    document: str
    changed: bool  # False when the document was already loaded (idempotent no-op)
    replaced: str | None = None
    counts: dict[str, int] = {}


class JurisdictionInfo(Model):
    id: str
    name: str
    level: str
    departments: int = 0
    duties: int = 0


class DepartmentInfo(Model):
    """A department as the projection of its jurisdiction at `at` holds it, without projecting."""

    id: str
    name: str
    jurisdiction: str
    aliases: list[str] = []
    plaques: list[str] = []
    rank: str | None = None
    type: str | None = None
    active: bool = True
    valid_from: date | None = None
    valid_to: date | None = None
    duties: int = 0  # duties it holds under documents in force at `at`


class DutyHit(Model):
    """One duty held by one department, as search returns it."""

    duty: str
    text: str
    department: str
    department_name: str
    jurisdiction: str
    unit: str | None = None
    role: Role
    section: Section
    clause: str
    span: Span
    document: str
    document_title: str
    valid_from: date | None
    valid_to: date | None
    matters: list[str] = []


class Severity(StrEnum):
    HIGH = "高"
    MEDIUM = "中"
    LOW = "低"


class Evidence(Model):
    document: str
    document_title: str = ""
    clause: str = ""
    quote: str = ""
    span: Span | None = None
    department: str | None = None


class Finding(Model):
    """A problem a detector reports. `id` is stable for the same problem across runs."""

    id: str
    detector: str
    kind: str
    severity: Severity
    confidence: float = Field(ge=0, le=1)
    jurisdiction: str
    departments: list[str]
    matter: str | None = None
    evidence: list[Evidence] = []
    message: str


class FindingStatus(StrEnum):
    OPEN = "待核实"
    CONFIRMED = "已确认"
    DISMISSED = "已驳回"
    RECTIFYING = "整改中"
    CLOSED = "已销号"
    RESOLVED = "已消除"  # no longer detected by a later check


class RectifyCategory(StrEnum):
    IMMEDIATE = "立查立改"
    TIME_LIMITED = "限时整改"
    LONG_TERM = "长期坚持"


class FindingChange(Model):
    """One step of a ledger entry's history: a status change, or an edit of its ledger columns
    (then `from_status == to_status` and `edits` holds each changed column's new text)."""

    at: datetime
    actor: str
    from_status: FindingStatus | None
    to_status: FindingStatus
    reason: str = ""
    category: RectifyCategory | None = None
    deadline: date | None = None
    edits: dict[str, str] = {}  # LedgerFields name → new text


class LedgerFields(Model):
    """The columns of a 问题台账 an office fills in by hand. None leaves a column as it is; an
    empty text clears it."""

    responsible_unit: str | None = None  # 责任单位
    measures: str | None = None  # 整改措施
    responsible_person: str | None = None  # 责任人
    progress: str | None = None  # 整改进展


class LedgerEntry(Model):
    """A finding as the ledger keeps it: the detector's report plus its workflow state."""

    finding: Finding
    status: FindingStatus
    category: RectifyCategory | None = None
    deadline: date | None = None
    first_seen: datetime
    last_seen: datetime
    history: list[FindingChange] = []
    number: str | None = None  # short id people read and type: year first seen and a sequence (2026-015)
    responsible_unit: str = ""
    measures: str = ""
    responsible_person: str = ""
    progress: str = ""
    closed_at: datetime | None = None  # 销号时间: when it last became 已销号


class FindingFilter(Model):
    jurisdiction: str | None = None
    kind: str | None = None
    detector: str | None = None
    status: FindingStatus | None = None
    department: str | None = None
    limit: int = 100
    offset: int = 0
    history: bool = False  # each entry with its history (exports); lists leave it out


class CheckSummary(Model):
    new: int = 0
    seen_again: int = 0
    reopened: int = 0
    resolved: int = 0


class Task(Model):
    """A task a user says some department must carry out (新增任务, e.g. 12345热线工单督办回访).
    Detector GAP003 reports it while no department of the jurisdiction holds it. Never deleted."""

    id: str
    jurisdiction: str | None = None  # None: applies to every jurisdiction
    text: str
    actor: str
    created_at: datetime


class Stats(Model):
    documents: int = 0
    jurisdictions: int = 0
    departments: int = 0
    units: int = 0
    duties: int = 0
    matters: int = 0
    events: int = 0
    boundaries: int = 0
    findings: dict[str, int] = {}
