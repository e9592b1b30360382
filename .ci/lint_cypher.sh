#!/usr/bin/env bash
# Lint every Cypher statement the project sends, with Neo4j's own linter:
# the store's statement files, the DDL built from graph/schema.py, and analyst queries.
#
#   bash .ci/lint_cypher.sh            (from anywhere; uses the repository this file is in)
set -euo pipefail

ci="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$ci")"
python="${PYTHON:-python3}"

if [ ! -d "$ci/node_modules/@neo4j-cypher/language-support" ]; then
    npm ci --prefix "$ci" --no-audit --no-fund --loglevel=error
fi

dump="$(mktemp -d)"
trap 'rm -rf "$dump"' EXIT
(cd "$root" && "$python" -m zhize.graph.neo4j.cypher_dump "$dump/statements")

# The dump holds copies of graph/neo4j/cypher (linted once, under their own path) and the DDL
# generated from graph/schema.py. One statement per file.
node "$ci/lint_cypher.mjs" --strict --single \
    --schema "$dump/statements/dbschema.json" --parameters "$dump/statements/parameters.json" \
    "$root/graph/neo4j/cypher" "$dump/statements"

if [ -d "$root/queries/cypher" ]; then
    node "$ci/lint_cypher.mjs" --strict --schema "$dump/statements/dbschema.json" "$root/queries/cypher"
fi
