"""Writing one document's records into SQLite, and deriving validity (time) from them.

Callers wrap these in one transaction and hand out its `Numbers`; nothing here commits.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timezone
from enum import StrEnum

from zhize.graph.records import DocumentKind, EventKind, Extract, Role, Section
from zhize.graph.schema import (
    UNDATED_TEXT,
    department_id,
    jurisdiction_id,
    jurisdiction_level,
    record_id,
    unit_key,
)
from zhize.graph.sqlite.db import chunks, dumps, placeholders

# Tables holding rows that belong to one document (deleted with it), children first.
_CHILD_TABLES = {
    "boundary_party": "boundary_id IN (SELECT id FROM boundary WHERE document_id = ?)",
    "event_department": "event_id IN (SELECT id FROM event WHERE document_id = ?)",
    "event_matter": "event_id IN (SELECT id FROM event WHERE document_id = ?)",
}
_OWN_TABLES = ("unit", "boundary", "staffing", "event", "department_fact")


def write_document(con: sqlite3.Connection, ex: Extract, numbers: Numbers) -> set[str]:
    """Write every row of one document; returns the departments it declares."""
    doc = ex.document
    jid = jurisdiction_id(doc.jurisdiction)
    con.execute("INSERT OR IGNORE INTO jurisdiction(id, name, level) VALUES (?,?,?)",
                (jid, doc.jurisdiction, jurisdiction_level(doc.jurisdiction)))
    dep = {d.name: department_id(doc.jurisdiction, d.name) for d in ex.departments}
    first, seq = numbers.claim(len(ex.duties))
    units = unit_ids(ex)
    rows, keys = duty_rows(ex, seq, first, dep, units)
    con.execute(
        "INSERT INTO document(seq, id, kind, title, jurisdiction_id, issue_date, subject_id, source, chars,"
        " duty_lo, duty_hi, loaded_at, matters, date_source, place_unknown) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (seq, doc.sha256, doc.kind.value, doc.title, jid, day_text(doc.issue_date),
         dep[doc.subject] if doc.subject else None, doc.source, doc.chars, first, first + len(ex.duties) - 1,
         datetime.now(timezone.utc).isoformat(timespec="seconds"), keys or None, doc.date_source,
         int(doc.place_unknown)))
    _write_departments(con, ex, jid, dep)
    _write_units(con, ex, dep, units)
    _many(con, DUTY_INSERT, rows)
    _write_boundaries(con, ex, dep)
    _write_staffing(con, ex, dep)
    _write_events(con, ex, dep)
    return set(dep.values())


def _many(con: sqlite3.Connection, sql: str, rows: list) -> None:
    if rows:
        con.executemany(sql, rows)


def counts_of(ex: Extract) -> dict[str, int]:
    return {name: len(getattr(ex, name)) for name in
            ("departments", "units", "duties", "boundaries", "staffing", "events")}


def _write_departments(con: sqlite3.Connection, ex: Extract, jid: str, dep: dict[str, str]) -> None:
    _many(con, "INSERT OR IGNORE INTO department(id, jurisdiction_id, name) VALUES (?,?,?)",
                    [(dep[d.name], jid, d.name) for d in ex.departments])
    _many(con,
          "INSERT INTO department_fact(document_id, department_id, aliases, plaques, rank, type)"
        " VALUES (?,?,?,?,?,?)",
        [(ex.document.sha256, dep[d.name], dumps(sorted(set(d.aliases))), dumps(sorted(set(d.plaques))),
          d.rank, d.type) for d in ex.departments])


def unit_ids(ex: Extract) -> dict[tuple[str, str], str]:
    doc = ex.document.sha256
    return {(u.department, u.name): record_id("u", doc, i) for i, u in enumerate(ex.units)}


def _write_units(con: sqlite3.Connection, ex: Extract, dep: dict[str, str], ids: dict[tuple[str, str], str]) -> None:
    doc = ex.document.sha256
    _many(con,
          "INSERT INTO unit(id, key, document_id, ordinal, department_id, name, plaques, clause,"
        " span_start, span_end) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(ids[(u.department, u.name)], unit_key(dep[u.department], u.name), doc, i, dep[u.department],
          u.name, dumps(sorted(set(u.plaques))), u.clause, u.span[0], u.span[1])
         for i, u in enumerate(ex.units)])


@dataclass
class Numbers:
    """Fresh duty rowids and document seqs for one write transaction, handed out in memory and
    saved once before it commits: two statements fewer per document (~0.9 us per duty at 50
    duties a document). A document rolled back to its savepoint leaves a gap: rowids are never
    reused, so the search index's watermark stays truthful."""

    next_duty: int
    next_seq: int

    @classmethod
    def read(cls, con: sqlite3.Connection) -> Numbers:
        duty, seq = con.execute("SELECT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'next_duty'),"
                                " (SELECT coalesce(max(seq), 0) + 1 FROM document)").fetchone()
        return cls(duty, seq)

    def claim(self, duties: int) -> tuple[int, int]:
        """(first duty rowid, document seq) for a document of `duties` duties."""
        first, seq = self.next_duty, self.next_seq
        self.next_duty += duties
        self.next_seq += 1
        return first, seq

    def save(self, con: sqlite3.Connection) -> None:
        con.execute("UPDATE meta SET value = ? WHERE key = 'next_duty'", (str(self.next_duty),))


