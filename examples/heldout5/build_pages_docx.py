"""Builds pages/p09_province_docx_nested_numbering.docx, the held-out provincial 三定 whose duty
items carry Word's own list numbering at two levels (main items "List Number", sub-items
"List Number 2"; no digits in the paragraph text), whose units are bulleted paragraphs and whose
staffing sits in a small table; the page header repeats the department name (written once by
hand; the .docx is committed, this script shows what it holds)."""

from datetime import datetime
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent

MAIN = (
    "贯彻落实党中央、国务院关于金融工作的方针政策和省委、省政府决策部署，起草全省地方金融监督管理地方性法规草案和政府规章草案。",
    "拟订全省地方金融业发展规划和政策措施并组织实施，推动金融服务实体经济。",
    "依法对下列地方金融组织实施监督管理：",
    "负责全省地方金融风险监测预警和处置工作，承担防范和处置非法集资的牵头工作。",
    "推动企业利用多层次资本市场融资，培育和发展区域性股权市场。",
    "协调驻省金融管理部门和金融机构服务全省经济社会发展，组织开展金融生态环境建设。",
    "指导市、县地方金融监督管理部门业务工作。",
    "完成省委、省政府交办的其他任务。",
)
SUB = ("小额贷款公司、融资担保公司和区域性股权市场；",
       "典当行、融资租赁公司和商业保理公司；",
       "地方资产管理公司和其他依法由省级监督管理的地方金融组织。")
UNITS = ("办公室", "政策法规处", "金融发展处", "地方金融机构监管一处", "地方金融机构监管二处",
         "风险处置处", "资本市场处", "人事处")


def build(path: Path) -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "蘅泽省地方金融监督管理局"
    d.add_paragraph("蘅泽省地方金融监督管理局职能配置、内设机构和人员编制规定", style="Title")
    d.add_paragraph("蘅泽省地方金融监督管理局是省政府直属机构，为正厅级，加挂省金融工作局牌子。")
    d.add_paragraph("主要职责", style="Heading 1")
    for i, item in enumerate(MAIN):
        d.add_paragraph(item, style="List Number")
        if i == 2:
            for sub in SUB:
                d.add_paragraph(sub, style="List Number 2")
    d.add_paragraph("内设机构", style="Heading 1")
    d.add_paragraph("根据上述职责，省地方金融监督管理局设下列内设机构：")
    for unit in UNITS:
        d.add_paragraph(unit, style="List Bullet")
    d.add_paragraph("机关党委负责机关和直属单位的党群工作。")
    d.add_paragraph("人员编制", style="Heading 1")
    t = d.add_table(rows=2, cols=3)
    for cell, text in zip(t.rows[0].cells, ("编制类别", "数量", "备注"), strict=True):
        cell.text = text
    for cell, text in zip(t.rows[1].cells, ("行政编制", "68名", "含局领导职数"), strict=True):
        cell.text = text
    d.add_paragraph("设局长1名，副局长4名；正副处长职数24名（含机关党委专职副书记1名）。")
    d.core_properties.created = datetime(2018, 11, 30, 9, 0)  # metadata date, not the issue date
    d.save(path)


if __name__ == "__main__":
    build(HERE / "pages" / "p09_province_docx_nested_numbering.docx")
