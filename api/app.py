"""The HTTP server: JSON API under /api, Chinese web pages, OpenAPI at /openapi.json and /docs.

`create_app(settings)` builds the app; the store is opened in the lifespan (and reopened on the
next request if it was unavailable). Everything a page loads is served by the app itself: no CDN,
so it works on an intranet without internet (plotly.min.js comes from the plotly wheel, Swagger UI
from swagger-ui-bundle).
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zhize.api import errors
from zhize.api.auth import Gate, OriginGuard, ensure_safe_binding
from zhize.api.resources import Resources
from zhize.api.settings import Settings, load_settings
from zhize.graph.errors import StoreUnavailable

HERE = Path(__file__).resolve().parent
log = logging.getLogger("zhize.api")

DESCRIPTION = """职责图谱 Zhize 的接口：谁负责、部门三定、改革划转、关系图、问题台账、上传入库。

访问控制：配置了令牌时，请求头加 `Authorization: Bearer 令牌`。角色：查看（读取）、审核（改变问题状态）、
管理（上传入库）。未配置令牌时服务只在本机地址上运行，所有请求视为本机用户。
出错时返回 `{"detail": "中文说明"}`：
404 不存在，401 未登录，403 权限不足，413 上传过大，422 参数不对，503 数据存储不可用。
"""

# Scripts only from this server; styles inline are allowed for plotly's own style tags.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
       "form-action 'self'")


class SecurityHeaders:
    """Pure ASGI middleware (cheap): CSP and friends on every response."""

    HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    tokens = settings.all_tokens()
    ensure_safe_binding(settings.host, tokens)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        resources = app.state.resources = Resources(settings, None, Gate(settings, tokens))
        try:
            resources.store  # noqa: B018 - open it now; a store that is down is opened again on a request
        except StoreUnavailable as err:
            log.warning("数据存储暂不可用，将在收到请求时重试：%s", err)
        resources.warm_in_background(settings.warm_jurisdictions)
        try:
            yield
        finally:
            resources.close()

    app = FastAPI(title="职责图谱 Zhize", description=DESCRIPTION, version="0.1.0", lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    errors.install(app)
    _mount_assets(app)
    from zhize.api import routes_api, routes_pages

    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    app.state.templates = routes_pages.templates
    from zhize.api.fastpath import CachedWho
    from zhize.api.uploads import UploadLimit

    app.add_middleware(UploadLimit, limit=settings.max_upload_bytes, paths=("/api/ingest",))
    app.add_middleware(CachedWho)  # inside SecurityHeaders: its answers get the same headers
    # Outside the cached answers and the upload limit: a refused request reaches neither.
    app.add_middleware(OriginGuard, open_mode=not tokens, allowed_origins=tuple(settings.allowed_origins))
    app.add_middleware(SecurityHeaders)
    return app


def _mount_assets(app: FastAPI) -> None:
    """Static files gzip-compressed and cached (api.static_files)."""
    from zhize.api.static_files import CompressedStatic

    app.mount("/static", CompressedStatic(directory=HERE / "static"), name="static")
    plotly_dir = _plotly_dir()
    if plotly_dir:
        app.mount("/vendor/plotly", CompressedStatic(directory=plotly_dir), name="plotly")
    swagger_dir = _swagger_dir()
    if swagger_dir:
        app.mount("/vendor/swagger", CompressedStatic(directory=swagger_dir), name="swagger")


def _plotly_dir() -> Path | None:
    try:
        import plotly
    except ImportError:
        log.warning("未安装 plotly：改革划转页的桑基图无法显示（pip install plotly）")
        return None
    folder = Path(plotly.__file__).resolve().parent / "package_data"
    return folder if (folder / "plotly.min.js").is_file() else None


def _swagger_dir() -> Path | None:
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        log.warning("未安装 swagger-ui-bundle-v2：/docs 改用自带的简易接口文档")
        return None
    return Path(str(swagger_ui_path))


def app_from_env() -> FastAPI:
    """For `uvicorn --factory api.app:app_from_env` (several worker processes)."""
    return create_app(load_settings())
