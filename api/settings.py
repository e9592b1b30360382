"""Settings, read only here: environment variables (ZHIZE_*, NEO4J_*), a `.env` file, and for the
HTTP server's access tokens optionally a tokens file.

Tokens (bearer tokens with a role) come from either

- `ZHIZE_TOKENS`: `用户名:角色:令牌` entries separated by `;` or newlines, or a JSON list of
  objects `{"user": …, "role": …, "token": …}`;
- `ZHIZE_TOKENS_FILE`: a TOML file with `[[tokens]]` tables (`user`, `role`, `token`) or a JSON file
  with the same list.

Roles: 查看 (viewer) < 审核 (reviewer) < 管理 (admin); English names are accepted too. A token
given to two users (or twice with different roles) is refused: nobody could tell who acted.

`load_settings` turns a malformed setting into one Chinese line (`ConfigError`) naming the
variable, never pydantic's English.
"""

from __future__ import annotations

import json
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import AliasChoices, BaseModel, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from zhize.graph.errors import InputError, ZhizeError

if TYPE_CHECKING:
    from zhize.graph.store import GraphStore

DEFAULT_STORE = "zhize.db"  # in the folder the command runs in


class ConfigError(ZhizeError):
    """The settings are unusable (or the server must not start with them)."""


class Role(StrEnum):
    VIEWER = "查看"
    REVIEWER = "审核"
    ADMIN = "管理"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank

    @classmethod
    def parse(cls, value: str) -> Role:
        found = _ROLE_NAMES.get(value.strip().lower())
        if found is None:
            raise ValueError(f"角色“{value}”无效，应为 查看、审核 或 管理（viewer、reviewer、admin）")
        return found


_RANKS = {Role.VIEWER: 1, Role.REVIEWER: 2, Role.ADMIN: 3}
_ROLE_NAMES = {**{r.value: r for r in Role}, "viewer": Role.VIEWER, "reviewer": Role.REVIEWER,
               "admin": Role.ADMIN}


class Token(BaseModel):
    user: str = Field(min_length=1)
    role: Role
    token: str = Field(min_length=16)

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: object) -> object:
        return Role.parse(value) if isinstance(value, str) else value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      populate_by_name=True)

    store: str = Field(default=DEFAULT_STORE, validation_alias=AliasChoices("ZHIZE_STORE"))
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "ZHIZE_NEO4J_USER"))
    neo4j_password: str | None = Field(default=None,
                                       validation_alias=AliasChoices("NEO4J_PASSWORD", "ZHIZE_NEO4J_PASSWORD"))
    neo4j_database: str | None = Field(default=None,
                                       validation_alias=AliasChoices("NEO4J_DATABASE", "ZHIZE_NEO4J_DATABASE"))
    actor: str | None = Field(default=None, validation_alias=AliasChoices("ZHIZE_ACTOR"))

    # -- HTTP server ------------------------------------------------------------------------
    host: str = Field(default="127.0.0.1", validation_alias=AliasChoices("ZHIZE_HOST"))
    port: int = Field(default=8000, ge=0, le=65535, validation_alias=AliasChoices("ZHIZE_PORT"))
    tokens: Annotated[list[Token], NoDecode] = Field(default_factory=list,
                                                     validation_alias=AliasChoices("ZHIZE_TOKENS"))
    tokens_file: Path | None = Field(default=None, validation_alias=AliasChoices("ZHIZE_TOKENS_FILE"))
    # Origins (scheme://host[:port]) a reverse proxy serves the pages under, when it does not pass
    # the Host it was asked for: changes are accepted only from pages of this server or of these.
    allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list,
                                                            validation_alias=AliasChoices("ZHIZE_ALLOWED_ORIGINS"))
    # With tokens configured, reads need a token too unless this is set.
    public_reads: bool = Field(default=False, validation_alias=AliasChoices("ZHIZE_PUBLIC_READS"))
    max_upload_mb: float = Field(default=20, gt=0, validation_alias=AliasChoices("ZHIZE_MAX_UPLOAD_MB"))
    max_upload_files: int = Field(default=50, ge=1, validation_alias=AliasChoices("ZHIZE_MAX_UPLOAD_FILES"))
    # How often the server looks for changes other processes made to the store, to drop cached answers
    # (changes made through the server itself drop them at once).
    refresh_seconds: float = Field(default=5, ge=0, validation_alias=AliasChoices("ZHIZE_REFRESH_SECONDS"))
    # At start-up, today's projections and ownership indexes of up to this many jurisdictions are
    # built in the background, so the first question about each is answered at once (0: none).
    warm_jurisdictions: int = Field(default=32, ge=0, le=64,
                                    validation_alias=AliasChoices("ZHIZE_WARM_JURISDICTIONS"))

    @field_validator("tokens", mode="before")
    @classmethod
    def _tokens(cls, value: object) -> object:
        return parse_tokens(value) if isinstance(value, str) else value

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _origins(cls, value: object) -> object:
        return [o.strip() for o in value.replace(";", ",").split(",") if o.strip()] if isinstance(value, str) else value

    @field_validator("tokens", mode="after")
    @classmethod
    def _distinct(cls, value: list[Token]) -> list[Token]:
        problem = shared_token(value)
        if problem:
            raise ValueError(problem)
        return value

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    def open_store(self, location: str | None = None, *, create: bool = True) -> GraphStore:
        """The store at `location`, else the configured one, with the configured Neo4j credentials.
        `create=False`: a SQLite file that does not exist is an error, not a new empty store."""
        from zhize.graph.store import open_store

        auth = {"user": self.neo4j_user, "password": self.neo4j_password, "database": self.neo4j_database}
        return open_store(location or self.store, create=create, **{k: v for k, v in auth.items() if v})

    def all_tokens(self) -> list[Token]:
        """Tokens from ZHIZE_TOKENS and from the tokens file."""
        found = list(self.tokens)
        if self.tokens_file:
            found += read_tokens_file(self.tokens_file)
        problem = shared_token(found)
        if problem:
            raise ConfigError(f"令牌设置有误（ZHIZE_TOKENS 与 ZHIZE_TOKENS_FILE）：{problem}")
        return found


