"""Every Cypher statement the project sends passes Neo4j's own linter, and all Cypher lives in
.cypher files (except the schema DDL, which is generated and linted too).

The linter tests need node and `.ci/node_modules` (`npm ci --prefix .ci`, which CI runs through
`.ci/lint_cypher.sh`); without them they are skipped.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zhize.graph.neo4j import cypher_dump
from zhize.graph.neo4j.statements import ddl_statements, parameters_in, parameters_of, statement_names
from zhize.graph.schema import CONSTRAINTS, FULLTEXT

ROOT = Path(__file__).resolve().parents[2]
CI = ROOT / ".ci"
LINTER = CI / "lint_cypher.mjs"
PACKAGE = CI / "node_modules" / "@neo4j-cypher" / "language-support"

needs_linter = pytest.mark.skipif(
    shutil.which("node") is None or not PACKAGE.is_dir(),
    reason="Cypher 检查需要 node 和 .ci/node_modules（CI 中由 `npm ci --prefix .ci` 安装）：跳过")


def lint(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["node", str(LINTER), *map(str, args)], capture_output=True, text=True, timeout=120)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.cypher"
    path.write_text(text + "\n", encoding="utf-8")
    return path


# -- the project's Cypher ---------------------------------------------------------------------

@needs_linter
def test_every_statement_the_project_sends_lints_clean():
    env = {**os.environ, "PYTHON": sys.executable}
    done = subprocess.run(["bash", str(CI / "lint_cypher.sh")], capture_output=True, text=True, env=env,
                          timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert ", 0 errors, 0 warnings" in done.stdout


def test_the_dump_holds_every_statement_file_and_the_schema_ddl(tmp_path):
    cypher_dump.main([str(tmp_path)])
    dumped = {p.stem for p in tmp_path.glob("*.cypher")}
    assert dumped == set(statement_names()) | set(ddl_statements())
    schema = json.loads((tmp_path / cypher_dump.SCHEMA_FILE).read_text(encoding="utf-8"))
    assert {"Duty", "Department", "FindingChange"} <= set(schema["labels"])
    assert {"from": "Department", "relType": "HOLDS", "to": "Duty"} in schema["graphSchema"]
    parameters = json.loads((tmp_path / cypher_dump.PARAMETERS_FILE).read_text(encoding="utf-8"))
    assert parameters["create_duties"] == ["document", "rows"]


def test_the_ddl_covers_every_constraint_and_the_fulltext_index():
    ddl = ddl_statements()
    for c in CONSTRAINTS:
        text = ddl[f"constraint_{c.name}"]
        assert f"(n:`{c.label}`)" in text and f"n.`{c.key}` IS UNIQUE" in text and "IF NOT EXISTS" in text
    fulltext = ddl[f"fulltext_{FULLTEXT.name}"]
    assert f"(n:`{FULLTEXT.label}`)" in fulltext and f"'{FULLTEXT.analyzer}'" in fulltext


def test_parameters_are_read_outside_strings_and_comments():
    text = "// uses $nothing\nMATCH (d:Duty {id: $id}) WHERE d.clause <> '$no' /* $none */\nRETURN $`odd name` AS x"
    assert parameters_in(text) == {"id", "odd name"}
    assert parameters_of("create_duties") == {"document", "rows"}


# -- the linter catches what it should --------------------------------------------------------

BAD = {
    "syntax": "MATCH (d:Duty\nRETURN d",
    "undefined": "MATCH (d:Duty)\nRETURN duty.text AS text",
    "typo": "MATCH (d:Duty)\nRETURN toStrin(d.ordinal) AS o",
    "plugin": "MATCH (d:Duty)\nRETURN apoc.text.join([d.text], '') AS t",
    "lookup": "MATCH (d:Duty {id: $duty})\nRETURN d.text AS text",
    "two": "MATCH (d:Duty) RETURN d;\nMATCH (u:Unit) RETURN u",
}


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One linter run over a folder of broken statements (node takes seconds to start)."""
    folder = tmp_path_factory.mktemp("bad")
    for name, text in BAD.items():
        write(folder, name, text)
    (folder / "nested").mkdir()
    write(folder / "nested", "fine", "RETURN 1 AS one")
    (folder / "notes.txt").write_text("MATCH (", encoding="utf-8")  # not a .cypher file
    expected = folder / "parameters.json"
    expected.write_text(json.dumps({"lookup": ["id"], "fine": []}), encoding="utf-8")
    return folder, lint("--single", "--parameters", expected, folder)


@needs_linter
def test_broken_statements_fail_the_lint(bad_run):
    folder, done = bad_run
    assert done.returncode == 1
    assert "lint_cypher: 7 files" in done.stdout  # notes.txt is not linted, nested/ is
    assert not [line for line in done.stdout.splitlines() if "fine.cypher" in line]


