"""The JSON API under /api. Routes are thin: check access, call the store or `api.service`, return."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from zhize.api import export, service
from zhize.api.deps import Admin, Reader, Res, Reviewer
from zhize.api.resources import Resources
from zhize.api.schemas import (
    CheckReport,
    Health,
    IngestReport,
    Page,
    TransitionRequest,
    UploadDecision,
    UploadRecord,
    Whoami,
    error_responses,
)
from zhize.graph.errors import InputError
from zhize.graph.models import (
    DocumentInfo,
    FindingFilter,
    FindingStatus,
    JurisdictionInfo,
    LedgerEntry,
    LedgerFields,
    Stats,
)
from zhize.queries.models import (
    DepartmentDetail,
    DepartmentSummary,
    DocumentRef,
    Lineage,
    Ownership,
    Reform,
    RelationGraph,
    Sankey,
)

router = APIRouter(prefix="/api", responses=error_responses(401, 403, 404, 422, 503))

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
At = Annotated[date | None, Query(description="查询日期 YYYY-MM-DD，默认今天")]
Jurisdiction = Annotated[str | None, Query(max_length=100, description="行政区划名称，如 岚川县")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="跳过的条数")]
Limit = Annotated[int, Query(ge=1, le=500, description="每页条数")]
Text = Annotated[str, Query(min_length=1, max_length=200)]
Id = Annotated[str, Path(min_length=1, max_length=200)]
DepartmentName = Annotated[str | None, Query(max_length=200, description="部门（全称、简称或牌子均可）")]


@router.get("/health", response_model=Health, tags=["系统"], summary="健康检查")
def health(res: Res) -> Health:
    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version("zhize")
    except PackageNotFoundError:
        ver = "0"
    kind = "neo4j" if "://" in res.settings.store else "sqlite"
    return Health(store=kind, documents=res.store.stats().documents, version=ver)


@router.get("/whoami", response_model=Whoami, tags=["系统"], summary="当前用户和角色")
def whoami(res: Res, request: Request) -> Whoami:
    who = res.gate.identify(request)
    if who is None:
        return Whoami(user="", role=None, authenticated=False, open_mode=False)
    return Whoami(user=who.user, role=who.role, authenticated=who.authenticated, open_mode=res.gate.open)


@router.get("/stats", response_model=Stats, tags=["系统"], summary="各类记录的数量")
def stats(res: Res, _: Reader) -> Stats:
    return res.store.stats()


@router.get("/jurisdictions", response_model=list[JurisdictionInfo], tags=["部门"], summary="行政区划")
def jurisdictions(res: Res, _: Reader) -> list[JurisdictionInfo]:
    return res.store.jurisdictions()


@router.get("/departments", response_model=Page[DepartmentSummary], tags=["部门"], summary="查找部门")
def departments(res: Res, _: Reader,
                q: Annotated[str | None, Query(max_length=100, description="名称、简称或牌子中的文字")] = None,
                jurisdiction: Jurisdiction = None, at: At = None,
                active: Annotated[bool | None, Query(description="只看该日存在（true）或已撤销（false）的部门")] = None,
                offset: Offset = 0, limit: Limit = 50) -> Page[DepartmentSummary]:
    return service.department_list(res, q, jurisdiction, at, active, offset, limit)


@router.get("/departments/{department}", response_model=DepartmentDetail, tags=["部门"],
            summary="部门在某日的三定：职责、内设机构、编制、牌子、沿革、划入划出")
def department(res: Res, _: Reader, department: Id, at: At = None) -> DepartmentDetail:
    return service.department_detail(res, department, at)


@router.get("/who", response_model=Ownership, tags=["查询"],
            summary="谁负责：某日持有该事项的部门（牵头在前）、所依据的条款、此前的持有者和相关改革事件；"
                    "部门较多时分页（limit、offset；total_holders、total_past 为总数）")
async def who(res: Res, _: Reader, q: Text, at: At = None, jurisdiction: Jurisdiction = None, offset: Offset = 0,
              limit: Limit = service.WHO_PAGE) -> Response:
    body = res.peek(service.who_key(q, at, jurisdiction, offset, limit))  # a repeated question: no thread hop
    if body is None and res.ready(jurisdiction, at):
        # About a millisecond of work on a warm projection: a hop to a worker thread would cost
        # as much again, and the threads would then fight the event loop for the GIL.
        body = service.who_json(res, q, at, jurisdiction, offset, limit)
    elif body is None:
        body = await run_in_threadpool(service.who_json, res, q, at, jurisdiction, offset, limit)
    return Response(body, media_type="application/json")


@router.get("/who/export", tags=["查询"], summary="把谁负责的回答导出为 Excel（含问题台账提示、匹配方式）",
            response_class=Response, responses={200: {"content": {XLSX: {}}}})
def who_export(res: Res, _: Reader, q: Text, at: At = None, jurisdiction: Jurisdiction = None,
               department: DepartmentName = None) -> Response:
    from zhize.api import who_view

    answer = service.who_page(res, q, at, jurisdiction, department)
    return download(who_view.to_xlsx(answer), XLSX, f"谁负责-{answer.query}.xlsx", "who.xlsx")


@router.get("/suggest", response_model=list[str], tags=["查询"], summary="输入提示：事项或部门名称")
def suggest(res: Res, _: Reader, kind: Annotated[Literal["matters", "departments"], Query()],
            q: Annotated[str, Query(max_length=100)] = "", jurisdiction: Jurisdiction = None) -> list[str]:
    return service.suggestions(res, kind, q, jurisdiction)


@router.get("/reforms", response_model=list[DocumentRef], tags=["改革"], summary="改革方案")
def reforms(res: Res, _: Reader, jurisdiction: Jurisdiction = None) -> list[DocumentRef]:
    return service.reforms(res, jurisdiction)


@router.get("/reforms/{document}/sankey", response_model=Sankey, tags=["改革"], summary="改革方案的划转流向")
def reform_sankey(res: Res, _: Reader, document: Id) -> Sankey:
    return service.sankey(res, document)


@router.get("/transfers", response_model=list[Reform], tags=["改革"],
            summary="改革方案的事件（组建、撤销、划转、整合……），划转是否写进了承接部门的三定")
def transfers(res: Res, _: Reader, jurisdiction: Jurisdiction = None,
              reform: Annotated[str | None, Query(max_length=200,
                                                  description="改革方案的文档编号（或其开头、标题中的文字）")] = None,
              at: At = None) -> list[Reform]:
    return service.transfers(res, jurisdiction, reform, at)


@router.get("/lineage", response_model=Lineage, tags=["改革"], summary="部门或事项历次改革的沿革（A → B → C）")
def lineage(res: Res, _: Reader, q: Text, jurisdiction: Jurisdiction = None, at: At = None) -> Lineage:
    return service.lineage(res, q, jurisdiction, at)


@router.get("/graph", response_model=RelationGraph, tags=["查询"], summary="部门与事项关系图")
def graph(res: Res, _: Reader, jurisdiction: Annotated[str, Query(min_length=1, max_length=100)],
          department: Annotated[str | None, Query(max_length=200, description="以该部门为中心")] = None,
          q: Annotated[str | None, Query(max_length=100, description="事项中的文字")] = None,
          at: At = None) -> RelationGraph:
    return service.relation_graph(res, jurisdiction, department, q, at)


def finding_filter(res: Resources, kind: str | None, status: FindingStatus | None, department: str | None,
                   jurisdiction: str | None, detector: str | None, offset: int = 0, limit: int = 50) -> FindingFilter:
    return FindingFilter(kind=kind or None, status=status,
                         department=service.department_name(res, department, jurisdiction),
                         jurisdiction=jurisdiction or None, detector=detector or None, offset=offset, limit=limit)


Kind = Annotated[str | None, Query(max_length=100, description="问题类型，如 职责交叉")]
Status = Annotated[FindingStatus | None, Query(description="状态")]
Detector = Annotated[str | None, Query(max_length=20, description="检测规则编号，如 OVL001")]


@router.get("/findings", response_model=Page[LedgerEntry], tags=["问题台账"], summary="问题台账")
def findings(res: Res, _: Reader, kind: Kind = None, status: Status = None, department: DepartmentName = None,
             jurisdiction: Jurisdiction = None, detector: Detector = None, offset: Offset = 0,
             limit: Limit = 50) -> Page[LedgerEntry]:
    where = finding_filter(res, kind, status, department, jurisdiction, detector, offset, limit)
    return service.findings_page(res, where)


@router.get("/findings/export", tags=["问题台账"], summary="导出问题台账（Excel 或 CSV）",
            response_class=Response, responses={200: {"content": {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}, "text/csv": {}}}})
def export_findings(res: Res, _: Reader, format: Annotated[Literal["xlsx", "csv"], Query()] = "xlsx",
                    kind: Kind = None, status: Status = None, department: DepartmentName = None,
                    jurisdiction: Jurisdiction = None, detector: Detector = None,
                    unit: Annotated[str, Query(max_length=100, description="填报单位（写在表头）")] = "") -> Response:
    entries = service.all_findings(res, finding_filter(res, kind, status, department, jurisdiction, detector))
    if format == "csv":
        return download(export.to_csv(entries), "text/csv; charset=utf-8", "问题台账.csv", "findings.csv")
    title = export.ledger_title(entries, jurisdiction, unit)
    return download(export.to_xlsx(entries, title), XLSX, f"{title.title}.xlsx", "findings.xlsx")




def download(body: bytes, media_type: str, name: str, fallback: str) -> Response:
    from urllib.parse import quote

    return Response(body, media_type=media_type,
                    headers={"Content-Disposition": f"attachment; filename={fallback}; filename*=UTF-8''{quote(name)}"})


@router.get("/report", tags=["问题台账"], summary="评估报告（Word）：某行政区划某日的问题、划转落实情况和下一步建议",
            response_class=Response, responses={200: {"content": {DOCX: {}}}})
def review_report(res: Res, _: Reader, jurisdiction: Annotated[str, Query(min_length=1, max_length=100)],
                  at: At = None,
                  unit: Annotated[str, Query(max_length=100, description="落款单位")] = "") -> Response:
    from zhize.api.review import gather, to_docx

    review = gather(res.reader, res.require_jurisdiction(jurisdiction), at, unit)
    return download(to_docx(review), DOCX, f"{review.jurisdiction}评估报告{review.at.isoformat()}.docx", "report.docx")


@router.get("/findings/{finding}", response_model=LedgerEntry, tags=["问题台账"], summary="问题详情（含处理记录）")
def finding(res: Res, _: Reader, finding: Id) -> LedgerEntry:
    return service.finding(res, finding)


@router.patch("/findings/{finding}", response_model=LedgerEntry, tags=["问题台账"],
              summary="填写台账栏目（责任单位、整改措施、责任人、整改进展），留痕，需要“审核”角色")
def annotate(res: Res, who: Reviewer, finding: Id, body: LedgerFields) -> LedgerEntry:
    return service.annotate(res, finding, body, who.user)


@router.post("/findings/{finding}/transitions", response_model=LedgerEntry, tags=["问题台账"],
             summary="改变问题状态（核实、驳回、整改、销号），需要“审核”角色")
def transition(res: Res, who: Reviewer, finding: Id, body: TransitionRequest) -> LedgerEntry:
    return service.change_status(res, finding, body.status, body.reason, body.category, body.deadline, who.user)


@router.post("/check", response_model=list[CheckReport], tags=["问题台账"],
             summary="运行检测并把结果并入问题台账，需要“审核”角色")
def check(res: Res, who: Reviewer, jurisdiction: Jurisdiction = None, at: At = None) -> list[CheckReport]:
    return service.run_check(res, jurisdiction, at, who.user)


@router.get("/documents", response_model=list[DocumentInfo], tags=["文档"], summary="库中的文档")
def documents(res: Res, _: Reader, jurisdiction: Jurisdiction = None,
              kind: Annotated[Literal["三定", "改革方案", "其他"] | None, Query()] = None) -> list[DocumentInfo]:
    docs = res.store.documents(jurisdiction)
    return [d for d in docs if kind is None or d.kind == kind]


@router.get("/documents/{document}", response_model=DocumentInfo, tags=["文档"], summary="一个文档")
def document(res: Res, _: Reader, document: Id) -> DocumentInfo:
    return res.store.document(document)


@router.post("/ingest", response_model=IngestReport, tags=["文档"],
             summary="上传文件抽取入库（每个文档整体入库或整体不入库；可能替换库中同一文档的，先列出待确认），"
                     "需要“管理”角色",
             responses=error_responses(411, 413))
async def ingest(res: Res, who: Admin, files: Annotated[list[UploadFile], File(description="三定规定或改革方案文件")],
                 issue_date: Annotated[str | None, Form(description="印发日期 YYYY-MM-DD，可不填")] = None,
                 ) -> IngestReport:
    from zhize.api.uploads import check_names, ingest_uploads

    if len(files) > res.settings.max_upload_files:
        raise InputError(f"一次最多上传 {res.settings.max_upload_files} 个文件")
    check_names([(f.filename or "", b"") for f in files])  # before reading any body
    contents = [(f.filename or "", await f.read()) for f in files]
    return web_report(await run_in_threadpool(ingest_uploads, res, contents, who.user, service.parse_day(issue_date)))


def web_report(report: IngestReport) -> IngestReport:
    """What an upload reports, in the web's words: file names, never the server's paths (api.voice)."""
    from zhize.api import voice

    return report.model_copy(update={
        "failed": [f.model_copy(update={"file": voice.web(f.file), "reason": voice.web(f.reason)})
                   for f in report.failed],
        "warnings": [w.model_copy(update={"file": voice.web(w.file), "message": voice.web(w.message)})
                     for w in report.warnings],
        "message": voice.web(report.message)})


Sha = Annotated[str, Path(pattern="^[0-9a-f]{64}$", description="上传文件的编号（内容的 sha256）")]


@router.post("/uploads/{sha256}/decision", response_model=IngestReport, tags=["文档"],
             summary="对待确认的上传作出选择：替换指定的旧文档，或保留两者，需要“管理”角色")
async def decide_upload(res: Res, who: Admin, sha256: Sha, body: UploadDecision) -> IngestReport:
    from zhize.api.uploads import decide

    if body.action == "replace" and not body.replaces:
        raise InputError("选择替换时须指明要替换的文档编号（replaces）")
    return await run_in_threadpool(decide, res, sha256, body.action, body.replaces, who.user)


@router.get("/uploads", response_model=list[UploadRecord], tags=["文档"],
            summary="上传过的全部文件（被替换的也在，文件可下载），需要“管理”角色")
def list_uploads(res: Res, _: Admin) -> list[UploadRecord]:
    from zhize.api.uploads import uploads

    return uploads(res)


@router.get("/uploads/{sha256}/file", tags=["文档"], summary="下载上传过的原文件，需要“管理”角色",
            response_class=Response, responses={200: {"content": {"application/octet-stream": {}}}})
def upload_file(res: Res, _: Admin, sha256: Sha) -> Response:
    from urllib.parse import quote

    from zhize.api.uploads import upload

    record, path = upload(res, sha256)
    name = quote(record.name or path.name)
    disposition = f"attachment; filename=upload{path.suffix}; filename*=UTF-8''{name}"
    return Response(path.read_bytes(), media_type="application/octet-stream",
                    headers={"Content-Disposition": disposition})
