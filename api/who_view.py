"""谁负责 as the page shows it: the ownership answer with what the ledger knows about it (open
findings on the matter and its holders, as badges linked to the ledger), how each clause was
matched, a department filter, and the answer as a spreadsheet.

The ledger is read, never second-guessed: a badge is an open finding a detector reported, not a
rule of this module.
"""

from __future__ import annotations

import io
from datetime import date

from pydantic import Field

from zhize.graph.ledger import PENDING
from zhize.graph.models import LedgerEntry
from zhize.queries.models import HeldDuty, Holder, Model, Ownership
from zhize.queries.view import View

# Detector kinds → the class of their badge (colours in app.css).
BADGE_CLASSES = {"职责交叉": "overlap", "无牵头": "nolead", "相互推诿": "nolead"}


class WhoWarning(Model):
    """An open finding on the matter: “职责交叉·待核实”, linked to its ledger entry."""

    finding: str
    number: str | None = None
    kind: str
    status: str
    label: str
    css: str = "other"
    matter: str | None = None
    departments: list[str] = []
    message: str = ""


class WhoPage(Ownership):
    """The ownership answer, plus what the page adds to it."""

    warnings: list[WhoWarning] = []
    match_notes: dict[str, str] = Field({}, description="duty id → how the clause matched the question")
    department: str | None = Field(None, description="only this department (full name), when filtered")
    has_lead: bool = True


def related(entry: LedgerEntry, answer: Ownership, forms: set[str]) -> bool:
    """An open finding about the question's matter: same matter (or one containing the other), in
    a jurisdiction of the answer."""
    f = entry.finding
    if entry.status not in PENDING or not f.matter or f.jurisdiction not in answer.jurisdictions:
        return False
    return any(f.matter == x or (len(x) >= 2 and (x in f.matter or f.matter in x)) for x in forms)


def warnings(answer: Ownership, entries: list[LedgerEntry]) -> list[WhoWarning]:
    from zhize.queries.matching import synonyms

    forms = {answer.query} | ({answer.matter} if answer.matter else set()) | set(synonyms(answer.query))
    found = [e for e in entries if related(e, answer, {x for x in forms if x})]
    return [WhoWarning(finding=e.finding.id, number=e.number, kind=e.finding.kind, status=str(e.status),
                       label=f"{e.finding.kind}·{e.status}", css=BADGE_CLASSES.get(e.finding.kind, "other"),
                       matter=e.finding.matter, departments=list(e.finding.departments), message=e.finding.message)
            for e in found]


def match_note(duty: HeldDuty, query: str, keys: list[str]) -> str:
    """How a clause answered the question, in words: 事项“消防”, 同义说法“火灾”, or 原文含“消防”."""
    from zhize.queries.matching import normalise, synonyms

    if duty.match == "key":
        key = next((k for k in keys if normalise(k) == normalise(query)), keys[0] if keys else query)
        return f"按事项“{key}”"
    if duty.match == "synonym":
        wanted = set(synonyms(query))
        key = next((k for k in keys if set(synonyms(k)) & wanted), keys[0] if keys else "")
        return f"按同义说法“{key}”" if key else "按同义说法"
    return f"原文含“{query}”"


def match_notes(answer: Ownership, views: dict[str, View]) -> dict[str, str]:
    out = {}
    for holder in [*answer.holders, *answer.past]:
        view = views.get(holder.jurisdiction)
        for d in holder.duties:
            duty = view.duties.get(d.duty) if view is not None else None
            out[d.duty] = match_note(d, answer.query, list(duty.keys) if duty else [])
    return out


def only(holders: list[Holder], department: str | None) -> list[Holder]:
    return [h for h in holders if department is None or h.name == department]


def page(answer: Ownership, entries: list[LedgerEntry], views: dict[str, View],
         department: str | None) -> WhoPage:
    holders, past = only(answer.holders, department), only(answer.past, department)
    narrowed = answer.model_copy(update={"holders": holders, "past": past})
    return WhoPage(**narrowed.model_dump(), warnings=warnings(answer, entries),
                   match_notes=match_notes(narrowed, views), department=department,
                   has_lead=any(h.role == "lead" for h in holders))


# -- the answer as a spreadsheet -----------------------------------------------------------------

WHO_COLUMNS = ("序号", "部门", "角色", "条款", "原文", "出处", "有效期", "匹配方式", "状态")


def to_xlsx(answer: WhoPage) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    from zhize.api.export import printable

    book = Workbook()
    sheet = book.active
    sheet.title = "谁负责"
    sheet.append([printable(f"谁负责“{answer.query}”（{'、'.join(answer.jurisdictions)}，{_day(answer.at)}）")])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(WHO_COLUMNS))
    sheet["A1"].font = Font(name="黑体", size=14, bold=True)
    notes = "；".join(f"{w.label}：{w.matter or ''}（{'、'.join(w.departments)}）" for w in answer.warnings)
    sheet.append([printable(f"问题台账提示：{notes}" if notes else "问题台账中没有与此有关的待处理问题")])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(WHO_COLUMNS))
    sheet.append(list(WHO_COLUMNS))
    n = 0
    for state, holders in (("现行", answer.holders), ("此前", answer.past)):
        for h in holders:
            for d in h.duties:
                n += 1
                period = f"{d.valid_from or '—'} 至 {d.valid_to or '今'}"
                sheet.append([n, h.name, d.role_label, f"{d.clause}{' ' + d.unit if d.unit else ''}", printable(d.text),
                              printable(d.document_title), period, answer.match_notes.get(d.duty, ""), state])
    thin = Side(style="thin")
    for row in sheet.iter_rows(min_row=3, max_row=sheet.max_row):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHI", (6, 22, 10, 18, 60, 30, 22, 16, 8), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A4"
    sheet.auto_filter.ref = f"A3:I{max(sheet.max_row, 3)}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "3:3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _day(d: date) -> str:
    return d.isoformat()
