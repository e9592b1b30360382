"""Builds pages/u09_street_docx_autonumber.docx, the held-out 街道 三定 whose duty items carry
Word's own list numbering (the digits are not in the paragraph text) and whose units are a Word
table with a 负责人 column (written once by hand; the .docx is committed, this script shows what it
holds)."""

from datetime import datetime
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent


def build(path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("荇溪区棠樾街道办事处职能配置、内设机构和人员编制规定", style="Title")
    d.add_paragraph("根据《蓍山市荇溪区街道管理体制改革实施方案》，制定本规定。")
    d.add_paragraph("第一条　棠樾街道办事处是荇溪区人民政府的派出机关，为正科级，在街道党工委统一领导下"
                    "开展工作。")
    d.add_paragraph("第二条　棠樾街道办事处的主要职责是：")
    for item in ("贯彻执行党和国家的路线方针政策及区委、区人民政府的决策部署，统筹辖区经济社会发展。",
                 "负责辖区社区建设，指导居民委员会工作，健全社区治理和服务体系。",
                 "负责辖区公共服务事项的组织落实，做好就业、社会保障、养老服务和社会救助工作。",
                 "负责辖区平安建设，组织开展矛盾纠纷排查化解和网格化服务管理。",
                 "负责辖区城市管理工作，组织开展环境卫生整治和违法建设巡查报告。",
                 "负责辖区安全生产和应急管理的属地工作，组织开展防汛和消防安全宣传。",
                 "协调辖区驻街单位共建共治，动员社会力量参与社区服务。",
                 "完成区委、区人民政府交办的其他任务。"):
        d.add_paragraph(item, style="List Number")
    d.add_paragraph("第三条　棠樾街道办事处设下列内设机构：")
    t = d.add_table(rows=1, cols=3)
    for cell, text in zip(t.rows[0].cells, ("机构名称", "负责人", "主要职责"), strict=True):
        cell.text = text
    for row in (("党政综合办公室", "祁嘉禾", "负责文电、会务、督查、财务和机关后勤工作。"),
                ("社区建设办公室", "柯雨桐", "负责社区建设、居民自治和社区服务工作。"),
                ("民生服务办公室", "裴一鸣", "负责就业、社会保障、养老和救助工作。"),
                ("平安建设办公室", "闻少卿", "负责综治维稳、信访和网格化管理工作。"),
                ("城市管理办公室", "简立夏", "负责环境卫生、市容秩序和安全生产工作。")):
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.text = text
    d.add_paragraph("第四条　棠樾街道办事处行政编制26名，事业编制18名。设主任1名，副主任3名。")
    d.add_paragraph("第五条　本规定由中共蓍山市荇溪区委机构编制委员会办公室负责解释，"
                    "自2020年7月1日起施行。")
    d.core_properties.created = datetime(2020, 6, 12, 10, 0)  # metadata date, not the issue date
    d.save(path)


if __name__ == "__main__":
    build(HERE / "pages" / "u09_street_docx_autonumber.docx")
