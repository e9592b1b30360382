"""Tables of transfers: 序号｜职责事项｜划出部门｜划入部门, one transfer per row.

A plan may list its transfers in a table, in text (cells separated by ｜, | or tabs) or in a
.docx/.html file, whose readers put every cell on a line of its own. `join_cells` turns such a
table back into one line per row before lines are reflowed (a long duty cell would otherwise be
joined with the department under it); `read_tables` reads the rows. A row's event cites
``<section>表第N行``; where the prose says the same, the prose's event is kept (assemble.py).
"""

from __future__ import annotations

import re

from zhize.graph.records import EventKind
from zhize.ingest.reform.phrasings import TABLE_COLUMNS, TABLE_SEPARATORS
from zhize.ingest.reform.sources import duty_shaped, emit_groups, parse_sources
from zhize.ingest.reform.state import Plan

_SEPARATOR = re.compile("[" + re.escape(TABLE_SEPARATORS) + "]")
_NUMBER = re.compile(r"^\d{1,3}[.．、]?$")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")
_OTHER_BODIES = re.compile(r"等(?:部门|单位|机构)$")


def column_roles(cells: list[str]) -> list[str] | None:
    """The role of every header cell (number, duty, source, target), or None: not a transfer table."""
    roles = []
    for cell in cells:
        cell = cell.strip()
        role = next((r for r, words in TABLE_COLUMNS.items() if cell in words), None)
        if role is None or (role in roles and role != "note"):  # notes may be several (主管部门｜类别)
            return None
        roles.append(role)
    kinds = ({"duty", "source", "target"}, {"created", "merged"})
    return roles if any(kind <= set(roles) for kind in kinds) else None


# Words of the source and target column headings: a text holding none has no table of transfers.
_COLUMN_WORDS = re.compile("|".join(sorted(map(re.escape, TABLE_COLUMNS["source"] + TABLE_COLUMNS["target"]
                                               + TABLE_COLUMNS["created"]), key=len, reverse=True)))


def may_hold_table(text: str) -> bool:
    return _COLUMN_WORDS.search(text) is not None


def holds_table(text: str) -> bool:
    """Whether a line of `text` is the header row of a table of transfers (序号｜职责事项｜划出部门｜…)."""
    if not may_hold_table(text):
        return False
    return any(column_roles(_SEPARATOR.split(line)) for line in text.split("\n") if _has_separator(line))


def join_cells(text: str) -> str:
    """A table written one cell per line → one row per line, cells joined by ｜."""
    if not may_hold_table(text):
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        width = _header_width(lines, i)
        if not width:
            out.append(lines[i])
            i += 1
            continue
        roles = column_roles(lines[i:i + width]) or []
        out.append("｜".join(c.strip() for c in lines[i:i + width]))
        i += width
        while i + width <= len(lines) and _is_row(lines[i:i + width], roles):
            out.append("｜".join(c.strip() for c in lines[i:i + width]))
            i += width
    return "\n".join(out)


_HEADER_WORDS = frozenset(w for words in TABLE_COLUMNS.values() for w in words)


def _header_width(lines: list[str], i: int) -> int:
    if lines[i].strip() not in _HEADER_WORDS:  # most lines: no table starts here
        return 0
    for width in (5, 4, 3):  # widest first: a fifth heading (类别) would otherwise be read as a cell
        if i + width <= len(lines) and column_roles(lines[i:i + width]):
            return width
    return 0


def _filled(cells: list[str], roles: list[str]) -> bool:
    """Every cell a row is read from holds something (a note may be empty)."""
    return all(c.strip() for c, role in zip(cells, roles, strict=True) if role != "note")


def _is_row(cells: list[str], roles: list[str]) -> bool:
    if any(_SEPARATOR.search(c) for c in cells) or not _filled(cells, roles):
        return False
    return "number" not in roles or bool(_NUMBER.match(cells[roles.index("number")].strip()))


def _has_separator(line: str) -> bool:
    return any(mark in line for mark in TABLE_SEPARATORS)


