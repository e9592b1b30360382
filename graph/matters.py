"""The matter vocabulary (事项): canonical keys and their wordings, as data, and the canonical key
of a free phrase. Shared by ingestion (which finds the matters of a duty) and queries (which
meet a 谁负责 question with those keys), so it lives in `graph`.

The vocabulary is ``graph/data/matters.tsv`` (its header says how keys are chosen): each line is a
key and its variants. Every key and variant also matches when followed by a generic tail
(`TAILS`: 监督管理, 监管, 工作, 职责 …). Matching scans a text once for the leftmost-longest
variant at each step, so 食品安全风险监测评估 wins over 食品安全. The scan is an Aho–Corasick
automaton (pyahocorasick, about 4× faster here) when that package is installed, and otherwise one
compiled regular expression shaped as a character trie; both give the same matches.

Department names are ingestion's business: `canonical_matter` takes a `LeadingName` finder to
drop a leading department name (县民政局承担的老龄工作职责); without one, phrases are taken as they
are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

# A department name at the start of a text: (its end, whether it is a coordination body such as
# 县老龄工作委员会办公室, whose name stands for what it coordinates), or None.
LeadingName = Callable[[str], "tuple[int, str, bool] | None"]

TAILS = (
    "的监督管理", "综合监督管理", "监督管理", "行业管理", "管理工作", "相关工作", "有关工作", "的管理", "管理",
    "监管", "监督", "工作", "事业(?!单位)", "事务(?!局|所|中心)", "职责", "体系建设", "体系",
)
# Trailing words stripped from a free phrase by `canonical_matter`, tried longest first, repeatedly.
PHRASE_TAILS = (
    "的日常工作", "日常工作", "的具体工作", "具体工作", "相关职责", "有关职责", "的职责", "职责",
    "职能", "的有关工作", "的相关工作", "有关工作", "相关工作", "的监督管理", "综合监督管理",
    "监督管理", "管理工作", "工作", "管理", "监管", "事务", "事项",
)
_PHRASE_TAILS_LONGEST_FIRST = sorted(PHRASE_TAILS, key=len, reverse=True)
# Words a free phrase may start with that are not part of the matter.
PHRASE_HEADS = (
    "负责", "承担", "组织", "统筹", "牵头", "指导", "监督", "拟订", "编制", "组织编制", "监督指导", "监督防止",
    "全县", "全市", "全区", "全省", "县域", "本县", "本级", "县级", "市级", "有关", "相关",
)
_PHRASE_HEADS_LONGEST_FIRST = sorted(PHRASE_HEADS, key=len, reverse=True)
GENERIC = frozenset("""
    安全 管理 服务 建设 工作 监督 职责 职能 行政职能 事项 发展 保障 保护 改革 其他 有关 相关 日常 综合 行政 业务
""".split())
COVERAGE = 0.5  # share of a free phrase one matter must cover for canonical_matter to return its key


@dataclass(frozen=True)
class Vocabulary:
    """Keys in file order, and for every matchable wording the keys it stands for."""

    keys: tuple[str, ...]
    surfaces: dict[str, tuple[str, ...]]
    exact: dict[str, tuple[str, ...]]
    tail: re.Pattern[str]
    automaton: Any = None  # ahocorasick.Automaton over `surfaces`, when pyahocorasick is installed

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The surfaces as one regular expression (a character trie), for when there is no automaton:
        compiled on first use, since compiling it costs more than the rest of loading."""
        return re.compile(trie_pattern(self.surfaces))


