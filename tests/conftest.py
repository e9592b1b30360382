"""Shared fixtures. `store` runs a test on every store: SQLite always, Neo4j when NEO4J_URI is set."""

from __future__ import annotations

import os

import pytest

NEO4J_SKIP = "NEO4J_URI 未设置：跳过 Neo4j 存储的契约测试（docker compose up -d 后设置 NEO4J_URI=bolt://localhost:7687 即可运行）"


@pytest.fixture(params=["sqlite", "neo4j"])
def store(request, tmp_path):
    if request.param == "sqlite":
        from zhize.graph.sqlite import SqliteStore

        st = SqliteStore(tmp_path / "contract.db")
    else:
        uri = os.environ.get("NEO4J_URI")
        if not uri:
            pytest.skip(NEO4J_SKIP)
        from zhize.api.settings import load_settings

        st = load_settings().open_store(uri)  # credentials from NEO4J_USER / NEO4J_PASSWORD, as for a user
        st.clear()  # the contract tests own the database they are pointed at
    yield st
    st.close()
