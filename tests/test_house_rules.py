"""Rules of the house that keep one home per concept, checked on the source:

- no `__getattr__` proxy: a wrapper says what it offers (a proxy hid the store's type);
- no optional import of our own modules (`try: import zhize… except ImportError`): a broken module
  must fail loudly, not silently weaken what uses it;
- no test swaps one of our modules in `sys.modules`: tests run the configuration production runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "ingest", "queries", "api")


def _sources(*folders: str) -> dict[str, ast.Module]:
    return {str(p.relative_to(ROOT)): ast.parse(p.read_text(encoding="utf-8"))
            for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))}


def proxies(trees: dict[str, ast.Module]) -> list[str]:
    return [f"{name}:{node.lineno}" for name, tree in trees.items() for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name == "__getattr__"]


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError") for n in names)


def optional_own_imports(trees: dict[str, ast.Module]) -> list[str]:
    found = []
    for name, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Try) and any(_catches_import_error(h) for h in node.handlers):
                imported = [n for stmt in node.body for n in ast.walk(stmt) if isinstance(n, ast.Import | ast.ImportFrom)]
                modules = [a.name for n in imported if isinstance(n, ast.Import) for a in n.names]
                modules += [n.module or "" for n in imported if isinstance(n, ast.ImportFrom)]
                modules += ["." for n in imported if isinstance(n, ast.ImportFrom) and n.level]
                if any(m == "." or m.split(".")[0] in ("zhize", *PACKAGES) for m in modules):
                    found.append(f"{name}:{node.lineno}")
    return found


def swapped_modules(trees: dict[str, ast.Module]) -> list[str]:
    """`sys.modules[...] = …`, `sys.modules.update(…)` or monkeypatch.setitem(sys.modules, …)."""
    found = []
    for name, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(ast.unparse(t).startswith("sys.modules[") for t in node.targets):
                found.append(f"{name}:{node.lineno}")
            elif isinstance(node, ast.Call):
                func = ast.unparse(node.func)
                first = ast.unparse(node.args[0]) if node.args else ""
                if func == "sys.modules.update" or (func.endswith(("setitem", "delitem")) and first == "sys.modules"):
                    found.append(f"{name}:{node.lineno}")
    return found


def test_no_proxy_hides_what_it_wraps():
    assert proxies(_sources(*PACKAGES)) == []


def test_no_module_of_ours_is_imported_optionally():
    assert optional_own_imports(_sources(*PACKAGES)) == []


def test_no_test_swaps_a_module():
    assert swapped_modules(_sources("tests")) == []


def test_the_rules_see_what_they_forbid():
    tree = {"x.py": ast.parse(
        "import sys\n"
        "class P:\n    def __getattr__(self, name):\n        return 1\n"
        "try:\n    from zhize.graph import matters\nexcept ImportError:\n    matters = None\n"
        "try:\n    import ahocorasick\nexcept ImportError:\n    ahocorasick = None\n"
        "def f(monkeypatch):\n    sys.modules['zhize.graph.matters'] = None\n"
        "    monkeypatch.setitem(sys.modules, 'zhize.graph.matters', None)\n")}
    assert proxies(tree) == ["x.py:3"]
    assert optional_own_imports(tree) == ["x.py:5"]
    assert swapped_modules(tree) == ["x.py:14", "x.py:15"]
