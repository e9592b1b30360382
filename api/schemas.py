"""Response and request bodies of the HTTP API (what /openapi.json documents).

Store read models (`graph.models`) are returned as they are where they fit; these models shape
what the pages need on top: a department's 三定 at a date, ownership answers, reform flows.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from zhize.graph.models import DepartmentInfo, FindingStatus, LedgerEntry, RectifyCategory

T = TypeVar("T")
Day = date  # fields named `date` shadow the type inside a class body



class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class ErrorOut(Out):
    detail: str = Field(description="中文说明")


def error_responses(*codes: int) -> dict[int, dict]:
    meaning = {401: "未登录或令牌无效", 403: "角色权限不足", 404: "不存在", 411: "缺少 Content-Length",
               413: "上传过大", 422: "参数不正确或不符合业务规则", 503: "数据存储暂不可用"}
    return {c: {"model": ErrorOut, "description": meaning[c]} for c in codes}


class Page(Out, Generic[T]):
    items: list[T]
    offset: int
    limit: int
    total: int | None = Field(None, description="总数（未知时为空）")
    has_more: bool


class Health(Out):
    status: Literal["ok"] = "ok"
    store: str
    documents: int
    version: str


class Whoami(Out):
    user: str
    role: str | None
    authenticated: bool
    open_mode: bool = Field(description="未配置令牌的单机模式")


class DepartmentRef(Out):
    id: str
    name: str


class DepartmentSummary(DepartmentInfo):
    """A department in a list: the store's `DepartmentInfo` (frozen, like every `Out`)."""

    duties: int = Field(0, description="该日有效的职责条数")


class DocumentRef(Out):
    id: str
    kind: str
    title: str
    issue_date: date | None = None
    valid_to: date | None = None


class DutyView(Out):
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


class UnitView(Out):
    id: str
    name: str
    plaques: list[str] = []
    duties: list[DutyView] = []


class PostView(Out):
    title: str
    count: int


class StaffingView(Out):
    administrative: int | None = None
    other: dict[str, int] = {}
    leaders: list[PostView] = []
    posts: list[PostView] = []
    clause: str = ""
    document: str
    document_title: str = ""


class BoundaryView(Out):
    id: str
    text: str
    clause: str
    matter: str | None = None
    parties: list[DepartmentRef] = []
    document: str
    document_title: str = ""


class EventView(Out):
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


class DepartmentDetail(Out):
    department: DepartmentSummary
    at: date
    sanding: DocumentRef | None = Field(None, description="该日有效的三定")
    sandings: list[DocumentRef] = Field([], description="历次三定（含已被取代的）")
    duties: list[DutyView] = Field([], description="该日有效的主要职责和职能转变条款")
    units: list[UnitView] = []
    staffing: list[StaffingView] = []
    boundaries: list[BoundaryView] = []
    transfers_in: list[EventView] = []
    transfers_out: list[EventView] = []
    history: list[EventView] = Field([], description="涉及该部门的全部改革事件")
    findings: list[LedgerEntry] = []


class SankeyNode(Out):
    id: str
    label: str
    side: Literal["before", "after"]
    department: str
    status: str = Field("", description="撤销 / 组建 / 保留")


class SankeyClause(Out):
    event: str
    kind_label: str
    duty: str | None = None
    matters: list[str] = []
    clause: str = ""
    text: str = ""
    landing: str = Field("", description="已落实 / 未落地 / 无法核对 / 整体并入（不逐项核对）")
    landing_reason: str = ""


class SankeyLink(Out):
    source: int
    target: int
    value: int
    label: str
    landing: str = Field("", description="这条流向的落实情况：已落实 / 未落地 / 无法核对 / 整体并入")
    clauses: list[SankeyClause]


class Sankey(Out):
    reform: DocumentRef
    jurisdiction: str
    nodes: list[SankeyNode]
    links: list[SankeyLink]
    totals: dict[str, int] = Field({}, description="各落实情况的划转条数")


class GraphNode(Out):
    id: str
    kind: Literal["department", "matter"]
    label: str
    active: bool = True
    flag: str | None = Field(None, description="overlap 职责交叉 / nolead 无牵头 / 空（问题台账中的待处理问题）")
    finding: str | None = Field(None, description="标出该事项的问题台账条目（编号或系统编号）")
    focus: bool = False


class GraphEdge(Out):
    source: str
    target: str
    role: str
    role_label: str
    clause: str = ""
    text: str = ""


class RelationGraph(Out):
    jurisdiction: str
    at: date
    focus: str | None = None
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = False
    checked: bool = Field(True, description="该地是否运行过检测（未运行时图中不标出问题）")


class TransitionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: FindingStatus = Field(description="新状态：已确认、已驳回、整改中、已销号、待核实")
    reason: str = Field("", max_length=2000, description="理由（驳回、重新打开时必填）")
    category: RectifyCategory | None = Field(None, description="整改类别：立查立改、限时整改、长期坚持")
    deadline: date | None = Field(None, description="整改期限（限时整改必填）")


class FileFailure(Out):
    file: str
    reason: str


class FileWarningOut(Out):
    file: str
    clause: str
    code: str
    message: str


class ReplaceCandidate(Out):
    """A document in the store that an upload is a new version of (same jurisdiction, kind, title)."""

    document: str = Field(description="文档编号")
    title: str
    jurisdiction: str
    kind: str
    issue_date: Day | None = Field(description="印发日期（未注明时为空）")
    subject: str | None = None
    file: str = Field(description="它来自的文件名")
    duties: int = Field(description="职责条数")


class PendingUpload(Out):
    """An upload held back: it could replace a document, and nothing is replaced unasked."""

    file: str
    sha256: str = Field(description="上传文件的编号（内容的 sha256），确认时用")
    title: str
    jurisdiction: str
    kind: str
    issue_date: Day | None = Field(description="印发日期（未注明时为空）")
    candidates: list[ReplaceCandidate] = Field(description="可能被替换的文档（选择其中一个，或保留两者）")
    suggestion: Literal["replace", "keep_both"]
    message: str


class UploadDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["replace", "keep_both"] = Field(
        description="replace：替换 replaces 指定的文档；keep_both：保留两者")
    replaces: str | None = Field(None, max_length=64, description="要替换的文档编号（action 为 replace 时必填）")


class UploadEvent(Out):
    at: datetime
    actor: str
    action: Literal["loaded", "unchanged", "pending", "replaced", "kept_both", "superseded", "failed"]
    file: str = Field(description="这次上传时的文件名")
    detail: str = ""
    document: str | None = None


class UploadRecord(Out):
    """A file once uploaded: kept for good, whether or not its document is in the store now."""

    sha256: str
    name: str
    size: int
    title: str | None = None
    jurisdiction: str | None = None
    kind: str | None = None
    issue_date: Day | None = None
    in_store: bool = Field(description="它的文档现在是否在库中（被替换后为 false，文件仍可下载）")
    history: list[UploadEvent]


class IngestReport(Out):
    files: int
    loaded: int
    replaced: int
    unchanged: int
    failed: list[FileFailure]
    pending: list[PendingUpload] = Field(default=[], description="可能替换库中同一文档、等待确认的上传")
    kinds: dict[str, int]
    records: dict[str, int]
    warnings: list[FileWarningOut]
    message: str


class CheckReport(Out):
    jurisdiction: str
    new: int
    seen_again: int
    reopened: int
    resolved: int
    message: str
