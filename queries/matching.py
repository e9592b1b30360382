"""Matching matters and texts: when two wordings are the same matter, when a duty is about one.

Matter normalisation lives in `graph.matters` (its one home; re-exported here for the queries that
use it): `normalise` (食品安全监督管理 / 食品安全监管 / 食品安全工作 → 食品安全), `canonical` (a free
phrase's vocabulary key), `synonyms`, `light`, `mention_forms`. The open-vocabulary comparison of
duty statements is `queries.similarity`; this module keeps the lenient text tests the gap detectors
and 谁负责 use: a matter's core inside a duty's text (`mentions`), the share of a phrase's
character bigrams a text covers (`coverage`), and char 2–3-gram TF-IDF cosine (`NgramSpace`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from zhize.graph.matters import (  # noqa: F401 — the one home of matter normalisation
    GENERIC_WORDS,
    canonical,
    clean,
    light,
    mention_forms,
    normalise,
    specific,
    synonyms,
)

_EXCEPTION = re.compile(r"[（(]([^（）()]{2,40}?)(?:职责|职能|工作)?除外[）)]"
                        r"|除([^，,。；;]{2,40}?)(?:职责|职能|工作)?外")


def mentions(text: str, core: str) -> bool:
    """`core` occurs in `text` (both compared without whitespace and punctuation)."""
    return bool(core) and core in clean(text)


def bigrams(text: str) -> list[str]:
    t = clean(text)
    return [t[i:i + 2] for i in range(len(t) - 1)]


def coverage(phrase: str, text: str) -> float:
    """Share of the phrase's character bigrams found in `text` (1.0: every one of them)."""
    grams = set(bigrams(phrase))
    if not grams:
        return 0.0
    body = clean(text)
    return sum(1 for g in grams if g in body) / len(grams)


def dice(a: str, b: str) -> float:
    """Bigram Dice similarity of two short phrases."""
    x, y = set(bigrams(a)), set(bigrams(b))
    if not x or not y:
        return 1.0 if clean(a) == clean(b) and clean(a) else 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def related(a: str, b: str, threshold: float = 0.5) -> bool:
    """Two matter phrases are about the same thing: equal, one inside the other, or similar."""
    x, y = normalise(a), normalise(b)
    if not x or not y:
        return False
    if x == y or synonyms(a) & synonyms(b):
        return True
    if (len(x) >= 2 and x in y) or (len(y) >= 2 and y in x):
        return True
    return dice(x, y) >= threshold


def exceptions(phrase: str | None) -> list[str]:
    """The parts a transfer leaves behind: 职责（职业安全健康监督管理职责除外） → [职业安全健康监督管理]."""
    if not phrase:
        return []
    return [normalise(a or b) for a, b in _EXCEPTION.findall(phrase) if normalise(a or b)]


def without_exceptions(phrase: str | None) -> str:
    return _EXCEPTION.sub("", phrase or "")


def longest_common(a: str, b: str) -> str:
    """The longest common substring of two texts (cleaned), by dynamic programming."""
    x, y = clean(a), clean(b)
    best, end = 0, 0
    previous = [0] * (len(y) + 1)
    for i in range(1, len(x) + 1):
        current = [0] * (len(y) + 1)
        for j in range(1, len(y) + 1):
            if x[i - 1] == y[j - 1]:
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best, end = current[j], i
        previous = current
    return x[end - best:end]


# -- boilerplate ---------------------------------------------------------------------------------

_BOILERPLATE = re.compile(
    r"机关日常运转|文电|会务|交办的?其他|交办的?事项|贯彻执行|贯彻落实党中央|党风廉政|机关党|"
    r"内部审计|机关财务|干部人事|离退休干部|合法性审[核查]|行政复议|行政应诉|普法|法治宣传|政务公开|安全保密")
_HOUSEKEEPING_UNIT = re.compile(r"办公室|综合|法规|法制|人事|财务|机关党|党建|政工|督查|信息中心")


def boilerplate(text: str, unit: str | None = None) -> bool:
    """Housekeeping every department writes (办公室 and 法规股 duties, 贯彻执行…, 交办的其他任务).
    Only ever applied to duties without matter keys."""
    return bool(_BOILERPLATE.search(text) or (unit and _HOUSEKEEPING_UNIT.search(unit)))


# -- TF-IDF over character n-grams ---------------------------------------------------------------

def ngrams(text: str, sizes: tuple[int, ...] = (2, 3)) -> Counter:
    t = clean(text)
    found: Counter = Counter()
    for n in sizes:
        for i in range(len(t) - n + 1):
            found[t[i:i + n]] += 1
    return found


