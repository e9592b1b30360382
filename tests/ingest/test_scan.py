"""The shortcuts taken for speed find exactly what the plain regular-expression scans find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhize.ingest import names, outline, sanding
from zhize.ingest.extract import _SANDING_TITLE, _sanding_title
from zhize.ingest.names_pattern import _SUFFIX, _suffixes
from zhize.ingest.numerals import find_dates, first_date
from zhize.ingest.scan import finditer_near


# Texts made of the words and characters the patterns turn on, so that matches, near misses and
# overlapping candidates are common.
def pieces(*words: str, size: int = 40):
    return st.lists(st.sampled_from(words), max_size=size).map("".join)


BRACKETS = pieces("县委宣传部", "县新闻出版局", "中心", "办公室", "（", "）", "(", ")", "，", "。", "、", " ",
                  "和", "与", "\n", "牌子", "局", "县", "与县民政局", "加挂", "（县文物局）", "（县档案馆）", "办（",
                  "县委办公室（县政府办公室）")
PLACES = pieces("云州", "市", "省", "州", "岚川县", "人民政府", "委", "机构编制", "发展和改革", "委员会", "局", "的",
                "与", "及", "以及", "和", "水利")
TITLES = pieces("县水利局", "机构", "职能配置", "主要职责", "内设机构和人员编制", "规定", "方案", "《", "》",
                "\n", "，", "是：", "关于印发", "的通知", "（试行）", "x" * 25)
ITEMS = pieces("（", "）", "(", ")", "一", "二", "三", "十", "1", "2", "12", ".", "．", "、", "。", "；", ";",
               "：", ":", "\n", "负责", "工作", " ")
SUFFIXES = pieces("县", "市", "管委会", "委员会", "局", "部", "中心", "大队", "人民政府", "办公室", "工作", "所",
                  "站", "全", "内", "水利", "应急管理", "的", "和", "与", "，")

def spans(matches):
    return [(m.span(), m.groupdict()) for m in matches]


@given(BRACKETS)
@settings(max_examples=300)
def test_paren_plaques_near_brackets_are_all_of_them(text):
    assert spans(sanding._paren_plaque_matches(text)) == spans(sanding._PAREN_PLAQUE.finditer(text))


@given(PLACES)
@settings(max_examples=300)
def test_parent_places_near_level_words_are_all_of_them(text):
    assert spans(finditer_near(names._PARENT, text, names._LEVEL_WORD, 3, 12)) == spans(names._PARENT.finditer(text))


@given(TITLES)
@settings(max_examples=300)
def test_sanding_title_search_in_its_window_finds_the_same(text):
    for line in text.split("\n"):
        found, plain = _sanding_title(line), _SANDING_TITLE.search(line)
        assert (found and (found.span(), found.group("subject"))) == (plain and (plain.span(), plain.group("subject")))


@given(ITEMS, st.integers(0, 20), st.integers(0, 140))
@settings(max_examples=300)
def test_item_starts_are_the_matches_at_item_starts(text, start, end):
    start, end = min(start, len(text)), min(max(start, end), len(text))
    plain = [m for m in outline._ITEM.finditer(text, start, end)
             if m.start() == start or text[m.start() - 1] in outline._ITEM_STARTS]
    assert spans(outline._item_starts(text, start, end)) == spans(plain)


@given(SUFFIXES)
@settings(max_examples=300)
def test_suffix_candidates_are_the_suffix_matches(text):
    assert spans(_suffixes(text)) == spans(_SUFFIX.finditer(text))


DATES = pieces("2019", "二〇一九", "年", "3", "12", "三", "十二", "月", "5", "三十", "日", "-", ".", "/", "20", " ",
               "印发", "\n", "2019年3月5日", "二〇一九年三月十二日", "2019-03-05", "2019年2月30日", "2020.13.1",
               "2018年12月", "2019.3.5")


@given(DATES)
@settings(max_examples=300)
def test_first_date_is_the_first_of_all_dates(text):
    dates = find_dates(text)
    assert first_date(text) == (dates[0] if dates else None)
