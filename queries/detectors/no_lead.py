"""BPR001 无牵头 — two or more departments support a matter and no department leads it.

What it flags
    A matter that statements of at least two departments support (配合 / 协助 / 参与 / 协同 / 支持 /
    按职责分工配合 — on their own or inside a lead item: "负责A，参与B" supports B) at the check date,
    when no held statement of any department leads it (under any wording) and no current 有关职责分工
    clause names a lead for it. One finding per matter, naming every department that supports it.

Why it matters to a 编办
    推诿 risk: everyone helps, nobody is in charge. The rule is 确需多个部门管理的事项，明确牵头部门，
    分清主办和协办 (seed 003); a clause that says 配合做好X presumes somebody whose job X is.

How
    Support statements are grouped by the object they support (`queries.support`: close objects, or
    a concrete word that only support statements use — nobody leads anything worded with it). A
    lead is looked for leniently, because a missed lead is a false alarm: a lead statement close to
    the group's object and sharing a concrete word with it, or naming two of its vocabulary keys
    ("统筹协调文物保护单位火灾风险防范" leads "配合开展文物建筑消防安全检查"). A department leading one
    thing in the same item ("负责动物防疫，配合做好流浪犬只收容处置") does not lead the supported matter.
    Pairs that defer to each other are BPR002 (相互推诿), not reported twice. When the supporting
    statements name a department they support (配合县X局…) that has no 三定 in the store, the lead
    cannot be checked and nothing is reported.

Limits
    A lead held by a department without a 三定 in the store (县委 bodies, 议事协调机构) is invisible
    unless a supporting clause names it. A matter only one department supports is no finding (a
    lone 配合 clause may support a body outside the government's 三定: "配合做好网络安全工作").

Example
    岚川县民政局 "配合做好农村留守老年人关爱服务工作" and 岚川县卫生健康局 "参与农村留守老年人关爱服务体系建设",
    and no clause leads it → one finding {民政局, 卫生健康局}. 农民工工资支付保障 (人社局 牵头负责, 住建局
    配合, 交通运输局 参与) gives nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from zhize.graph.models import Finding, Severity
from zhize.graph.records import ROLE_LABELS
from zhize.queries.detectors.base import Context, Rule, join_names
from zhize.queries.detectors.mutual_deferral import deferrals
from zhize.queries.support import Supported, find_leads, label, led, supported_matters
from zhize.queries.tenure import held_index, in_force_note
from zhize.queries.view import View, view_of

ID = "BPR001"
KIND = "无牵头"
SEVERITY = Severity.MEDIUM
RULE = Rule(ID, KIND, SEVERITY)


def detect(graph: nx.MultiDiGraph, context: Context) -> Iterator[Finding]:
    view = view_of(graph)
    mutual = {i for d in deferrals(view) for i in d.statements}
    groups = supported_matters(view, exclude=mutual)
    find_leads(view, groups)
    for group in groups:
        if led(view, group) or lead_unknown(view, group) or named_boundary_lead(view, group):
            continue
        yield _finding(view, context, group)


def lead_unknown(view: View, group: Supported) -> bool:
    """A supporting statement names a department it supports that has no 三定 in the store."""
    ix = held_index(view)
    members = {ix.statements[i].department for i in group.statements}
    for i in group.statements:
        for named in ix.statements[i].partners:
            if named not in members and named not in view.sanding_in_force:
                return True
    return False


def named_boundary_lead(view: View, group: Supported) -> bool:
    """A current 有关职责分工 clause between the group's departments names a lead on its matter."""
    ix = held_index(view)
    deps = set(group.departments(ix))
    words = {ix.part[r] for r in group.rows}
    for b in view.current_boundaries:
        if len(set(b.parties) & deps) < 2 or not any(role == "lead" for _, role in b.parties.values()):
            continue
        text = b.text + "".join(does for does, _ in b.parties.values())
        if any(w in text for w in words):
            return True
    return False


def _finding(view: View, context: Context, group: Supported) -> Finding:
    ix = held_index(view)
    departments = group.departments(ix)
    names = [view.name(d) for d in departments]
    statements = [ix.statements[i] for i in sorted(group.statements, key=lambda i: (ix.statements[i].department, i))]
    roles = "，".join(f"{view.name(s.department)} {view.unit_clause(s.duty)}“{s.text}”"
                     f"（{ROLE_LABELS.get(s.role, s.role).split('/')[0]}）" for s in statements)
    matter = label(ix, group)
    keyed = all(s.keys for s in statements)
    message = (f"“{matter}”涉及{join_names(names)}（{roles}），各部门都只是配合、协助或参与，没有部门牵头，"
               f"存在推诿风险。按照“确需多个部门管理的事项，明确牵头部门，分清主办和协办”的要求，"
               f"建议在三定“有关职责分工”中明确牵头部门。" + in_force_note(view, departments))
    evidence = list(dict.fromkeys(view.evidence(s.duty) for s in statements))
    return RULE.finding(context, names, matter, evidence, message, 0.8 if keyed else 0.65)
