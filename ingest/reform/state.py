"""What reading a plan keeps: the names met, the events found, and what the current item is about.

`Names` resolves every mention through the document's `NameBook` (one canonical name per body).
`Focus` is the little a sentence needs from the sentences before it in the same item: the body
it is about (for a subject left out: ", 加挂县文物局牌子"), the body 其 refers to, a receiver a colon
announced, the duties a body was said to hold (for a partial transfer). It is reset at every new
outline path. `Plan` collects events and warnings with their view offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zhize.graph.records import EventKind, ExtractWarning
from zhize.ingest.names import PARTY, NameBook, expand
from zhize.ingest.names_pattern import find_department_names
from zhize.ingest.reform import names as shapes
from zhize.ingest.reform.sentences import Sentence, View, build_view, short

_QUOTES = "“”\"'「」"
# How the names of a body's branches end (云州市生态环境局岚川分局 …).
_BRANCHES = ("分局", "分中心", "支队", "大队", "分所", "分院")


@dataclass
class Ref:
    mention: str
    canonical: str


@dataclass
class Event:
    kind: EventKind
    sources: list[Ref]
    target: Ref | None
    start: int  # view offsets
    end: int
    clause: str
    item: str
    duty: str | None = None
    detail: dict[str, str] = field(default_factory=dict)
    plaque: Ref | None = None
    matter_text: str | None = None
    from_merge: bool = False
    origin: str = ""  # "table": read from a table of transfers (the prose wins where both say it)


@dataclass
class Subject:
    ref: Ref
    sentence: int
    start: int  # view offset of the clause that named it


@dataclass
class Inventory:
    """Duties a plan says a body holds (县甲局原承担X和Y两项职责): what it does not move stays."""

    source: Ref
    duties: list[str]


@dataclass
class Focus:
    clause: str = ""
    item: str = ""
    subject: Subject | None = None
    antecedent: Ref | None = None
    # every body the last list named (县甲局、县乙局撤销，其职责划归县丙局: 其 is both) and the
    # sentence it was named in (县甲局、县乙局撤销，整合组建县丙局 merges them in that sentence only)
    antecedents: list[Ref] = field(default_factory=list)
    antecedents_sentence: int = -1
    receiver: Ref | None = None  # 以下职责转入D：… — the sources follow in this item
    inventories: list[Inventory] = field(default_factory=list)
    listing: str | None = None
    type_changed: tuple[int, str, str | None, str] | None = None
    quiet: Sentence | None = None  # the last sentence with no event


class Names:
    """Mentions → canonical names, through the name book, memoised per mention."""

    def __init__(self, jurisdiction: str, book: NameBook, town: str = "", upper: str = "") -> None:
        # the place names are checked against: a township's plan names its own bodies 镇X
        self.jurisdiction = town or jurisdiction
        self.town = town
        self.upper = upper if town and upper != jurisdiction else ""  # its county, when not the book's own
        self.book = book
        self.refs: dict[str, Ref] = {}

    def ref(self, mention: str) -> Ref:
        mention = mention.strip().strip(_QUOTES)
        if mention not in self.refs:
            self.refs[mention] = Ref(mention, self._canonical(mention))
        return self.refs[mention]

    def plaque_ref(self, mention: str) -> Ref:
        """A plaque's name: a known body of that name (the old 县档案局), else its full form. It is
        not entered in the name book as a department (at the end it is entered as a plaque)."""
        mention = mention.strip().strip(_QUOTES)
        if mention in self.refs:
            return self.refs[mention]
        upper = self._upper_body(mention)
        return Ref(mention, self._town_body(mention) or (upper and self.book.canonical(upper))
                   or self.book.resolve(mention) or self.book.full(expand(mention)))

    def _canonical(self, mention: str) -> str:
        town = self._town_body(mention)
        if town:
            return self.book.add(town, mention)
        upper = self._upper_body(mention)
        if upper:
            return self.book.canonical(upper) if upper != mention else self.book.add(upper, mention)
        known = self.book.resolve(mention)
        if known is None:
            return self._branch(mention) or self.book.canonical(mention)
        if self.book.plaques.get(known):
            full = self.book.full(expand(mention))
            if known != full and full in self.book.plaques[known]:
                return full  # a plaque's own name here means the body that carried it before the reform
        return known

    def _town_body(self, mention: str) -> str | None:
        """镇党政综合办公室 in a township's plan → 某镇党政综合办公室: a body of the township, not of
        the county the name book knows (the book would make it 某县镇党政综合办公室)."""
        if not self.town:
            return None
        if mention.startswith(self.town):
            return mention
        n = shapes._town_level(mention, self.town)
        return self.town + mention[n:] if n else None

    def _upper_body(self, mention: str) -> str | None:
        """县市场监督管理局 in a township's plan whose book is the township's → 柃坝县市场监督管理局:
        a body of the county the title names (县委X → 中共柃坝县委X)."""
        if not self.upper:
            return None
        bare = mention.removeprefix(PARTY)
        if bare.startswith(self.upper):
            return mention
        level = self.upper[-1]
        if not bare.startswith(level) or shapes._town_level(bare, self.town):
            return None
        return (PARTY if bare[1:2] == "委" else "") + self.upper + bare[1:]

    def _branch(self, mention: str) -> str | None:
        """The short form of a branch: 岚川分局 for 云州市生态环境局岚川分局 met before — the known
        name is a body's name followed by exactly this mention."""
        if not mention.endswith(_BRANCHES) or shapes.has_prefix(mention, self.jurisdiction):
            return None
        for ref in self.refs.values():
            name = ref.canonical
            if name.endswith(mention) and len(name) > len(mention) + 2 \
                    and shapes.valid_name(name[: -len(mention)], self.jurisdiction):
                return name
        return None

    def literal(self, mention: str) -> str:
        return self.book.full(mention)

    def names(self, text: str) -> list[str] | None:
        return shapes.names_in(text, self.jurisdiction)

    def valid(self, text: str) -> bool:
        return shapes.valid_name(text, self.jurisdiction)

    def prefixed(self, name: str) -> bool:
        return shapes.has_prefix(name, self.jurisdiction)

    def lead(self, text: str, *, single: bool = True, fallback: bool = False) -> int:
        """Length of the department name `text` starts with; with `fallback`, the shared name
        finder is asked when the shape check finds none."""
        n = shapes.lead_name(text, self.jurisdiction, single=single)
        if n or not fallback:
            return n
        for start, end, _ in find_department_names(text[:60]):
            return end if start == 0 else 0
        return 0


