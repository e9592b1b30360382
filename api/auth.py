"""Access control for the HTTP server: bearer tokens with roles 查看 < 审核 < 管理.

Policy (README, 网页与接口):
- No tokens configured: the server only binds to loopback (`ensure_safe_binding`), and every
  request acts as the local user with every role (单机模式; the actor is ZHIZE_ACTOR or 本机用户).
- Tokens configured: reads need any valid token (or none with ZHIZE_PUBLIC_READS=true); ledger
  changes need 审核 or 管理; uploads need 管理. Ledger changes record the token's user as actor.

A token arrives as `Authorization: Bearer …`, or as the `zhize_token` cookie the login page sets
(SameSite=Strict, HttpOnly, so another site cannot borrow it).

Other web pages the user visits (`OriginGuard`, in both modes):
- A state-changing request (any method but GET, HEAD, OPTIONS) whose Origin — or, without one,
  Referer — is not this server's own is refused: in single-machine mode every request acts as the
  local user, so without this any page could upload or run a check (CSRF). A request with neither
  header comes from a tool (curl, a script), not from a page, and passes unless the browser's
  Sec-Fetch-Site says it is cross-site.
- In single-machine mode, a request whose Host is not a loopback name (127.0.0.1, ::1, localhost)
  is refused: a page on attacker.example that rebinds its name to 127.0.0.1 (DNS rebinding)
  would otherwise read everything. Only names that can never be rebound are accepted.
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from zhize.api.errors import AuthError, error_response
from zhize.api.settings import ConfigError, Role, Settings, Token

__all__ = ["Gate", "OriginGuard", "Principal", "ensure_safe_binding", "is_loopback"]

COOKIE = "zhize_token"
LOCAL_USER = "本机用户"


@dataclass(frozen=True)
class Principal:
    user: str
    role: Role | None  # None: anonymous reader (ZHIZE_PUBLIC_READS)
    authenticated: bool

    def can(self, needed: Role) -> bool:
        return self.role is not None and self.role.allows(needed)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Gate:
    """Decides who a request is and what it may do."""

    def __init__(self, settings: Settings, tokens: list[Token]):
        self.open = not tokens
        self.public_reads = settings.public_reads
        self.local = Principal(settings.actor or LOCAL_USER, Role.ADMIN, False)
        # Keyed by digest: a dict lookup on the digest does not reveal the token by timing.
        self.by_digest = {digest(t.token): t for t in tokens}

    def identify(self, request: Request) -> Principal | None:
        if self.open:
            return self.local
        token = bearer_token(request)
        if token is None:
            return None
        found = self.by_digest.get(digest(token))
        if found is None:
            raise AuthError("令牌无效或已停用，请重新登录或向管理员索取新令牌", 401)
        return Principal(found.user, found.role, True)

    def require(self, request: Request, needed: Role) -> Principal:
        who = self.identify(request)
        if who is None:
            if needed == Role.VIEWER and self.public_reads:
                return Principal("匿名访问", None, False)
            raise AuthError("需要登录：请在请求头加 Authorization: Bearer 令牌，或在网页“登录”处输入令牌", 401)
        if not who.can(needed):
            raise AuthError(f"权限不足：此操作需要“{needed}”或更高角色，当前用户 {who.user} 的角色是“{who.role}”", 403)
        return who


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(COOKIE) or None


def is_loopback(host: str) -> bool:
    if host.lower() in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def ensure_safe_binding(host: str, tokens: list[Token]) -> None:
    """Refuse to listen beyond this machine without tokens."""
    if tokens or is_loopback(host):
        return
    raise ConfigError(
        f"拒绝在 {host} 上启动：没有配置访问令牌，其他电脑将能不经登录读写数据。"
        "请先配置令牌：设置环境变量 ZHIZE_TOKENS=\"用户名:角色:令牌\"（角色为 查看、审核 或 管理，多个用分号隔开），"
        "或设置 ZHIZE_TOKENS_FILE 指向令牌文件（TOML，[[tokens]] 下写 user、role、token）；"
        "可用 zhize token 用户名 --role 管理 生成一个令牌。只在本机使用时请去掉 --host 或用 --host 127.0.0.1。")


def new_token() -> str:
    return secrets.token_urlsafe(24)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def split_host(host: str, scheme: str = "http") -> tuple[str, int | None]:
    """`127.0.0.1:8000` → ("127.0.0.1", 8000); `[::1]` → ("::1", default port of `scheme`)."""
    try:
        parts = urlsplit(f"//{host}")
        return (parts.hostname or "").lower(), parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:  # a port that is not a number, a stray bracket
        return host.lower(), None


def same_origin(origin: str, host: str, allowed: frozenset[str] = frozenset()) -> bool:
    """Whether `origin` (an Origin header, or a Referer URL) is the server the request reached
    at `host` (its Host header), or one of the configured `allowed` origins."""
    try:
        parts = urlsplit(origin)
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return False
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return False  # "null" (a sandboxed frame, a file:// page), data:, about:
    if f"{parts.scheme}://{parts.netloc}".lower() in allowed:
        return True
    return (parts.hostname.lower(), port) == split_host(host, parts.scheme)


class OriginGuard:
    """Pure ASGI middleware: refuses cross-site writes, and in single-machine mode requests for a
    host name that is not loopback (see the module docstring). `allowed_origins` are extra
    origins a reverse proxy serves this server under (ZHIZE_ALLOWED_ORIGINS)."""

    def __init__(self, app: ASGIApp, *, open_mode: bool, allowed_origins: tuple[str, ...] = ()):
        self.app, self.open_mode = app, open_mode
        self.allowed = frozenset(o.rstrip("/").lower() for o in allowed_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        refusal = self.refusal(scope["method"], _headers(scope))
        if refusal:
            return await _refuse(scope, receive, send, refusal)
        await self.app(scope, receive, send)

    def refusal(self, method: str, headers: dict[str, str]) -> str | None:
        """Why the request is refused, in Chinese; None when it may go on."""
        host = headers.get("host", "")
        if self.open_mode and host and not is_loopback(split_host(host)[0]):
            return (f"拒绝访问：地址中的主机名“{host[:100]}”不是本机地址。单机模式只接受本机地址"
                    "（如 http://127.0.0.1:端口/），以防其他网站冒用本机地址读取数据；"
                    "需要从其他电脑访问时，请配置访问令牌后用 --host 启动")
        if method in SAFE_METHODS:
            return None
        origin = headers.get("origin") or headers.get("referer")
        if origin is not None:
            if same_origin(origin, host, self.allowed):
                return None
            return (f"拒绝操作：这个修改请求来自其他网页（{origin[:100]}），不是本服务的网页。"
                    "为防止其他网站冒用你的身份修改数据，只接受本服务网页发出的修改请求")
        if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return "拒绝操作：浏览器表明这个修改请求来自其他网站，只接受本服务网页发出的修改请求"
        return None


def _headers(scope: Scope) -> dict[str, str]:
    """The first value of each header (latin-1, as HTTP/1.1 carries them)."""
    found: dict[str, str] = {}
    for name, value in scope["headers"]:
        found.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
    return found


async def _refuse(scope: Scope, receive: Receive, send: Send, detail: str) -> None:
    response = error_response(Request(scope, receive), 403, detail)
    await response(scope, receive, send)
