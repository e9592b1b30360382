"""Generated `zhize.extract/1` records for store benchmarks: many counties, realistic repetition.

County 三定 in one province repeat most clauses of the provincial template verbatim and word the
rest locally; the generator does the same (share of verbatim clauses: `TEMPLATE_SHARE`).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from datetime import date

from graph.records import Extract

TEMPLATE_SHARE = 0.6
VERBS = ["负责", "承担", "组织", "拟订", "指导", "监督管理", "牵头", "配合", "参与", "协助", "统筹"]
ROLE = {"负责": "lead", "承担": "lead", "牵头": "lead", "统筹": "lead", "组织": "lead", "拟订": "lead",
        "指导": "guidance", "监督管理": "lead", "配合": "support", "参与": "support", "协助": "support"}
MATTERS = ("食品安全 安全生产 消防 河道采砂 水资源 森林防火 矿产资源 耕地保护 药品监管 特种设备 价格监督 计量 "
           "知识产权 养老服务 老龄工作 退役军人 就业 社会保险 劳动关系 生态环境 大气污染 水污染 土壤污染 "
           "城乡规划 住房保障 建筑市场 道路运输 农村公路 文物保护 旅游市场 体育 卫生应急 疾病预防 "
           "医疗机构 政务服务 行政审批 12345热线 信访 统计调查 审计监督 预算管理 国有资产 粮食储备 "
           "应急物资 防汛抗旱 地质灾害 农田水利 畜牧兽医 农产品质量 渔业 林业 草原 自然保护地").split()
OBJECTS = ["工作", "的监督管理", "有关规划并组织实施", "相关政策措施", "的综合协调", "的监督检查", "标准的实施",
           "的行政执法", "的统计分析", "的宣传教育", "的应急处置", "的信息化建设"]
PLACES = ["全县", "全区", "全市", "本行政区域内", "辖区内"]


def clause(rng: random.Random) -> tuple[str, str, str]:
    verb = rng.choice(VERBS)
    matter = rng.choice(MATTERS)
    text = (f"{verb}{rng.choice(PLACES)}{matter}{rng.choice(OBJECTS)}，"
            f"{rng.choice(VERBS)}{rng.choice(MATTERS)}{rng.choice(OBJECTS)}。")
    if rng.random() < 0.5:
        text += f"{rng.choice(VERBS)}{rng.choice(MATTERS)}{rng.choice(OBJECTS)}。"
    return text, ROLE[verb], matter


def templates(n: int, seed: int = 7) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    return [clause(rng) for _ in range(n)]


def county_name(i: int) -> str:
    return f"样本{i:04d}县"


DEPARTMENTS = ["市场监督管理局", "应急管理局", "自然资源局", "水利局", "农业农村局", "卫生健康局", "民政局",
               "人力资源和社会保障局", "生态环境分局", "住房和城乡建设局", "交通运输局", "文化广电旅游体育局",
               "退役军人事务局", "行政审批服务局", "司法局", "财政局", "审计局", "统计局", "林业局", "商务局",
               "教育局", "科技局", "工业和信息化局", "公安局", "医疗保障局", "信访局", "粮食和物资储备局",
               "发展和改革局", "城市管理局", "乡村振兴局", "档案局", "机关事务服务中心", "政务服务中心",
               "融媒体中心", "国防动员办公室", "地方志办公室", "投资促进中心", "供销合作社", "气象局", "人防办"]


def county(i: int, duties: int, pool: list[tuple[str, str, str]], issued: date = date(2019, 6, 1)) -> Iterator[Extract]:
    """One county's 三定 documents with `duties` duties in all."""
    rng = random.Random(i)
    deps = DEPARTMENTS
    per = max(1, duties // len(deps))
    place = county_name(i)
    for d, dep in enumerate(deps):
        n = per if d < len(deps) - 1 else duties - per * (len(deps) - 1)
        if n <= 0:
            continue
        name = place + dep
        rows = []
        for k in range(n):
            text, role, matter = pool[rng.randrange(len(pool))] if rng.random() < TEMPLATE_SHARE else clause(rng)
            rows.append({"department": name, "text": text, "role": role,
                         "matters": [{"key": matter, "text": matter}],
                         "section": "main" if k < 15 else "unit", "clause": f"第三条（{k + 1}）",
                         "span": [k * 80, k * 80 + len(text)]})
        body = {"format": "zhize.extract/1",
                "document": {"sha256": hashlib.sha256(f"{place}{dep}{n}".encode()).hexdigest(), "kind": "三定",
                             "title": f"{name}职能配置、内设机构和人员编制规定", "jurisdiction": place,
                             "issue_date": issued, "subject": name},
                "departments": [{"name": name, "rank": "正科级", "type": "县人民政府工作部门"}],
                "duties": rows}
        yield Extract.model_validate(body)