def _decoded(members: type[StrEnum]) -> str:
    """SQL turning a member's ordinal, bound as a parameter, back into its text."""
    assert all(m.value.isidentifier() for m in members)  # safe to write as literals
    return "CASE ? " + " ".join(f"WHEN {i} THEN '{m.value}'" for i, m in enumerate(members)) + " END"


# What a bound value costs in Python's sqlite3 (instructions, callgrind): None ~2,400 (it goes
# through the adapter registry), a str ~800 (a malloc and a copy in SQLite), an int ~250. So a duty
# binds 0 for no unit or no matters, and the ordinals of its role and section; the statement stores
# NULL and the texts. The table holds exactly what it held before.
DUTY_INSERT = ("INSERT INTO duty(rowid, doc, department_id, unit_id, body, role, section, clause, span_start,"
               f" span_end, matters) VALUES (?,?,?,nullif(?,0),?,{_decoded(Role)},{_decoded(Section)},?,?,?,"
               "nullif(?,0))")
_ROLES = {r: i for i, r in enumerate(Role)}
_SECTIONS = {s: i for i, s in enumerate(Section)}

# Inline matters (see migration 0003): key US wording, several joined by RS.
KEY_SEP, MATTER_SEP = "\x1f", "\x1e"


def duty_rows(ex: Extract, seq: int, first: int, dep: dict[str, str],
              units: dict[tuple[str, str], str]) -> tuple[list[tuple], str]:
    """The duty table's rows of one document and its matter keys (RS-joined). The hot loop of
    bulk loading: plain values only, and a separator inside a matter is looked for once per
    document (`_packed_soundly`)."""
    rows: list[tuple] = []
    append = rows.append
    keys: dict[str, None] = {}
    roles, sections = _ROLES, _SECTIONS
    packs = pairs = 0
    for rowid, d in enumerate(ex.duties, first):
        # A pydantic model's fields live in its __dict__. Its attributes go through __getattr__,
        # which Python cannot specialise: ~250 instructions each, ten a duty.
        f = d.__dict__
        matters = f["matters"]
        if not matters:
            packed = 0
        elif len(matters) == 1:
            m = matters[0].__dict__
            key = m["key"]
            packed = f"{key}\x1f{m['text']}"
            keys[key] = None
            packs += 1
            pairs += 1
        else:
            ms = _first_per_key(matters)
            packed = MATTER_SEP.join([f"{m.key}\x1f{m.text}" for m in ms])
            keys.update(dict.fromkeys([m.key for m in ms]))
            packs += 1
            pairs += len(ms)
        unit, span = f["unit"], f["span"]
        append((rowid, seq, dep[f["department"]], units[(f["department"], unit)] if unit else 0, f["text"],
                roles[f["role"]], sections[f["section"]], f["clause"], span[0], span[1], packed))
    if pairs and not _packed_soundly(rows, packs, pairs):
        rows = [row[:10] + (_pack_blanking(d.matters) or 0,) for row, d in zip(rows, ex.duties, strict=True)]
    return rows, MATTER_SEP.join(keys)


def _packed_soundly(rows: list[tuple], packs: int, pairs: int) -> bool:
    """No key or wording holds a separator: the separators counted are the ones packing put in."""
    blob = "".join([row[10] for row in rows if row[10]])
    return blob.count(KEY_SEP) == pairs and blob.count(MATTER_SEP) == pairs - packs


