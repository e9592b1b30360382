"""Every Cypher statement the Neo4j store sends, by name.

Statements live in `cypher/NAME.cypher`, one per file, so that Neo4j's own linter sees every query
the project sends (`.ci/lint_cypher.sh`). The one exception is the schema DDL, whose label and
property names come from `graph.schema`: `ddl_statements` builds it, and `graph.neo4j.cypher_dump`
writes it out for the linter too.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from zhize.graph.schema import CONSTRAINTS, FULLTEXT

PACKAGE = "zhize.graph.neo4j"
FOLDER = "cypher"

_PARAMETER = re.compile(r"\$(?:`([^`]+)`|([A-Za-z_][A-Za-z0-9_]*))")
# String literals, quoted identifiers and comments: a `$` inside them is not a parameter.
_NOT_CODE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.DOTALL)


@cache
def statement(name: str) -> str:
    """The text of `cypher/<name>.cypher`."""
    path = resources.files(PACKAGE) / FOLDER / f"{name}.cypher"
    if not path.is_file():
        raise KeyError(f"no Cypher statement named {name!r}")
    return path.read_text(encoding="utf-8").strip()


def statement_names() -> list[str]:
    folder = resources.files(PACKAGE) / FOLDER
    return sorted(entry.name.removesuffix(".cypher") for entry in folder.iterdir()
                  if entry.name.endswith(".cypher"))


@cache
def parameters_of(name: str) -> frozenset[str]:
    """The `$parameters` a statement refers to."""
    return parameters_in(statement(name))


def parameters_in(text: str) -> frozenset[str]:
    code = _NOT_CODE.sub(" ", text)
    return frozenset(quoted or plain for quoted, plain in _PARAMETER.findall(code))


def identifier(name: str) -> str:
    """A label, property or index name quoted for Cypher."""
    return "`" + name.replace("`", "``") + "`"


def ddl_statements() -> dict[str, str]:
    """Constraints and the full-text index from `graph.schema`: the only Cypher built in Python."""
    ddl = {}
    for c in CONSTRAINTS:
        ddl[f"constraint_{c.name}"] = (
            f"CREATE CONSTRAINT {identifier(c.name)} IF NOT EXISTS"
            f" FOR (n:{identifier(c.label)}) REQUIRE n.{identifier(c.key)} IS UNIQUE")
    properties = ", ".join(f"n.{identifier(p)}" for p in FULLTEXT.properties)
    analyzer = FULLTEXT.analyzer.replace("\\", "\\\\").replace("'", "\\'")
    ddl[f"fulltext_{FULLTEXT.name}"] = (
        f"CREATE FULLTEXT INDEX {identifier(FULLTEXT.name)} IF NOT EXISTS"
        f" FOR (n:{identifier(FULLTEXT.label)}) ON EACH [{properties}]"
        f" OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{analyzer}'}}}}")
    return ddl
