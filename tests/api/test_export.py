"""The 问题台账 an office hands in: every column, the history, typed cells, print set-up (api.export)."""

from __future__ import annotations

import csv
import io
from contextlib import closing
from datetime import date, datetime, timezone

import pytest
from openpyxl import load_workbook

from zhize.api import export
from zhize.graph.ledger import Transition
from zhize.graph.models import Evidence, Finding, FindingFilter, LedgerFields, RectifyCategory, Severity
from zhize.graph.models import FindingStatus as S
from zhize.graph.sqlite import SqliteStore

PLACE = "青禾县"
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
T1 = datetime(2026, 2, 5, 10, 30, tzinfo=timezone.utc)
T2 = datetime(2026, 4, 1, 16, 0, tzinfo=timezone.utc)
TODAY = date(2026, 5, 1)


def finding(fid: str, matter: str, departments: list[str], message: str) -> Finding:
    return Finding(id=fid, detector="OVL001", kind="职责交叉", severity=Severity.HIGH, confidence=0.9,
                   jurisdiction=PLACE, departments=departments, matter=matter, message=message,
                   evidence=[Evidence(document="d", document_title="青禾县水利局职能配置规定", clause="第三条（五）",
                                      quote=f"负责{matter}的监督管理。", department=departments[0])])


@pytest.fixture()
def entries(tmp_path):
    with closing(SqliteStore(tmp_path / "ledger.db")) as store:
        store.record_check(PLACE, [
            finding("f:a", "河道采砂", ["青禾县水利局", "青禾县自然资源局"], "两个部门都牵头河道采砂。"),
            finding("f:b", "农药监管", ["青禾县农业农村局"], "=HYPERLINK(\"x\")开头的说明"),
        ], actor="系统", at=T0)
        store.annotate("f:a", LedgerFields(responsible_unit="青禾县水利局", measures="修订三定，明确分工",
                                           responsible_person="王五", progress="已起草修订稿"), actor="审核员甲", at=T1)
        store.transition("f:a", Transition(S.CONFIRMED, "已现场核实"), actor="审核员甲", at=T1)
        store.transition("f:a", Transition(S.RECTIFYING, "限期修订", RectifyCategory.TIME_LIMITED, date(2026, 3, 31)),
                         actor="审核员甲", at=T1)
        store.transition("f:b", Transition(S.CONFIRMED), actor="审核员乙", at=T1)
        store.transition("f:b", Transition(S.CLOSED, "已印发修订后的三定"), actor="审核员乙", at=T2)
        yield store.findings(FindingFilter(history=True))