class NgramSpace:
    """Char 2–3-gram TF-IDF vectors with the IDF of one collection (a jurisdiction's duties)."""

    def __init__(self, texts: Iterable[str]):
        counts = [ngrams(t) for t in texts]
        self.size = len(counts)
        self.df: Counter = Counter()
        for c in counts:
            self.df.update(c.keys())

    def idf(self, gram: str) -> float:
        return math.log((self.size + 1) / (self.df.get(gram, 0) + 1)) + 1.0

    def vector(self, text: str) -> dict[str, float]:
        weights = {g: (1 + math.log(n)) * self.idf(g) for g, n in ngrams(text).items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {g: w / norm for g, w in weights.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(g, 0.0) for g, w in a.items())


# -- the role a clause gives one matter ----------------------------------------------------------

_VERBS = {
    "lead": ("牵头负责", "牵头", "负责", "承担", "主管", "主办", "统筹", "组织实施", "组织", "拟订", "拟定", "制定",
             "编制", "起草", "会同", "监督管理", "监督检查", "依法实施", "实施", "查处", "审批", "管理"),
    "support": ("协调配合", "配合", "协助", "参与", "协同", "落实", "贯彻执行", "执行"),
    "guidance": ("监督指导", "指导监督", "指导", "督促", "监督"),
}
_VERB = re.compile("|".join(sorted((re.escape(v) for vs in _VERBS.values() for v in vs), key=len, reverse=True)))
_ROLE_OF = {v: role for role, vs in _VERBS.items() for v in vs}
_CLAUSE_END = "，,。；;：:"
_SENTENCE_END = "。；;"
_SCOPE_BEFORE = re.compile(r"行业|系统内|本部门|本系统")
_SCOPE_AFTER = re.compile(r"^[^，,。；;]*?(?:领域|方面)")


def locate(text: str, wording: str, key: str) -> tuple[int, int] | None:
    """Where a matter is named in a duty text: its wording, else its normalised key."""
    for needle in (wording, normalise(key), key):
        if needle:
            at = text.find(needle)
            if at >= 0:
                return at, at + len(needle)
    return None


def first_sentence_end(text: str) -> int:
    """Where the first sentence of a duty ends (its first 。 or ；), or the text's length."""
    ends = [i for i in (text.find(c) for c in _SENTENCE_END) if i >= 0]
    return min(ends) if ends else len(text)


@lru_cache(maxsize=1 << 16)
def role_at(text: str, start: int, default: str) -> str:
    """The role the nearest verb before `start` gives (same clause, else same sentence); a clause
    can only narrow a lead duty ("负责A，配合B做好C": C is support), never promote a support one.
    Cached: every wording of one matter asks about the same places of the same texts."""
    if default != "lead":
        return default
    sentence = max(text.rfind(c, 0, start) for c in _SENTENCE_END) + 1
    clause = max(text.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    for begin in (clause, sentence):
        verbs = list(_VERB.finditer(text, begin, start))
        if verbs:
            return _ROLE_OF[verbs[-1].group(0)]
    return default


_RESIDUAL = re.compile(r"交办|其他任务|其他事项")


def first_role(text: str) -> str:
    """The role of a clause by its first verb, for clauses the extractor left unspecified
    ("完成…交办的其他任务" stays unspecified)."""
    if _RESIDUAL.search(text):
        return "unspecified"
    found = _VERB.search(text)
    return _ROLE_OF[found.group(0)] if found else "unspecified"


def scoped(text: str, start: int, end: int) -> bool:
    """The matter is named as the scope of something else: "交通运输行业…应急管理" (a sector's own
    share), "文化、旅游、体育领域已划转行政许可事项" (a field qualifying another matter)."""
    clause = max(text.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    if _SCOPE_BEFORE.search(text, clause, start):
        return True
    return bool(_SCOPE_AFTER.match(text[end:]))


_STAGE = re.compile(r"([\u4e00-\u9fff]{2})(?:领域|环节|阶段)")
_NOT_A_STAGE = frozenset({"各个", "重点", "相关", "有关", "其他", "关键", "各类", "所有", "等等"})


def stages(text: str) -> set[str]:
    """Stages or fields a clause confines itself to: 生产领域, 流通环节, 种植养殖环节 → {生产, 流通, 养殖}."""
    return {m.group(1) for m in _STAGE.finditer(text)} - _NOT_A_STAGE


# -- matter phrases of a clause without matter keys ----------------------------------------------

_FRAME = re.compile(r"^(?:依法|依照[^，,]*?规定|按照[^，,]*?(?:要求|原则|规定)|根据[^，,]*?规定"
                    r"|在[^，,]*?(?:领导|指导)下)")
_OPENERS = re.compile(
    r"^(?:(?:牵头负责|负责|承担|牵头|主管|统筹(?:推进|协调)?|组织(?:实施|开展|协调|指导|编制)?|拟订|制定|编制|"
    r"监督管理|监督检查|指导|监督|督促|参与|配合|协助|协同|推进|开展|做好|实施|落实|加强|建立健全|建立|完善|"
    r"管理|审批|查处|全县|全区|全市|全省|本级|县级|区级|市级|区域内|辖区内|县|区|有关|相关)+)")
_STOP = re.compile(r"的|工作|职责|等|事项$|方面|领域")


def phrases(text: str) -> list[str]:
    """Matter phrases of a clause the extractor gave no matter key, read from its wording: each
    clause's object after its verbs, up to 的/工作 (承担城市绿化的规划建设… → 城市绿化)."""
    found: list[str] = []
    for clause in re.split(r"[，,。；;：:]", text):
        body = _FRAME.sub("", clean(clause))
        body = _OPENERS.sub("", body)
        head = _STOP.split(body, maxsplit=1)[0]
        for part in re.split(r"[、]|和|及|与", head) if len(head) > 12 else [head]:
            core = normalise(part)
            if 3 <= len(core) <= 12 and specific(core) and core not in found:
                found.append(core)
    return found
