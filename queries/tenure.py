"""Who holds a duty at a date, when documents disagree: time decides.

- A 三定 counts from its issue date until the next 三定 of the same department (the projection's
  `current`); a superseded 三定 never counts.
- A reform plan later than a department's 三定 that moves a duty away overrides that 三定's clause
  from the plan's date: "将县民政局的…城乡社区治理…职责划入县委社会工作部" (2024) makes 民政局's 2019
  "负责指导城乡社区治理" no longer a holding — even before the receiver has its own new 三定, the plan
  says the receiver holds it. A 三定 issued after the plan counts again (the department wrote the
  duty back in).
- A 三定 whose issue date is unknown is never overridden: what cannot be dated cannot be said to
  be older.

`held_index(view)` is the statement index of the duties held at the view's date with the statements
a later plan moved away marked as `overridden`; every detector reads holdings through it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from zhize.queries.matching import boilerplate, normalise
from zhize.queries.similarity import SAME, Index, parts, statements_of
from zhize.queries.statements import read_clause
from zhize.queries.view import Boundary, Event, View

MOVING = frozenset({"transfer", "merge"})
IN_FORCE = "有效的文件"  # the words that open the note on the documents in force
REPEATED = 4  # fewest departments whose writing a duty alike makes it housekeeping
_HOUSEKEEPING = re.compile(r"机关日常运转|政务公开|文电|会务|机关党建|财务|人事|交办|法律法规和方针政策|规范性文件|"
                           r"行政复议|行政应诉")


def held_index(view: View) -> Index:
    """The statement index of the held duties, with `overridden` and `housekeeping` filled in."""
    found = view.cache.get("tenure.held_index")
    if found is None:
        found = Index(view, view.held)
        found.housekeeping = _housekeeping(view, found)
        found.overridden = _overridden(view, found)
        view.cache["tenure.held_index"] = found
    return found  # type: ignore[return-value]


def _housekeeping(view: View, ix: Index) -> set[int]:
    repeated = _repeated(view)
    return {i for i, s in enumerate(ix.statements)
            if s.duty.id in repeated or boilerplate(s.text, s.duty.unit) or _HOUSEKEEPING.search(s.text)}


def _repeated(view: View) -> frozenset[str]:
    """Keyless duties most of whose 4-grams a good share of the departments write (a third, and at
    least `REPEATED`): the housekeeping item every 三定 repeats in its own words. Three departments
    writing "配合做好农村经营性自建房安全隐患排查整治工作" alike is no housekeeping but the very shape
    of a matter nobody leads."""
    keyless = [d for d in view.held if not d.keys]
    departments = len({d.department for d in view.held})
    need = max(REPEATED, -(-departments // 3))
    spread: dict[str, set[str]] = defaultdict(set)
    grams_of = {}
    for d in keyless:
        grams = grams_of[d.id] = {d.text[i:i + 4] for i in range(len(d.text) - 3)}
        for gram in grams:
            spread[gram].add(d.department)
    return frozenset(d.id for d, grams in ((d, grams_of[d.id]) for d in keyless)
                     if grams and sum(len(spread[g]) >= need for g in grams) >= len(grams) / 2)


def moved_away(view: View) -> list[Event]:
    """Transfers (and merges naming a duty) in force at the view's date, oldest first."""
    return sorted((e for e in view.events.values() if e.kind in MOVING and e.sources and e.duty
                   and e.date is not None and e.date <= view.at), key=lambda e: (e.date, e.document, e.ordinal))


def _overridden(view: View, ix: Index) -> set[int]:
    """Statements of a 三定 older than a plan that moved their duty away from the department."""
    out: set[int] = set()
    events = moved_away(view)
    for event, moved in zip(events, ix.against_all([e.duty or "" for e in events], loose=True, minimum=SAME),
                            strict=True):
        for i, cosine in moved:
            s = ix.statements[i]
            if s.department not in event.sources or cosine < SAME:
                continue
            issued = view.documents[s.duty.document].issue_date if s.duty.document in view.documents else None
            if issued is not None and issued < event.date:
                out.add(i)
    return out


def overriding_event(view: View, ix: Index, i: int) -> Event | None:
    """The plan event that moved statement i away, if any (for messages and 谁负责)."""
    s = ix.statements[i]
    for event in moved_away(view):
        moved = ix.against(event.duty or "", loose=True)
        if s.department in event.sources and any(j == i and c >= SAME for j, c in moved):
            return event
    return None


def settled_by(view: View, ix: Index, a: str, b: str, matter: str, keys: frozenset[str] = frozenset()) -> bool:
    """A current 有关职责分工 clause between departments a and b governs this matter (`settling`)."""
    return settling(view, ix, a, b, matter, keys) is not None


def settling(view: View, ix: Index, a: str, b: str, matter: str,
             keys: frozenset[str] = frozenset()) -> Boundary | None:
    """The current 有关职责分工 clause between departments a and b that governs this matter: its matter
    key is one both statements name (`keys`), or one of its statements (its text, or a party's share)
    is about the same object. A clause on another matter between the same two departments settles
    nothing here."""
    for boundary in view.current_boundaries:
        if not {a, b} <= set(boundary.parties):
            continue
        if keys & {normalise(k) for k in boundary.keys}:
            return boundary
        texts = [boundary.text] + [does for does, _ in boundary.parties.values()]
        for text in texts:
            for reading in read_clause(view.mask_names(text, "□"), "lead"):
                if any(ix.similar(p, matter) >= SAME for p in parts(reading.object)):
                    return boundary
    return None


def in_force_note(view: View, departments: list[str]) -> str:
    """A sentence naming the documents in force at the date that the finding rests on."""
    docs = [view.sanding_in_force[d] for d in departments if d in view.sanding_in_force]
    plans = [d for d in view.documents.values() if d.kind != "三定" and (d.issue_date or date.min) <= view.at]
    shown = [f"《{d.title}》（{_issued(d.issue_date)}）" for d in docs]
    plans.sort(key=lambda d: d.issue_date or date.min)
    shown += [f"《{d.title}》（{_issued(d.issue_date)}）" for d in plans]
    if not shown:
        return ""
    return f"（{view.at.isoformat()}{IN_FORCE}：{'、'.join(shown)}。）"


def _issued(day: date | None) -> str:
    return f"{day.isoformat()}印发" if day else "印发日期不详"


__all__ = ["held_index", "in_force_note", "moved_away", "overriding_event", "settled_by", "settling", "statements_of"]
