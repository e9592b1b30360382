"""Reads from the SQLite store: documents, substring search, projection, stats."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import networkx as nx

from zhize.graph.models import DepartmentInfo, DocumentInfo, DutyHit, JurisdictionInfo, Stats
from zhize.graph.projection import Declared, Edge, Node, build_projection, in_force, merge_declarations
from zhize.graph.schema import Label, Rel, jurisdiction_id, record_id
from zhize.graph.sqlite.search_index import PAD, TABLES, VOCABS, top_duty, watermark
from zhize.graph.sqlite.write import MATTER_SEP, unpack_matters

_MAX_CODEPOINT = "\U0010ffff"

_DOC_COLUMNS = "id, kind, title, (SELECT name FROM jurisdiction j WHERE j.id = jurisdiction_id), " \
               "issue_date, (SELECT name FROM department p WHERE p.id = subject_id), source, date_source, " \
               "place_unknown"


def _day(value: str | None) -> date | None:
    """A stored date; None for none, and for an undated document's (stored as '', graph.schema)."""
    return date.fromisoformat(value) if value else None


def _document_info(row: tuple) -> DocumentInfo:
    return DocumentInfo(id=row[0], kind=row[1], title=row[2], jurisdiction=row[3],
                        issue_date=_day(row[4]), subject=row[5], source=row[6], date_source=row[7],
                        place_unknown=bool(row[8]))


def documents(con: sqlite3.Connection, jurisdiction: str | None) -> list[DocumentInfo]:
    sql = f"SELECT {_DOC_COLUMNS} FROM document"
    args: tuple = ()
    if jurisdiction:
        sql, args = sql + " WHERE jurisdiction_id = ?", (jurisdiction_id(jurisdiction),)
    return [_document_info(r) for r in con.execute(sql + " ORDER BY issue_date, title, id", args)]


def document(con: sqlite3.Connection, where: str, value: str) -> DocumentInfo | None:
    row = con.execute(f"SELECT {_DOC_COLUMNS} FROM document WHERE {where} = ?"
                      " ORDER BY loaded_at DESC LIMIT 1", (value,)).fetchone()
    if row is None:
        return None
    counts = {name: con.execute(f"SELECT count(*) FROM {name} WHERE document_id = ?", (row[0],)).fetchone()[0]
              for name in ("unit", "boundary", "staffing", "event")}
    lo, hi = con.execute("SELECT duty_lo, duty_hi FROM document WHERE id = ?", (row[0],)).fetchone()
    counts["duty"] = hi - lo + 1 if lo is not None else 0
    return _document_info(row).model_copy(update={"counts": counts})


def jurisdictions(con: sqlite3.Connection) -> list[JurisdictionInfo]:
    rows = con.execute(
        "SELECT j.id, j.name, j.level,"
        " (SELECT count(*) FROM department p WHERE p.jurisdiction_id = j.id),"
        " (SELECT coalesce(sum(d.duty_hi - d.duty_lo + 1), 0) FROM document d WHERE d.jurisdiction_id = j.id)"
        " FROM jurisdiction j ORDER BY j.name")
    return [JurisdictionInfo(id=r[0], name=r[1], level=r[2], departments=r[3], duties=r[4]) for r in rows]


# -- search ---------------------------------------------------------------------------------
#
# Order of hits: lead duties first; then jurisdiction name, document title, document id, and
# the duty's place in its document. Each role group ("lead", "other") is found in one of two ways:
#  * exact: the trigram index gives the candidate rowids, which are checked and sorted. Cost
#    grows with the number of candidates (~3 us each).
#  * walk: documents are walked in hit order and their duties checked with instr until the page
#    is full. Cost grows with the duties walked, ~ page * store size / candidates.
# The group's candidate count (cheap: the index alone) picks the cheaper one; a walk that
# overruns its work budget (hits bunched at the end of the order) falls back to exact.

_IN_FORCE = "doc.issue_date <= :at AND (doc.valid_to IS NULL OR doc.valid_to > :at)"
_ROLE = {"lead": "+d.role = 'lead'", "other": "+d.role <> 'lead'"}  # '+': never an index
_HIT_COLUMNS = """doc.id, d.rowid - doc.duty_lo, d.body, d.department_id,
       (SELECT name FROM department p WHERE p.id = d.department_id), j.name,
       (SELECT name FROM unit u WHERE u.id = d.unit_id), d.role, d.section, d.clause,
       d.span_start, d.span_end, doc.title, doc.issue_date, doc.valid_to, d.matters"""
