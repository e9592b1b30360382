"""The one splitter of department-name lists, for plans and 三定."""

from __future__ import annotations

import pytest

from zhize.ingest.namelists import split_conjoined, split_loosely, split_names


def ends_like_body(text: str) -> bool:
    return text.endswith(("局", "办公室", "委员会", "部"))


def placed(text: str) -> bool:
    return text.startswith("县")


@pytest.mark.parametrize("text, names", [
    ("县工商局、县质监局和县食药监局", ["县工商局", "县质监局", "县食药监局"]),
    ("县档案局以及县方志办公室", ["县档案局", "县方志办公室"]),
    ("连同县水利局、县林业局", ["县水利局", "县林业局"]),
    ("县人力资源和社会保障局与县财政局", ["县人力资源和社会保障局", "县财政局"]),
    ("县文化和旅游局", ["县文化和旅游局"]),
    ("县甲局及县乙局、县丙局", ["县甲局", "县乙局", "县丙局"]),
])
def test_lists_split_only_between_names(text, names):
    assert split_names(text, ends_like_body, placed) == names


def test_a_part_that_is_no_name_spoils_a_strict_list():
    assert split_names("县甲局、有关单位", ends_like_body, placed) is None
    assert split_conjoined("救灾和减灾", ends_like_body) is None


def test_a_loose_split_keeps_a_piece_it_cannot_split():
    assert split_loosely("县公安局和县交通运输局", ends_like_body) == ["县公安局", "县交通运输局"]
    assert split_loosely("县公安局在道路交通方面", ends_like_body) == ["县公安局在道路交通方面"]
