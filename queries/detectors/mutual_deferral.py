"""BPR002 相互推诿 — clauses that defer to each other, or divide a matter without naming a lead.

What it flags
    1. Mutual deferral: department A's 三定 says it supports B on a matter (配合县B局做好X) while B's
       三定 says it supports A on the same matter (配合县A局做好X); neither leads X. One finding per
       pair and matter. The clause naming the other counts, not only the item's first verb
       ("负责A；配合县B局做好X" defers X).
    2. A division of labour that names no lead: a current 有关职责分工 clause that settles a matter
       "按职责分工" / "各司其职" / "各负其责" with no party in a lead role and no 牵头 named. One finding
       per clause's parties and matter.

Why it matters to a 编办
    Each 三定 read alone looks fine; read together, each department points at the other and the
    matter falls between them — the 推诿 the rule 确需多个部门管理的事项，明确牵头部门，分清主办和协办
    (seed 003) is meant to prevent. Such a pair is also a no-lead matter (BPR001); BPR001 leaves it
    to this more specific finding.

How
    Every support statement (配合, 协助, 参与, 协同, 支持, 按职责分工配合 — also inside a lead item,
    "负责A；配合县B局做好X") is read for the departments it names (full names, short forms 县交通运输局,
    aliases and plaques). A pair defers when each names the other and the two statements are about
    one matter: a matter key both name, or objects that share some wording (`queries.similarity`:
    县城区排涝 ~ 县城内涝防治; the mutual naming is the strong evidence, so little similarity is asked).

Limits
    Only two-way deferral (A → B → A); longer rings are not followed. Clauses that say 配合有关部门
    without naming one cannot defer to anybody in particular (BPR001 covers them). A boundary that
    both says 各负其责 and gives each party its own share (县A局负责…；县B局负责…) is a division, not
    a deferral, and is not flagged.

Example
    岚川县住房和城乡建设局 第三条（十二） "配合县交通运输局做好建筑垃圾运输车辆的监督管理工作" and 岚川县交通运输局
    第三条（十） "配合县住房和城乡建设局做好建筑垃圾（渣土）运输管理工作" → one finding {住建局, 交通运输局} on
    建筑垃圾运输管理.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx

from zhize.graph.models import Finding, Severity
from zhize.queries.detectors.base import Context, Rule
from zhize.queries.matching import clean, longest_common, normalise
from zhize.queries.similarity import Index
from zhize.queries.support import support_statements
from zhize.queries.tenure import held_index
from zhize.queries.view import Boundary, Duty, View, view_of

ID = "BPR002"
KIND = "相互推诿"
SEVERITY = Severity.HIGH
RULE = Rule(ID, KIND, SEVERITY)

DEFERRING = frozenset({"support", "guidance"})
DEFER = 0.1  # cosine enough for two clauses that name each other
_VAGUE = re.compile(r"按(?:照)?(?:各自)?(?:的)?职责分工|各司其职|各负其责|分工负责|按各自职责")
_LEAD_NAMED = re.compile(r"牵头|主办|为主")


@dataclass(frozen=True)
class Deferral:
    first: Duty
    second: Duty
    matter: str
    statements: tuple[int, int] = (-1, -1)  # the two deferring statements in `held_index(view)`


def detect(graph: nx.MultiDiGraph, context: Context) -> Iterator[Finding]:
    view = view_of(graph)
    for d in deferrals(view):
        yield _deferral_finding(view, context, d)
    for b in vague_boundaries(view):
        yield _vague_finding(view, context, b)


def deferrals(view: View) -> list[Deferral]:
    """Pairs of clauses deferring to each other on one matter (cached on the view)."""
    found = view.cache.get("deferrals")
    if found is None:
        found = view.cache["deferrals"] = _find_deferrals(view)
    return found  # type: ignore[return-value]


def _find_deferrals(view: View) -> list[Deferral]:
    ix = held_index(view)
    naming: dict[tuple[str, str], list[int]] = {}
    for i in support_statements(ix):
        s = ix.statements[i]
        for other in s.partners:
            naming.setdefault((s.department, other), []).append(i)
    out, seen = [], set()
    for (a, b), mine in sorted(naming.items()):
        if (b, a) not in naming or (b, a) in seen:
            continue
        seen.add((a, b))
        for x in mine:
            for y in naming[(b, a)]:
                matter = shared_matter(view, ix, x, y)
                if matter:
                    out.append(Deferral(ix.statements[x].duty, ix.statements[y].duty, matter, (x, y)))
    return out


def shared_matter(view: View, ix: Index, x: int, y: int) -> str | None:
    """The matter two deferring statements are both about: a key both name, else their closest parts
    when they share a concrete word or some wording (the mutual naming is the strong evidence)."""
    a, b = ix.statements[x], ix.statements[y]
    common = sorted(set(a.keys) & set(b.keys), key=lambda k: (-len(k), k))
    if common:
        return next((k for k in a.duty.keys if normalise(k) == common[0]), common[0])
    cos, p, q = ix.best(x, y)
    if cos >= DEFER and p and q:
        found = normalise(longest_common(p, q))
        return found if len(found) >= 3 else min(p, q, key=len)
    return None


def vague_boundaries(view: View) -> list[Boundary]:
    """Current boundary clauses that divide a matter 按职责分工 without naming a lead."""
    out = []
    for b in view.current_boundaries:
        text = b.text + "".join(does for does, _ in b.parties.values())
        if not _VAGUE.search(text) or _LEAD_NAMED.search(text):
            continue
        if any(role == "lead" for _, role in b.parties.values()) or _shares_named(view, b):
            continue
        out.append(b)
    return out


def _shares_named(view: View, b: Boundary) -> bool:
    """Each party is given its own share (县A局负责…；县B局负责…): a division, not a deferral."""
    return sum(1 for does, _ in b.parties.values() if clean(does)) >= 2


def _deferral_finding(view: View, context: Context, d: Deferral) -> Finding:
    a, b = view.name(d.first.department), view.name(d.second.department)
    first, second = view.unit_clause(d.first), view.unit_clause(d.second)
    message = (f"{a}三定（{first}）写明配合{b}做好“{d.matter}”，{b}三定（{second}）"
               f"又写明配合{a}，双方都不牵头，存在相互推诿风险。建议在三定“有关职责分工”中明确其中一个部门牵头、"
               f"另一个部门配合，分清主办和协办。")
    return RULE.finding(context, [a, b], d.matter, [view.evidence(d.first), view.evidence(d.second)], message, 0.85)


def _vague_finding(view: View, context: Context, b: Boundary) -> Finding:
    names = sorted(view.name(p) for p in b.parties)
    matter = b.keys[0] if b.keys else None
    message = (f"“有关职责分工”条款（{view.title(b.document)} {b.clause}）要求{'、'.join(names)}按职责分工做好"
               f"“{matter or '有关工作'}”，但没有明确牵头部门，容易相互推诿。建议明确一个牵头部门，其他部门配合。")
    return RULE.finding(context, names, matter, [view.boundary_evidence(b)], message, 0.7)