_ORDER = "j.name, doc.title, doc.id, d.rowid"
# Within one jurisdiction: its documents' duty ranges (a few thousand duties, ~2 ms).
_SCOPED = f"""
SELECT {_HIT_COLUMNS}
FROM document doc CROSS JOIN duty d ON d.rowid BETWEEN doc.duty_lo AND doc.duty_hi
JOIN jurisdiction j ON j.id = doc.jurisdiction_id
WHERE doc.jurisdiction_id = :j AND {_IN_FORCE} AND instr(d.body, :q) > 0 AND {{role}}
ORDER BY {_ORDER} LIMIT :limit
"""
_WALK = f"""
SELECT {_HIT_COLUMNS}
FROM jurisdiction j CROSS JOIN document doc ON doc.jurisdiction_id = j.id
CROSS JOIN duty d ON d.rowid BETWEEN doc.duty_lo AND doc.duty_hi
WHERE {_IN_FORCE} AND instr(d.body, :q) > 0 AND {{role}}
ORDER BY {_ORDER} LIMIT :limit
"""
_EXACT = f"""
SELECT {_HIT_COLUMNS}
FROM temp.hits h CROSS JOIN duty d ON d.rowid = h.id
JOIN document doc ON doc.seq = d.doc
JOIN jurisdiction j ON j.id = doc.jurisdiction_id
WHERE {_IN_FORCE} AND instr(d.body, :q) > 0 AND {{role}}
ORDER BY {_ORDER} LIMIT :limit
"""
# A walk is chosen when it should read at most this many duties; it is stopped after about
# twice as much work (SQLite VM steps, counted by the progress handler).
WALK_DUTIES = 40_000
_STEPS_PER_DUTY = 40


def search(con: sqlite3.Connection, q: str, jurisdiction: str | None, at: date, limit: int) -> list[DutyHit]:
    args = {"q": q, "at": at.isoformat(), "limit": limit}
    hits: list[DutyHit] = []
    for group in ("lead", "other"):
        args["limit"] = limit - len(hits)
        if args["limit"] <= 0:
            break
        if jurisdiction:
            args["j"] = jurisdiction_id(jurisdiction)
            rows = con.execute(_SCOPED.format(role=_ROLE[group]), args).fetchall()
        else:
            rows = _store_wide(con, q, group, args)
        hits += [_hit(r) for r in rows]
    return hits


def _store_wide(con: sqlite3.Connection, q: str, group: str, args: dict) -> list[tuple]:
    """On a connection with the search index attached (see graph.sqlite.search_index)."""
    expression = _match_expression(con, q, group)
    table = TABLES[group]
    mark = watermark(con)  # one read transaction holds index and store still: see SqliteStore.search_duties
    candidates = con.execute(f"SELECT count(*) FROM search.{table} WHERE {table} MATCH ?",
                             (expression,)).fetchone()[0]
    top = top_duty(con)
    candidates += max(0, top - mark)  # every duty not yet indexed is a candidate
    if candidates == 0:
        return []
    expected_walk = args["limit"] * top / candidates
    if expected_walk <= WALK_DUTIES:
        rows = _walk(con, args, group)
        if rows is not None:
            return rows
    con.execute("CREATE TEMP TABLE IF NOT EXISTS hits(id INTEGER PRIMARY KEY)")
    con.execute("DELETE FROM temp.hits")
    con.execute(f"INSERT OR IGNORE INTO temp.hits SELECT rowid FROM search.{table} WHERE {table} MATCH ?",
                (expression,))
    con.execute("INSERT OR IGNORE INTO temp.hits SELECT rowid FROM duty WHERE rowid > ?", (mark,))
    return con.execute(_EXACT.format(role=_ROLE[group]), args).fetchall()