class Plan:
    """The reading of one plan: the view, names, focus, and what has been found so far."""

    def __init__(self, text: str, jurisdiction: str, book: NameBook, town: str = "", upper: str = "") -> None:
        self.text = text
        self.jurisdiction = jurisdiction
        self.view: View = build_view(text, jurisdiction)
        self.names = Names(jurisdiction, book, town, upper)
        self.focus = Focus()
        self.sentence: Sentence | None = None
        self.events: list[Event] = []
        self.warnings: list[ExtractWarning] = []
        self.types: dict[str, str] = {}  # by mention: canonical names may still change (交通局)
        self.ranks: dict[str, str] = {}
        self.extra: list[Ref] = []  # departments named outside events (lists, 作为X的派出机构)
        self.created: dict[tuple[str, str], Event] = {}  # (clause, canonical) → its create event
        self.skipped: list[tuple[int, int]] = []  # view ranges read by another reader (tables)
        self.inventories: list[tuple[str, Inventory]] = []  # (item path, what a body was said to hold)
        # a section headed by one department's name (一、县甲局), whose items move its duties
        # (1．X职责，划入县乙局): (the section's path, the body)
        self.headed: tuple[str, Ref] | None = None

    # -- position --

    def enter(self, sentence: Sentence) -> None:
        if sentence.clause != self.focus.clause:
            carried = self.focus if sentence.item == self.focus.item else None
            self.focus = Focus(clause=sentence.clause, item=sentence.item)
            if carried is not None:  # a sub-item of the same item: the announced receiver and inventory stay
                self.focus.receiver, self.focus.inventories = carried.receiver, carried.inventories
        self.sentence = sentence

    @property
    def index(self) -> int:
        return self.sentence.index if self.sentence else 0

    # -- output --

    def warn(self, start: int, end: int, message: str, code: str = "reform.unparsed") -> None:
        a, b = self.view.span(start, end)
        self.warnings.append(ExtractWarning(code=code, message=message, clause=self.focus.clause, span=(a, b)))

    def unparsed(self, start: int, end: int, reason: str) -> None:
        self.warn(start, end, f"无法解析的改革表述（{reason}）：{short(self.view.s[start:end])}")

    def emit(self, kind: EventKind, sources: list[Ref], target: Ref | None, start: int, end: int,
             **extra) -> Event | None:
        if not sources and target is None and kind is not EventKind.NEW_TASK:
            return None
        event = Event(kind, sources, target, start, end, self.focus.clause, self.focus.item, **extra)
        self.events.append(event)
        return event

    def create(self, target: Ref, start: int, end: int, *, from_merge: bool) -> None:
        """One create per department and item: 组建县自然资源局。将……整合，组建县自然资源局 is one."""
        event = self.created.get((self.focus.clause, target.canonical))
        if event is not None:
            if from_merge and not event.from_merge:  # the merge sentence says more than the heading
                event.start, event.end, event.from_merge = start, end, True
            return
        event = self.emit(EventKind.CREATE, [], target, start, end, from_merge=from_merge)
        if event is not None:
            self.created[(self.focus.clause, target.canonical)] = event

    def set_type(self, ref: Ref, kind: str) -> None:
        self.types.pop(ref.mention, None)  # the latest statement wins
        self.types[ref.mention] = kind
        self.extra.append(ref)

    # -- focus --

    def heading_source(self, sentence: Sentence) -> Ref | None:
        """The body a section's heading names, for a sentence in an item of that section."""
        if self.headed is None or not sentence.clause.startswith(self.headed[0]):
            return None
        return self.headed[1]

    def set_subject(self, ref: Ref | None, start: int) -> None:
        if ref is not None:
            self.focus.subject = Subject(ref, self.index, start)

    def refer(self, refs: list[Ref]) -> None:
        """The bodies a following 其 (or a clause with its source left out) stands for."""
        if refs:
            self.focus.antecedent = refs[-1]
            self.focus.antecedents = list(refs)
            self.focus.antecedents_sentence = self.index

    def referred(self) -> list[Ref]:
        """What 其 stands for: the bodies of the last list, or the one body named last."""
        focus = self.focus
        if focus.antecedent is None:
            return []
        listed = focus.antecedents and focus.antecedents[-1] is focus.antecedent
        return focus.antecedents if listed else [focus.antecedent]

    def subject_start(self, default: int) -> int:
        """Where an event with an elided subject starts: at the clause naming the subject when it is
        in the same sentence (县档案局更名为县档案馆，由…调整为…), else at its own clause."""
        subject = self.focus.subject
        if subject and subject.sentence == self.index and subject.start < default:
            return subject.start
        return default

    def this_body(self, words: str) -> Ref | None:
        """该局 / 本局 / 新组建的局: the body the item is about."""
        if words in ("该局", "本局", "该部", "该委", "该办", "该中心", "新组建的局", "该机构") and self.focus.subject:
            return self.focus.subject.ref
        return None
