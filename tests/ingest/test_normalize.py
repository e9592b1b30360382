"""Text normalisation: each step alone, the composition, and its properties."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhize.ingest.normalize import (
    collapse_blank_lines,
    count_radicals,
    has_traditional,
    map_radicals,
    normalize_newlines,
    normalize_spaces,
    normalize_text,
    remove_invisible,
    to_halfwidth,
    to_simplified,
)

CHINESE_PUNCTUATION = "，。；：（）、“”‘’《》！？【】〔〕…—·％＋－．／"


def test_line_breaks_become_newlines():
    assert normalize_newlines("一\r\n二\r三\u2028四\u2029五\x0c六\x85七") == "一\n二\n三\n四\n五\n六\n七"


def test_text_without_line_break_variants_is_returned_as_is():
    text = "第一条\n第二条"
    assert normalize_newlines(text) is text


def test_zero_width_and_control_characters_are_removed():
    assert remove_invisible("市\u200b场\u200c监\u200d管\u2060局\ufeff\x00\x07") == "市场监管局"


def test_tab_and_newline_survive_invisible_removal():
    assert remove_invisible("甲\t乙\n丙") == "甲\t乙\n丙"


def test_fullwidth_digits_and_letters_become_ascii():
    assert to_halfwidth("１２３４５热线，ＡＢＣ与ａｂｃ") == "12345热线，ABC与abc"


def test_chinese_punctuation_is_kept_exactly():
    assert to_halfwidth(CHINESE_PUNCTUATION) == CHINESE_PUNCTUATION
    assert normalize_text(f"甲{CHINESE_PUNCTUATION}乙") == f"甲{CHINESE_PUNCTUATION}乙"


def test_kangxi_radicals_become_ordinary_characters():
    assert map_radicals("\u2f08\u2ea0政府\u2f8f政\u2ed4户") == "人民政府行政门户"


def test_radical_components_without_a_standalone_character_are_left_alone():
    assert map_radicals("\u2ec8\u2e85") == "\u2ec8\u2e85"  # ⻈ (讠) and ⺅ (亻)
    assert count_radicals("\u2f08\u2ec8") == 1


def test_traditional_lines_are_converted():
    assert to_simplified("國家發展和改革委員會") == "国家发展和改革委员会"


def test_simplified_text_is_not_touched_by_the_converter():
    # OpenCC t2s would turn the lone 乾 into 干 and 於 into 于; both are valid simplified here.
    for text in ["乾", "於先生", "著作和乾隆年间", "市场监督管理局"]:
        assert not has_traditional(text)
        assert normalize_text(text) == text


def test_only_lines_with_traditional_characters_are_converted():
    assert to_simplified("於先生\n於是發展") == "於先生\n于是发展"


def test_space_between_chinese_characters_is_removed():
    assert normalize_spaces("市 场　监\u00a0督 管理局") == "市场监督管理局"


def test_space_next_to_chinese_is_removed_and_between_latin_collapsed():
    assert normalize_spaces("行政编制 15 名，ISO \u3000 9001 认证") == "行政编制15名，ISO 9001认证"


def test_indentation_and_trailing_spaces_are_stripped_per_line():
    text = "\u3000\u3000第一条\u3000为了规范。  \n  （一）负责。\t"
    assert normalize_spaces(text) == "第一条为了规范。\n（一）负责。"


def test_line_breaks_are_kept():
    text = "第三条　主要职责：\n（一）负责甲。\n（二）组织乙。"
    assert normalize_text(text) == "第三条主要职责：\n（一）负责甲。\n（二）组织乙。"


def test_blank_lines_are_collapsed_and_trimmed():
    assert collapse_blank_lines("\n\n一\n\n\n\n二\n\n") == "一\n\n二"


def test_normalize_text_composes_all_steps():
    raw = ("\ufeff　　第一条　為了規範 市场 监督管理局的职责\r\n"
           "（一）负责１２３４５热线\u200b派单、回访。   \r\n\r\n\r\n"
           "⼈⺠政府 ⻔户 ISO\u00a0\u00a09001")
    assert normalize_text(raw) == ("第一条为了规范市场监督管理局的职责\n"
                                   "（一）负责12345热线派单、回访。\n\n"
                                   "人民政府门户ISO 9001")


def test_clean_text_is_unchanged():
    text = "第三条 主要职责。".replace(" ", "")
    assert normalize_text(text) == text
    assert normalize_text("") == ""


INTERESTING = list(
    " \t\n\r\u00a0\u3000\u2003\u200b\u200d\ufeff\u2028\x0c\x00"  # spaces, zero width, breaks
    "市场监管局职责乾於著后發條機關會與\u5fb5"  # simplified, ambiguous, traditional
    "\u2f08\u2f8f\u2ed4\u2ec8１Ａｚ，。（）、“”《》a1. -#*"  # radicals, full width, punctuation
    "\U00020000\U0002a6a5\u8ad4薴苧髮乾隆"  # astral ideographs; 薴 → 苧 → 苎 needs two rounds
)
any_character = st.one_of(st.characters(), st.characters(categories=["Cs"]))  # lone surrogates too
texts = st.text(alphabet=st.one_of(st.sampled_from(INTERESTING), any_character))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_normalize_text_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(max_examples=300, deadline=None)
@given(texts)
def test_normalized_text_has_no_stray_whitespace_or_invisible_characters(text):
    out = normalize_text(text)
    assert "\r" not in out and "\u200b" not in out and "\ufeff" not in out and "\u3000" not in out
    assert "\n\n\n" not in out and out == out.strip("\n")
    for line in out.split("\n"):
        assert line == line.strip(" \t")


def test_nothing_heavy_is_imported_with_the_ingest_modules():
    code = ("import sys, ingest.normalize, ingest.readers; "
            "print(sorted(m for m in ('opencc', 'pypdf', 'docx', 'charset_normalizer') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("module", ["ingest/normalize.py", "ingest/readers.py"])
def test_ingest_imports_only_graph_among_project_packages(module):
    import ast
    from pathlib import Path

    tree = ast.parse((Path(__file__).parents[2] / module).read_text(encoding="utf-8"))
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    assert not [n for n in names if n.split(".")[0] in {"api", "queries"}]


def test_names_laid_out_in_a_row_stay_apart():
    assert normalize_text("办公室　移交安置股　优抚股") == "办公室、移交安置股、优抚股"
    assert normalize_text("局　长　赵某某") == "局长赵某某"  # a spaced-out title is no list


def test_a_simplified_text_keeps_a_rare_character_of_a_name():
    # 蘋 (a water plant, used in place names) is Traditional-only to OpenCC; one such character in a
    # Simplified page is a name's, and the page is not converted. Two different ones make a Traditional text.
    assert normalize_text("蘋溪镇人民政府\n蘋溪镇位于县境东部") == "蘋溪镇人民政府\n蘋溪镇位于县境东部"
    assert normalize_text("蘋溪鎮人民政府") == "苹溪镇人民政府"
