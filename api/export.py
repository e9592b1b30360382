"""The problem ledger as an office hands it in (问题台账.xlsx), or as CSV.

The workbook has what a 台账 handed to a leader or an inspection team has: a title row (place and
name of the ledger), a line with the reporting unit, the export date and the count, then the
standard columns (序号 … 处理记录) with typed numbers and dates, borders, an autofilter, a frozen
header, and a landscape A4 print set-up that fits the width of one page and repeats the header on
every page. Entries past their 整改时限 and not yet closed are highlighted. 处理记录 carries every
history step (who, when, what, reason, category, deadline, edited columns); so does the CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from zhize.graph.ledger import FIELD_LABELS, is_overdue
from zhize.graph.models import FindingChange, LedgerEntry

LEDGER_NAME = "职责问题台账"


@dataclass(frozen=True)
class Column:
    """One column of the ledger: heading, width in characters, and the cell value of an entry."""

    heading: str
    width: float
    value: Callable[[int, LedgerEntry], Any]
    kind: str = "text"  # text | int | date | datetime


def evidence_text(e: LedgerEntry) -> str:
    return "\n".join(f"《{x.document_title}》{x.clause}：{x.quote}" if x.document_title else f"{x.clause}：{x.quote}"
                     for x in e.finding.evidence)


def step_text(c: FindingChange) -> str:
    """One history step as a line, e.g.
    2026-03-05 09:00 审核员甲：已确认→整改中（修订三定）；类别 限时整改；期限 2026-06-30."""
    what = f"{c.from_status or '—'}→{c.to_status}" if c.from_status != c.to_status else "修改台账"
    parts = [f"{c.at:%Y-%m-%d %H:%M} {c.actor}：{what}"]
    if c.reason and not c.edits:
        parts.append(f"（{c.reason}）")
    extras = [f"类别 {c.category}" if c.category else "", f"期限 {c.deadline.isoformat()}" if c.deadline else ""]
    order = [k for k in FIELD_LABELS if k in c.edits] + [k for k in c.edits if k not in FIELD_LABELS]
    extras += [f"{FIELD_LABELS.get(k, k)}“{c.edits[k]}”" if c.edits[k] else f"{FIELD_LABELS.get(k, k)}清空"
               for k in order]
    extras = [x for x in extras if x]
    return "".join(parts) + ("；" + "；".join(extras) if extras else "")


def history_text(e: LedgerEntry) -> str:
    return "\n".join(step_text(c) for c in e.history)


COLUMNS: tuple[Column, ...] = (
    Column("序号", 6, lambda i, e: i, "int"),
    Column("问题编号", 11, lambda i, e: e.number or ""),
    Column("问题类型", 10, lambda i, e: e.finding.kind),
    Column("问题描述", 40, lambda i, e: e.finding.message),
    Column("涉及部门", 18, lambda i, e: "、".join(e.finding.departments)),
    Column("依据条款", 44, lambda i, e: evidence_text(e)),
    Column("责任单位", 14, lambda i, e: e.responsible_unit),
    Column("整改措施", 24, lambda i, e: e.measures),
    Column("责任人", 9, lambda i, e: e.responsible_person),
    Column("整改类别", 10, lambda i, e: str(e.category or "")),
    Column("整改时限", 12, lambda i, e: e.deadline, "date"),
    Column("整改进展", 22, lambda i, e: e.progress),
    Column("状态", 8, lambda i, e: str(e.status)),
    Column("销号时间", 12, lambda i, e: e.closed_at, "datetime"),
    Column("处理记录", 48, lambda i, e: history_text(e)),
    Column("系统编号", 20, lambda i, e: e.finding.id),
)
HEADINGS = tuple(c.heading for c in COLUMNS)
DEADLINE = HEADINGS.index("整改时限")


@dataclass(frozen=True)
class LedgerTitle:
    """What the rows above the table say."""

    jurisdiction: str  # one place, or “全部行政区划”
    exported: date
    unit: str = ""  # 填报单位; blank leaves room to write it in by hand

    @property
    def title(self) -> str:
        return f"{self.jurisdiction}{LEDGER_NAME}"


def ledger_title(entries: list[LedgerEntry], jurisdiction: str | None, unit: str = "",
                 exported: date | None = None) -> LedgerTitle:
    """The title of an export: the filtered place, else the one place all entries share."""
    places = sorted({e.finding.jurisdiction for e in entries})
    place = jurisdiction or (places[0] if len(places) == 1 else "")
    return LedgerTitle(jurisdiction=place, exported=exported or date.today(), unit=unit.strip())


def rows(entries: list[LedgerEntry]) -> list[list[Any]]:
    return [[c.value(i, e) for c in COLUMNS] for i, e in enumerate(entries, 1)]


# -- CSV ------------------------------------------------------------------------------------------

def to_csv(entries: list[LedgerEntry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    writer.writerows([_csv_cell(v) for v in row] for row in rows(entries))
    return out.getvalue().encode("utf-8-sig")  # the BOM lets Excel read UTF-8


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return safe(str(value))


# -- Excel ----------------------------------------------------------------------------------------

HEADER_ROW = 3  # title, unit and date line, then the column headings
OVERDUE_FILL = "F8D7DA"
HEADER_FILL = "DCE6F1"


def to_xlsx(entries: list[LedgerEntry], title: LedgerTitle, today: date | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "问题台账"
    _title_rows(sheet, title, len(entries))
    _header(sheet)
    overdue = [is_overdue(e, today or title.exported) for e in entries]
    for n, (row, late) in enumerate(zip(rows(entries), overdue, strict=True)):
        _data_row(sheet, HEADER_ROW + 1 + n, row, late)
    last = HEADER_ROW + max(len(entries), 1)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{_letter(len(COLUMNS))}{last}"
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    _print_setup(sheet, title)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _title_rows(sheet, title: LedgerTitle, count: int) -> None:
    from openpyxl.styles import Alignment, Font

    end = _letter(len(COLUMNS))
    sheet["A1"] = printable(title.title)
    sheet["A1"].font = Font(name="黑体", size=18, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(f"A1:{end}1")
    sheet.row_dimensions[1].height = 36
    unit = printable(title.unit) or "　" * 12
    day = title.exported
    sheet["A2"] = (f"填报单位：{unit}　　导出日期：{day.year}年{day.month}月{day.day}日"
                   f"　　共 {count} 条　　（底色标红：已过整改时限尚未销号）")
    sheet["A2"].font = Font(name="仿宋", size=11)
    sheet["A2"].alignment = Alignment(horizontal="left", vertical="center")
    sheet.merge_cells(f"A2:{end}2")
    sheet.row_dimensions[2].height = 22


def _border():
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="000000")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _header(sheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    border = _border()
    for i, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=HEADER_ROW, column=i, value=column.heading)
        cell.font = Font(name="黑体", size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.border = border
        sheet.column_dimensions[_letter(i)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = 24


def _data_row(sheet, row_number: int, values: list[Any], overdue: bool) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    border = _border()
    for i, (column, value) in enumerate(zip(COLUMNS, values, strict=True), 1):
        cell = sheet.cell(row=row_number, column=i, value=_xlsx_value(column, value))
        if cell.data_type == "f":  # a text from a document that looks like a formula stays text
            cell.data_type = "s"
        cell.border = border
        cell.font = Font(name="仿宋", size=10)
        centred = column.kind != "text" or column.heading in ("问题编号", "状态", "整改类别", "责任人")
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if centred else "left")
        if column.kind == "date":
            cell.number_format = "yyyy-mm-dd"
        elif column.kind == "datetime":
            cell.number_format = "yyyy-mm-dd hh:mm"
        if overdue and i - 1 == DEADLINE:
            cell.fill = PatternFill("solid", fgColor=OVERDUE_FILL)
            cell.font = Font(name="仿宋", size=10, bold=True, color="C00000")


def _xlsx_value(column: Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if column.kind == "datetime" and isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel keeps no time zone; the time is the one recorded
    if column.kind in ("int", "date"):
        return value
    return printable(str(value))


def printable(text: str) -> str:
    """Without the control characters a worksheet cannot hold (a pasted text may carry them)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _print_setup(sheet, title: LedgerTitle) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddHeader.right.text = printable(title.title)


def safe(value: str) -> str:
    """Texts come from documents: never let one start a spreadsheet formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
