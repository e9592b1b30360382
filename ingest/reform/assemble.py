"""From what was read to records: events deduplicated, partial transfers given their remainder,
and the departments the plan names with their aliases, plaques, types and ranks.

- an event said twice (a plaque in the item and again in 其他事项, a row of the table and the
  prose) is one: the prose's wording wins over the table's;
- a 组建 realised by a rename in the same item (组建县行政审批服务局 … 更名为县行政审批服务局) is no create;
- two spellings the name book would merge (区交通局 / 区交通运输局: 交通 is also short for 交通运输)
  stay two bodies when one is created where the other is a source;
- a body said to hold duties (县甲局原承担X和Y两项职责) that moves only some of them: every transfer
  of that body in that item carries the others as ``detail["remainder"]`` (joined by ；);
- plaques are entered in the name book at the end, so that a plaque's name is not taken for the
  body carrying it while the plan is read.
"""

from __future__ import annotations

import re

from zhize.graph.records import DepartmentRecord, EventKind, EventRecord, MatterRef
from zhize.ingest.matters import matters_of
from zhize.ingest.names import expand
from zhize.ingest.reform.names import portfolio
from zhize.ingest.reform.sources import shared_tail
from zhize.ingest.reform.state import Event, Plan


def records(plan: Plan) -> tuple[list[EventRecord], list[DepartmentRecord]]:
    _drop_renamed_creates(plan)
    _drop_reorganised_creates(plan)
    _separate_same_names(plan)
    _drop_table_repeats(plan)
    remainders = _remainders(plan)
    events, keys = [], set()
    for e in plan.events:
        record = _record(plan, e, remainders.get(id(e)))
        if record is None:
            continue
        key = (record.kind, tuple(sorted(record.sources)), record.target, record.duty,
               tuple(sorted(record.detail.items())) if record.kind != EventKind.TRANSFER else ())
        if key in keys:
            continue
        keys.add(key)
        events.append(record)
    for target, plaque in {(e.target, e.detail["plaque"]) for e in events if e.kind == EventKind.PLAQUE}:
        if target:
            plan.names.book.add_plaque(target, plaque)
    return events, _departments(plan, events)


def _drop_renamed_creates(plan: Plan) -> None:
    renamed = {(e.clause, e.target.canonical) for e in plan.events if e.kind == EventKind.RENAME and e.target}
    plan.events = [e for e in plan.events if not (
        e.kind == EventKind.CREATE and e.target and (e.clause, e.target.canonical) in renamed)]


def _drop_reorganised_creates(plan: Plan) -> None:
    """重新组建科技部 while 科技部 gives duties away in the same plan: the body is reorganised, it
    existed before and goes on; it is not created."""
    givers = {r.canonical for e in plan.events if e.kind in (EventKind.TRANSFER, EventKind.MERGE) for r in e.sources}
    plan.events = [e for e in plan.events if not (
        e.kind == EventKind.CREATE and e.target and e.target.canonical in givers
        and f"重新组建{e.target.mention}" in plan.view.s[e.start:e.end])]


def _separate_same_names(plan: Plan) -> None:
    """Two bodies written differently that the name book took for one keep their own names."""
    literal: dict[str, str] = {}
    created: dict[tuple[str, str], set[str]] = {}  # (clause, canonical) → mentions created there
    for e in plan.events:
        if e.kind in (EventKind.CREATE, EventKind.RENAME) and e.target:
            created.setdefault((e.clause, e.target.canonical), set()).add(e.target.mention)
    for e in plan.events:
        for source in e.sources:  # only within one item: elsewhere a short form may be the new body
            others = set(created.get((e.clause, source.canonical), ()))
            if e.target is not None and e.target.canonical == source.canonical:
                others.add(e.target.mention)
            others.discard(source.mention)
            if others and plan.names.literal(source.mention) not in {plan.names.literal(o) for o in others}:
                literal[source.mention] = plan.names.literal(source.mention)
    for ref in plan.names.refs.values():
        if ref.mention in literal:
            ref.canonical = literal[ref.mention]


_DUTY_NOISE = re.compile(r"的|有关|相关|等|职责|职能|工作|[，,、；;\s]")


def same_duty(a: str | None, b: str | None) -> bool:
    """Two wordings of one moved duty: one contains the other once particles are set aside."""
    x, y = _DUTY_NOISE.sub("", a or ""), _DUTY_NOISE.sub("", b or "")
    return bool(x and y) and (x in y or y in x)