def canonical_matter(phrase: str, leading_name: LeadingName | None = None) -> str | None:
    """The canonical key for a free phrase (谁负责 queries, reform-plan duty phrases), or None.

    The rule, in order:

    1. Normalise: drop whitespace, quotes, brackets and trailing punctuation, and a leading
       department name with its 的 (县民政局承担的老龄工作职责 → 老龄工作职责); a coordination
       body's name stands for what it coordinates (县老龄工作委员会办公室 → 老龄工作).
    2. Strip, repeatedly, leading words that are no part of a matter (负责, 全县, 县域 …,
       `PHRASE_HEADS`) and trailing ones (职责, 相关职责, 工作, 管理, 监督管理 …, `PHRASE_TAILS`);
       after each step, a wording the vocabulary knows exactly (a key or a variant, with or without
       a tail) gives its key: 老龄工作职责 → 老龄工作, 新闻出版管理职责 → 新闻出版.
    3. Else, when the matches of one key (as `matters_of` finds them) cover at least half of the
       stripped phrase, that key: 组织编制主体功能区规划 → 主体功能区规划; 国有土地使用权出让、划拨、
       租赁和土地储备 → 土地供应.
    4. Else the stripped phrase itself, so that an unknown wording still meets itself; None when
       nothing but generic words (行政职能, 工作) is left.

    A phrase naming several matters (应对气候变化和减排) gives the key of the one that covers most of
    it when that is at least half, otherwise the phrase; split such phrases with `matters_of`.

    >>> canonical_matter("水旱灾害防治职责"), canonical_matter("养老服务体系建设")
    ('水旱灾害防治', '养老服务')
    """
    vocab = vocabulary()
    text = _normalise(phrase, leading_name)
    for stage in _stripped_stages(text):
        known = vocab.exact.get(stage)
        if known:
            return known[0]
    core = _stripped_stages(text)[-1]
    best = _covering_matter(vocab, core)
    if best:
        return best
    if len(core) < 2 or _only_generic(core):
        return None
    return core


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary in ``graph/data/matters.tsv``, loaded and compiled once."""
    data = resources.files("zhize.graph").joinpath("data/matters.tsv").read_text(encoding="utf-8")
    return parse_vocabulary(data)


def parse_vocabulary(data: str, *, use_automaton: bool = True) -> Vocabulary:
    """Build a `Vocabulary` from the TSV format of ``matters.tsv``; `use_automaton` False keeps to
    the regular expression even when pyahocorasick is installed."""
    keys: list[str] = []
    surfaces: dict[str, list[str]] = {}
    exact: dict[str, list[str]] = {}
    for key, bare, variants in _entries(data):
        keys.append(key)
        for word in ([key] if bare else []) + variants:
            _add(surfaces, word, key)
        for word in [key, *variants]:
            _add(exact, word, key)
    return Vocabulary(
        keys=tuple(keys),
        surfaces={w: tuple(k) for w, k in surfaces.items()},
        exact=_with_tails({w: tuple(k) for w, k in exact.items()}),
        tail=re.compile("|".join(sorted(TAILS, key=lambda t: -len(re.sub(r"\(.*?\)", "", t))))),
        automaton=_automaton(surfaces) if use_automaton else None,
    )


def _automaton(words: Iterable[str]) -> Any:
    try:
        import ahocorasick
    except ImportError:
        return None
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching exactly `words`, longest first at each position, written as
    nested alternatives of a character trie (one branch per distinct next character)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(c) + _node_pattern(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    singles = [b for b in branches if len(b) == 1]
    if len(singles) > 1:
        branches = [b for b in branches if len(b) != 1] + ["[" + "".join(singles) + "]"]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return body + "?" if len(branches) == 1 and len(body) == 1 else "(?:" + body + ")?"
    return body


def _entries(data: str) -> Iterable[tuple[str, bool, list[str]]]:
    for line in data.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t") if f.strip()]
        key, bare = fields[0], True
        if key.startswith("[") and key.endswith("]"):
            key, bare = key[1:-1], False
        yield key, bare, fields[1:]


def _add(table: dict[str, list[str]], word: str, key: str) -> None:
    keys = table.setdefault(word, [])
    if key not in keys:
        keys.append(key)


def _with_tails(exact: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    plain_tails = [re.sub(r"\(.*?\)", "", t) for t in TAILS]
    out = dict(exact)
    for word, keys in exact.items():
        for tail in plain_tails:
            out.setdefault(word + tail, keys)
    return out


def matches(vocab: Vocabulary, text: str) -> list[tuple[int, int, str]]:
    """(start, end, variant) of each match, `end` past the tail; leftmost-longest, no overlaps."""
    tail = vocab.tail.match
    found: list[tuple[int, int, str]] = []
    pos = 0
    for start, end in _raw_matches(vocab, text):
        if start < pos:  # inside the tail absorbed by the previous match
            continue
        t = tail(text, end)
        pos = t.end() if t else end
        found.append((start, pos, text[start:end]))
    return found


def _raw_matches(vocab: Vocabulary, text: str) -> list[tuple[int, int]]:
    if vocab.automaton is not None:
        return [(last + 1 - length, last + 1) for last, length in vocab.automaton.iter_long(text)]
    return [m.span() for m in vocab.pattern.finditer(text)]


_PUNCT = re.compile(r"[\s“”\"'‘’《》〈〉「」『』【】（）()［］\[\]]")


def _normalise(phrase: str, leading_name: LeadingName | None) -> str:
    """Drop punctuation and a leading department name with its 的 (县民政局承担的老龄工作职责); a
    coordination body's name is replaced by what it coordinates (县老龄工作委员会办公室 → 老龄工作)."""
    text = _PUNCT.sub("", phrase).strip("，。；;:：、,.!！?？")
    found = leading_name(text) if leading_name else None
    if found:
        end, name, coordination = found
        rest = re.sub(r"^(?:承担|负责|履行)?的", "", text[end:])
        if coordination:
            return _coordinated_matter(name) + rest
        text = rest or text
    return text


