"""GAP001 划转未落地 — a reform moves a matter to department B, and B's new 三定 does not hold it.

What it flags
    A reform event that moves a named duty — a transfer (将A的X职责划入B), or a merge that names the
    duty it moves — to a receiving department B, when B's 三定 in force at the check date was issued
    on or after the reform and none of its duties or 有关职责分工 clauses is about X. One finding per
    receiving department and matter (several sources moving the same matter to B give one).

Why it matters to a 编办
    职责划转到位 is what the 回头看 after a reform checks first: seed 004 found three transfers
    announced in the plan that the receiving 三定 never picked up (老龄工作, 外国专家管理, 水旱灾害防治).
    A duty that left the old department and never arrived is a gap nobody is accountable for.

How
    The matter of an event is its matter keys, else its duty phrase without exceptions and tails
    (水旱灾害防治相关职责 → 水旱灾害防治). B holds it when a current duty or boundary clause of B carries the
    key or a synonym, names its core in the text, or covers three quarters of its wording — lenient,
    because "not landed" is a serious claim (see `queries.landing`).

Limits and choices
    - If B has no 三定 in the store, or only one issued before the reform, the transfer cannot be
      checked: it is not reported here (`zhize transfers` lists it as 无法核对). Reporting it would
      flood a store where only some 三定 are loaded.
    - Whole-body merges (将A的职责整合划入B with no duty named) are not checked duty by duty; that A's
      duties all arrived is a broader question than this rule, and their fate is GAP002's concern
      when A is abolished.
    - A matter B holds under wording the synonym table does not know, and that shares no core with
      the plan's wording, is reported; the reviewer dismisses it with a reason.

Example
    岚川县机构改革方案 三（七） moves 县水利局的水旱灾害防治相关职责 to 岚川县应急管理局; the 应急管理局 三定
    (2019-06-18) names neither 水旱灾害 nor 防汛抗旱 → one finding {岚川县应急管理局} on 水旱灾害防治.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from zhize.graph.models import Evidence, Finding, Severity
from zhize.queries.detectors.base import Context, Rule, join_names
from zhize.queries.landing import MISSING, NO_DATE, UNVERIFIABLE, Landing, landings
from zhize.queries.matching import normalise
from zhize.queries.view import View, view_of

ID = "GAP001"
KIND = "划转未落地"
SEVERITY = Severity.HIGH
RULE = Rule(ID, KIND, SEVERITY)


def detect(graph: nx.MultiDiGraph, context: Context) -> Iterator[Finding]:
    view = view_of(graph)
    missing: dict[tuple[str, str], list[Landing]] = {}
    undated: dict[tuple[str, str], list[Landing]] = {}
    for landing in landings(view):
        if landing.status == MISSING:
            missing.setdefault((landing.target, normalise(landing.matter)), []).append(landing)
        elif landing.status == UNVERIFIABLE and landing.reason == NO_DATE:
            undated.setdefault((landing.target, normalise(landing.matter)), []).append(landing)
    for (target, _), found in sorted(missing.items()):
        yield _finding(view, context, target, found)
    for (target, _), found in sorted(undated.items()):
        yield _undated_finding(view, context, target, found)


def _undated_finding(view: View, context: Context, target: str, found: list[Landing]) -> Finding:
    """A transfer whose landing cannot be checked because a date is missing: said, not skipped."""
    first = found[0]
    name = view.name(target)
    plans = "、".join(dict.fromkeys(f"《{view.title(x.event.document)}》{x.event.clause}" for x in found))
    title = first.sanding.title if first.sanding else ""
    missing = "改革方案" if first.event.date is None else f"{name}现行三定《{title}》"
    message = (f"无法核对：缺少印发日期。{plans}将“{first.matter}”划入{name}，但{missing}的印发日期不详，"
               f"无法判断承接部门三定是否在改革之后印发、是否已写入该职责。建议补充文件的印发日期后重新检测。")
    evidence = [view.event_evidence(x.event) for x in found]
    finding = RULE.finding(context, [name], first.matter, evidence, message, 0.5)
    return finding.model_copy(update={"severity": Severity.LOW})


def _finding(view: View, context: Context, target: str, found: list[Landing]) -> Finding:
    first = found[0]
    name = view.name(target)
    sources = sorted({view.name(s) for x in found for s in x.event.sources})
    plans = "、".join(dict.fromkeys(f"《{view.title(x.event.document)}》{x.event.clause}" for x in found))
    sanding = first.sanding
    evidence = [view.event_evidence(x.event) for x in found]
    if sanding is not None:
        evidence.append(Evidence(document=sanding.id, document_title=sanding.title, department=name,
                                 quote=f"（全文未见“{first.matter}”相关职责）"))
    origin = f"由{join_names(sources)}" if sources else ""
    title, issued = (sanding.title, sanding.issue_date) if sanding else ("", "")
    message = (f"{plans}将“{first.matter}”{origin}划入{name}，但{name}现行三定《{title}》（{issued}印发）"
               f"中未见相关职责，也没有相关的职责分工条款，划转未落实到位。"
               f"建议核实该职责的去向，在{name}三定中补充，或按程序调整改革方案的划转安排。")
    confidence = 0.85 if first.event.keys else 0.7
    return RULE.finding(context, [name], first.matter, evidence, message, confidence)
