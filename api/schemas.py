"""Request and response bodies that belong to the HTTP API itself (what /openapi.json documents
besides the answers): pages of results, health, who is asking, status changes, uploads.

Everything a question returns is returned as its own model: store read models (`graph.models`),
answers and the pages' sheets (`queries.models`: a department's 三定 at a date, a reform's flows,
the relationship graph).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from zhize.graph.models import FindingStatus, RectifyCategory

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
