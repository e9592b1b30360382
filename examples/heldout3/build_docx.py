"""Builds pages/t07_county_docx_tables.docx, the held-out 三定 whose duties come in one table cell
block and whose units and staffing are Word tables (written once by hand; the .docx is committed,
this script shows what it holds)."""

from datetime import datetime
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent


def build(path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("菱渡县文化广电和旅游局主要职责内设机构和人员编制规定")
    d.add_paragraph("　　第一条　根据《菱渡县机构改革实施方案》，制定本规定。")
    d.add_paragraph("　　第二条　菱渡县文化广电和旅游局是县人民政府工作部门，为正科级，加挂菱渡县文物局牌子。")
    d.add_paragraph("　　第三条　县文化广电和旅游局贯彻落实党中央关于文化和旅游工作的方针政策和决策部署，"
                    "在履行职责过程中坚持和加强党对文化和旅游工作的集中统一领导。主要职责是：")
    for item in ("　　(一)贯彻执行文化、广电和旅游工作的法律法规和政策，拟订全县文化和旅游发展规划并组织实施。",
                 "　　(二)负责全县公共文化服务体系建设，指导图书馆、文化馆和乡镇综合文化站建设。",
                 "　　(三)负责全县文物保护和非物质文化遗产保护传承工作。",
                 "　　(四)负责全县广播电视行业管理和安全播出监管工作。",
                 "　　(五)负责全县旅游资源开发、旅游市场监管和文化市场综合执法工作。",
                 "　　(六)完成县委、县人民政府交办的其他任务。"):
        d.add_paragraph(item)
    d.add_paragraph("　　第四条　县文化广电和旅游局设下列内设机构：")
    t = d.add_table(rows=1, cols=3)
    for cell, text in zip(t.rows[0].cells, ("序号", "机构名称", "主要职责"), strict=True):
        cell.text = text
    for row in (("一", "办公室", "负责机关文电、会务、财务和政务公开工作。"),
                ("二", "公共服务股", "负责公共文化服务体系建设和群众文化活动。"),
                ("三", "文物股", "负责文物保护和非物质文化遗产工作。"),
                ("四", "旅游发展股", "负责旅游资源开发和旅游市场管理。")):
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.text = text
    d.add_paragraph("　　第五条　县文化广电和旅游局机关编制和领导职数如下：")
    t = d.add_table(rows=2, cols=4)
    for cell, text in zip(t.rows[0].cells, ("行政编制", "局长", "副局长", "股级领导职数"), strict=True):
        cell.text = text
    for cell, text in zip(t.rows[1].cells, ("11名", "1名", "3名", "4名"), strict=True):
        cell.text = text
    d.add_paragraph("　　第六条　本规定由中共菱渡县委机构编制委员会办公室负责解释，自2019年3月28日起施行。")
    d.core_properties.created = datetime(2019, 3, 20, 8, 30)  # metadata date, not the issue date
    d.save(path)


if __name__ == "__main__":
    build(HERE / "pages" / "t07_county_docx_tables.docx")
