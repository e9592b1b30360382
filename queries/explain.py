"""Why a finding fired, and which similar cases the rules held back (`zhize check --why`,
`zhize findings show --why`).

A reviewer who dismisses or confirms a finding wants to see the reasoning, and one who misses a
problem wants to know which rule kept it quiet. Both come from the detectors' own judgements
(`overlap.matches`, `support.supported_matters`), never from a second copy of the rules:

- 职责交叉 (OVL001): the pairs of lead statements that are one matter, with the words they share and
  their similarity, and the boundary clauses between the two departments that were read; held back:
  pairs the rules of sector scope (行业领域限定), exceptions (除外), division by phase (按环节分工) or an
  existing 有关职责分工 clause kept quiet.
- 无牵头 (BPR001): the supporting statements and the closest lead statement that was not close
  enough; held back: supported matters that a lead statement takes on, whose lead is a department
  without a 三定, or that a boundary clause gives a lead.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhize.graph.models import Finding
from zhize.graph.schema import finding_id
from zhize.queries.detectors import mutual_deferral, no_lead, overlap
from zhize.queries.matching import clean
from zhize.queries.similarity import Statement
from zhize.queries.support import closest_lead, label, leading, supported_matters
from zhize.queries.tenure import held_index, settling
from zhize.queries.view import View

# The rules that hold a pair of lead statements back, as a reviewer reads them.
HELD_BACK = {
    "scope": ("行业领域限定", "一方只写本行业、本领域（系统）的部分（如“管行业必须管安全”），不是对整个事项的牵头"),
    "exception": ("除外条款", "一方三定写明该事项除外"),
    "phase": ("按环节分工",
              "两处管的是同一对象的不同环节或不同方面（如预防与处置、开发利用与污染防治、前与后），是分工而非交叉"),
    "settled": ("已有职责分工", "现行三定“有关职责分工”条款已就该事项作出规定"),
    "field": ("领域与具体事项",
              "一方只写领域名称（如“气象”），另一方是该领域内本部门的具体事项（如“农业气象”），不是对同一事项的牵头"),
    "weak": ("非牵头表述", "一方只是推进、推动，不是牵头负责"),
}


SPLIT = "一方审批（许可）、一方监管（执法），按审管分工降低严重程度"
NOT_HELD = "不属行业领域限定、除外或按环节分工"


@dataclass(frozen=True)
class NearMiss:
    """A case one matter by the detectors' reading that a rule kept from being reported."""

    detector: str
    departments: tuple[str, ...]  # names
    matter: str
    rule: str  # the rule that held it back (Chinese label)
    detail: str  # the clauses and why (Chinese)


def near_misses(view: View) -> list[NearMiss]:
    """Every held-back case of OVL001 and BPR001 at the view's date, one per departments, matter and rule."""
    found = _overlap_misses(view) + _no_lead_misses(view)
    return list({(m.detector, m.departments, m.matter, m.rule): m for m in found}.values())


def related(misses: list[NearMiss], finding: Finding) -> list[NearMiss]:
    """The held-back cases that touch a finding: of its detector and sharing two of its departments (or
    its only one), or about its matter."""
    mine = set(finding.departments)
    need = min(2, len(mine)) or 1
    matter = clean(finding.matter or "")
    out = []
    for m in misses:
        shared = len(mine & set(m.departments))
        about = bool(matter) and (matter in clean(m.matter) or clean(m.matter) in matter)
        if (m.detector == finding.detector and shared >= need) or (shared and about):
            out.append(m)
    return out


def why(view: View, finding: Finding) -> list[str]:
    """Why the finding fired, line by line (empty when its message already says all the rule knows)."""
    if finding.detector == overlap.ID:
        return _why_overlap(view, finding)
    if finding.detector == no_lead.ID:
        return _why_no_lead(view, finding)
    return []


def _quote(view: View, s: Statement) -> str:
    return f"{view.name(s.department)} {view.unit_clause(s.duty)}“{s.text}”"


def _overlap_misses(view: View) -> list[NearMiss]:
    out = []
    ix = held_index(view)
    for m in overlap.near_misses(view):
        label_, reason = HELD_BACK.get(m.verdict, (m.verdict, ""))
        detail = f"{_quote(view, m.first)}；{_quote(view, m.second)}。{reason}"
        if m.verdict == "settled":
            b = settling(view, ix, m.first.department, m.second.department, m.matter,
                         frozenset(m.first.keys) & frozenset(m.second.keys))
            if b is not None:
                detail += f"：《{view.title(b.document)}》{b.clause}“{b.text[:60]}”"
        names = tuple(sorted({view.name(m.first.department), view.name(m.second.department)}))
        out.append(NearMiss(overlap.ID, names, m.matter, label_, detail + "。"))
    return out


