"""The Neo4j store (`Neo4jStore`): the graph on a Neo4j 5 server, for production.

Importing this package connects to nothing and reads no settings; constructing the store does.
Every Cypher statement it sends is a file in `cypher/`, linted in CI by `.ci/lint_cypher.sh`.
"""

from zhize.graph.neo4j.store import Neo4jStore

__all__ = ["Neo4jStore"]
