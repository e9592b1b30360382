"""Department names within one jurisdiction: full names, short forms, abbreviations, plaques.

One body has many names (docs/domain.md, Names): 岚川县市场监督管理局, 县市场监督管理局, 县市场监管局,
市场监管局, its plaque 县知识产权局, and an old name after a rename. A `NameBook` maps every known
form to one canonical full name. Resolution is exact on the forms it knows; it never merges two
bodies on similarity alone, and a form it cannot place is reported, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from zhize.ingest.scan import finditer_near

# The jurisdiction of national bodies (国务院办公厅, 自然资源部, 国家数据局): the central level, as
# docs/domain.md names the levels (中央 → 省 → 市 → 县). Their names carry no place: they are full as written.
NATIONAL = "中央"
# A document whose place could not be found: a bucket, never part of a department's name.
UNKNOWN_PLACE = "未知"
LEVEL_SUFFIXES = ("自治县", "自治州", "县", "市", "区", "旗", "省", "州", "盟", "街道", "镇", "乡")
PARTY = "中共"
# Words that start with a level character without naming a level: 市场监管局 is not 市 + 场监管局.
NOT_LEVELS = ("市场", "市政", "区域", "县域", "省级", "市级", "县级")
# …except where 市 is the level after all: 市政府, 市政务服务中心, 市政协, 市政法委 (市 + 政…).
LEVEL_AFTER_ALL = ("市政府", "市政务", "市政协", "市政法")


def not_a_level(word: str) -> bool:
    """Whether `word` starts with a level character that is no level: 市场监管局, 市政管理处."""
    return word.startswith(NOT_LEVELS) and not word.startswith(LEVEL_AFTER_ALL)
# How the names of national bodies begin: they carry no place and take none.
NATIONAL_PREFIXES = ("国务院", "国家", "中央", "全国", "中国", "中华人民共和国")
_PLACE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,8}?(?:自治县|自治州|县|市|区|旗|省))")
# A township or 街道 named before one of its bodies (蘅X镇人民政府, X街道办事处, X乡人民政府): a
# place of two or three characters, not a class word (小城镇, 集镇, 乡镇) — the shape the name finder
# (names_pattern._town_level_at) accepts.
_TOWN_PLACE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,2}[^\W城集小重名古乡村边大本全各该](?:街道|镇(?![村级域区])|"
                         r"乡(?=人民政府|政府|党委)))")


@cache
def abbreviations() -> tuple[tuple[str, str], ...]:
    """(short, long) pairs from ingest/data/abbreviations.tsv, longest short form first."""
    text = resources.files("zhize.ingest").joinpath("data/abbreviations.tsv").read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            short, long = line.split("\t")[:2]
            pairs.append((short.strip(), long.strip()))
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=8192)
def _full_name(mention: str, jurisdiction: str, parents: tuple[tuple[str, str], ...]) -> str:
    return full_name(mention, jurisdiction, dict(parents))


@lru_cache(maxsize=1024)
def level_char(jurisdiction: str) -> str:
    """The one-character level word a text uses for its own jurisdiction: 县, 市, 区, 省, 旗."""
    for suffix in LEVEL_SUFFIXES:
        if jurisdiction.endswith(suffix):
            return suffix if suffix == "街道" else suffix[-1]
    return ""


# What is left of the name of a level's own leadership once place and 中共 are gone: the Party
# committee (县委) and the government (县人民政府) direct the departments; they are none of them.
_PRINCIPALS = ("委", "党委", "人民政府", "政府")


def is_principal(name: str) -> bool:
    """县委, 中共岚川县委, 县人民政府, 云州市政府: a level's Party committee or government itself —
    named in duties (完成县委、县政府交办的其他任务) without being a department."""
    bare = name.removeprefix(PARTY)
    place = place_of(bare + "局")  # 岚川县 from 岚川县委 / 岚川县人民政府
    rest = bare[len(place):] if place and bare.startswith(place) else bare.lstrip("县市区省州旗")
    return rest in _PRINCIPALS


def place_of(name: str) -> str | None:
    """The jurisdiction a full name starts with: 岚川县水利局 → 岚川县 (None for 县水利局)."""
    bare = name.removeprefix(PARTY)
    m = _PLACE.match(bare)
    town = _TOWN_PLACE.match(bare)
    if town and (not m or town.end() < m.end()):  # 蘅X镇城市管理办公室 is no place 蘅X镇城市
        m = town
    if not m or len(m.group("place")) < 2 or m.group("place") in {"县委", "市委", "区委"}:
        return None
    place = m.group("place")
    return place if len(bare) > len(place) else None


def full_name(mention: str, jurisdiction: str, parents: dict[str, str] | None = None) -> str:
    """The full form of a name as written inside a document of `jurisdiction`.

    县水利局 → 岚川县水利局; 县委组织部 → 中共岚川县委组织部; 水利局 → 岚川县水利局. A name of
    another level (市生态环境局 in a county text) takes that level's place from `parents`
    ({"市": "云州市"}) when known, else is returned unchanged; so is a name of another place."""
    mention = mention.strip()
    if jurisdiction in (NATIONAL, UNKNOWN_PLACE):
        return mention  # no place to add: 自然资源部 is full as written, 县水利局 stays as written
    bare = mention.removeprefix(PARTY)
    place = jurisdiction
    bare = _without_upper_place(bare, jurisdiction)
    if _branch_of_here(bare, jurisdiction):
        return mention  # 岚川分局: an upper-level bureau's branch named after this place, no county body
    own_level = level_char(jurisdiction)
    if bare.startswith(jurisdiction):
        rest = bare[len(jurisdiction):]
    elif own_level in _TOWN_LEVEL_CHARS and bare.startswith(own_level) and len(bare) > len(own_level):
        rest = bare[len(own_level):]  # 镇人民政府 in a 镇's text: 镇 stands for the township, as 县 does
    elif bare and bare[0] in "县市区旗省" and not not_a_level(bare):  # "" is in every str
        if bare[0] != level_char(jurisdiction):
            place = (parents or {}).get(bare[0], "")
            if not place:
                return mention
        rest = bare[1:]
    elif place_of(bare) or bare.startswith(NATIONAL_PREFIXES):
        return mention  # another place's body, or a national one (国家…局, 中国人民银行)
    else:
        rest = bare
        if bare.endswith("局") and level_char(jurisdiction) in _TOWN_LEVEL_CHARS:
            # 应急管理局 on a township's page: a township has no bureaus, it is the county's (区's)
            place = (parents or {}).get("县") or (parents or {}).get("区") or ""
            if not place:
                return mention
    # 县委组织部, 岚川县委宣传部: Party organs are named 中共岚川县委…
    party = mention.startswith(PARTY) or rest.startswith("委")
    return (PARTY if party else "") + place + rest


def _without_upper_place(bare: str, jurisdiction: str) -> str:
    """砚湖市棠岭区园林绿化局 in a 棠岭区 document → 棠岭区园林绿化局: the city before the district is
    part of the address, not of the name."""
    k = bare.find(jurisdiction)
    if k > 0 and place_of(bare[:k] + "局") == bare[:k]:
        return bare[k:]
    return bare


def _branch_of_here(bare: str, jurisdiction: str) -> bool:
    """岚川分局 in a 岚川县 document: the short form of 云州市生态环境局岚川分局."""
    stem = _stem(jurisdiction)
    return len(stem) >= 2 and bare == stem + "分局"


@lru_cache(maxsize=1024)
def _stem(jurisdiction: str) -> str:
    """岚川县 → 岚川, 云州市 → 云州 (the place name without its level word)."""
    for suffix in LEVEL_SUFFIXES:
        if jurisdiction.endswith(suffix):
            return jurisdiction[: -len(suffix)]
    return jurisdiction


def deepest_place(name: str) -> str | None:
    """The innermost place a name starts with: 砚湖市棠岭区园林绿化局 → 棠岭区, 岚川县水利局 → 岚川县."""
    rest = name.removeprefix(PARTY)
    place = place_of(rest)
    while place is not None:  # 砚湖市棠岭区X街道办事处: city, district, then the 街道
        rest = rest[len(place):]
        inner = place_of(rest)
        if not inner or _LEVEL_RANK.get(inner[-1], 0) <= _LEVEL_RANK.get(place[-1], 0) or _ZONE.search(inner):
            return place
        place = inner
    return None


# Functional zones end in 区 without being a level: a 开发区's 管委会 is the city's (or county's)
# 派出机构, and the zone is no jurisdiction of its own (砚湖市X经济开发区管理委员会 → 砚湖市).
_ZONE = re.compile(r"(?:开发区|园区|高新区|保税区|试验区|示范区|合作区|产业区|风景区|景区)$")


_LEVEL_RANK = {"省": 1, "州": 2, "市": 2, "盟": 2, "区": 3, "县": 3, "旗": 3, "镇": 4, "乡": 4, "道": 4}  # 道: 街道


# The name functions below are pure and called many times per document on the same few dozen
# names (every clause resolves the departments it mentions): they are memoised, bounded.
@lru_cache(maxsize=8192)
def contract(name: str) -> str:
    """Apply known abbreviations: 市场监督管理局 → 市场监管局."""
    for short, long in abbreviations():
        if long in name:
            return name.replace(long, short)
    return name


# What follows a short portfolio in a department's name (县应急局, 县发改委); elsewhere the same
# characters are ordinary words (县地质灾害应急指挥部 keeps its 应急).
_AFTER_SHORT = ("局", "委", "厅", "办", "部", "中心")


@lru_cache(maxsize=8192)
def expand(name: str) -> str:
    """Undo known abbreviations: 县市场监管局 → 县市场监督管理局, 县行政审批局 → 县行政审批服务局."""
    for short, long in abbreviations():
        at = name.find(short)
        if at < 0 or long in name:
            continue
        if not (short.endswith(_AFTER_SHORT) or name.startswith(_AFTER_SHORT, at + len(short))):
            continue
        lead = long.find(short)  # 行政审批服务 holds 审批 after 行政: 行政 written already stays once
        if lead > 0 and name[max(0, at - lead):at] == long[:lead]:
            at -= lead
            short = long[:lead] + short
        rest = name[at + len(short):]
        if rest == "委":  # 发改委, 卫健委: the contracted 委 of a commission is 委员会
            rest = "委员会"
        return name[:at] + long + rest
    return name


def short_forms(canonical: str, jurisdiction: str) -> list[str]:
    """Forms of a canonical name a text may use: with the level word, without the place, contracted."""
    return list(_short_forms(canonical, jurisdiction))


# What is left of a level's own government without its place: 人民政府 alone (or a 街道's 办事处)
# names no one body, so it is no short form.
_OWN_GOVERNMENT = ("人民政府", "政府", "办事处")


@lru_cache(maxsize=8192)
def _short_forms(canonical: str, jurisdiction: str) -> tuple[str, ...]:
    bare = canonical.removeprefix(PARTY)
    forms = {canonical, bare}
    if bare.startswith(jurisdiction):
        rest = bare[len(jurisdiction):]
        if rest:
            forms.add(level_char(jurisdiction) + rest)
        if rest and not rest.startswith("委") and rest not in _OWN_GOVERNMENT:  # 委宣传部 is no name
            forms.add(rest)
    stem = _stem(jurisdiction)
    if len(stem) >= 2 and bare.endswith(stem + "分局") and not bare.startswith(jurisdiction):
        forms.add(stem + "分局")  # 云州市生态环境局岚川分局 is called 岚川分局 in 岚川县's texts
    forms |= {contract(f) for f in forms}
    return tuple(sorted(f for f in forms if len(f) >= 2))


@dataclass
class NameBook:
    """Every known form of every department of one jurisdiction, mapped to its canonical name."""

    jurisdiction: str
    forms: dict[str, str] = field(default_factory=dict)
    plaques: dict[str, set[str]] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)  # level word → place: {"市": "云州市"}

    def full(self, mention: str) -> str:
        return _full_name(mention, self.jurisdiction, tuple(self.parents.items()))

    def add(self, canonical: str, *aliases: str) -> str:
        for form in short_forms(canonical, self.jurisdiction) + [a for a in aliases if a]:
            self.forms.setdefault(form, canonical)
        return canonical

    def add_plaque(self, canonical: str, plaque: str) -> str:
        """A plaque is another official name of the same body."""
        full = self.full(plaque)
        self.plaques.setdefault(canonical, set()).add(full)
        for form in short_forms(full, self.jurisdiction):
            self.forms.setdefault(form, canonical)
        return full

    def resolve(self, mention: str) -> str | None:
        """The canonical name of a known form, trying the full and the expanded form too."""
        forms = self.forms
        if mention in forms:  # the forms are tried in order and built only when needed
            return forms[mention]
        for form in (self.full(mention), expand(mention), self.full(expand(mention))):
            if form in forms:
                return forms[form]
        return None

    def canonical(self, mention: str) -> str:
        """Resolve a mention, or adopt its full (expanded) form as a new department."""
        known = self.resolve(mention)
        if known:
            return known
        return self.add(self.full(expand(mention)), mention)

    def aliases_of(self, canonical: str, text: str) -> list[str]:
        """The forms of `canonical` (not plaques) that occur in `text`, other than itself."""
        plaque_forms = {f for p in self.plaques.get(canonical, ()) for f in short_forms(p, self.jurisdiction)}
        return sorted(f for f, c in self.forms.items()
                      if c == canonical and f != canonical and f not in plaque_forms and f in text)


_PARENT = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,3}(?P<level>市|州|省))"
                     r"(?=人民政府|委|机构编制|[\u4e00-\u9fff]{0,8}(?:局|委员会))")


# Every _PARENT match holds one of these at most 3 characters after its start, and its lookahead
# ends at most 12 characters after it (the level word, then 8 characters and 委员会).
_LEVEL_WORD = re.compile(r"[市州省]")


# Particles and prepositions that occur before a level word in running text but in no place name.
_NOT_IN_PLACE = frozenset("的与及以由在对向并或等将从把被为经至各")


_TOWN_LEVEL_CHARS = ("镇", "乡", "街道")
# The county (or district) a township's text names by its government or Party committee.
_COUNTY_PARENT = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,3}(?P<level>县|区))(?=人民政府|委)")


def find_parents(text: str, jurisdiction: str) -> dict[str, str]:
    """Upper-level places a text names (云州市人民政府 → {"市": "云州市"}), the most frequent per level;
    in a township's or 街道's text also its county or district (岚川县人民政府, 岚川县X镇 → {"县": "岚川县"})."""
    counts: dict[str, dict[str, int]] = {}
    if level_char(jurisdiction) in _TOWN_LEVEL_CHARS:
        before_town = re.compile(rf"(?P<place>[\u4e00-\u9fff]{{2,3}}(?P<level>县|区))(?={re.escape(jurisdiction)})")
        for m in [*_COUNTY_PARENT.finditer(text), *before_town.finditer(text)]:  # 岚川县茆X镇 too
            for stem in {m.group("place")[-3:], m.group("place")}:  # 在岚川县 → 岚川县
                if not _NOT_IN_PLACE.intersection(stem) and not jurisdiction.startswith(stem):
                    level = counts.setdefault(m.group("level"), {})
                    level[stem] = level.get(stem, 0) + 1
    for m in finditer_near(_PARENT, text, _LEVEL_WORD, 3, 12):
        place = m.group("place")
        for stem in {place[-3:], place[-4:]}:  # 和云州市 → 云州市 too; the most frequent wins
            if _NOT_IN_PLACE.intersection(stem):  # 以及省发展和改革委员会: 以及 is no place
                continue
            if len(stem) >= 3 and stem != jurisdiction and not jurisdiction.startswith(stem):
                level = counts.setdefault(m.group("level"), {})
                level[stem] = level.get(stem, 0) + 1
    return {level: max(sorted(c, key=len), key=c.get) for level, c in counts.items()}