def _no_lead_misses(view: View) -> list[NearMiss]:
    ix = held_index(view)
    mutual = {i for d in mutual_deferral.deferrals(view) for i in d.statements}
    out = []
    for group in supported_matters(view, exclude=mutual):
        names = tuple(view.name(d) for d in group.departments(ix))
        matter = label(ix, group)
        found = leading(view, group)
        if found is not None:
            lead = ix.statements[ix.owner[found[0]]]
            out.append(NearMiss(no_lead.ID, names, matter, "已有牵头部门",
                                f"{_quote(view, lead)}牵头负责“{ix.part[found[0]]}”，与配合的“{ix.part[found[1]]}”"
                                f"是同一事项。"))
        elif no_lead.lead_unknown(view, group):
            out.append(NearMiss(no_lead.ID, names, matter, "牵头部门尚无三定",
                                "配合条款点名的牵头部门在库中没有三定，无法核对是否有人牵头。"))
        elif no_lead.named_boundary_lead(view, group):
            out.append(NearMiss(no_lead.ID, names, matter, "职责分工已明确牵头",
                                "现行“有关职责分工”条款已为该事项明确牵头部门。"))
    return out


def _why_overlap(view: View, finding: Finding) -> list[str]:
    ix = held_index(view)
    for group in overlap.reported_groups(view):
        departments = sorted({d for m in group for d in (m.first.department, m.second.department)})
        names = sorted(view.name(d) for d in departments)
        best = sorted(group, key=lambda m: (-m.cosine, len(m.matter), m.matter))[0]
        if finding_id(overlap.ID, finding.jurisdiction, names, best.matter) != finding.id:
            continue
        lines = []
        for m in group:
            shared = "、".join(f"“{w.lstrip('§')}”" for w in m.shared) or "（词表同一事项）"
            rule = SPLIT if m.verdict == "known_split" else NOT_HELD
            lines.append(f"{_quote(view, m.first)} 与 {_quote(view, m.second)}：都以牵头动词管“{m.matter}”，"
                         f"所管对象相似度 {m.cosine:.2f}，共有 {shared}；{rule}。")
        lines += _boundaries_read(view, ix, departments)
        return lines
    return []


def _boundaries_read(view: View, ix, departments: list[str]) -> list[str]:
    """The boundary clauses between the departments of a finding, each said to concern another matter."""
    out = []
    for b in view.current_boundaries:
        if len(set(b.parties) & set(departments)) >= 2:
            out.append(f"两部门之间有职责分工条款《{view.title(b.document)}》{b.clause}“{b.text[:60]}”，"
                       f"但它涉及的是其他事项，不涉及本事项。")
    return out or ["涉及的部门之间没有现行“有关职责分工”条款。"]


def _why_no_lead(view: View, finding: Finding) -> list[str]:
    ix = held_index(view)
    mutual = {i for d in mutual_deferral.deferrals(view) for i in d.statements}
    for group in supported_matters(view, exclude=mutual):
        names = sorted(view.name(d) for d in group.departments(ix))
        if finding_id(no_lead.ID, finding.jurisdiction, names, label(ix, group)) != finding.id:
            continue
        lines = [f"{_quote(view, ix.statements[i])}：{ix.statements[i].reading.verb or '配合'}，不是牵头。"
                 for i in group.statements]
        words = "、".join(f"“{w}”" for w in sorted(group.anchors)[:4])
        if words:
            lines.append(f"这些条款所管对象相同（共有 {words}）。")
        closest = closest_lead(view, group)
        if closest is None:
            lines.append("现行三定中没有任何牵头条款涉及该事项。")
        else:
            lr, r, cos = closest
            lines.append(f"最接近的牵头条款是 {_quote(view, ix.statements[ix.owner[lr]])}（“{ix.part[lr]}”与"
                         f"“{ix.part[r]}”相似度 {cos:.2f}），不足以认定为同一事项。")
        return lines
    return []


@dataclass(frozen=True)
class Explained:
    """The reasoning behind one jurisdiction's findings at a date."""

    why: dict[str, list[str]]  # finding id → lines
    near_misses: list[NearMiss]


def explain(store, jurisdiction: str, at, findings: list[Finding]) -> Explained:
    """Project the jurisdiction at the date and explain the findings (the ones a check found there)."""
    from zhize.queries.view import view_of

    view = view_of(store.project(jurisdiction, at))
    return Explained({f.id: why(view, f) for f in findings}, near_misses(view))


def as_json(misses: list[NearMiss]) -> list[dict]:
    return [{"detector": m.detector, "departments": list(m.departments), "matter": m.matter, "rule": m.rule,
             "detail": m.detail} for m in misses]
