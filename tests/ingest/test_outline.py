"""Articles, sections and numbered items in the messy shapes real pages have."""

from __future__ import annotations

import pytest

from zhize.ingest.numerals import cn_to_int, find_dates, int_to_cn, to_int
from zhize.ingest.outline import blocks, items, reflow


@pytest.mark.parametrize("text, value", [("一", 1), ("十", 10), ("十五", 15), ("二十三", 23), ("一百零二", 102),
                                         ("二〇一九", 2019), ("两", 2), ("五十", 50), ("x", None), ("", None)])
def test_chinese_numerals(text, value):
    assert cn_to_int(text) == value


def test_numbers_round_trip_through_labels():
    assert [cn_to_int(int_to_cn(n)) for n in range(1, 100)] == list(range(1, 100))
    assert to_int("15") == 15 and to_int("十五") == 15


def test_dates_in_every_usual_shape():
    text = "印发于2019年6月5日；二〇一五年三月十八日施行；发布时间：2019-06-10；2019年2月30日无效"
    assert [d.isoformat() for _, d in find_dates(text)] == ["2019-06-05", "2015-03-18", "2019-06-10"]


STYLES = {
    "（一）": "（{}）", "(一)": "({})", "一、": "{}、", "1、": "{n}、", "1.": "{n}.", "1．": "{n}．", "（1）": "（{n}）",
}


def numbered(style: str, n: int) -> str:
    return style.format(int_to_cn(n), n=n)


@pytest.mark.parametrize("style", STYLES.values(), ids=list(STYLES))
@pytest.mark.parametrize("layout", ["lines", "glued", "broken"])
def test_items_in_every_numbering_style_and_layout(style, layout):
    duties = ["负责全县水资源的合理开发利用，拟订2019.6版规划。", "负责河道采砂管理（含1.5米以下河段）。",
              "指导农村水利工作。"]
    if layout == "lines":
        body = "\n".join(numbered(style, i + 1) + d for i, d in enumerate(duties))
    elif layout == "glued":
        body = "".join(numbered(style, i + 1) + d for i, d in enumerate(duties))
    else:
        body = "\n".join(numbered(style, i + 1) + d[:6] + "\n" + d[6:] for i, d in enumerate(duties))
    text = "主要职责是：\n" + body
    found = items(text, 0, len(text))
    assert [i.number for i in found] == [1, 2, 3]
    assert [text[i.text_start:i.end].replace("\n", "").strip() for i in found] == duties


def test_a_sub_list_of_another_style_stays_inside_its_item():
    text = "（一）负责甲。\n（二）有关职责分工。1．与县水利局的有关职责分工。2．与县林业局的有关职责分工。\n（三）负责丙。"
    found = items(text, 0, len(text))
    assert [i.number for i in found] == [1, 2, 3]
    assert "2．与县林业局" in text[found[1].text_start:found[1].end]


def test_a_number_inside_a_sentence_does_not_start_an_item():
    text = "1．负责第2、3项工作和2.5级标准。\n2．负责其他工作。"
    assert [i.number for i in items(text, 0, len(text))] == [1, 2]


def test_articles_with_full_width_space_inline_or_on_their_own_line():
    text = "总则\n第一条根据方案制定本规定。\n第二条\n县水利局是工作部门。第三条　主要职责\n（一）负责甲。\n第四条附则"
    found = blocks(text)
    assert [b.label for b in found] == ["第一条", "第二条", "第三条", "第四条"]
    assert found[2].heading == "主要职责"


def test_sections_when_there_are_no_articles():
    text = "前言\n一、职能调整\n加强监管。\n二、主要职责\n（一）负责甲。\n三、内设机构\n办公室。"
    assert [(b.label, b.heading) for b in blocks(text)] == [("一", "职能调整"), ("二", "主要职责"), ("三", "内设机构")]


def test_reflow_joins_lines_broken_mid_sentence_only():
    text = ("岚川县水利局职能配置、内设机构和人员编制\n规定\n（2019年6月5日）\n第一条为贯彻落实党中央关于机构改革的决策部署\n"
            "，制定本规定。\n二、主要职责\n（一）负责全县水资源的合理开发\n利用。")
    assert reflow(text) == ("岚川县水利局职能配置、内设机构和人员编制规定\n（2019年6月5日）\n"
                            "第一条为贯彻落实党中央关于机构改革的决策部署，制定本规定。\n二、主要职责\n"
                            "（一）负责全县水资源的合理开发利用。")


def test_a_number_left_out_at_a_line_start_does_not_swallow_the_rest():
    text = "（一）负责甲。\n（二）负责乙。\n（四）负责丁。\n（五）负责戊。"
    assert [i.number for i in items(text, 0, len(text))] == [1, 2, 4, 5]
