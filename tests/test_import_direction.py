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


def _package_of(module: str) -> str:
    """`zhize.graph.store` → `graph`; a bare `graph.store` (the old, colliding name) counts as `graph` too."""
    parts = module.split(".")
    return parts[1] if parts[0] == "zhize" and len(parts) > 1 else parts[0]


def imported_packages(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {_package_of(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(_package_of(node.module))
    return found


def bare_imports(source: str) -> set[str]:
    """Imports of our packages under their bare names (`import graph`), which another distribution could shadow."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {n for n in names if n.split(".")[0] in PACKAGES}


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
    (tmp_path / "graph" / "bad.py").write_text("import os\nfrom zhize.queries.who import who\n", encoding="utf-8")
    (tmp_path / "graph" / "lazy.py").write_text("def f():\n    import zhize.api.cli\n", encoding="utf-8")
    assert violations("graph", tmp_path) == ["graph/bad.py imports queries", "graph/lazy.py imports api"]


def test_our_packages_are_imported_as_zhize_only():
    sources = [p for folder in (*PACKAGES, "tests", "bench") for p in (ROOT / folder).rglob("*.py")]
    bad = [f"{p.relative_to(ROOT)}: {sorted(bare_imports(p.read_text(encoding='utf-8')))}" for p in sources
           if bare_imports(p.read_text(encoding="utf-8"))]
    assert bad == []


def test_the_bare_import_check_sees_one():
    assert bare_imports("from graph.store import open_store\nimport zhize.api") == {"graph.store"}

