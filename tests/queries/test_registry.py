"""The detector registry: stable ids, Chinese kinds, and a docstring that documents each rule."""

from __future__ import annotations

import pytest

from zhize.graph.errors import InputError
from zhize.graph.models import Severity
from zhize.queries.detectors import DETECTORS, by_id

KINDS = {"OVL001": "职责交叉", "GAP001": "划转未落地", "GAP002": "职责悬空", "GAP003": "新增任务无人承接",
         "BPR001": "无牵头", "BPR002": "相互推诿"}


def test_the_registry_holds_the_six_rules_with_their_kinds():
    assert {m.ID: m.KIND for m in DETECTORS} == KINDS
    assert all(isinstance(m.SEVERITY, Severity) and callable(m.detect) for m in DETECTORS)


@pytest.mark.parametrize("module", DETECTORS, ids=lambda m: m.ID)
def test_each_rule_is_documented_in_its_docstring(module):
    doc = module.__doc__
    assert doc.startswith(f"{module.ID} {module.KIND}")
    for section in ("What it flags", "Why it matters to a 编办", "Limits", "Example"):
        assert section in doc, f"{module.ID} 的说明缺少 {section}"


def test_detectors_are_found_by_id_and_an_unknown_id_is_explained():
    assert by_id("ovl001").ID == "OVL001"
    with pytest.raises(InputError, match="OVL001"):
        by_id("XYZ999")


def test_the_report_order_names_every_kind_once():
    from zhize.queries.detectors import DETECTORS, KINDS

    assert sorted(KINDS) == sorted(m.KIND for m in DETECTORS)
    assert KINDS[0] == "职责交叉" and KINDS.index("无牵头") < KINDS.index("划转未落地")