_PLACE_HEAD = re.compile(r"^(?:中共)?(?:[\u4e00-\u9fff]{2,4}?[省市县区]|[省市县区])委?")
_BODY_TAIL = re.compile(r"(?:委员会|领导小组|指挥部)?办公室$|委员会$|领导小组$|指挥部$")


def _coordinated_matter(name: str) -> str:
    core = _BODY_TAIL.sub("", name)
    return _PLACE_HEAD.sub("", core, count=1) or core


def _stripped_stages(text: str) -> list[str]:
    stages = [text]
    while True:
        current = stages[-1]
        nxt = _strip_once(current)
        if nxt == current or not nxt:
            return stages
        stages.append(nxt)


def _strip_once(text: str) -> str:
    for head in _PHRASE_HEADS_LONGEST_FIRST:
        if text.startswith(head) and len(text) > len(head):
            return text[len(head) :]
    for tail in _PHRASE_TAILS_LONGEST_FIRST:
        if text.endswith(tail) and len(text) > len(tail):
            return text[: -len(tail)]
    return text.removesuffix("的") if len(text) > 2 else text


@cache
def _generic_pattern() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(sorted(GENERIC, key=len, reverse=True)) + ")+")


def _only_generic(text: str) -> bool:
    return _generic_pattern().fullmatch(text) is not None


def _covering_matter(vocab: Vocabulary, core: str) -> str | None:
    """The key whose matches cover the most of `core`, when that is at least `COVERAGE` of it
    (国有土地使用权出让、划拨和土地储备: three variants of 土地供应 together)."""
    covered: dict[str, int] = {}
    for start, end, surface in matches(vocab, core):
        key = vocab.surfaces[surface][0]
        covered[key] = covered.get(key, 0) + end - start
    if not covered:
        return None
    key = max(covered, key=lambda k: covered[k])
    return key if covered[key] >= COVERAGE * len(core) else None


# -- comparing matter keys and free phrases (queries meet keys, plan phrases and tasks with these) --
#
# `canonical_matter` above gives a phrase's vocabulary key; the functions below give the comparable
# form of any key or phrase (食品安全监督管理 / 食品安全监管 / 食品安全工作 → 食品安全), the wordings worth
# looking for inside a text, and the forms under which two keys meet. They are the one home of matter
# normalisation: queries and ingestion import them from here.

