"""The Chinese web pages, server-rendered with Jinja2 (autoescape on: duty texts come from documents).

Every page has a JSON twin: the same address with `?format=json` returns the data the page shows
(the same models as /api). Page parameters arrive from forms, so dates are read leniently
(an empty field means today).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import APIRouter, Form, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from zhize.api import service, voice
from zhize.api.auth import COOKIE
from zhize.api.deps import Reader, Res
from zhize.api.errors import AuthError
from zhize.api.settings import Role
from zhize.graph.errors import NotFound
from zhize.graph.ledger import FIELD_LABELS, TRANSITIONS, is_overdue
from zhize.graph.models import FindingFilter, FindingStatus, RectifyCategory
from zhize.graph.records import ROLE_LABELS
from zhize.queries.detectors import KINDS

HERE = Path(__file__).resolve().parent
NAV = (("/who", "职责查询"), ("/departments", "部门"), ("/reforms", "改革划转"), ("/graph", "关系图"),
       ("/findings", "问题台账"), ("/documents", "文档"), ("/docs", "接口文档"))


def current_user(request: Request) -> dict[str, Any]:
    res = getattr(request.app.state, "resources", None)
    if res is None:
        return {"me": None, "open_mode": False}
    try:
        me = res.gate.identify(request)
    except AuthError:
        me = None
    return {"me": me, "open_mode": res.gate.open, "nav": NAV}


env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                         trim_blocks=True, lstrip_blocks=True)
templates = Jinja2Templates(env=env, context_processors=[current_user])


def asset(name: str) -> str:
    """The fingerprinted address of one of our static files (cached by browsers for a year)."""
    from zhize.api.static_files import asset_url

    return asset_url("/static", HERE / "static", name)


def plotly_js() -> str:
    try:
        from plotly import __version__
    except ImportError:
        __version__ = "0"
    return f"/vendor/plotly/plotly.min.js?v={__version__}"


env.globals.update(asset=asset, plotly_js=plotly_js, role_labels=ROLE_LABELS)
router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, data: Any, **context: Any) -> Response:
    if request.query_params.get("format") == "json":
        return JSONResponse(jsonable_encoder(data))
    payload = data.model_dump(mode="json") if isinstance(data, BaseModel) else jsonable_encoder(data)
    return templates.TemplateResponse(request, template, {"data": data, "payload": payload, **context})


def clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def to_int(value: str | None, default: int, low: int = 0, high: int = 1_000_000) -> int:
    try:
        return max(low, min(high, int(value or default)))
    except ValueError:
        return default


# -- 职责查询 ------------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
@router.get("/who", response_class=HTMLResponse)
def who_page(request: Request, res: Res, _: Reader, q: str | None = None, jurisdiction: str | None = None,
             at: str | None = None, offset: str | None = None, department: str | None = None) -> Response:
    places = res.jurisdiction_names()
    answer, missing = None, None
    if clean(q):
        try:
            answer = service.who_page(res, q or "", service.parse_day(clean(at)), clean(jurisdiction),
                                      clean(department), to_int(offset, 0), service.WHO_PAGE)
        except NotFound as err:
            if request.query_params.get("format") == "json":
                raise
            missing = voice.web(str(err))
    data = answer if answer is not None else {"query": None, "jurisdictions": places}
    query = "&".join(f"{k}={quote(v)}" for k, v in (("q", clean(q) or ""), ("jurisdiction", clean(jurisdiction) or ""),
                                                    ("at", clean(at) or ""), ("department", clean(department) or ""))
                     if v)
    return render(request, "who.html", data, answer=answer, missing=missing, q=q or "", page_size=service.WHO_PAGE,
                  jurisdiction=clean(jurisdiction) or "", at=clean(at) or "", places=places,
                  department=clean(department) or "", query=query)


# -- 部门 ---------------------------------------------------------------------------------------

@router.get("/departments", response_class=HTMLResponse)
def departments_page(request: Request, res: Res, _: Reader, q: str | None = None, jurisdiction: str | None = None,
                     at: str | None = None, offset: str | None = None) -> Response:
    page = service.department_list(res, clean(q), clean(jurisdiction), service.parse_day(clean(at)), None,
                                   to_int(offset, 0), 100)
    return render(request, "departments.html", page, q=q or "", jurisdiction=clean(jurisdiction) or "",
                  at=clean(at) or "", places=res.jurisdiction_names())


@router.get("/departments/{department}", response_class=HTMLResponse)
def department_page(request: Request, res: Res, _: Reader, department: str, at: str | None = None) -> Response:
    detail = service.department_detail(res, department, service.parse_day(clean(at)))
    return render(request, "department.html", detail, at=clean(at) or "")


# -- 改革划转 ------------------------------------------------------------------------------------

@router.get("/reforms", response_class=HTMLResponse)
def reforms_page(request: Request, res: Res, _: Reader, jurisdiction: str | None = None) -> Response:
    docs = service.reforms(res, clean(jurisdiction))
    if len(docs) == 1 and request.query_params.get("format") != "json":
        return RedirectResponse(f"/reforms/{docs[0].id}", status_code=303)
    return render(request, "reforms.html", docs)


@router.get("/reforms/{document}", response_class=HTMLResponse)
def reform_page(request: Request, res: Res, _: Reader, document: str) -> Response:
    flows = service.sankey(res, document)
    others = service.reforms(res)
    return render(request, "reform.html", flows, others=others)


# -- 关系图 -------------------------------------------------------------------------------------

@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request, res: Res, _: Reader, jurisdiction: str | None = None, department: str | None = None,
               q: str | None = None, at: str | None = None) -> Response:
    place = clean(jurisdiction) or _busiest(res)
    day = service.parse_day(clean(at))
    if place is None:
        return render(request, "graph.html", {"nodes": [], "edges": []}, empty=True, places=[], place="",
                      departments=[], department="", q="", at="")
    graph = service.relation_graph(res, place, clean(department), clean(q), day)
    deps = service.department_list(res, None, place, day, True, 0, 1000).items
    return render(request, "graph.html", graph, empty=False, places=res.jurisdiction_names(), place=place,
                  departments=deps, department=clean(department) or "", q=clean(q) or "", at=clean(at) or "")


def _busiest(res) -> str | None:
    places = res.store.jurisdictions()
    return max(places, key=lambda j: j.departments).name if places else None


# -- 问题台账 ------------------------------------------------------------------------------------

@router.get("/findings", response_class=HTMLResponse)
def findings_page(request: Request, res: Res, who: Reader, kind: str | None = None, status: str | None = None,
                  department: str | None = None, jurisdiction: str | None = None, detector: str | None = None,
                  offset: str | None = None) -> Response:
    state = _status(status)
    where = FindingFilter(kind=clean(kind), status=state,
                          department=service.department_name(res, clean(department), clean(jurisdiction)),
                          jurisdiction=clean(jurisdiction), detector=clean(detector), offset=to_int(offset, 0),
                          limit=50)
    page = service.findings_page(res, where)
    filters = {"kind": clean(kind) or "", "status": state.value if state else "", "department": clean(department) or "",
               "jurisdiction": clean(jurisdiction) or "", "detector": clean(detector) or ""}
    query = "&".join(f"{k}={quote(v)}" for k, v in filters.items() if v)
    today = date.today()
    overdue = {e.finding.id for e in page.items if is_overdue(e, today)}
    return render(request, "findings.html", page, filters=filters, query=query, statuses=list(FindingStatus),
                  kinds=KINDS, places=res.jurisdiction_names(), can_review=who.can(Role.REVIEWER),
                  overdue=overdue, today=today.isoformat(), resolved_department=where.department or "")


def _status(value: str | None) -> FindingStatus | None:
    value = clean(value)
    if value is None:
        return None
    try:
        return FindingStatus(value)
    except ValueError:
        from zhize.graph.errors import InputError

        raise InputError(f"状态“{value}”无效，应为 {'、'.join(s.value for s in FindingStatus)} 之一") from None


@router.get("/findings/{finding}", response_class=HTMLResponse)
def finding_page(request: Request, res: Res, who: Reader, finding: str) -> Response:
    entry = service.finding(res, finding)
    allowed = sorted(TRANSITIONS.get(entry.status, frozenset()), key=list(FindingStatus).index)
    return render(request, "finding.html", entry, allowed=allowed, categories=list(RectifyCategory),
                  can_review=who.can(Role.REVIEWER), overdue=is_overdue(entry, date.today()),
                  field_labels=FIELD_LABELS)


# -- 文档与上传 ----------------------------------------------------------------------------------

@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, res: Res, who: Reader, jurisdiction: str | None = None) -> Response:
    docs = res.store.documents(clean(jurisdiction))
    return render(request, "documents.html", docs, can_upload=who.can(Role.ADMIN),
                  max_mb=res.settings.max_upload_mb, jurisdiction=clean(jurisdiction) or "",
                  places=res.jurisdiction_names())


# -- 登录 ---------------------------------------------------------------------------------------

@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> Response:
    return templates.TemplateResponse(request, "login.html", {"next": _safe_next(next), "error": None})


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, res: Res, token: str = Form(""), next: str = Form("/")) -> Response:
    found = res.gate.by_digest.get(_digest(token.strip())) if token.strip() else None
    if found is None and not res.gate.open:
        return templates.TemplateResponse(request, "login.html", {"next": _safe_next(next),
                                                                  "error": "令牌不对，请检查后重新输入"},
                                          status_code=401)
    response = RedirectResponse(_safe_next(next), status_code=303)
    if found is not None:
        response.set_cookie(COOKIE, token.strip(), max_age=12 * 3600, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


def _digest(token: str) -> str:
    from zhize.api.auth import digest

    return digest(token)


def _safe_next(value: str | None) -> str:
    """Only paths of this site (no //host or scheme) to avoid an open redirect."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


# -- 接口文档 ------------------------------------------------------------------------------------

@router.get("/docs", response_class=HTMLResponse)
def swagger_page(request: Request) -> Response:
    if not any(getattr(r, "name", "") == "swagger" for r in request.app.routes):
        return RedirectResponse("/api-docs", status_code=303)
    return templates.TemplateResponse(request, "swagger.html", {})


@router.get("/api-docs", response_class=HTMLResponse)
def api_docs_page(request: Request) -> Response:
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [(p["name"], p.get("in", ""), p.get("required", False), (p.get("description") or ""))
                      for p in op.get("parameters", [])]
            operations.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                               "tag": (op.get("tags") or [""])[0], "params": params,
                               "body": "requestBody" in op})
    return templates.TemplateResponse(request, "api_docs.html", {"operations": operations,
                                                                 "description": schema["info"].get("description", "")})