def _pack_blanking(matters: list) -> str:
    """Pack with separators inside a key or wording blanked out."""
    return MATTER_SEP.join(m.key.translate(_BLANK_SEPARATORS) + KEY_SEP + m.text.translate(_BLANK_SEPARATORS)
                           for m in _first_per_key(matters))


_BLANK_SEPARATORS = str.maketrans({KEY_SEP: " ", MATTER_SEP: " "})


def unpack_matters(packed: str | None) -> list[tuple[str, str]]:
    """(key, wording) pairs of a duty's inline matters, in record order."""
    if not packed:
        return []
    return [tuple(part.split(KEY_SEP, 1)) for part in packed.split(MATTER_SEP)]  # type: ignore[misc]


def _first_per_key(matters: list) -> list:
    seen: dict[str, object] = {}
    for m in matters:
        seen.setdefault(m.key, m)
    return list(seen.values())


def _write_boundaries(con: sqlite3.Connection, ex: Extract, dep: dict[str, str]) -> None:
    doc = ex.document.sha256
    rows, parties = [], []
    for i, b in enumerate(ex.boundaries):
        bid = record_id("b", doc, i)
        rows.append((bid, doc, i, b.matter.key if b.matter else None, b.matter.text if b.matter else None,
                     b.text, b.clause, b.span[0], b.span[1]))
        parties += boundary_parties(bid, b, dep)
    _many(con,
          "INSERT INTO boundary(id, document_id, ordinal, matter, wording, text, clause, span_start,"
        " span_end) VALUES (?,?,?,?,?,?,?,?,?)", rows)
    _many(con, "INSERT INTO boundary_party(boundary_id, department_id, does, role) VALUES (?,?,?,?)",
                    parties)


def boundary_parties(bid: str, b, dep: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """One row per department: its shares' texts joined, the role of its first share."""
    out = []
    for name in dict.fromkeys(b.departments + [s.department for s in b.shares]):
        shares = [s for s in b.shares if s.department == name]
        does = "；".join(s.does for s in shares if s.does)
        out.append((bid, dep[name], does, shares[0].role if shares else "unspecified"))
    return out


def _write_staffing(con: sqlite3.Connection, ex: Extract, dep: dict[str, str]) -> None:
    doc = ex.document.sha256
    _many(con,
          "INSERT INTO staffing(id, document_id, ordinal, department_id, administrative, other, leaders,"
        " posts, clause, span_start, span_end) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [(record_id("s", doc, i), doc, i, dep[s.department], s.administrative, dumps(s.other),
          dumps([[p.title, p.count] for p in s.leaders]), dumps([[p.title, p.count] for p in s.posts]),
          s.clause, s.span[0], s.span[1]) for i, s in enumerate(ex.staffing)])


def _write_events(con: sqlite3.Connection, ex: Extract, dep: dict[str, str]) -> None:
    doc = ex.document.sha256
    day = day_text(ex.document.issue_date)
    rows, sides, matters = [], [], []
    for i, e in enumerate(ex.events):
        eid = record_id("e", doc, i)
        rows.append((eid, doc, i, e.kind, day, e.duty, dumps(e.detail), e.text, e.clause, e.span[0],
                     e.span[1]))
        sides += [(eid, dep[s], "source") for s in dict.fromkeys(e.sources)]
        if e.target:
            sides.append((eid, dep[e.target], "target"))
        matters += [(eid, m.key, m.text) for m in _first_per_key(e.matters)]
    _many(con,
          "INSERT INTO event(id, document_id, ordinal, kind, date, duty, detail, text, clause, span_start,"
        " span_end) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    _many(con, "INSERT OR IGNORE INTO event_department(event_id, department_id, side) VALUES (?,?,?)",
                    sides)
    _many(con, "INSERT INTO event_matter(event_id, matter, wording) VALUES (?,?,?)", matters)


def day_text(day: date | None) -> str:
    """A stored date: ISO text, or UNDATED_TEXT for an undated document (sorts before every date)."""
    return day.isoformat() if day else UNDATED_TEXT


