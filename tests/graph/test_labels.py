"""Every role, section and event kind has one label, kept beside its enum; every interface uses it."""

from __future__ import annotations

from zhize.graph.records import (
    EVENT_LABELS,
    ROLE_LABELS,
    ROLE_ORDER,
    SECTION_LABELS,
    EventKind,
    Role,
    Section,
    event_label,
    role_label,
    role_rank,
)


def test_every_member_of_the_enums_has_a_chinese_label():
    for labels, enum in ((ROLE_LABELS, Role), (SECTION_LABELS, Section), (EVENT_LABELS, EventKind)):
        assert set(labels) == set(enum)
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in labels.values())


def test_roles_rank_lead_then_guidance_then_support():
    assert sorted(Role, key=role_rank) == [Role.LEAD, Role.GUIDANCE, Role.SUPPORT, Role.UNSPECIFIED]
    assert set(ROLE_ORDER) == set(Role)
    assert role_rank("unknown") > role_rank(Role.UNSPECIFIED)


def test_labels_read_plain_strings_as_the_graph_stores_them():
    assert role_label("lead") == "牵头/负责" and role_label(None) == role_label("") == "未注明"
    assert event_label("merge") == "职责整合" and event_label("new_task") == "新增任务"
