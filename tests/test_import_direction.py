"""Data flows one way: graph ← ingest, graph ← queries, everything ← api (docs/architecture.md),
and no module of ours imports itself through others (no import circle).

Every import is read: at the top of a module or inside a function, `from x import y` (an edge
to the submodule `x.y` when `y` is one), and the dynamic forms `importlib.import_module("…")`
and `__import__("…")` with a literal name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "ingest", "queries", "api")
FORBIDDEN = {
    "graph": {"ingest", "queries", "api"},
    "ingest": {"queries", "api"},
    "queries": {"ingest", "api"},
    "api": set(),
}
DYNAMIC = {"import_module", "__import__"}  # importlib.import_module(name), __import__(name)


def _package_of(module: str) -> str:
    """`zhize.graph.store` → `graph`; a bare `graph.store` (the old, colliding name) counts as `graph` too."""
    parts = module.split(".")
    return parts[1] if parts[0] == "zhize" and len(parts) > 1 else parts[0]


def module_name(path: Path, root: Path = ROOT) -> str:
    """graph/sqlite/store.py → zhize.graph.sqlite.store; graph/sqlite/__init__.py → zhize.graph.sqlite."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["zhize", *parts])


def _absolute(module: str, level: int, name: str | None, is_package: bool) -> str:
    """The absolute name of a relative import (`from . import x` inside `module`)."""
    if level == 0:
        return name or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def _dynamic_name(node: ast.Call) -> str | None:
    func = node.func
    called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    if called in DYNAMIC and node.args and isinstance(node.args[0], ast.Constant):
        value = node.args[0].value
        return value if isinstance(value, str) else None
    return None


def imported_names(source: str, module: str = "", is_package: bool = False) -> Iterator[tuple[str, ...]]:
    """What each import of `source` may load, as candidates, the most precise first: `import a.b`
    → (a.b,); `from a import b` → (a.b, a): the submodule a.b when there is one, else a;
    `importlib.import_module("a.b")` and `__import__("a.b")` → (a.b,)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from ((alias.name,) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node.level, node.module, is_package)
            if base:
                yield from ((f"{base}.{alias.name}", base) if alias.name != "*" else (base,) for alias in node.names)
        elif isinstance(node, ast.Call):
            name = _dynamic_name(node)
            if name:
                yield (name,)


def imported_packages(source: str) -> set[str]:
    return {_package_of(names[-1]) for names in imported_names(source)}


def bare_imports(source: str) -> set[str]:
    """Imports of our packages under their bare names (`import graph`), which another distribution could shadow."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Call) and _dynamic_name(node):
            names.add(_dynamic_name(node) or "")
    return {n for n in names if n.split(".")[0] in PACKAGES}


def violations(package: str, root: Path = ROOT) -> list[str]:
    bad = []
    for path in sorted((root / package).rglob("*.py")):
        for name in sorted(imported_packages(path.read_text(encoding="utf-8")) & FORBIDDEN[package]):
            bad.append(f"{path.relative_to(root)} imports {name}")
    return bad


def module_graph(root: Path = ROOT) -> nx.DiGraph:
    """Our modules and who imports whom (an edge A → B: A imports B, at any depth of A's code)."""
    files = {module_name(p, root): p for package in PACKAGES if (root / package).is_dir()
             for p in (root / package).rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(files)
    for module, path in files.items():
        for names in imported_names(path.read_text(encoding="utf-8"), module, path.name == "__init__.py"):
            target = next((name for name in names if name in files), None)
            if target is not None and target != module:
                graph.add_edge(module, target)
    return graph


def circles(root: Path = ROOT) -> list[list[str]]:
    """Every set of our modules that import each other in a loop (strongly connected components)."""
    found = [sorted(c) for c in nx.strongly_connected_components(module_graph(root)) if len(c) > 1]
    return sorted(found)


@pytest.mark.parametrize("package", PACKAGES)
def test_package_imports_only_what_it_may(package):
    assert violations(package) == []


def test_no_module_of_ours_imports_itself_through_others():
    assert circles() == []


def test_the_check_catches_a_forbidden_import(tmp_path):
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "bad.py").write_text("import os\nfrom zhize.queries.who import who\n", encoding="utf-8")
    (tmp_path / "graph" / "lazy.py").write_text("def f():\n    import zhize.api.cli\n", encoding="utf-8")
    (tmp_path / "graph" / "hidden.py").write_text(
        "import importlib\n\ndef f():\n    return importlib.import_module('zhize.ingest.extract')\n", encoding="utf-8")
    (tmp_path / "graph" / "dunder.py").write_text("m = __import__('zhize.api.app')\n", encoding="utf-8")
    assert violations("graph", tmp_path) == ["graph/bad.py imports queries", "graph/dunder.py imports api",
                                             "graph/hidden.py imports ingest", "graph/lazy.py imports api"]


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_check_sees_a_circle_of_top_level_imports(tmp_path):
    root = _tree(tmp_path, {"api/__init__.py": "", "api/a.py": "from zhize.api.b import x\n",
                            "api/b.py": "from zhize.api import c\n", "api/c.py": "import zhize.api.a\n",
                            "api/d.py": "from zhize.api.a import y\n"})
    assert circles(root) == [["zhize.api.a", "zhize.api.b", "zhize.api.c"]]


def test_the_check_sees_a_circle_through_a_function_level_import(tmp_path):
    root = _tree(tmp_path, {"api/__init__.py": "", "api/app.py": "from zhize.api.cli import open_store\n",
                            "api/cli.py": "def serve():\n    from zhize.api.app import create_app\n"})
    assert circles(root) == [["zhize.api.app", "zhize.api.cli"]]


def test_the_check_sees_a_circle_through_a_dynamic_or_relative_import(tmp_path):
    root = _tree(tmp_path, {"queries/__init__.py": "",
                            "queries/a.py": "import importlib\nB = importlib.import_module('zhize.queries.b')\n",
                            "queries/b.py": "from . import a\n"})
    assert circles(root) == [["zhize.queries.a", "zhize.queries.b"]]


def test_from_a_module_import_a_name_is_an_edge_to_that_module_and_a_submodule_an_edge_to_it(tmp_path):
    root = _tree(tmp_path, {"graph/__init__.py": "", "graph/store.py": "from zhize.graph.models import Model\n",
                            "graph/models.py": "from zhize.graph.store import open_store\n"})
    assert circles(root) == [["zhize.graph.models", "zhize.graph.store"]]
    (root / "graph" / "models.py").write_text("from zhize.graph import errors, store\n", encoding="utf-8")
    assert circles(root) == [["zhize.graph.models", "zhize.graph.store"]]
    (root / "graph" / "models.py").write_text("from zhize.graph import errors\n", encoding="utf-8")
    assert circles(root) == []


def test_our_packages_are_imported_as_zhize_only():
    sources = [p for folder in (*PACKAGES, "tests", "bench") for p in (ROOT / folder).rglob("*.py")]
    bad = [f"{p.relative_to(ROOT)}: {sorted(bare_imports(p.read_text(encoding='utf-8')))}" for p in sources
           if bare_imports(p.read_text(encoding="utf-8"))]
    assert bad == []


def test_the_bare_import_check_sees_one():
    assert bare_imports("from graph.store import open_store\nimport zhize.api") == {"graph.store"}
    assert bare_imports("import importlib\nimportlib.import_module('queries.view')\n") == {"queries.view"}
