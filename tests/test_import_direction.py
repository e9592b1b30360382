"""Data flows one way: graph ← ingest, graph ← queries, everything ← api (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "ingest", "queries", "api")
FORBIDDEN = {
    "graph": {"ingest", "queries", "api"},
    "ingest": {"queries", "api"},
    "queries": {"ingest", "api"},
    "api": set(),
}


def imported_packages(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def violations(package: str, root: Path = ROOT) -> list[str]:
    bad = []
    for path in sorted((root / package).rglob("*.py")):
        for name in imported_packages(path.read_text(encoding="utf-8")) & FORBIDDEN[package]:
            bad.append(f"{path.relative_to(root)} imports {name}")
    return bad


@pytest.mark.parametrize("package", PACKAGES)
def test_package_imports_only_what_it_may(package):
    assert violations(package) == []


def test_the_check_catches_a_forbidden_import(tmp_path):
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "bad.py").write_text("import os\nfrom queries.who import who\n", encoding="utf-8")
    (tmp_path / "graph" / "lazy.py").write_text("def f():\n    import api.cli\n", encoding="utf-8")
    assert violations("graph", tmp_path) == ["graph/bad.py imports queries", "graph/lazy.py imports api"]

