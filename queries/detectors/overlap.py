"""OVL001 职责交叉 — two or more departments lead the same matter and no boundary clause divides it.

What it flags
    A matter that two or more departments of the jurisdiction hold in a lead role (牵头, 负责, 承担,
    主管, 统筹 …) at the check date — current 三定 of departments that exist at that date — when no
    current 有关职责分工 clause between those two departments concerns that matter. One finding per
    matter and set of departments (pairs left open are joined: A–B and B–C open give {A, B, C}).

Why it matters to a 编办
    多头管理, 政出多门: the governing rule is 一件事情原则上由一个部门负责；确需多个部门管理的事项，明确牵头
    部门，分清主办和协办 (seed 003). Two leads without a division of labour is the classic finding of
    a 三定 回头看 (seeds 000, 003), and the usual fix is a boundary clause in one of the two 三定.

How
    Matters are grouped by normalised matter key (食品安全监督管理 = 食品安全监管 = 食品安全工作), by the
    synonym table when it is installed, and — for duties the extractor gave no matter key — by the
    matter named in their text or by char 2–3-gram TF-IDF similarity to another department's duty
    (blocked by shared rare 4-grams; see `queries.groups`). A boundary settles a pair when both are
    among its parties and its matter key, or its text, concerns the matter; it may stand in either
    department's 三定 (a boundary stated once is enough). A pair that confines the matter to
    different stages or fields (分段监管: 生产领域 vs 流通领域, 种植养殖环节 vs 批发零售环节) is a division
    too.

Limits
    Departments without a 三定 in the store cannot be seen to lead. A lead verb on a narrow part of a
    matter (组织编制…规划 within another department's field) still counts as leading; the reviewer
    dismisses such findings with a reason, and the ledger keeps the dismissal across later checks.
    Upper-level departments are not compared (one jurisdiction at a time).

Example
    岚川县自然资源局 第三条（十一） "负责河道采砂管理工作…" and 岚川县水利局 第三条（七） "负责河道采砂的统一管理
    和监督检查…", and neither 三定 has a 有关职责分工 on 河道采砂 → one finding {自然资源局, 水利局} on
    河道采砂, confidence 0.9. 耕地保护, led by 自然资源局 and 农业农村局 but divided in 自然资源局's
    第三条（十八）, gives nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

import networkx as nx

from zhize.graph.models import Finding, Severity
from zhize.queries.detectors.base import Context, Rule, join_names
from zhize.queries.groups import Group, Touch, group_boundaries, groups_of
from zhize.queries.matching import stages
from zhize.queries.view import View, view_of

ID = "OVL001"
KIND = "职责交叉"
SEVERITY = Severity.HIGH
RULE = Rule(ID, KIND, SEVERITY)
LEAD = frozenset({"lead"})
EVIDENCE_PER_DEPARTMENT = 3  # clauses quoted per department
EVIDENCE = 30  # and in all (a matter led by dozens of departments needs no more to be understood)
SHOWN = 6  # departments whose clauses the message lists


def detect(graph: nx.MultiDiGraph, context: Context) -> Iterator[Finding]:
    view = view_of(graph)
    for group in groups_of(view):
        if group.size < 2 or group.housekeeping:
            continue
        leads = {d: ts for d in group.by_department if (ts := group.touches(d, LEAD, unscoped=True))}
        if len(leads) < 2:
            continue
        settling = [set(b.parties) for b in group_boundaries(view, group)]
        confined = {d: set().union(*(stages(t.duty.text) for t in ts)) for d, ts in leads.items()}
        open_pairs = list(combinations(sorted(leads), 2))
        if settling or sum(1 for c in confined.values() if c) >= 2:
            open_pairs = [(a, b) for a, b in open_pairs if not any({a, b} <= parties for parties in settling)
                          and not split_by_stage(confined[a], confined[b])]
        for component in components(open_pairs):
            yield _finding(view, context, group, leads, component, open_pairs)


def split_by_stage(first: set[str], second: set[str]) -> bool:
    """分段监管: each department confines the matter to its own stages or fields (生产领域 vs
    流通领域) and the two sets do not meet."""
    return bool(first) and bool(second) and not first & second


def components(pairs: list[tuple[str, str]]) -> list[list[str]]:
    """Departments joined by open pairs (A–B and B–C give {A, B, C}), each sorted."""
    members = sorted({x for pair in pairs for x in pair})
    if len(pairs) == len(members) * (len(members) - 1) // 2:
        return [members] if members else []  # every pair open: one component
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    found: dict[str, list[str]] = {}
    for x in sorted(parent):
        found.setdefault(root(x), []).append(x)
    return sorted(found.values())


def _finding(view: View, context: Context, group: Group, leads: dict[str, list[Touch]], parties: list[str],
             open_pairs: list[tuple[str, str]]) -> Finding:
    members = set(parties)
    best = {d: max(t.confidence for t in leads[d]) for d in parties}
    confidence = max(min(best[a], best[b]) for a, b in open_pairs if a in members and b in members)
    evidence = [view.evidence(t.duty) for d in parties for t in leads[d][:EVIDENCE_PER_DEPARTMENT]][:EVIDENCE]
    names = [view.name(d) for d in parties]
    quoted = {d: "、".join(view.unit_clause(t.duty) for t in leads[d][:EVIDENCE_PER_DEPARTMENT]) for d in parties}
    clauses = "；".join(f"{view.name(d)} {quoted[d]}" for d in parties[:SHOWN])
    if len(parties) > SHOWN:
        clauses += f"；等{len(parties)}个部门"
    message = (f"{join_names(names)}都牵头负责“{group.label}”（{clauses}），现行三定未就此明确职责分工。"
               f"建议在三定“有关职责分工”中明确牵头部门和配合部门，分清主办和协办，"
               f"落实“一件事情原则上由一个部门负责”。")
    return RULE.finding(context, names, group.label, evidence, message, confidence)
