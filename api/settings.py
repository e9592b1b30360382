"""Settings, read only here: environment variables (ZHIZE_*, NEO4J_*), a `.env` file, and for the
HTTP server's access tokens optionally a tokens file.

Tokens (bearer tokens with a role) come from either

- `ZHIZE_TOKENS`: `用户名:角色:令牌` entries separated by `;` or newlines, or a JSON list of
  objects `{"user": …, "role": …, "token": …}`;
- `ZHIZE_TOKENS_FILE`: a TOML file with `[[tokens]]` tables (`user`, `role`, `token`) or a JSON file
  with the same list.

Roles: 查看 (viewer) < 审核 (reviewer) < 管理 (admin); English names are accepted too.
"""

from __future__ import annotations

import json
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from zhize.graph.errors import InputError


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

    store: str = Field(default="zhize.db", validation_alias=AliasChoices("ZHIZE_STORE"))
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

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    def all_tokens(self) -> list[Token]:
        """Tokens from ZHIZE_TOKENS and from the tokens file."""
        found = list(self.tokens)
        if self.tokens_file:
            found += read_tokens_file(self.tokens_file)
        return found


def parse_tokens(text: str) -> list[dict]:
    """`用户:角色:令牌; …` or a JSON list of {user, role, token}."""
    text = text.strip()
    if not text:
        return []
    if text.startswith("["):
        return json.loads(text)
    entries = []
    for part in text.replace("\n", ";").split(";"):
        if part.strip():
            user, _, rest = part.strip().partition(":")
            role, _, token = rest.partition(":")
            entries.append({"user": user.strip(), "role": role.strip(), "token": token.strip()})
    return entries


def read_tokens_file(path: Path) -> list[Token]:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"无法读取令牌文件：{e.strerror or e}", file=str(path)) from None
    try:
        data = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw).get("tokens", [])
        return [Token.model_validate(t) for t in data]
    except (ValueError, TypeError) as e:
        raise InputError(f"令牌文件格式不对（应有 user、role、token 三项，令牌至少 16 个字符）：{e}",
                         file=str(path)) from None


def load_settings(**overrides: object) -> Settings:
    return Settings(**overrides)