def covered(item: str, moved: str) -> bool:
    """Whether a duty a body was said to hold is one of the items of a moved duty, in the same or
    a shortened wording (统筹推进城乡供水工程建设资金管理 / 供水工程建设资金管理): nearly
    all two-character pieces of the shorter are in the longer."""
    for part in re.split(r"[、，,；;]", moved):
        if same_duty(item, part):
            return True
        x, y = sorted((_DUTY_NOISE.sub("", item), _DUTY_NOISE.sub("", part)), key=len)
        pairs = {x[i:i + 2] for i in range(len(x) - 1)}
        if len(pairs) >= 3 and sum(p in y for p in pairs) >= 0.8 * len(pairs):
            return True
    return False


def _drop_table_repeats(plan: Plan) -> None:
    prose = [e for e in plan.events if e.origin != "table" and e.kind in (EventKind.TRANSFER, EventKind.MERGE)]
    keep = []
    for e in plan.events:
        if e.origin == "table" and any(_pair(p) == _pair(e) and (p.kind == EventKind.MERGE or same_duty(p.duty, e.duty))
                                       for p in prose):
            continue
        keep.append(e)
    plan.events = keep


def _pair(e: Event) -> tuple[tuple[str, ...], str | None]:
    return tuple(r.canonical for r in e.sources), e.target.canonical if e.target else None


def _remainders(plan: Plan) -> dict[int, str]:
    """id(event) → what its source was said to hold and the item does not move."""
    out: dict[int, str] = {}
    for item, inventory in plan.inventories:
        moved = [e for e in plan.events if e.item == item and e.kind == EventKind.TRANSFER
                 and any(r.canonical == inventory.source.canonical for r in e.sources)]
        if not moved:
            continue
        left = [d for d in inventory.duties if not any(covered(d, e.duty or "") for e in moved)]
        if left:
            for e in moved:
                out[id(e)] = "；".join(left)
    return out


def _record(plan: Plan, e: Event, remainder: str | None) -> EventRecord | None:
    start, end = plan.view.span(e.start, e.end)
    sources = list(dict.fromkeys(r.canonical for r in e.sources))
    target = e.target.canonical if e.target else None
    if target is not None and sources == [target] and e.kind != EventKind.RENAME:
        return None
    detail = dict(e.detail)
    if e.kind == EventKind.PLAQUE and e.plaque:
        plaque = e.plaque.canonical
        if plaque == target:
            plaque = plan.names.book.full(expand(e.plaque.mention))
        if plaque == target:
            return None
        detail["plaque"] = plaque
    if e.kind == EventKind.RENAME:
        if not sources or sources == [target]:
            return None
        detail = {"from": sources[0], "to": target or ""}
    if remainder:
        detail["remainder"] = remainder
    duty = shared_tail(e.duty) if e.kind == EventKind.TRANSFER and e.duty else e.duty  # X和Y管理 → X管理、Y管理
    return EventRecord(kind=e.kind, sources=sources, target=target, duty=duty, matters=_matters(plan, e),
                       detail=detail, text=plan.text[start:end], clause=e.clause, span=(start, end))


def _matters(plan: Plan, e: Event) -> list[MatterRef]:
    """Matters of a moved duty or a new task (ingest.matters); a generic duty (行政职能, 日常工作) is
    read together with its source's portfolio (县档案局 → 档案)."""
    if e.kind not in (EventKind.TRANSFER, EventKind.NEW_TASK) or not e.matter_text:
        return []
    found = matters_of(e.matter_text)
    if not found and e.kind == EventKind.TRANSFER and e.duty and len(e.sources) == 1:
        whole = portfolio(e.sources[0].mention, plan.jurisdiction) + e.duty
        found = [MatterRef(key=m.key, text=e.duty) for m in matters_of(whole)]  # the wording the plan has
    return found


def _departments(plan: Plan, events: list[EventRecord]) -> list[DepartmentRecord]:
    order: dict[str, None] = {}
    for e in events:
        for name in [*e.sources, *([e.target] if e.target else [])]:
            order.setdefault(name, None)
    for ref in plan.extra:
        order.setdefault(ref.canonical, None)
    aliases: dict[str, set[str]] = {}
    for ref in plan.names.refs.values():
        if ref.canonical in order and ref.mention != ref.canonical:
            aliases.setdefault(ref.canonical, set()).add(ref.mention)
    plaques: dict[str, set[str]] = {}
    for e in events:
        if e.kind == EventKind.PLAQUE and e.target:
            plaques.setdefault(e.target, set()).add(e.detail["plaque"])
    refs = plan.names.refs
    types = {refs[m].canonical: kind for m, kind in plan.types.items()}
    ranks = {refs[m].canonical: rank for m, rank in plan.ranks.items()}
    return [DepartmentRecord(name=name, aliases=sorted(aliases.get(name, ())),
                             plaques=sorted(plaques.get(name, ())), rank=ranks.get(name),
                             type=types.get(name)) for name in order]
