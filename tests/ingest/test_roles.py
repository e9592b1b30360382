"""Roles read from duty clauses: the verb table, the qualifiers, and agreement with the gold files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from zhize.graph.records import Role
from zhize.ingest.names_pattern import find_department_names
from zhize.ingest.roles import (
    ROLE_PATTERNS,
    default_verbs_text,
    first_sentence,
    leading_verb,
    read_role_patterns,
    role_of,
)

GOLD = Path(__file__).resolve().parents[2] / "examples" / "gold"
LEAD, SUPPORT, GUIDANCE, UNSPECIFIED = Role.LEAD, Role.SUPPORT, Role.GUIDANCE, Role.UNSPECIFIED


def gold_duties() -> list[dict]:
    duties = []
    for path in sorted(GOLD.glob("*.json")):
        duties += [d for d in json.loads(path.read_text(encoding="utf-8"))["duties"] if d["section"] in ("main", "unit")]
    return duties


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # lead
        ("负责全县市场综合监督管理。贯彻执行市场监督管理方面的法律法规和政策。", LEAD),
        ("牵头负责全县农民工工资支付保障工作，承担县根治拖欠农民工工资工作领导小组日常工作。", LEAD),
        ("承担县委农村工作领导小组办公室日常工作，督促落实县委农村工作领导小组的决策部署。", LEAD),
        ("统筹推进、督促指导、监督管理养老服务工作，拟订全县养老服务体系建设规划。", LEAD),
        ("拟订全县社会救助政策和标准，统筹社会救助体系建设。", LEAD),
        ("制定并组织落实全县疾病预防控制规划、免疫规划。", LEAD),
        ("监督管理药品零售、使用环节质量安全。", LEAD),
        ("会同有关部门拟订全县机关、事业单位工资收入分配政策。", LEAD),
        ("组织指导全县生产安全事故应急救援工作，组织编制县生产安全事故应急预案。", LEAD),
        ("协调推进深化医药卫生体制改革，承担县深化医药卫生体制改革领导小组日常工作。", LEAD),
        ("县农业农村局负责畜禽屠宰环节质量安全的监督管理。", LEAD),  # 管理 inside the name is masked
        ("在县委、县人民政府领导下，负责全县应急管理工作。", LEAD),
        ("（三）负责全县统计调查工作。", LEAD),
        ("负责指导、监督全县人民调解工作，推进人民调解组织建设。", LEAD),
        ("负责退役军人服务中心（站）建设的指导工作。", LEAD),
        ("监督检查生产经营单位执行安全生产法律法规的情况。", LEAD),
        # support
        ("配合县住房和城乡建设局做好建筑垃圾（渣土）运输管理工作。", SUPPORT),
        ("协助做好退役军人就业创业扶持工作，将退役军人纳入公共就业创业服务范围。", SUPPORT),
        ("参与交通建设领域农民工工资支付保障工作，督促交通建设项目落实工资支付有关制度。", SUPPORT),
        ("协调配合县公安局做好道路交通安全管理工作。", SUPPORT),
        ("县应急管理局配合县水利局做好防汛抗旱工作。", SUPPORT),
        ("负责县级储备粮轮换的配合工作。", SUPPORT),
        ("承担全县人口普查的协助工作。", SUPPORT),
        # guidance
        ("指导各乡镇食品药品监督管理所的业务工作。", GUIDANCE),
        ("指导和监督各乡镇安全生产监督管理工作，推进乡镇安全生产监管队伍建设。", GUIDANCE),
        ("指导并监督各乡镇开展森林防火工作。", GUIDANCE),
        ("监督指导农业面源污染治理工作，指导农村生态环境保护。", GUIDANCE),
        ("督促各乡镇落实河长制。", GUIDANCE),
        ("监督检查各乡镇落实耕地保护责任目标情况。", GUIDANCE),
        ("按照分级负责的原则，指导各乡镇做好灾害救助工作。", GUIDANCE),
        ("指导全县地震灾害应急救援工作，承担县抗震救灾指挥部日常工作。", GUIDANCE),
        # guidance overridden by a lead verb on the same matter
        ("指导并负责全县消防工作。", LEAD),
        ("指导、协调并负责全县消防工作。", LEAD),
        ("指导全县消防工作，负责消防安全监督检查。", LEAD),
        # unspecified
        ("完成县委、县人民政府交办的其他任务。", UNSPECIFIED),
        ("承办县人民政府和云州市工商行政管理局交办的其他事项。", UNSPECIFIED),
        ("职能转变。县市场监督管理局要按照统一市场监管的要求，整合监管职能。", UNSPECIFIED),
        ("", UNSPECIFIED),
        ("县委全面依法治县委员会办公室", UNSPECIFIED),
    ],
)
def test_role_of_realistic_clauses(text, role):
    assert role_of(text) is role


def test_agreement_with_gold_is_at_least_95_percent():
    duties = gold_duties()
    assert len(duties) > 300
    agree = sum(role_of(d["text"]).value == d["role"] for d in duties)
    assert agree / len(duties) >= 0.95


def test_precomputed_names_give_the_same_role():
    for duty in gold_duties():
        text = duty["text"]
        assert role_of(text, find_department_names(text)) is role_of(text)


def test_a_clause_broken_across_lines_is_one_sentence():
    assert role_of("指导全县消防工作，\n负责消防安全监督检查。") is LEAD


def test_role_patterns_are_documented_data():
    assert {p.role for p in ROLE_PATTERNS} == {LEAD, SUPPORT, GUIDANCE}
    literals = [v.partition("(?!")[0] for p in ROLE_PATTERNS for v in p.verbs]
    assert len(literals) == len(set(literals)), "a verb may give one role only"
    for pattern in ROLE_PATTERNS:
        assert pattern.verbs and pattern.name
        for verb in pattern.verbs:
            re.compile(verb)
    for line in default_verbs_text().splitlines():
        if line and not line.startswith("#"):
            group, role, verb, example = line.split("\t")
            assert verb.partition("(?!")[0] in example, f"{verb}: the example does not show the wording it reads"


def test_a_role_table_is_data_a_caller_can_replace():
    table = read_role_patterns("mine\tsupport\t负责\t负责……\n")
    assert role_of("负责全县水资源管理。", patterns=table) is SUPPORT
    assert role_of("负责全县水资源管理。") is LEAD


def test_longest_verb_wins_at_a_position():
    assert leading_verb("监督管理广告活动")[:2] == ("监督管理", LEAD)
    assert leading_verb("监督各乡镇")[:2] == ("监督", GUIDANCE)
    assert leading_verb("协调配合县公安局")[:2] == ("协调配合", SUPPORT)
    assert leading_verb("县委组织部") is None  # 组织 before 部 is a name, not a verb


def test_first_sentence_masks_names_and_numbering():
    assert first_sentence("（二）县应急管理局负责全县应急管理工作。其他。") == "□□□□□□负责全县应急管理工作"