@needs_linter
def test_a_syntax_error_is_reported_where_it_is(bad_run):
    folder, done = bad_run
    assert f"{folder / 'syntax.cypher'}:2:1: error: Invalid input 'RETURN'" in done.stdout


@needs_linter
def test_an_undefined_variable_is_reported(bad_run):
    folder, done = bad_run
    assert f"{folder / 'undefined.cypher'}:2:8: error: Variable `duty` not defined" in done.stdout


@needs_linter
def test_an_unknown_function_is_reported(bad_run):
    folder, done = bad_run
    assert f"{folder / 'typo.cypher'}:2:8: error: Function toStrin is not present" in done.stdout


@needs_linter
def test_a_plugin_the_server_lacks_is_reported(bad_run):
    folder, done = bad_run
    assert f"{folder / 'plugin.cypher'}:2:8: error: Function apoc.text.join is not present" in done.stdout


@needs_linter
def test_parameters_must_match_what_python_reads(bad_run):
    folder, done = bad_run
    assert (f"{folder / 'lookup.cypher'}:1:1: error: parameters differ from what Python reads:"
            " Cypher has [duty], Python expects [id]") in done.stdout


@needs_linter
def test_single_allows_one_statement_per_file(bad_run):
    folder, done = bad_run
    assert f"{folder / 'two.cypher'}:1:1: error: file holds 2 statements, expected one" in done.stdout


@needs_linter
def test_schema_warnings_are_printed_and_fail_only_when_strict(tmp_path):
    cypher_dump.main([str(tmp_path / "dump")])
    schema = tmp_path / "dump" / cypher_dump.SCHEMA_FILE
    path = write(tmp_path, "backwards", "MATCH (t:Duty)-[:HOLDS]->(d:Department)\nRETURN t.txt AS text")
    lenient = lint("--schema", schema, path)
    assert lenient.returncode == 0
    assert f"{path}:2:10: warning: txt is not present in the database" in lenient.stdout
    assert "warning: [:HOLDS] has no incoming (:Duty)" in lenient.stdout
    assert lint("--strict", "--schema", schema, path).returncode == 1


@needs_linter
def test_a_missing_path_is_a_usage_error(tmp_path):
    assert lint(tmp_path / "absent").returncode == 2


# -- no Cypher outside .cypher files ----------------------------------------------------------

CYPHER = re.compile(
    r"\b(?:MATCH|MERGE|CREATE)\s*\(|\bUNWIND\s+\$|\bDETACH\s+DELETE\b|\bCALL\s+db\.|-\[:\w+"
    r"|\bCREATE\s+(?:CONSTRAINT|(?:FULLTEXT|TEXT|RANGE|POINT|VECTOR|LOOKUP)\s+INDEX|INDEX)\b")
SCANNED = ("graph", "queries", "api", "ingest")
# The one place allowed to build Cypher in Python: DDL needs label names from graph/schema.py.
ALLOWED = {(Path("graph/neo4j/statements.py"), "ddl_statements")}


def docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes: they may describe Cypher, they are never sent."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def allowed_lines(path: Path, tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and (path, node.name) in ALLOWED:
            lines |= set(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


def inline_cypher(root: Path = ROOT) -> list[str]:
    """String literals (docstrings aside) that look like Cypher, as `path:line: text`."""
    found = []
    for package in SCANNED:
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root)
            tree = ast.parse(path.read_text(encoding="utf-8"))
            skip, docs = allowed_lines(relative, tree), docstrings(tree)
            for node in ast.walk(tree):
                if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
                        and node.lineno not in skip and CYPHER.search(node.value)):
                    found.append(f"{relative.as_posix()}:{node.lineno}: {node.value.strip()}")
    return sorted(found)


def test_no_python_file_holds_inline_cypher():
    assert inline_cypher() == []


def test_the_inline_cypher_check_finds_a_query(tmp_path):
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "bad.py").write_text(
        '"""Loads duties with UNWIND $rows AS row MERGE (d:Duty)."""\n'
        'Q = "UNWIND $rows AS row MERGE (d:Duty {id: row.id})"\n'
        '# MATCH (d:Duty) in a comment is never sent\n')
    (tmp_path / "graph" / "neo4j").mkdir(parents=True)
    (tmp_path / "graph" / "neo4j" / "statements.py").write_text(
        "def ddl_statements():\n    return 'CREATE CONSTRAINT c FOR (n:Duty) REQUIRE n.id IS UNIQUE'\n"
        "X = 'CREATE INDEX i FOR (n:Duty) ON (n.text)'\n")
    assert inline_cypher(tmp_path) == [
        "api/bad.py:2: UNWIND $rows AS row MERGE (d:Duty {id: row.id})",
        "graph/neo4j/statements.py:3: CREATE INDEX i FOR (n:Duty) ON (n.text)"]
