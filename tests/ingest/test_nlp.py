"""The spaCy pipeline (real spaCy, rjieba tokenizer) and the department-name shapes it relies on."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhize.graph.records import Role
from zhize.ingest.names_pattern import find_department_names

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "examples" / "gold"


@pytest.fixture(scope="module")
def nlp():
    from zhize.ingest.nlp import build_pipeline

    return build_pipeline()


def names(text: str) -> list[str]:
    return [name for _, _, name in find_department_names(text)]


# ── department names without spaCy ───────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "name",
    [
        "县市场监管局",
        "县委组织部",
        "县委全面依法治县委员会办公室",
        "岚川县人民政府办公室",
        "县行政审批服务局",
        "县融媒体中心",
        "县消防救援大队",
        "中共岚川县委",
        "云州市生态环境局岚川分局",
        "县住房和城乡建设局",
        "县人力资源和社会保障局",
        "县应对重大灾害指挥部",
    ],
)
@pytest.mark.parametrize("frame", ["配合{}做好有关工作。", "{}负责", "由{}承担", "会同{}等部门", "将{}的职责划入"])
def test_names_are_found_whole(name, frame):
    text = frame.format(name)
    start = text.index(name)
    assert (start, start + len(name), name) in find_department_names(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("县农业农村局和县水利局", ["县农业农村局", "县水利局"]),
        ("县委县政府", ["县委", "县政府"]),
        ("县市场监督管理局加挂县知识产权局牌子", ["县市场监督管理局", "县知识产权局"]),
        ("县委宣传部对外加挂县新闻出版局牌子", ["县委宣传部", "县新闻出版局"]),
        ("县委老干部局与县委组织部合署办公", ["县委老干部局", "县委组织部"]),
        ("将县经济和信息化局更名为县工业和信息化局", ["县经济和信息化局", "县工业和信息化局"]),
        ("配合城市管理局", ["城市管理局"]),
        ("以下简称县安监局", ["县安监局"]),
    ],
)
def test_adjacent_names_are_separated(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "负责全县市场监督管理。",
        "推进公立医院综合改革。",
        "指导乡镇便民服务中心和村（社区）便民服务站建设。",
        "坚持以人民为中心。",
        "加强应急救援队伍建设，完善工作格局和总体布局。",
        "各乡镇人民政府、县市区人民政府",
        "县政务服务大厅的运行管理，合署办公，干部队伍。",
        "指导各市场监督管理所开展执法工作。",
    ],
)
def test_no_name_in_ordinary_wording(text):
    assert names(text) == []


def test_a_gazetteer_adds_names_the_shapes_miss():
    assert names("由云州市第一中学负责") == []
    found = find_department_names("由云州市第一中学负责", known=["云州市第一中学"])
    assert [n for _, _, n in found] == ["云州市第一中学"]


# ── the pipeline ─────────────────────────────────────────────────────────────────────────────


def test_importing_the_module_does_not_import_spacy():
    code = "import zhize.ingest.nlp, sys; print('spacy' in sys.modules, 'rjieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_the_pipeline_is_blank_chinese_with_the_rjieba_tokenizer(nlp):
    from zhize.ingest.nlp import COMPONENTS, TOKENIZER, RjiebaTokenizer, build_pipeline

    assert nlp.lang == "zh"
    assert tuple(nlp.pipe_names) == COMPONENTS
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER
    assert isinstance(nlp.tokenizer, RjiebaTokenizer)
    assert build_pipeline() is nlp


@pytest.mark.parametrize(
    "text",
    [
        "",
        "负责全县耕地保护工作。",
        " 前导空格与结尾空格 ",
        "ISO 9001  质量管理体系\n\n第一条\u3000为了规范",
        "a b  c   d\t\te",
        "\n县水利局\n",
    ],
)
def test_doc_text_is_the_input(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    assert "".join(t.text_with_ws for t in doc) == text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("县局委办负责管理食品安全，。 \u3000\n\tAb1（）")), max_size=60))
def test_doc_text_is_the_input_for_any_text(text):
    from zhize.ingest.nlp import build_pipeline

    assert build_pipeline()(text).text == text


def test_departments_become_org_entities(nlp):
    text = "县委组织部、县委全面依法治县委员会办公室、岚川县人民政府办公室和县行政审批服务局会同县融媒体中心、县消防救援大队"
    doc = nlp(text)
    expected = ["县委组织部", "县委全面依法治县委员会办公室", "岚川县人民政府办公室", "县行政审批服务局", "县融媒体中心", "县消防救援大队"]
    assert [e.text for e in doc.ents] == expected
    assert {e.label_ for e in doc.ents} == {"ORG"}
    assert [m.name for m in doc._.departments] == expected


def test_a_name_inside_a_token_splits_the_token(nlp):
    text = "本规定由县机构编制委员会办公室负责解释。"
    assert nlp.tokenizer(text).char_span(3, 14) is None  # jieba cuts 由县 as one word
    doc = nlp(text)
    assert [e.text for e in doc.ents] == ["县机构编制委员会办公室"]
    assert doc.text == text


def test_role_and_matters_on_realistic_clauses(nlp):
    doc = nlp("配合县住房和城乡建设局做好建筑垃圾（渣土）运输管理工作。")
    assert doc._.role is Role.SUPPORT
    assert [m.key for m in doc._.matters] == ["建筑垃圾运输"]
    doc = nlp("负责全县食品安全监督管理综合协调，承担县食品安全委员会办公室日常工作。")
    assert doc._.role is Role.LEAD
    assert [(m.key, m.text) for m in doc._.matters] == [("食品安全", "食品安全监督管理")]
    doc = nlp("指导各乡镇食品药品监督管理所的业务工作。")
    assert doc._.role is Role.GUIDANCE


def test_annotate_gives_frozen_annotations_in_order():
    from zhize.ingest.nlp import Annotation, annotate

    result = annotate(["负责全县耕地保护工作。", "完成县委、县人民政府交办的其他任务。", "参与河道采砂执法巡查。"])
    assert [a.role for a in result] == [Role.LEAD, Role.UNSPECIFIED, Role.SUPPORT]
    assert [[m.key for m in a.matters] for a in result] == [["耕地保护"], [], ["河道采砂"]]
    assert [d.name for d in result[1].departments] == ["县委", "县人民政府"]
    assert isinstance(result[0], Annotation)
    with pytest.raises(FrozenInstanceError):
        result[0].role = Role.SUPPORT


def test_annotate_plain_agrees_with_the_pipeline_on_the_gold_duties():
    from zhize.ingest.nlp import annotate, annotate_plain

    texts = [d["text"] for p in sorted(GOLD.glob("*.json")) for d in json.loads(p.read_text(encoding="utf-8"))["duties"]]
    assert annotate(texts) == annotate_plain(texts)


def test_round_trip_through_disk(nlp, tmp_path):
    import spacy

    from zhize.ingest.nlp import load_pipeline, new_pipeline, register

    fresh = new_pipeline(names=["岚川分局"])
    fresh.get_pipe("zhize_departments").add_names(["云州市第一中学"])
    fresh.tokenizer.add_words(["岚川分局"])
    fresh.to_disk(tmp_path / "pipeline")

    for loaded in (load_pipeline(tmp_path / "pipeline"), (register(), spacy.load(tmp_path / "pipeline"))[1]):
        assert loaded.pipe_names == fresh.pipe_names
        assert loaded.tokenizer.words == ["岚川分局"]
        text = "岚川分局配合云州市第一中学做好水污染防治工作。"
        doc = loaded(text)
        assert doc.text == text
        assert [e.text for e in doc.ents] == ["岚川分局", "云州市第一中学"]
        assert doc._.role is Role.SUPPORT
        assert [m.key for m in doc._.matters] == ["水污染防治"]
        assert [t.text for t in doc] == [t.text for t in fresh(text)]


def test_the_role_table_is_saved_with_the_pipeline_and_read_back(tmp_path):
    import spacy

    from zhize.ingest.nlp import new_pipeline, register

    fresh = new_pipeline()
    role = fresh.get_pipe("zhize_role")
    role.set_verbs(role.verbs + "mine\tguidance\t盯紧\t盯紧全县水质\n")
    fresh.to_disk(tmp_path / "pipeline")
    assert "盯紧" in (tmp_path / "pipeline" / "zhize_role" / "role_verbs.tsv").read_text(encoding="utf-8")
    register()
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded("盯紧全县水质监测工作。")._.role is Role.GUIDANCE
    assert new_pipeline()("盯紧全县水质监测工作。")._.role is Role.UNSPECIFIED


def test_extraction_reads_its_clauses_with_the_pipeline(nlp):
    from zhize.ingest.extract import extract_text

    text = "青杉县水务局\n主要职责\n1、盯紧全县水质监测工作。\n2、负责供水管理。\n3、完成县委交办的其他任务。"
    role = nlp.get_pipe("zhize_role")
    before = role.verbs
    try:
        role.set_verbs(before + "mine\tguidance\t盯紧\t盯紧全县水质\n")
        duties = extract_text(text, sha256="1" * 64).extract.duties
    finally:
        role.set_verbs(before)
    assert [d.role for d in duties] == [Role.GUIDANCE, Role.LEAD, Role.UNSPECIFIED]


@pytest.mark.parametrize("text, name", [
    ("青杉县乡镇企业局职责范围和机构编制的规定", "青杉县乡镇企业局"),  # a class word before a bureau's portfolio
    ("国务院古村落保护办公室主要职责", "国务院古村落保护办公室"),  # the central level anchors as a place does
])
def test_name_shapes_a_held_out_page_had(text, name):
    assert name in [n for _, _, n in find_department_names(text)]


@pytest.mark.parametrize("text", ["指导乡镇人民政府做好……", "配合村民委员会做好……", "完成国务院交办的其他事项"])
def test_classes_of_bodies_stay_no_names(text):
    assert find_department_names(text) == []