def set_issue_date(con: sqlite3.Connection, document: str, day: date | None, source: str | None) -> set[str]:
    """Date (or undate) a document and its events; returns the departments whose derived values
    may change (those it declares)."""
    text = day_text(day)
    con.execute("UPDATE document SET issue_date = ?, date_source = ? WHERE id = ?", (text, source, document))
    con.execute("UPDATE event SET date = ? WHERE document_id = ?", (text, document))
    return departments_of(con, document)


def departments_of(con: sqlite3.Connection, document: str) -> set[str]:
    rows = con.execute("SELECT department_id FROM department_fact WHERE document_id = ?", (document,))
    return {r[0] for r in rows}


def delete_document(con: sqlite3.Connection, document: str, garbage_done: int = 0) -> set[str]:
    """Delete every row the document contributed; returns the departments it touched. The bodies
    of its duties go to fts_garbage for the search index (see graph.sqlite.search_index); rows
    up to `garbage_done` have been applied there and are dropped."""
    touched = departments_of(con, document)
    lo, hi = con.execute("SELECT duty_lo, duty_hi FROM document WHERE id = ?", (document,)).fetchone()
    con.execute("DELETE FROM fts_garbage WHERE id <= ?", (garbage_done,))
    if lo is not None:
        con.execute("INSERT INTO fts_garbage(duty, role, body) SELECT rowid, role, body FROM duty"
                    " WHERE rowid BETWEEN ? AND ?", (lo, hi))
        con.execute("DELETE FROM duty WHERE rowid BETWEEN ? AND ?", (lo, hi))
    for table, where in _CHILD_TABLES.items():
        con.execute(f"DELETE FROM {table} WHERE {where}", (document,))
    for table in _OWN_TABLES:
        con.execute(f"DELETE FROM {table} WHERE document_id = ?", (document,))
    con.execute("DELETE FROM document WHERE id = ?", (document,))
    _delete_orphans(con, touched)
    return touched


def _delete_orphans(con: sqlite3.Connection, departments: set[str]) -> None:
    for part in chunks(sorted(departments)):
        con.execute(
            f"DELETE FROM department WHERE id IN ({placeholders(len(part))})"
            " AND NOT EXISTS (SELECT 1 FROM department_fact f WHERE f.department_id = department.id)",
            part)
    con.execute("DELETE FROM jurisdiction WHERE NOT EXISTS"
                " (SELECT 1 FROM document d WHERE d.jurisdiction_id = jurisdiction.id)")


_STARTS = (f"(e.kind IN ('{EventKind.CREATE}', '{EventKind.RENAME}') AND ed.side = 'target')")
_ENDS = (f"(e.kind IN ('{EventKind.ABOLISH}', '{EventKind.RENAME}') AND ed.side = 'source')")
# An undated event neither starts nor ends a department: when it happened is not known.
_DATED = f"e.date <> '{UNDATED_TEXT}'"


def refresh_validity(con: sqlite3.Connection, departments: set[str], lifetimes: bool = True) -> None:
    """Re-derive department lifetimes from events and 三定 validity from supersession.
    Lifetimes come from events only: a write that adds and removes no event leaves them as they
    are (`lifetimes=False`)."""
    for part in chunks(sorted(departments)):
        marks = placeholders(len(part))
        if lifetimes:
            con.execute(
                "UPDATE department SET"
                " valid_from = (SELECT min(e.date) FROM event e JOIN event_department ed ON ed.event_id = e.id"
                f"  WHERE ed.department_id = department.id AND {_STARTS} AND {_DATED}),"
                " valid_to = (SELECT max(e.date) FROM event e JOIN event_department ed ON ed.event_id = e.id"
                f"  WHERE ed.department_id = department.id AND {_ENDS} AND {_DATED})"
                f" WHERE id IN ({marks})", part)
        # A 三定 is in force until the next one for its subject (in (issue_date, id) order) or
        # until the subject ends, whichever is first.
        con.execute(
            "UPDATE document SET valid_to = (SELECT min(end_date) FROM ("
            "  SELECT min(n.issue_date) AS end_date FROM document n"
            "   WHERE n.subject_id = document.subject_id AND n.kind = document.kind"
            "   AND (n.issue_date, n.id) > (document.issue_date, document.id)"
            f"   AND n.issue_date <> '{UNDATED_TEXT}'"
            "  UNION ALL SELECT p.valid_to FROM department p WHERE p.id = document.subject_id))"
            f" WHERE kind = ? AND subject_id IN ({marks})", [DocumentKind.SANDING.value, *part])
