"""The problem ledger as a spreadsheet (问题台账.xlsx) or CSV, the way 编办 staff keep ledgers."""

from __future__ import annotations

import csv
import io

from zhize.graph.models import LedgerEntry

COLUMNS = ("序号", "问题编号", "检测规则", "问题类型", "严重程度", "置信度", "行政区划", "涉及部门", "事项", "问题说明",
           "状态", "整改类别", "整改期限", "首次发现", "最近发现", "依据（文件、条款、原文）", "处理记录")


def row_of(number: int, e: LedgerEntry) -> list[str]:
    f = e.finding
    evidence = "\n".join(f"《{x.document_title}》{x.clause}：{x.quote}" for x in f.evidence)
    history = "\n".join(f"{c.at:%Y-%m-%d %H:%M} {c.actor}：{c.from_status or '—'}→{c.to_status}"
                        f"{'（' + c.reason + '）' if c.reason else ''}" for c in e.history)
    return [str(number), f.id, f.detector, f.kind, str(f.severity), f"{f.confidence:.2f}", f.jurisdiction,
            "、".join(f.departments), f.matter or "", f.message, str(e.status), str(e.category or ""),
            e.deadline.isoformat() if e.deadline else "", f"{e.first_seen:%Y-%m-%d}", f"{e.last_seen:%Y-%m-%d}",
            evidence, history]


def to_csv(entries: list[LedgerEntry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows([_safe(v) for v in row_of(i, e)] for i, e in enumerate(entries, 1))
    return out.getvalue().encode("utf-8-sig")  # the BOM lets Excel read UTF-8


def to_xlsx(entries: list[LedgerEntry]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "问题台账"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, e in enumerate(entries, 1):
        sheet.append([_safe(v) for v in row_of(i, e)])
    widths = (6, 20, 10, 12, 8, 8, 10, 28, 14, 50, 8, 10, 12, 12, 12, 60, 40)
    for column, width in zip(sheet.columns, widths, strict=False):
        sheet.column_dimensions[column[0].column_letter].width = width
        for cell in column[1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _safe(value: str) -> str:
    """Texts come from documents: never let one start a spreadsheet formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