def shared_token(tokens: list[Token]) -> str | None:
    """A token held by two users, or by one user with two roles: who acted could not be told."""
    holders: dict[str, Token] = {}
    for t in tokens:
        first = holders.setdefault(t.token, t)
        if (first.user, first.role) != (t.user, t.role):
            return (f"同一个令牌配给了“{first.user}”（{first.role}）和“{t.user}”（{t.role}）；"
                    "每个用户要有自己的令牌（可用 zhize token 用户名 --role 角色 生成）")
    return None


def parse_tokens(text: str) -> list[dict]:
    """`用户:角色:令牌; …` or a JSON list of {user, role, token}."""
    text = text.strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            raise ValueError("以 [ 开头，但不是有效的 JSON 列表") from None
        if not isinstance(data, list) or not all(isinstance(t, dict) for t in data):
            raise ValueError("JSON 应为对象的列表，每个对象写 user、role、token")
        return data
    entries = []
    for n, part in enumerate((p.strip() for p in text.replace("\n", ";").split(";") if p.strip()), 1):
        user, role, token = (part.split(":", 2) + ["", ""])[:3]
        if not (user.strip() and role.strip() and token.strip()):
            raise ValueError(f"第 {n} 项应写成 用户名:角色:令牌（多个用分号隔开）")
        entries.append({"user": user.strip(), "role": role.strip(), "token": token.strip()})
    return entries


def read_tokens_file(path: Path) -> list[Token]:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"无法读取令牌文件：{e.strerror or e}", file=str(path)) from None
    try:
        data = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw).get("tokens", [])
        if not isinstance(data, list):
            raise TypeError
        return [Token.model_validate(t) for t in data]
    except ValidationError as e:
        raise InputError(f"令牌文件格式不对（应有 user、role、token 三项，令牌至少 16 个字符）：{_problem(e)}",
                         file=str(path)) from None
    except (ValueError, TypeError, RecursionError):
        raise InputError("令牌文件格式不对：应为 TOML（[[tokens]] 下写 user、role、token）或同样内容的 JSON 列表",
                         file=str(path)) from None


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)
    except ValidationError as e:
        raise ConfigError(f"设置有误：{_problem(e)}") from None


# Field → the variable a user sets (the first alias).
_VARIABLES = {name: str(f.validation_alias.choices[0]) for name, f in Settings.model_fields.items()
              if isinstance(f.validation_alias, AliasChoices)}


def _problem(err: ValidationError) -> str:
    """The first problem, in Chinese, naming the variable (or the token entry) it is in."""
    from zhize.graph.extract_format import describe

    first = err.errors()[0]
    loc = [str(x) for x in first["loc"]]
    where, message = describe(err)
    if loc and loc[0] in _VARIABLES.values() or loc and loc[0] in _VARIABLES:
        variable = _VARIABLES.get(loc[0], loc[0])
        entry = f"第 {int(loc[1]) + 1} 项的 {'.'.join(loc[2:])}" if len(loc) > 2 and loc[1].isdigit() else ""
        return f"环境变量 {variable}{' ' + entry if entry else ''}：{_token_hint(message, loc)}"
    return f"{where}：{_token_hint(message, loc)}"


def _token_hint(message: str, loc: list[str]) -> str:
    if loc and loc[-1] == "token" and message in ("不能为空", "太短", "不能为空或太短"):
        return "令牌太短（至少 16 个字符；可用 zhize token 用户名 --role 角色 生成）"
    return message
