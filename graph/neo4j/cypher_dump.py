"""Write every Cypher statement the Neo4j store sends into a folder, for the linter.

    python -m zhize.graph.neo4j.cypher_dump OUT_DIR

writes one `NAME.cypher` per statement (the files of `graph/neo4j/cypher/` and the DDL built from
`graph.schema`); `dbschema.json`, the labels, relationship types, properties and patterns that
`.ci/lint_cypher.mjs --schema` checks the statements against; and `parameters.json`, the
parameters Python finds in each statement (`--parameters` compares them with the linter's parse,
so the store's own check of the parameters it sends is itself checked).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from zhize.graph.neo4j.model import lint_schema
from zhize.graph.neo4j.statements import ddl_statements, parameters_of, statement, statement_names

SCHEMA_FILE = "dbschema.json"
PARAMETERS_FILE = "parameters.json"


def all_statements() -> dict[str, str]:
    found = {name: statement(name) for name in statement_names()}
    for name, text in ddl_statements().items():
        if name in found:
            raise ValueError(f"DDL statement {name!r} has the name of a file in cypher/")
        found[name] = text
    return found


def dump(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in all_statements().items():
        path = folder / f"{name}.cypher"
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    schema = folder / SCHEMA_FILE
    schema.write_text(json.dumps(lint_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    parameters = folder / PARAMETERS_FILE
    expected = {name: sorted(parameters_of(name)) for name in statement_names()}
    parameters.write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")
    return written + [schema, parameters]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("用法：python -m zhize.graph.neo4j.cypher_dump 输出目录", file=sys.stderr)
        return 2
    written = dump(Path(args[0]))
    print(f"已写出 {len(written) - 2} 条 Cypher 语句及 {SCHEMA_FILE}、{PARAMETERS_FILE} 到 {args[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
