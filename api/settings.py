"""Settings, read only here: environment variables (ZHIZE_*, NEO4J_*) or a `.env` file."""

from __future__ import annotations

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    store: str = Field(default="zhize.db", validation_alias=AliasChoices("ZHIZE_STORE"))
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "ZHIZE_NEO4J_USER"))
    neo4j_password: str | None = Field(default=None,
                                       validation_alias=AliasChoices("NEO4J_PASSWORD", "ZHIZE_NEO4J_PASSWORD"))
    neo4j_database: str | None = Field(default=None,
                                       validation_alias=AliasChoices("NEO4J_DATABASE", "ZHIZE_NEO4J_DATABASE"))
    actor: str | None = Field(default=None, validation_alias=AliasChoices("ZHIZE_ACTOR"))


def load_settings() -> Settings:
    return Settings()
