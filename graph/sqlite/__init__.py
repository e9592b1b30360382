"""The embedded store (`SqliteStore`): one SQLite file, no server; the default.

`store` is the `GraphStore` port on SQLite; `db` opens connections and runs the migrations;
`write` turns extracts into rows; `read` answers reads and builds projections; `ledger` and `tasks`
keep the problem ledger and user tasks; `search_index` keeps the trigram index next to the file.
"""

from zhize.graph.sqlite.store import SqliteStore

__all__ = ["SqliteStore"]