# Trailing words that are no part of a matter, tried longest first and stripped repeatedly.
KEY_TAILS = (
    "的相关职责", "的有关职责", "相关职责", "有关职责", "的职责", "职责", "职能", "的有关工作", "的相关工作",
    "相关工作", "有关工作", "的工作", "管理工作", "的监督管理", "监督管理", "行业管理", "体系建设", "工作", "管理",
    "监管", "体系", "相关", "有关",
)
# Leading words that are no part of a matter.
KEY_HEADS = ("牵头负责", "负责", "承担", "组织", "统筹", "牵头", "全县", "全市", "全区", "全省", "县域", "本县",
         "本级", "县级", "有关", "相关")
# Words that are no matter on their own.
GENERIC_WORDS = frozenset("""
    安全 管理 服务 建设 工作 监督 职责 职能 行政职能 事项 发展 保障 保护 改革 其他 有关 相关 日常 综合 行政 业务
    监管 执法 规划 政策 检查 指导 协调 统计 档案 信息 宣传 培训 财务 人事 党建
""".split())
_KEY_PUNCT = re.compile(r"[\s\u3000，,。．.；;：:、“”\"'‘’《》〈〉（）()\[\]【】〔〕!！?？·…—\-_/]+")


@lru_cache(maxsize=1 << 16)
def clean(text: str) -> str:
    """The text without whitespace and punctuation (so 建筑垃圾 运输 meets 建筑垃圾运输)."""
    return _KEY_PUNCT.sub("", text or "")


@cache
def normalise(phrase: str) -> str:
    """A matter key's comparable form: punctuation, leading 负责/全县… and trailing 职责/工作/管理/监管…
    stripped (never below two characters)."""
    text = clean(phrase)
    changed = True
    while changed:
        changed = False
        for head in KEY_HEADS:
            if text.startswith(head) and len(text) - len(head) >= 2:
                text, changed = text[len(head):], True
        for tail in KEY_TAILS:
            if text.endswith(tail) and len(text) - len(tail) >= 2:
                text, changed = text[:-len(tail)], True
                break
    return text


@cache
def canonical(phrase: str) -> str | None:
    """The canonical form of a free phrase: the table's key when the table knows it, else the
    normalised phrase; None when nothing but generic words is left."""
    key = canonical_matter(phrase)
    if key:
        return normalise(key)
    core = normalise(phrase)
    if len(core) < 2 or core in GENERIC_WORDS:
        return None
    return core


@cache
def synonyms(key: str) -> frozenset[str]:
    """Forms under which a key meets other keys: itself normalised, and its table key."""
    forms = {normalise(key)}
    found = canonical_matter(key)
    if found:
        forms.add(normalise(found))
    return frozenset(f for f in forms if f)


LIGHT_TAILS = ("的相关职责", "的有关职责", "相关职责", "有关职责", "的职责", "职责", "职能", "相关工作", "有关工作",
               "的工作", "工作", "相关", "有关")


@cache
def light(phrase: str) -> str:
    """A phrase with only 职责/工作/相关 tails and 负责/全县 heads taken off: what to look for in texts
    (城市管理职责 → 城市管理, where `normalise` would leave only 城市)."""
    text = clean(phrase)
    for head in KEY_HEADS:
        if text.startswith(head) and len(text) - len(head) >= 2:
            text = text[len(head):]
    changed = True
    while changed:
        changed = False
        for tail in LIGHT_TAILS:
            if text.endswith(tail) and len(text) - len(tail) >= 2:
                text, changed = text[:-len(tail)], True
                break
    return text


@cache
def mention_forms(phrase: str) -> frozenset[str]:
    """Wordings of a matter worth finding inside a text: the lightly stripped phrase, and the
    normalised key when it is still specific (four characters or more, or nothing was stripped)."""
    forms = {light(phrase)}
    core = normalise(phrase)
    if len(core) >= 4 or core == light(phrase):
        forms.add(core)
    return frozenset(f for f in forms if specific(f))


def specific(core: str, minimum: int = 2) -> bool:
    """A core worth looking for inside texts: long enough and not a generic word."""
    return len(core) >= minimum and core not in GENERIC_WORDS