def test_the_workbook_has_a_title_every_column_the_history_and_typed_cells(entries):
    title = export.LedgerTitle(jurisdiction=PLACE, exported=TODAY, unit="青禾县委编办")
    sheet = load_workbook(io.BytesIO(export.to_xlsx(entries, title, today=TODAY))).active
    assert sheet["A1"].value == "青禾县职责问题台账" and "A1:P1" in {str(r) for r in sheet.merged_cells.ranges}
    assert "填报单位：青禾县委编办" in sheet["A2"].value and "2026年5月1日" in sheet["A2"].value
    assert "共 2 条" in sheet["A2"].value
    header = [c.value for c in sheet[3]]
    assert header == ["序号", "问题编号", "问题类型", "问题描述", "涉及部门", "依据条款", "责任单位", "整改措施", "责任人",
                      "整改类别", "整改时限", "整改进展", "状态", "销号时间", "处理记录", "系统编号"]
    a = dict(zip(header, [c.value for c in sheet[4]], strict=True))
    assert a["序号"] == 1 and a["问题编号"] == "2026-001" and a["问题类型"] == "职责交叉"
    assert a["问题描述"] == "两个部门都牵头河道采砂。" and a["涉及部门"] == "青禾县水利局、青禾县自然资源局"
    assert a["依据条款"] == "《青禾县水利局职能配置规定》第三条（五）：负责河道采砂的监督管理。"
    assert (a["责任单位"], a["整改措施"], a["责任人"], a["整改进展"]) == ("青禾县水利局", "修订三定，明确分工", "王五",
                                                                 "已起草修订稿")
    assert a["整改类别"] == "限时整改" and a["整改时限"] == datetime(2026, 3, 31) and a["状态"] == "整改中"
    assert a["销号时间"] is None and a["系统编号"] == "f:a"
    history = a["处理记录"].split("\n")
    assert history == [
        "2026-01-05 09:00 系统：—→待核实（检测发现）",
        "2026-02-05 10:30 审核员甲：修改台账；责任单位“青禾县水利局”；整改措施“修订三定，明确分工”；责任人“王五”；整改进展“已起草修订稿”",
        "2026-02-05 10:30 审核员甲：待核实→已确认（已现场核实）",
        "2026-02-05 10:30 审核员甲：已确认→整改中（限期修订）；类别 限时整改；期限 2026-03-31",
    ]
    b = dict(zip(header, [c.value for c in sheet[5]], strict=True))
    assert b["序号"] == 2 and b["状态"] == "已销号" and b["销号时间"] == datetime(2026, 4, 1, 16, 0)
    assert b["问题描述"].startswith("=HYPERLINK") and sheet.cell(5, 4).data_type == "s"  # text, never a formula
    assert "审核员乙：已确认→已销号（已印发修订后的三定）" in b["处理记录"]
    assert sheet.cell(4, 1).data_type == "n" and sheet.cell(4, 11).is_date and sheet.cell(5, 14).is_date
    assert sheet.cell(4, 11).number_format == "yyyy-mm-dd"


def test_the_workbook_prints_landscape_on_one_page_width_with_the_header_repeated(entries):
    title = export.LedgerTitle(jurisdiction=PLACE, exported=TODAY)
    sheet = load_workbook(io.BytesIO(export.to_xlsx(entries, title, today=TODAY))).active
    assert sheet.auto_filter.ref == "A3:P5" and sheet.freeze_panes == "A4"
    assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$3:$3"
    for row in (3, 4, 5):
        for column in range(1, 17):
            border = sheet.cell(row, column).border
            assert border.left.style == border.right.style == border.top.style == border.bottom.style == "thin"


def test_an_overdue_deadline_is_highlighted_and_a_closed_one_is_not(entries):
    sheet = load_workbook(io.BytesIO(export.to_xlsx(entries, export.LedgerTitle(PLACE, TODAY), today=TODAY))).active
    overdue, closed = sheet.cell(4, 11), sheet.cell(5, 11)
    assert overdue.fill.fgColor.rgb.endswith(export.OVERDUE_FILL) and overdue.font.color.rgb.endswith("C00000")
    assert closed.fill.fill_type is None
    early = load_workbook(io.BytesIO(export.to_xlsx(entries, export.LedgerTitle(PLACE, date(2026, 3, 1)),
                                                    today=date(2026, 3, 1)))).active
    assert early.cell(4, 11).fill.fill_type is None


def test_the_csv_has_the_same_columns_and_the_history(entries):
    lines = list(csv.reader(io.StringIO(export.to_csv(entries).decode("utf-8-sig"))))
    assert lines[0] == list(export.HEADINGS) and len(lines) == 3
    a = dict(zip(lines[0], lines[1], strict=True))
    assert a["整改时限"] == "2026-03-31" and a["责任人"] == "王五" and a["问题编号"] == "2026-001"
    assert a["处理记录"].count("\n") == 3 and "已确认→整改中（限期修订）；类别 限时整改；期限 2026-03-31" in a["处理记录"]
    b = dict(zip(lines[0], lines[2], strict=True))
    assert b["销号时间"] == "2026-04-01 16:00" and b["问题描述"].startswith("'=")


def test_the_title_names_the_one_place_the_entries_share(entries):
    assert export.ledger_title(entries, None).title == "青禾县职责问题台账"
    assert export.ledger_title(entries, "别的县", " 编办 ").unit == "编办"
