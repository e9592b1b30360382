"""Builds pages/p19_docx_tables.docx, the held-out 三定 whose units and staffing are Word tables
(written once by hand; the .docx is committed, this script shows what it holds)."""

from datetime import datetime
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent


def build(path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("楠埠市市场监督管理局职能配置、内设机构和人员编制规定")
    d.add_paragraph("第一条　根据《楠埠市机构改革方案》，制定本规定。")
    d.add_paragraph("第二条　楠埠市市场监督管理局是市政府工作部门，为正处级，加挂楠埠市知识产权局牌子。")
    d.add_paragraph("第三条　市市场监督管理局的主要职责是：")
    for item in ("（一）负责全市市场综合监督管理，组织实施质量强市战略、食品安全战略和标准化战略。",
                 "（二）负责全市市场主体登记注册和信用监督管理。",
                 "（三）负责全市食品安全监督管理综合协调和食品生产经营的监督检查。",
                 "（四）负责全市特种设备安全监察工作。",
                 "（五）负责全市知识产权的保护和运用工作。",
                 "（六）完成市委、市政府交办的其他任务。"):
        d.add_paragraph(item)
    d.add_paragraph("第四条　市市场监督管理局设下列内设机构（见表1）。")
    t = d.add_table(rows=1, cols=3)
    for cell, text in zip(t.rows[0].cells, ("序号", "内设机构", "主要职责"), strict=True):
        cell.text = text
    for row in (("1", "办公室", "负责机关日常运转工作"), ("2", "登记注册科", "负责市场主体登记注册"),
                ("3", "食品安全协调科", "承担食品安全综合协调"), ("4", "特种设备安全监察科", "负责特种设备安全监察"),
                ("5", "知识产权科", "负责知识产权保护和运用")):
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.text = text
    d.add_paragraph("第五条　市市场监督管理局机关编制和领导职数（见表2）。")
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = "项目", "数量"
    for row in (("行政编制", "34名"), ("局长", "1名"), ("副局长", "4名"), ("科级领导职数", "10名")):
        cells = t.add_row().cells
        cells[0].text, cells[1].text = row
    d.add_paragraph("第六条　本规定自2019年3月18日起施行。")
    d.core_properties.created = datetime(2019, 3, 15, 9, 0)  # metadata date, not the issue date
    d.save(path)


if __name__ == "__main__":
    build(HERE / "pages" / "p19_docx_tables.docx")
