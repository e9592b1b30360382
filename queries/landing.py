"""Did a reform's transfers land? For each transfer (or merge naming a duty) with a receiving
department: is the matter in the receiving department's 三定 issued after the reform?

Used by `zhize transfers` (a status per event) and by detector GAP001 (the ones that did not).
Matching is lenient on purpose — a transfer reported as not landed is a serious claim — so a
matter counts as held when a current duty or 有关职责分工 clause of the receiving department carries
its key or a synonym, names its core (or the plan's duty phrase) in the text, or covers three
quarters of its wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from zhize.queries.matching import (
    bigrams,
    canonical,
    clean,
    mention_forms,
    normalise,
    phrases,
    synonyms,
    without_exceptions,
)
from zhize.queries.view import Boundary, Document, Duty, Event, View

LANDED = "已落实"
MISSING = "未见于承接部门三定"
UNVERIFIABLE = "无法核对"
NO_DATE = "缺少印发日期"  # the plan's or the receiving 三定's issue date is unknown
MOVING = frozenset({"transfer", "merge"})


@dataclass(frozen=True)
class Landing:
    event: Event
    target: str
    matter: str
    status: str
    reason: str = ""
    sanding: Document | None = None
    duties: tuple[Duty, ...] = ()
    boundaries: tuple[Boundary, ...] = ()


def event_matters(event: Event) -> list[tuple[str, str]]:
    """(matter, wording) pairs an event moves: its matter keys, else its named duty phrase."""
    if event.keys:
        return [(k, w) for k, w in zip(event.keys, event.wordings, strict=False)]
    phrase = without_exceptions(event.duty)
    key = canonical(phrase) if phrase else None
    return [(key, phrase)] if key else []


def landings(view: View) -> list[Landing]:
    """One landing per (event, matter) of the transfers and named merges with a receiving department."""
    out = []
    for event in sorted(view.events.values(), key=lambda e: (e.date or view.at, e.document, e.ordinal)):
        if event.kind not in MOVING or not event.targets:
            continue
        for matter, wording in event_matters(event):
            out.append(landing(view, event, event.targets[0], matter, wording))
    return out


def landing(view: View, event: Event, target: str, matter: str, wording: str) -> Landing:
    if not view.active(target):
        return Landing(event, target, matter, UNVERIFIABLE, "承接部门在查询日期已不存在")
    sanding = view.sanding_in_force.get(target)
    if sanding is None:
        return Landing(event, target, matter, UNVERIFIABLE, "承接部门尚无三定")
    if event.date is None or sanding.issue_date is None:
        return Landing(event, target, matter, UNVERIFIABLE, NO_DATE, sanding)
    if sanding.issue_date < event.date:
        return Landing(event, target, matter, UNVERIFIABLE, "承接部门尚无改革后印发的三定", sanding)
    wordings = list(dict.fromkeys(w for w in (wording, without_exceptions(event.duty)) if w))
    duties = tuple(d for d in view.held_by.get(target, []) if any(holds(d.text, d.keys, matter, w) for w in wordings))
    boundaries = tuple(b for b in view.current_boundaries if target in b.parties
                       and any(holds(b.text + b.parties[target][0], b.keys, matter, w) for w in wordings))
    status = LANDED if duties or boundaries else MISSING
    return Landing(event, target, matter, status, "", sanding, duties, boundaries)


def holds(text: str, keys: tuple[str, ...], matter: str, wording: str = "") -> bool:
    """A clause (its text and matter keys) is about `matter`, read leniently."""
    forms, cores, long_cores = _wanted(matter, wording)
    if any(synonyms(k) & forms or normalise(k) in forms for k in keys):
        return True
    if not keys and any(canonical(p) in forms for p in phrases(text)):
        return True
    body = clean(text)
    if any(c in body for c in cores):
        return True
    return any(sum(1 for g in grams if g in body) / len(grams) >= 0.75 for grams in long_cores)


@lru_cache(maxsize=1 << 14)
def _wanted(matter: str, wording: str) -> tuple[frozenset[str], tuple[str, ...], tuple[frozenset[str], ...]]:
    """What `holds` looks for, worked out once per matter and wording: the forms a key may take, the
    cores to find in a text, and the character bigrams of the cores long enough to be found by
    coverage (three quarters of them)."""
    forms = synonyms(matter) | ({canonical(wording)} - {None} if wording else set())
    cores = set(mention_forms(matter)) | (set(mention_forms(wording)) if wording else set())
    found = tuple(c for c in cores if c)
    grams = (frozenset(bigrams(c)) for c in found if len(c) >= 4)
    return frozenset(forms), found, tuple(g for g in grams if g)
