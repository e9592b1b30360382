"""Access control for the HTTP server: bearer tokens with roles 查看 < 审核 < 管理.

Policy (README, 网页与接口):
- No tokens configured: the server only binds to loopback (`ensure_safe_binding`), and every
  request acts as the local user with every role (单机模式; the actor is ZHIZE_ACTOR or 本机用户).
- Tokens configured: reads need any valid token (or none with ZHIZE_PUBLIC_READS=true); ledger
  changes need 审核 or 管理; uploads need 管理. Ledger changes record the token's user as actor.

A token arrives as `Authorization: Bearer …`, or as the `zhize_token` cookie the login page sets
(SameSite=Strict, HttpOnly, so another site cannot borrow it).
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
from dataclasses import dataclass

from fastapi import Request

from zhize.api.settings import Role, Settings, Token
from zhize.graph.errors import ZhizeError

COOKIE = "zhize_token"
LOCAL_USER = "本机用户"


class AuthError(ZhizeError):
    """401 (no or unknown token) or 403 (role too low); the edge turns it into a response."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class ConfigError(ZhizeError):
    """The server must not start with these settings."""


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