def _walk(con: sqlite3.Connection, args: dict, group: str) -> list[tuple] | None:
    """The first page in hit order by walking documents; None if it overran its budget."""
    budget = [2 * WALK_DUTIES * _STEPS_PER_DUTY // 1000]

    def spend() -> int:
        budget[0] -= 1
        return budget[0] < 0  # a true value interrupts the statement

    con.set_progress_handler(spend, 1000)
    try:
        return con.execute(_WALK.format(role=_ROLE[group]), args).fetchall()
    except sqlite3.OperationalError:
        if budget[0] >= 0:  # a real failure, not our interruption
            raise
        return None
    finally:
        con.set_progress_handler(None, 0)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _match_expression(con: sqlite3.Connection, q: str, group: str) -> str:
    """FTS5 query for substring q. 3+ characters: all of its trigrams. Shorter: any indexed
    trigram that starts with q (the pad makes every occurrence start one)."""
    if len(q) >= 3:
        return " AND ".join(_quote(q[i:i + 3]) for i in range(len(q) - 2))
    terms = [r[0] for r in con.execute(f"SELECT term FROM search.{VOCABS[group]} WHERE term >= ? AND term < ?",
                                       (q, q + _MAX_CODEPOINT))]
    return " OR ".join(_quote(t) for t in terms) or _quote(PAD + "\x1e")  # matches nothing


def _hit(r: tuple) -> DutyHit:
    return DutyHit(duty=record_id("t", r[0], r[1]), text=r[2], department=r[3], department_name=r[4],
                   jurisdiction=r[5], unit=r[6], role=r[7], section=r[8], clause=r[9], span=(r[10], r[11]),
                   document=r[0], document_title=r[12], valid_from=_day(r[13]), valid_to=_day(r[14]),
                   matters=sorted({k for k, _ in unpack_matters(r[15])}))


# -- projection -------------------------------------------------------------------------------

def project(con: sqlite3.Connection, jurisdiction: str, at: date) -> nx.MultiDiGraph:
    jid = jurisdiction_id(jurisdiction)
    nodes: list[Node] = []
    edges: list[Edge] = []
    row = con.execute("SELECT name, level FROM jurisdiction WHERE id = ?", (jid,)).fetchone()
    if row:
        nodes.append(Node(jid, Label.JURISDICTION, {"name": row[0], "level": row[1]}))
    docs = _project_documents(con, jid, at, nodes, edges)
    _project_departments(con, jid, at, nodes, edges)
    _project_units(con, docs, at, nodes, edges)
    _project_duties(con, jid, docs, at, nodes, edges)
    _project_boundaries(con, docs, at, nodes, edges)
    _project_staffing(con, docs, at, nodes, edges)
    _project_events(con, docs, nodes, edges)
    return build_projection(jurisdiction, at, _with_matters(nodes, edges), edges)


def _with_matters(nodes: list[Node], edges: list[Edge]) -> list[Node]:
    keys = sorted({e.target for e in edges if e.type == Rel.CONCERNS})
    return nodes + [Node(k, Label.MATTER, {"key": k.removeprefix("m:")}) for k in keys]


def _project_documents(con, jid, at, nodes, edges) -> dict[str, tuple[date, date | None]]:
    docs = {}
    for doc, kind, title, issued, subject, valid_to in con.execute(
            "SELECT id, kind, title, issue_date, subject_id, valid_to FROM document"
            " WHERE jurisdiction_id = ? AND issue_date <= ?", (jid, at.isoformat())):
        docs[doc] = (_day(issued), _day(valid_to))
        nodes.append(Node(doc, Label.DOCUMENT, {"kind": kind, "title": title, "issue_date": _day(issued),
                                                "subject": subject, "valid_to": _day(valid_to)}))
        if subject:
            edges.append(Edge(doc, subject, Rel.REGULATES))
    return docs


# Each department of scope that exists by :at, with one row per document issued by :at that
# declares it (departments only declared later have no row, as in the projection).
_DEPARTMENT_FACTS = """
SELECT p.id, p.name, j.name, p.valid_from, p.valid_to, doc.id, doc.issue_date,
       doc.kind = '三定' AND doc.subject_id = p.id, f.aliases, f.plaques, f.rank, f.type
FROM department p JOIN jurisdiction j ON j.id = p.jurisdiction_id
JOIN department_fact f ON f.department_id = p.id JOIN document doc ON doc.id = f.document_id
WHERE {scope} (p.valid_from IS NULL OR p.valid_from <= :at) AND doc.issue_date <= :at
ORDER BY j.name, p.id
"""


def _declared_departments(con, jid: str | None, at: date) -> list[tuple[tuple, Declared]]:
    """((id, name, jurisdiction name, valid_from, valid_to), merged declarations) per department."""
    scope = "p.jurisdiction_id = :j AND" if jid else ""
    out: list[tuple[tuple, Declared]] = []
    head, facts = None, []
    for r in con.execute(_DEPARTMENT_FACTS.format(scope=scope), {"j": jid, "at": at.isoformat()}):
        if head is not None and r[0] != head[0]:
            out.append((head, merge_declarations(facts)))
            facts = []
        head = r[:5]
        facts.append({"document": r[5], "issue_date": r[6], "regulation": bool(r[7]), "aliases": json.loads(r[8]),
                      "plaques": json.loads(r[9]), "rank": r[10], "type": r[11]})
    if head is not None:
        out.append((head, merge_declarations(facts)))
    return out


def _project_departments(con, jid, at, nodes, edges) -> None:
    for (dep, name, _, valid_from, valid_to), declared in _declared_departments(con, jid, at):
        vf, vt = _day(valid_from), _day(valid_to)
        nodes.append(Node(dep, Label.DEPARTMENT, {
            "name": name, "aliases": declared.aliases, "plaques": declared.plaques, "rank": declared.rank,
            "type": declared.type, "valid_from": vf, "valid_to": vt, "active": in_force(vf, vt, at)}))
        edges.append(Edge(dep, jid, Rel.IN))


def departments(con: sqlite3.Connection, jurisdiction: str | None, at: date) -> list[DepartmentInfo]:
    jid = jurisdiction_id(jurisdiction) if jurisdiction else None
    held = dict(con.execute(
        "SELECT d.department_id, count(*) FROM document doc"
        " CROSS JOIN duty d ON d.rowid BETWEEN doc.duty_lo AND doc.duty_hi"
        f" WHERE {'doc.jurisdiction_id = :j AND' if jid else ''} {_IN_FORCE} GROUP BY d.department_id",
        {"j": jid, "at": at.isoformat()}).fetchall())
    found = []
    for (dep, name, place, valid_from, valid_to), declared in _declared_departments(con, jid, at):
        vf, vt = _day(valid_from), _day(valid_to)
        found.append(DepartmentInfo(id=dep, name=name, jurisdiction=place, aliases=declared.aliases,
                                    plaques=declared.plaques, rank=declared.rank, type=declared.type,
                                    active=in_force(vf, vt, at), valid_from=vf, valid_to=vt,
                                    duties=held.get(dep, 0)))
    return sorted(found, key=lambda d: (d.jurisdiction, not d.active, d.name))


def _doc_ids(docs: dict) -> tuple[str, list[str]]:
    ids = sorted(docs)
    return placeholders_for(ids), ids


def placeholders_for(ids: list[str]) -> str:
    return ",".join("?" * len(ids)) or "NULL"


def _current(docs, doc: str, at: date) -> bool:
    issued, valid_to = docs[doc]
    return in_force(issued, valid_to, at)


def _project_units(con, docs, at, nodes, edges) -> None:
    marks, ids = _doc_ids(docs)
    for uid, key, doc, department, name, plaques in con.execute(
            f"SELECT id, key, document_id, department_id, name, plaques FROM unit WHERE document_id IN ({marks})",
            ids):
        nodes.append(Node(uid, Label.UNIT, {"name": name, "key": key, "department": department,
                                            "plaques": json.loads(plaques), "document": doc,
                                            "current": _current(docs, doc, at)}))
        edges.append(Edge(uid, department, Rel.PART_OF))


def _project_duties(con, jid, docs, at, nodes, edges) -> None:
    for (doc, ordinal, department, unit, body, role, section, clause, s0, s1, packed) in con.execute(
            "SELECT doc.id, d.rowid - doc.duty_lo, d.department_id, d.unit_id, d.body, d.role, d.section,"
            " d.clause, d.span_start, d.span_end, d.matters"
            " FROM document doc CROSS JOIN duty d ON d.rowid BETWEEN doc.duty_lo AND doc.duty_hi"
            " WHERE doc.jurisdiction_id = ? AND doc.issue_date <= ?", (jid, at.isoformat())):
        duty = record_id("t", doc, ordinal)
        matters = sorted(dict(unpack_matters(packed)).items())
        nodes.append(Node(duty, Label.DUTY, {
            "text": body, "role": role, "section": section, "clause": clause, "span": (s0, s1),
            "document": doc, "ordinal": ordinal, "department": department, "unit": unit,
            "matters": [k for k, _ in matters]}))
        issued, valid_to = docs[doc]
        edges.append(Edge(department, duty, Rel.HOLDS, {"role": role, "valid_from": issued,
                                                        "valid_to": valid_to,
                                                        "current": in_force(issued, valid_to, at)}))
        if unit:
            edges.append(Edge(unit, duty, Rel.PERFORMS))
        edges.append(Edge(duty, doc, Rel.FROM))
        edges += [Edge(duty, "m:" + k, Rel.CONCERNS, {"text": w}) for k, w in matters]


def _project_boundaries(con, docs, at, nodes, edges) -> None:
    marks, ids = _doc_ids(docs)
    for bid, doc, ordinal, matter, wording, text, clause, s0, s1 in con.execute(
            "SELECT id, document_id, ordinal, matter, wording, text, clause, span_start, span_end"
            f" FROM boundary WHERE document_id IN ({marks})", ids).fetchall():
        nodes.append(Node(bid, Label.BOUNDARY, {
            "text": text, "clause": clause, "span": (s0, s1), "document": doc, "ordinal": ordinal,
            "matter": matter, "current": _current(docs, doc, at)}))
        edges.append(Edge(bid, doc, Rel.FROM))
        if matter:
            edges.append(Edge(bid, "m:" + matter, Rel.CONCERNS, {"text": wording}))
        for department, does, role in con.execute(
                "SELECT department_id, does, role FROM boundary_party WHERE boundary_id = ?", (bid,)):
            edges.append(Edge(bid, department, Rel.BETWEEN, {"does": does, "role": role}))


def _project_staffing(con, docs, at, nodes, edges) -> None:
    marks, ids = _doc_ids(docs)
    for sid, doc, department, administrative, other, leaders, posts, clause in con.execute(
            "SELECT id, document_id, department_id, administrative, other, leaders, posts, clause"
            f" FROM staffing WHERE document_id IN ({marks})", ids):
        nodes.append(Node(sid, Label.STAFFING, {
            "department": department, "administrative": administrative, "other": json.loads(other),
            "leaders": [tuple(p) for p in json.loads(leaders)], "posts": [tuple(p) for p in json.loads(posts)],
            "clause": clause, "document": doc, "current": _current(docs, doc, at)}))
        edges.append(Edge(sid, department, Rel.STAFFS))


def _project_events(con, docs, nodes, edges) -> None:
    marks, ids = _doc_ids(docs)
    for eid, doc, ordinal, kind, day, duty, detail, text, clause, s0, s1 in con.execute(
            "SELECT id, document_id, ordinal, kind, date, duty, detail, text, clause, span_start, span_end"
            f" FROM event WHERE document_id IN ({marks})", ids).fetchall():
        nodes.append(Node(eid, Label.EVENT, {
            "kind": kind, "date": _day(day), "duty": duty, "detail": json.loads(detail), "text": text,
            "clause": clause, "span": (s0, s1), "document": doc, "ordinal": ordinal}))
        edges.append(Edge(eid, doc, Rel.FROM))
        for department, side in con.execute(
                "SELECT department_id, side FROM event_department WHERE event_id = ?", (eid,)):
            edges.append(Edge(eid, department, Rel.SOURCE if side == "source" else Rel.TARGET))
        for key, wording in con.execute("SELECT matter, wording FROM event_matter WHERE event_id = ?", (eid,)):
            edges.append(Edge(eid, "m:" + key, Rel.CONCERNS, {"text": wording}))


# -- stats ------------------------------------------------------------------------------------

def stats(con: sqlite3.Connection) -> Stats:
    def count(sql: str) -> int:
        return con.execute(sql).fetchone()[0]

    matters = {k for (packed,) in con.execute("SELECT matters FROM document WHERE matters IS NOT NULL")
               for k in packed.split(MATTER_SEP)}
    matters.update(r[0] for r in con.execute("SELECT matter FROM event_matter UNION"
                                             " SELECT matter FROM boundary WHERE matter IS NOT NULL"))
    findings = dict(con.execute("SELECT status, count(*) FROM finding GROUP BY status").fetchall())
    return Stats(documents=count("SELECT count(*) FROM document"),
                 jurisdictions=count("SELECT count(*) FROM jurisdiction"),
                 departments=count("SELECT count(*) FROM department"), units=count("SELECT count(*) FROM unit"),
                 duties=count("SELECT count(*) FROM duty"), matters=len(matters),
                 events=count("SELECT count(*) FROM event"), boundaries=count("SELECT count(*) FROM boundary"),
                 findings=findings)
