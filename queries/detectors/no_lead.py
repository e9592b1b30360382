"""BPR001 无牵头 — two or more departments touch a matter, all in support or guidance roles.

What it flags
    A matter that at least two departments hold at the check date (current 三定, existing
    departments), every one of them only 配合 / 协助 / 参与 (support) or 指导 / 监督 (guidance), and
    nobody leads it: no held clause of any department leads it, no current 有关职责分工 names a
    lead on it. One finding per matter, naming the departments that touch it.

Why it matters to a 编办
    推诿 risk: everyone helps, nobody is in charge. The rule is 确需多个部门管理的事项，明确牵头部门，
    分清主办和协办 (seed 003); a clause that says 配合做好X presumes somebody whose job X is.

How
    Matter groups as in OVL001 (normalised keys, synonyms, matters named in keyless clauses). The
    role is read per matter from the clause naming it ("负责A，配合做好B": B is support). Before
    reporting, the detector looks for a lead leniently, because a missed lead is a false alarm:
    any held clause in a lead role whose keys are the matter or a synonym, or whose text names it.
    When the supporting clauses name the department they support (配合县X局…) and X has no 三定 in
    the store, the lead cannot be checked and nothing is reported. Pairs that defer to each other
    are reported by BPR002 (相互推诿) instead, not twice.

Limits
    A lead held by a department without a 三定 in the store (县委 bodies, 议事协调机构) is invisible
    unless a supporting clause names it. A matter touched by a single department is not a finding
    (a lone 配合 clause may support a body outside the government's 三定).

Example
    岚川县民政局 第三条（十一） "配合做好农村留守老年人关爱服务工作" and 岚川县卫生健康局 第三条（十三） "参与农村留守
    老年人关爱服务体系建设…" and no clause leads 农村留守老年人关爱服务 → one finding {民政局, 卫生健康局}.
    农民工工资支付保障 (人社局 牵头负责, 住建局 配合, 交通运输局 参与) gives nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from zhize.graph.models import Finding, Severity
from zhize.queries.detectors.base import Context, Rule, join_names
from zhize.queries.detectors.mutual_deferral import deferrals
from zhize.queries.groups import Group, concerns, groups_of
from zhize.queries.matching import locate, mention_forms, mentions, normalise, role_at
from zhize.queries.view import ROLE_LABELS, Duty, View, view_of

ID = "BPR001"
KIND = "无牵头"
SEVERITY = Severity.MEDIUM
RULE = Rule(ID, KIND, SEVERITY)

TOUCHING = frozenset({"support", "guidance"})


def detect(graph: nx.MultiDiGraph, context: Context) -> Iterator[Finding]:
    view = view_of(graph)
    mutual = {frozenset((d.first.department, d.second.department)) for d in deferrals(view)}
    for group in groups_of(view):
        if group.size < 2 or group.housekeeping or group.departments(frozenset({"lead"})):
            continue
        departments = group.departments(TOUCHING)
        if len(departments) < 2 or frozenset(departments) in mutual:
            continue
        if led_elsewhere(view, group) or lead_unknown(view, group, departments):
            continue
        yield _finding(view, context, group, departments)


def led_elsewhere(view: View, group: Group) -> bool:
    """Some held clause leads the matter, read leniently (keys, synonyms, or its text naming it),
    or a current boundary clause gives somebody the lead on it."""
    names = {normalise(n) for n in (group.key, *group.raw)}
    cores = sorted({f for n in (group.key, *group.raw) for f in mention_forms(n)})
    for duty in view.held:
        if duty.role != "lead":
            continue
        if duty.synonym_keys & names or any(mentions(duty.text, c) for c in cores):
            if not _only_supporting_there(duty, cores):
                return True
    return any(concerns(b, group) and any(role == "lead" for _, role in b.parties.values())
               for b in view.current_boundaries)


def _only_supporting_there(duty: Duty, cores: list[str]) -> bool:
    """A lead item that names the matter only in a supporting clause ("负责A，配合做好B")."""
    spots = [locate(duty.text, c, c) for c in cores]
    roles = {role_at(duty.text, s[0], duty.role) for s in spots if s}
    return bool(roles) and "lead" not in roles


def lead_unknown(view: View, group: Group, departments: list[str]) -> bool:
    """The supporting clauses name a department they support that has no 三定 in the store."""
    for d in departments:
        for t in group.touches(d):
            for named in view.named_in(t.duty.text):
                if named not in departments and named not in view.sanding_in_force:
                    return True
    return False


def _finding(view: View, context: Context, group: Group, departments: list[str]) -> Finding:
    names = [view.name(d) for d in departments]
    touches = [t for d in departments for t in group.touches(d, TOUCHING)]
    roles = "，".join(f"{view.name(t.duty.department)} {view.unit_clause(t.duty)}"
                     f"{ROLE_LABELS.get(t.role, t.role).split('/')[0]}" for t in touches)
    confidence = 0.8 if all(t.how == "key" for t in touches) else 0.65
    message = (f"“{group.label}”涉及{join_names(names)}（{roles}），但没有部门牵头，存在推诿风险。"
               f"按照“确需多个部门管理的事项，明确牵头部门，分清主办和协办”的要求，"
               f"建议在三定“有关职责分工”中明确牵头部门。")
    return RULE.finding(context, names, group.label, [view.evidence(t.duty) for t in touches], message, confidence)