def read_tables(plan: Plan, section_of) -> None:
    """Every transfer table in the plan's view: one event per row; the rows are not read again."""
    s = plan.view.s
    if not may_hold_table(s):
        return
    offset = 0
    lines = s.split("\n")
    i = 0
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    while i < len(lines):
        roles = column_roles(_SEPARATOR.split(lines[i])) if _has_separator(lines[i]) else None
        if roles is None:
            i += 1
            continue
        section = section_of(starts[i])
        first = i
        i += 1
        row = 0
        above: list[str] = []
        while i < len(lines):
            cells = _SEPARATOR.split(lines[i])
            if len(cells) != len(roles):
                break
            cells = above = _merged_down(cells, above, roles)
            if not _filled(cells, roles):
                break
            row += 1
            if "created" in roles:
                _created_row(plan, roles, cells, starts[i], section, row)
            else:
                _row(plan, dict(zip(roles, cells, strict=True)), starts[i], starts[i] + len(lines[i]), section, row)
            i += 1
        plan.skipped.append((starts[first], starts[i - 1] + len(lines[i - 1])))


# Columns whose cell may span several rows (an html rowspan, a docx vertical merge), read as an
# empty cell under the one that spans: 1｜区甲局｜X职责｜区乙局 / 2｜｜Y职责｜ → row 2 is 区甲局 → 区乙局.
_SPANNING = frozenset({"source", "target"})


def _merged_down(cells: list[str], above: list[str], roles: list[str]) -> list[str]:
    """A row with its empty source and target cells taken from the row above (a merged cell)."""
    if not above:
        return cells
    return [a if role in _SPANNING and not c.strip() else c for c, a, role in zip(cells, above, roles, strict=True)]


def _label(number: str, section: str, row: int) -> str:
    number = number.strip().rstrip(".．、")
    return f"{section}表第{number if number.isdigit() else row}行"


def _created_row(plan: Plan, roles: list[str], cells: list[str], at: int, section: str, row: int) -> None:
    """序号｜新组建机构｜整合的机构和职责: the body is created from the sources its cell lists
    (市甲局的X职责，市乙局的Y职责), as a 整合…组建 sentence would say it."""
    starts = [at]
    for cell in cells[:-1]:
        starts.append(starts[-1] + len(cell) + 1)
    by_role = {role: (cell, start) for role, cell, start in zip(roles, cells, starts, strict=True)}
    line_end = starts[-1] + len(cells[-1])
    name = _BRACKETED.sub("", by_role["created"][0]).strip()
    merged, merged_at = by_role["merged"]
    if not plan.names.valid(name):
        plan.warn(at, line_end, f"无法解析的新组建机构表第{row}行", code="reform.unparsed")
        return
    clause = plan.focus.clause
    plan.focus.clause = _label(by_role.get("number", ("", 0))[0], section, row)
    target = plan.names.ref(name)
    plan.create(target, at, line_end, from_merge=True)
    end = merged_at + len(merged.rstrip("。；; "))
    groups = parse_sources(plan, merged_at, end)
    if groups and all(duty_shaped(g.duty) for g in groups):
        before = len(plan.events)
        emit_groups(plan, groups, target, at, line_end, merged=True)
        for event in plan.events[before:]:
            event.origin = "table"
    plan.focus.clause = clause


def _row(plan: Plan, cells: dict[str, str], at: int, line_end: int, section: str, row: int) -> None:
    label = _label(cells.get("number", ""), section, row)
    duty = cells["duty"].strip()
    sources = plan.names.names(_OTHER_BODIES.sub("", _BRACKETED.sub("", cells["source"]).strip()))
    targets = plan.names.names(_OTHER_BODIES.sub("", _BRACKETED.sub("", cells["target"]).strip()))
    if not sources or not targets or not duty:
        plan.warn(at, line_end, f"无法解析的职责划转表第{row}行", code="reform.unparsed")
        return
    clause = plan.focus.clause
    plan.focus.clause = label
    for source in sources:
        for target in targets:
            event = plan.emit(EventKind.TRANSFER, [plan.names.ref(source)], plan.names.ref(target), at, line_end,
                              duty=duty, matter_text=duty)
            if event is not None:
                event.origin = "table"
    plan.focus.clause = clause
