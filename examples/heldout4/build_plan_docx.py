"""Builds plans/r04_shiye_units_docx.docx, the held-out 事业单位改革 plan whose mergers come as
sentences and as a Word table (written once by hand; the .docx is committed, this script shows
what it holds). Named apart from any build script of the pages batch next to it."""

from datetime import datetime
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent

_TABLE = (
    ("序号", "拟整合组建的单位", "整合的单位", "主管部门", "类别"),
    ("1", "县医疗保障服务中心", "县新型农村合作医疗管理办公室、县城镇职工医疗保险所", "县医疗保障局", "公益一类"),
    ("2", "县林业发展服务中心", "县林木种苗站、县森林病虫害防治检疫站", "县林业局", "公益一类"),
    ("3", "县检验检测中心", "县产品质量检验所、县食品药品检验所", "县市场监督管理局", "公益二类"),
)


def build(path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("荇口县县属事业单位改革方案")
    d.add_paragraph("（2021年8月）")
    d.add_paragraph("　　为推进事业单位重塑性改革，优化布局结构，强化公益属性，结合我县实际，制定本方案。")
    d.add_paragraph("　　一、整合组建的事业单位")
    d.add_paragraph("　　（一）整合县农业技术推广站、县植物保护站、县土壤肥料工作站，组建县农业技术服务中心，"
                    "为县农业农村局所属公益一类事业单位。上述3个单位不再保留。")
    d.add_paragraph("　　（二）撤销县城乡规划设计室，将其承担的村庄规划编制技术服务职责划入县自然资源局所属的"
                    "县国土空间规划服务中心。")
    d.add_paragraph("　　（三）县广播电视转播台更名为县广播电视发射中心，隶属关系和经费形式不变。")
    d.add_paragraph("　　（四）以下事业单位整合组建后，表中所列整合的单位均予以撤销：")
    t = d.add_table(rows=0, cols=5)
    for row in _TABLE:
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.text = text
    d.add_paragraph("　　二、有关要求")
    d.add_paragraph("　　整合后的事业单位不得从事经营活动，不得承担行政职能。各主管部门要加强对所属事业单位的"
                    "监督管理，事业编制只减不增。")
    d.core_properties.created = datetime(2021, 8, 2, 9, 0)  # metadata date, not the issue date
    d.save(path)


if __name__ == "__main__":
    build(HERE / "plans" / "r04_shiye_units_docx.docx")
