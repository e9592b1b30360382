"""Exceptions translated once, for the whole app: each becomes a status and a Chinese `detail`.

NotFound → 404; StoreUnavailable → 503 with a hint; InputError, LedgerError and invalid requests
→ 422; AuthError → 401/403. API paths (and `?format=json`) get JSON, pages get an HTML page.
"""

from __future__ import annotations

import html
import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from zhize.api import voice
from zhize.graph.errors import InputError, LedgerError, NotFound, StoreUnavailable, ZhizeError

log = logging.getLogger("zhize.api")


class AuthError(ZhizeError):
    """401 (no or unknown token) or 403 (role too low), raised by `api.auth`."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


STORE_HINT = "请联系管理员检查数据存储（数据库文件或 Neo4j 服务）是否可用，然后重试。"

HTTP_MESSAGES = {
    400: "请求格式不正确",
    401: "需要登录",
    403: "权限不足",
    404: "没有这个页面或接口，请检查地址",
    405: "该地址不支持这种请求方法",
    406: "无法提供所要求的格式",
    411: "上传须带 Content-Length 请求头",
    413: "上传的内容太大",
    415: "不支持的内容类型",
    422: "请求参数不正确",
    500: "服务器内部错误，请联系管理员查看日志",
}

_VALIDATION = {
    "missing": "缺少必填项",
    "date_from_datetime_parsing": "应为日期，格式 YYYY-MM-DD",
    "date_from_datetime_inexact": "应为日期，格式 YYYY-MM-DD",
    "date_parsing": "应为日期，格式 YYYY-MM-DD",
    "date_type": "应为日期，格式 YYYY-MM-DD",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "string_type": "应为文本",
    "string_too_short": "不能为空或太短",
    "string_too_long": "太长",
    "json_invalid": "JSON 格式不对",
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "extra_forbidden": "是未定义的字段",
    "enum": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
    "list_type": "应为列表",
    "too_short": "项数太少",
    "too_long": "项数太多",
}

_PLACES = {"query": "参数", "path": "路径参数", "body": "字段", "header": "请求头", "cookie": "Cookie",
           "form": "表单项"}


def describe_validation(errors: list[dict]) -> str:
    parts = []
    for err in errors[:5]:
        loc = [str(x) for x in err.get("loc", ())]
        place = _PLACES.get(loc[0], "") if loc else ""
        name = ".".join(loc[1:]) or (loc[0] if loc else "")
        parts.append(f"{place} {name}：{_message(err)}".strip())
    return "请求参数不正确：" + "；".join(parts)


def _message(err: dict) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind in ("greater_than_equal", "greater_than"):
        return f"不能小于{'等于' if kind == 'greater_than' else ''} {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"不能大于{'等于' if kind == 'less_than' else ''} {ctx.get('le', ctx.get('lt'))}"
    if kind == "enum" and ctx.get("expected"):
        return f"应为 {ctx['expected']} 之一".replace(" or ", "、").replace("'", "")
    if kind == "value_error":
        return str(ctx.get("error") or err.get("msg", "")).removeprefix("Value error, ")
    return _VALIDATION.get(kind, "取值不正确")


def status_of(err: ZhizeError) -> int:
    if isinstance(err, AuthError):
        return err.status
    if isinstance(err, NotFound):
        return 404
    if isinstance(err, StoreUnavailable):
        return 503
    if isinstance(err, (InputError, LedgerError)):
        return 422
    return 422


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api") or path in ("/openapi.json",) or request.query_params.get("format") == "json":
        return True
    return "text/html" not in request.headers.get("accept", "")


def error_response(request: Request, status: int, detail: str, headers: dict | None = None) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    templates = getattr(request.app.state, "templates", None)
    if templates is None:
        return HTMLResponse(f"<p>{html.escape(detail)}</p>", status_code=status, headers=headers)
    return templates.TemplateResponse(request, "error.html", {"status": status, "detail": detail},
                                      status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(ZhizeError)
    async def zhize_error(request: Request, err: ZhizeError) -> Response:
        status = status_of(err)
        detail = voice.web(str(err))
        if status == 503:
            detail = f"数据存储暂不可用：{detail.rstrip('。')}。{STORE_HINT}"
        if status == 401 and not wants_json(request):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return error_response(request, status, detail, headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, err: RequestValidationError) -> Response:
        return error_response(request, 422, describe_validation(list(err.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        detail = err.detail if isinstance(err.detail, str) and _is_chinese(err.detail) else None
        return error_response(request, err.status_code, detail or HTTP_MESSAGES.get(err.status_code, "请求失败"),
                              getattr(err, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception) -> Response:
        log.exception("处理 %s %s 时出错", request.method, request.url.path)
        return error_response(request, 500, HTTP_MESSAGES[500])


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
