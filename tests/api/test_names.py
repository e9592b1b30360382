"""Department names as people type them (api.names)."""

from __future__ import annotations

import pytest

from zhize.api.names import abbreviates, full_names, resolve
from zhize.graph.errors import InputError
from zhize.graph.models import DepartmentInfo

PLACE = "青禾县"


def dep(name: str, aliases: tuple[str, ...] = (), plaques: tuple[str, ...] = ()) -> DepartmentInfo:
    return DepartmentInfo(id="p:" + name, name=PLACE + name, jurisdiction=PLACE, aliases=list(aliases),
                          plaques=list(plaques))


DEPARTMENTS = [dep("市场监督管理局", plaques=("青禾县知识产权局",)), dep("水利局"), dep("发展和改革局"),
               dep("农业农村局"), dep("自然资源局"), dep("住房和城乡建设局")]


@pytest.mark.parametrize("typed, meant", [
    ("青禾县水利局", "青禾县水利局"), ("水利局", "青禾县水利局"), ("县水利局", "青禾县水利局"), ("水利", "青禾县水利局"),
    ("市场监管局", "青禾县市场监督管理局"), ("县市场监管局", "青禾县市场监督管理局"), ("知识产权局", "青禾县市场监督管理局"),
    ("发改局", "青禾县发展和改革局"), ("住建局", "青禾县住房和城乡建设局"),
])
def test_short_names_resolve_to_the_full_name(typed, meant):
    assert full_names(typed, DEPARTMENTS) == [meant]


@pytest.mark.parametrize("typed", ["市场局农业", "监管", "教育局", "局"])
def test_names_of_no_department_resolve_to_nothing(typed):
    assert full_names(typed, DEPARTMENTS) == [] or typed == "局"


def test_an_abbreviation_keeps_the_body_word_and_the_order():
    assert abbreviates("市场监管局", "市场监督管理局") and not abbreviates("监管市场局", "市场监督管理局")
    assert not abbreviates("市场监管委", "市场监督管理局") and not abbreviates("农业局", "市场监督管理局")


def test_resolve_names_several_when_ambiguous_and_keeps_unknown_text():
    with pytest.raises(InputError, match="对应多个部门"):
        resolve("局", DEPARTMENTS)
    assert resolve("教育局", DEPARTMENTS) == "教育局" and resolve(" ", DEPARTMENTS) is None


def test_a_text_that_may_be_a_matter_is_a_department_only_when_it_names_one_exactly_or_abbreviates_it():
    from zhize.api.names import department_or_text

    deps = [*DEPARTMENTS, dep("食品安全委员会"), dep("食品安全委员会办公室")]
    assert department_or_text("市场监管局", deps) == "青禾县市场监督管理局"
    assert department_or_text("食品安全", deps) == "食品安全"  # a matter, not part of a committee's name
    assert department_or_text("水利局", deps) == "青禾县水利局"
