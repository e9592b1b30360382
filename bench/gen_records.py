"""Generated `zhize.extract/1` records for store benchmarks: many counties, realistic repetition.

County 三定 in one province repeat most clauses of the provincial template verbatim and word the
rest locally; the generator does the same (share of verbatim clauses: `TEMPLATE_SHARE`).

Each department works mostly on its own matters (`PORTFOLIOS`), names another department's matter
now and then (配合/参与: `CROSS_SHARE`), and every department has its sector's 安全生产, as real 三定
do. So a matter is held by a few departments of a county, not by all of them: a `who` answer on
generated data looks like one on the example corpus (a handful of holders), where uniform matters
made every department of a county hold every matter.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from datetime import date

from zhize.graph.records import Extract

TEMPLATE_SHARE = 0.6
CROSS_SHARE = 0.25  # share of second sentences about another department's matter
SECTOR_SAFETY = 0.03  # share of clauses about the department's own sector's 安全生产
LEAD_VERBS = ["负责", "承担", "组织", "拟订", "指导", "监督管理", "牵头", "统筹"]
SUPPORT_VERBS = ["配合", "参与", "协助"]
VERBS = LEAD_VERBS + SUPPORT_VERBS
ROLE = {"负责": "lead", "承担": "lead", "牵头": "lead", "统筹": "lead", "组织": "lead", "拟订": "lead",
        "指导": "guidance", "监督管理": "lead", "配合": "support", "参与": "support", "协助": "support"}
OBJECTS = ["工作", "的监督管理", "有关规划并组织实施", "相关政策措施", "的综合协调", "的监督检查", "标准的实施",
           "的行政执法", "的统计分析", "的宣传教育", "的应急处置", "的信息化建设"]
PLACES = ["全县", "全区", "全市", "本行政区域内", "辖区内"]

# Department (without the place) -> the matters its 三定 are about. Some matters sit with two
# departments, as after real reforms (防汛抗旱, 地质灾害, 12345热线, 人民防空, 森林防火, 政务服务).
PORTFOLIOS = {
    "市场监督管理局": "食品安全 药品监管 特种设备 价格监督 计量 知识产权 市场主体登记 产品质量 广告监管",
    "应急管理局": "安全生产 消防 防汛抗旱 森林防火 应急救援 地质灾害 危险化学品 救灾物资",
    "自然资源局": "矿产资源 耕地保护 国土空间规划 不动产登记 地质灾害 测绘地理信息 土地征收",
    "水利局": "水资源 河道采砂 农田水利 防汛抗旱 水土保持 河湖管理 水利工程",
    "农业农村局": "农产品质量 畜牧兽医 渔业 种植业 农村宅基地 农业机械 农村集体资产",
    "卫生健康局": "卫生应急 疾病预防 医疗机构 老龄工作 职业健康 妇幼健康 爱国卫生",
    "民政局": "养老服务 社会救助 婚姻登记 殡葬管理 社会组织 儿童福利 区划地名",
    "人力资源和社会保障局": "就业 社会保险 劳动关系 人才引进 职业技能 工资福利 劳动保障监察",
    "生态环境分局": "生态环境 大气污染 水污染 土壤污染 环境影响评价 固体废物 辐射安全",
    "住房和城乡建设局": "住房保障 建筑市场 城乡规划 房地产市场 物业管理 建设工程质量 燃气管理",
    "交通运输局": "道路运输 农村公路 水路运输 交通工程质量 出租汽车 交通战备",
    "文化广电旅游体育局": "文物保护 旅游市场 体育 公共文化 广播电视 文化市场 非物质文化遗产",
    "退役军人事务局": "退役军人 优抚安置 烈士纪念设施 军休服务",
    "行政审批服务局": "行政审批 政务服务 投资项目审批 证照办理",
    "司法局": "法治宣传 人民调解 社区矫正 法律援助 行政复议 公共法律服务",
    "财政局": "预算管理 国有资产 政府采购 财政监督 会计管理 政府债务",
    "审计局": "审计监督 经济责任审计 内部审计 审计整改",
    "统计局": "统计调查 统计执法 国民经济核算 经济普查",
    "林业局": "林业 草原 自然保护地 野生动植物保护 林木采伐 森林防火 古树名木",
    "商务局": "商贸流通 对外贸易 电子商务 成品油流通 单用途预付卡",
    "教育局": "学前教育 义务教育 教师队伍 校园安全 民办教育 职业教育",
    "科技局": "科技创新 科技成果转化 科学普及 高新技术企业",
    "工业和信息化局": "工业经济 中小企业 信息化 民用爆炸物品 节能降耗 无线电管理",
    "公安局": "社会治安 户籍管理 道路交通安全 网络安全 禁毒 出入境管理",
    "医疗保障局": "医疗保险 医药价格 医保基金监管 医疗救助 药品集中采购",
    "信访局": "信访 12345热线 群众来信来访",
    "粮食和物资储备局": "粮食储备 应急物资 粮食流通 粮食安全",
    "发展和改革局": "国民经济规划 价格管理 重大项目 节能审查 社会信用体系",
    "城市管理局": "市容环境卫生 城市管理执法 园林绿化 市政设施 户外广告 生活垃圾",
    "乡村振兴局": "乡村振兴 防止返贫监测 帮扶项目资产 东西部协作",
    "档案局": "档案管理 档案执法 档案资源",
    "机关事务服务中心": "公务用车 公共机构节能 机关办公用房 机关后勤",
    "政务服务中心": "政务服务 一网通办 12345热线 政务公开",
    "融媒体中心": "新闻宣传 网络舆情 融媒体",
    "国防动员办公室": "国防动员 人民防空 防空警报",
    "地方志办公室": "地方志 年鉴编纂 地情资料",
    "投资促进中心": "招商引资 投资促进 营商环境",
    "供销合作社": "农资供应 再生资源回收 供销网点",
    "气象局": "气象灾害防御 人工影响天气 气象预报 防雷安全",
    "人防办": "人民防空 防空地下室 防护工程",
}
PORTFOLIOS = {dep: tuple(matters.split()) for dep, matters in PORTFOLIOS.items()}
DEPARTMENTS = list(PORTFOLIOS)
MATTERS = tuple(dict.fromkeys(m for ms in PORTFOLIOS.values() for m in ms))


def clause(rng: random.Random, department: str) -> tuple[str, str, str]:
    """(text, role, first matter) of one duty of `department` (a name without the place)."""
    own = PORTFOLIOS[department]
    verb = rng.choice(VERBS)
    place = rng.choice(PLACES)
    if rng.random() < SECTOR_SAFETY:
        matter, text = "安全生产", f"{verb}{place}本行业领域安全生产工作，"
    else:
        matter = rng.choice(own)
        text = f"{verb}{place}{matter}{rng.choice(OBJECTS)}，"
    text += _sentence(rng, own) + "。"
    if rng.random() < 0.5:
        text += _sentence(rng, own) + "。"
    return text, ROLE[verb], matter


def _sentence(rng: random.Random, own: tuple[str, ...]) -> str:
    if rng.random() < CROSS_SHARE:  # another department's matter: this one helps
        other = PORTFOLIOS[rng.choice(DEPARTMENTS)]
        return f"{rng.choice(SUPPORT_VERBS)}做好{rng.choice(other)}{rng.choice(OBJECTS)}"
    return f"{rng.choice(VERBS)}{rng.choice(own)}{rng.choice(OBJECTS)}"


def templates(n: int, seed: int = 7) -> dict[str, list[tuple[str, str, str]]]:
    """The province's template clauses: about `n` in all, spread over the departments."""
    rng = random.Random(seed)
    per = max(1, n // len(DEPARTMENTS))
    return {dep: [clause(rng, dep) for _ in range(per)] for dep in DEPARTMENTS}


def county_name(i: int) -> str:
    return f"样本{i:04d}县"


def county(i: int, duties: int, pool: dict[str, list[tuple[str, str, str]]],
           issued: date = date(2019, 6, 1)) -> Iterator[Extract]:
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
        rows, own = [], pool[dep]
        for k in range(n):
            text, role, matter = own[rng.randrange(len(own))] if rng.random() < TEMPLATE_SHARE else clause(rng, dep)
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
