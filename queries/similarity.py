"""When two statements govern the same object: a similarity the jurisdiction's own documents inform.

Every statement's object (`queries.statements`) becomes a TF-IDF vector (`queries.tfidf`, scipy.sparse) over its
character bigrams and trigrams, plus the keys of the matter vocabulary its text names (`§食品安全`:
the curated table, and the synonyms it lists, as a boost). The inverse document frequency is
counted over departments — each department's statements are one document — so that what many
departments write (管理, 安全生产, 县城, 城市) weighs little and what only two or three write
(秸秆, 托育, 殡葬用品, 溺水) weighs a lot. Two objects are the same matter when their cosine is high
and they share a rare feature (`Index.same`); every detector asks the same question the same way.

Blocking: the cosine of every pair is one sparse matrix product per jurisdiction (a few thousand
statements), never across jurisdictions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import NamedTuple

from zhize.graph.matters import vocabulary
from zhize.queries.matching import clean, normalise
from zhize.queries.statements import (
    SPLIT,
    Reading,
    head_keys,
    head_match,
    read_clause,
    strip_activities,
    vocabulary_keys,
)
from zhize.queries.tfidf import Frequencies, Tfidf
from zhize.queries.view import Duty, View

SAME = 0.65  # cosine from which two objects are one matter
COMMON = 0.2  # share of documents (departments and vocabulary matters) above which a feature is left out
PAIR_FLOOR = 0.35  # below it no two parts of leads are one matter (the closest rule asks 0.4)
FLOOR = 0.25  # cosine below which no rule makes two parts one matter
WORDED = 0.4  # cosine enough for two parts made of the same concrete words
KEYED = 0.45  # cosine enough for two statements naming one matter key
KEY_BUCKET = 40  # statements naming a key beyond which the key is too common to pair on
MODIFIER = 4  # longest modifier set inside a part that still names the same thing (露天, 集中式)
SHORT_WORK = 3  # longest conjunct read as more work on the thing before it (稻草综合利用和禁烧)
CONTAINED = 4  # shortest part that counts as one matter with a longer part holding it
LOOSE = 0.9  # cosine from which two objects are worded almost alike
RARE_DEPARTMENTS = 3  # a word used by at most this many departments is rare
HEAD_DEPARTMENTS = 2  # a head word used by at most this many departments names their shared matter
SPECIFIC_KEY = 4  # shortest vocabulary key that names one concrete matter (畜禽屠宰, not 体育)


class Statement(NamedTuple):
    """One statement of a held (or historical) duty, with the department holding it (a named tuple:
    a county has thousands, and the detectors read `department` and `role` in their inner loops)."""

    duty: Duty
    reading: Reading
    keys: tuple[str, ...]
    partners: tuple[str, ...]  # departments the statement names (配合县水利局…)
    department: str  # the duty's
    role: str  # the reading's

    @property
    def object(self) -> str:
        return self.reading.object

    @property
    def text(self) -> str:
        return self.reading.text


def statements_of(view: View, duty: Duty) -> list[Statement]:
    """A duty's statements, each with the duty's own matter keys (from the extractor or annotator)
    that it holds: a key goes to the statements naming its wording, else to the one that holds most
    of its characters (秸秆禁烧 → "组织开展秸秆综合利用和禁烧工作")."""
    shape = _shape(view.mask_names(duty.text, "□"), duty.role, duty.keys, duty.wordings)
    department = duty.department
    if not any(r.role == "support" for r, _ in shape):
        return [Statement(duty, r, ks, (), department, r.role) for r, ks in shape]
    pieces = SPLIT.split(duty.text or "")
    out = []
    for r, ks in shape:
        # only a support statement's partners matter (配合县水利局…): names are looked for there alone
        named = view.named_in(pieces[r.piece]) if r.role == "support" and r.piece < len(pieces) else []
        partners = tuple(d for d in named if d != department)
        out.append(Statement(duty, r, ks, partners, department, r.role))
    return out


@lru_cache(maxsize=1 << 15)
def _shape(masked: str, role: str, keys: tuple[str, ...],
           wordings: tuple[tuple[str, str], ...]) -> tuple[tuple[Reading, tuple[str, ...]], ...]:
    """The statements of a (name-masked) duty text and the keys each holds: the same wording gives
    the same statements in every department and county, so it is read once."""
    readings = read_clause(masked, role)
    if not readings:
        return ()
    texts = [clean(r.text) for r in readings]
    own: list[list[str]] = [[] for _ in readings]
    for k in keys:
        key = normalise(k)
        if not key:
            continue
        wording = next((w for kk, w in wordings if kk == k), "")
        needles = [w for w in (clean(wording), key) if w]
        hits = [x for x, t in enumerate(texts) if any(w in t for w in needles)]
        if not hits:
            hits = [max(range(len(readings)), key=lambda x: sum(1 for c in set(key) if c in readings[x].text))]
        for x in hits:
            own[x].append(key)
    return tuple((r, tuple(dict.fromkeys(ks))) for r, ks in zip(readings, own, strict=True))


_CONJUNCTION = re.compile(r"[|、]|(?<=.{2})等(?=.{2})|(?<=.{2})(?:以及|和|(?<![涉普危])及(?!其)|与)(?=.{2})")
# Nouns that say what kind of thing an object is, not which: compared without them, 乡镇集中供水工程 meets
# 乡镇集中式供水设施 and 殡葬用品经营行为 meets 殡葬用品市场.
CLASS_NOUNS = re.compile(r"(?:工程|设施|机构|场所|行为|活动|市场|经营行为|经营)$")
# A station (站) after what it does is a facility of that work, as 机构 is: 机动车排放检测站 meets
# 机动车排放检验机构. Only after a stem of five characters or more — short names keep it (加油站, 客运站).
_FACILITY = re.compile(r"站$")
FACILITY_STEM = 5


_EXAMPLES = re.compile(r"([^|]*?.)等(?=[^、|]{2,})")


@lru_cache(maxsize=1 << 16)
def examples(obj: str) -> frozenset[str]:
    """The parts an object names only as examples of a category ("放射卫生、环境卫生等公共卫生",
    "电动自行车等重点工业产品"): the statement governs the category, not each example."""
    found: set[str] = set()
    for m in _EXAMPLES.finditer(obj):
        found.update(parts(m.group(1)))
    return frozenset(found)


@lru_cache(maxsize=1 << 16)
def parts(obj: str) -> tuple[str, ...]:
    """The conjuncts of an object, each one matter (殡仪服务、殡葬用品经营行为 → 殡仪服务, 殡葬用品经营),
    without the nouns of kind (`CLASS_NOUNS`)."""
    return tuple(p for p, _ in parts_with_aspects(obj))


def _shared_modifier(conjuncts: list[str]) -> list[str]:
    """Conjuncts with the modifier they share written out: in "山区公路客运站和客运班线" the second
    conjunct opens with a word (客运) that the first holds after its own modifier (山区公路), so that
    modifier governs both: 山区公路客运班线. A conjunct opening with a word the first does not hold
    (渡船和景区游船) stands as written. A short conjunct (at most `SHORT_WORK` characters) after
    a thing and its work ("稻草综合利用和禁烧") is more work on that thing when it is a work word itself
    (an activity of `statements.ACTIVITIES` or a ban of `BAN_FORMS`): 稻草禁烧. Other short conjuncts
    (监测和补贴, 生产和流通) stand as written."""
    if len(conjuncts) < 2:
        return conjuncts
    first = conjuncts[0]
    core, _ = strip_activities(first)
    out = [first]
    for c in conjuncts[1:]:
        k = next((k for n in (4, 3, 2) if len(c) > n and (k := first.find(c[:n])) >= 2), -1)
        if k >= 2 and words(first[:k]):
            c = first[:k] + c
        elif len(c) <= SHORT_WORK and len(core) >= 2 and core != first and _work_word(c):
            c = core + c  # 稻草综合利用和禁烧: a second kind of work on the same thing (稻草禁烧)
        out.append(c)
    return out


@lru_cache(maxsize=1 << 16)
def parts_with_aspects(obj: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """`parts`, each with the aspects of the activity words taken off it (人民防空宣传教育 →
    人民防空, {publicize})."""
    out: list[tuple[str, frozenset[str]]] = []
    for x in _shared_modifier(_CONJUNCTION.split(obj)):
        core, aspects = strip_activities(x)
        bare = CLASS_NOUNS.sub("", core)
        if bare != core:  # an act before the noun of kind is work too (油烟直排行为: 直排)
            bare, more = strip_activities(bare)
            aspects |= more
        bare = _FACILITY.sub("", bare) if len(bare) > FACILITY_STEM else bare
        core = bare if len(bare) >= 2 else core
        if len(core) >= 2 and all(core != p for p, _ in out):
            out.append((core, aspects))
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def _object_rows(obj: str) -> tuple[tuple[str, bool, frozenset[str]], ...]:
    """(part, named only as an example, aspects) of each part of an object (one row of the index each)."""
    named = examples(obj)
    return tuple((p, p in named, aspects) for p, aspects in parts_with_aspects(obj))


@lru_cache(maxsize=1 << 17)
def _spread_words(part: str) -> frozenset[str]:
    """What counts for a word's spread over departments: a part's concrete words and its vocabulary keys."""
    return words(part) | {"§" + k for k in vocabulary_keys(part)}


# Words that name an instrument or a manner of work, not a governed thing: two objects sharing only
# these are not one matter (共享机制 / 共享机制, 风险评估 / 风险评估, 防护标准 / 防护标准).
ABSTRACT = frozenset("""
    机制 制度 体系 规划 标准 规范 政策 措施 要求 方案 计划 评估 风险 考核 文稿 起草 交流 合作 对外 信息 数据
    统计 宣传 培训 监测 调查 处理 工作 事项 安全 质量 管理 服务 建设 发展 相关 有关 综合 行政 专项 重大 重点
    各类 全县 县域 共享 公开 办公室 具体 日常 组织 协调 落实 推进 实施 指导 监督 检查 项目 资金 队伍 能力 水平
    制定 拟订 编制 法律法规 方针政策 责任 目标 任务 事业 产业 领域 行业 系统 部门 单位 机构 设施 工程 活动
    行为 市场 经营 生产 违法 案件 执法 许可 审批 登记 备案 体制 改革 创新 应急 预案 防治 保护 利用 开发
    事故 防护 用水 中长期 年度 信息化 规范性文件 草案 文件 秩序 标准化 合理 有序 依法 全面
    违法违规 违规 违法行为 纳入 范围 条件 符合 情况 支撑
""".split())
# A longer word ending in one of these is an instrument too (防治规划, 工程质量, 安全事故).
_ABSTRACT_TAILS = ("规划", "标准", "机制", "制度", "质量", "事故", "要求", "政策", "措施", "方案", "计划")


# Head nouns written several ways for one kind of thing, each with the form it is compared as
# (餐厨废弃物 / 餐厨垃圾, 建筑废弃物 / 建筑垃圾, 医疗废物 / 医疗垃圾; 排放检验 / 排放检测): the wording shown
# is never changed.
HEAD_SYNONYMS = (("废弃物", "垃圾"), ("废物", "垃圾"), ("检验", "检测"))
# A ban written short (禁 + the act's last character: 禁烧, 禁放, 禁牧) is work on the act itself: compared
# as the act's full word, so 烟花爆竹禁放 meets 烟花爆竹燃放 and 草场禁牧 meets 草场放牧. 禁毒 is a matter of its
# own (drug control), not a ban on an act, and stays.
BAN_FORMS = (("禁烧", "焚烧"), ("禁放", "燃放"), ("禁牧", "放牧"), ("禁捕", "捕捞"), ("禁渔", "捕捞"),
             ("禁采", "开采"), ("禁养", "养殖"), ("禁种", "种植"), ("禁售", "销售"))


def same_work_on_one_thing(a: str, b: str) -> bool:
    """Both parts end in the same word of work, abstract ones included (统计, 管理), and every concrete
    word of the first has its counterpart in the second: 蚕桑行业统计 / 蚕桑生产统计 (蚕桑, 统计)."""
    import rjieba

    x, y = rjieba.cut(compared_form(a)), rjieba.cut(compared_form(b))
    if not x or not y or x[-1] != y[-1] or len(x[-1]) < 2:
        return False
    mine, theirs = words(a) - {x[-1]}, words(b)
    return bool(mine) and all(any(u in v or v in u for v in theirs) for u in mine)


def _another_word_alike(a: str, b: str, head: str) -> bool:
    """Besides the head, a concrete word of each part the same as, or holding, one of the other's."""
    x, y = words(a) - {head}, words(b) - {head}
    return any(u in v or v in u for u in x for v in y)


def _work_word(text: str) -> bool:
    """A word that is only work on a thing: an activity word (保护, 养护) or a ban written short (禁烧)."""
    return any(text == ban for ban, _ in BAN_FORMS) or not strip_activities(text)[0]


@lru_cache(maxsize=1 << 16)
def compared_form(part: str) -> str:
    """The form a part is compared in: head nouns of one kind written the same (`HEAD_SYNONYMS`), a
    ban written short as the act it bans (`BAN_FORMS`)."""
    for wording, form in HEAD_SYNONYMS + BAN_FORMS:
        part = part.replace(wording, form)
    return part


@lru_cache(maxsize=1 << 16)
def words(part: str) -> frozenset[str]:
    """The concrete words of an object part (rjieba's segmentation, abstract words left out)."""
    import rjieba

    return frozenset(w for w in rjieba.cut(compared_form(part)) if len(w) >= 2 and w not in ABSTRACT
                     and not (len(w) >= 4 and w.endswith(_ABSTRACT_TAILS)))


@lru_cache(maxsize=1 << 16)
def head_word(part: str) -> str:
    """The last word of a part when it is a concrete word (`words`): 休闲农庄露营地 → 露营地; "" when the
    part ends in an abstract word (交通安全生产)."""
    import rjieba

    cut = rjieba.cut(compared_form(part))
    last = cut[-1] if cut else ""
    return last if last in words(part) else ""


def ends_apart(a: str, b: str) -> bool:
    """Two parts the vocabulary tells apart although both statements carry one key: each ends in the
    wording of a different matter (交通安全生产 → 交通运输安全生产, 安全生产 → 安全生产)."""
    x, y = head_keys(a), head_keys(b)
    return bool(x) and bool(y) and not x & y


def kinds_of_one(a: str, b: str) -> bool:
    """Two parts ending in the same wording of the vocabulary, each after a modifier of its own that
    shares no word with the other's (山区乡村小型渡船 / 旅游景区内游览渡船): two
    kinds of one thing, which the key alone does not make one matter when the wordings are otherwise
    far apart (below `KEYED`). A part with no modifier (渡船) is the whole thing and meets either."""
    (x, wording), (y, other) = head_match(a), head_match(b)
    if not wording or wording != other:
        return False
    u, v = words(x), words(y)
    return bool(u) and bool(v) and not any(p in q or q in p for p in u for q in v)


def alike_words(a: str, b: str) -> bool:
    """Every concrete word of each part has its counterpart in the other, the same or one holding the
    other (乡镇/集中/供水 and 乡镇/集中式/供水), and there are two or more of them."""
    x, y = words(a), words(b)
    if len(x) < 2 or len(y) < 2:
        return False
    return all(any(u in v or v in u for v in y) for u in x) and all(any(u in v or v in u for u in x) for v in y)


def inserted(a: str, b: str) -> bool:
    """One part is the other with a short modifier set inside it, between two of its words (烟花燃放 /
    烟花露天燃放, 农村供水 / 农村集中供水): the same first word and the same head, so the same thing. A
    word added at either end changes what is named (城市道路 / 城市道路照明) and does not count."""
    import rjieba

    a, b = sorted((compared_form(a), compared_form(b)), key=len)
    if not 1 <= len(b) - len(a) <= MODIFIER:
        return False
    cuts = list(accumulate(len(t) for t in rjieba.cut(a)))[:-1]
    return any(b.startswith(a[:k]) and b.endswith(a[k:]) and words(a[:k]) and words(a[k:]) for k in cuts)


@lru_cache(maxsize=1 << 17)
def features(part: str) -> tuple[str, ...]:
    """Character bigrams and trigrams of an object part, and the vocabulary keys it names."""
    out: list[str] = []
    form = compared_form(part)
    for n in (2, 3):
        out += [form[i:i + n] for i in range(len(form) - n + 1)]
    return tuple(out + ["§" + k for k in vocabulary_keys(part)])


class Index:
    """The object parts of a set of duties' statements as TF-IDF vectors, with department-frequency
    weights. Row `r` is part `self.part[r]` of statement `self.statements[self.owner[r]]`."""

    def __init__(self, view: View, duties: list[Duty]):
        self.statements = [s for d in duties for s in statements_of(view, d) if s.object]
        self.owner: list[int] = []
        self.part: list[str] = []
        self.rows_of: dict[int, list[int]] = defaultdict(list)
        by_department: dict[str, set[str]] = defaultdict(set)  # each department's features (a document)
        words_of: dict[str, set[str]] = defaultdict(set)
        self.example: list[bool] = []
        self.aspects: list[frozenset[str]] = []
        for i, s in enumerate(self.statements):
            department = s.duty.department
            features_of, words_here = by_department[department], words_of[department]
            mine = self.rows_of[i]
            for p, example, aspects in _object_rows(s.reading.object):
                self.example.append(example)
                self.aspects.append(aspects or s.reading.aspects)
                mine.append(len(self.part))
                self.owner.append(i)
                self.part.append(p)
                features_of.update(features(p))
                words_here |= _spread_words(p)
        self.departments = len(by_department)
        self._rows: dict[int, dict[int, float]] = {}
        self.spread: dict[str, int] = defaultdict(int)
        for ws in words_of.values():
            for w in ws:
                self.spread[w] += 1
        self._fit(list(by_department.values()))

    def _fit(self, documents: list[list[str]]) -> None:
        # Features in more than `COMMON` of the documents (管理, 负责, 工作 …) weigh next to nothing and
        # would make every pair of parts a neighbour: left out.
        self.vectorizer = Tfidf(documents, background(), max_df=COMMON)
        self.matrix = self.vectorizer.transform([features(p) for p in self.part]) if documents else None

    @cached_property
    def department_codes(self):
        """Per part, a number for its department (for filtering pairs with numpy)."""
        import numpy as np

        codes: dict[str, int] = {}
        return np.array([codes.setdefault(self.statements[i].department, len(codes)) for i in self.owner] or [0])

    @cached_property
    def similarities(self):
        """Cosine of every pair of parts (sparse; zero where nothing is shared)."""
        if self.matrix is None:
            return None
        return (self.matrix @ self.matrix.T).tocsr()

    def neighbours(self, r: int) -> dict[int, float]:
        """Parts sharing a feature with part r, and their cosines (one CSR row, cached)."""
        found = self._rows.get(r)
        if found is None:
            sims = self.similarities
            if sims is None:
                return {}
            lo, hi = sims.indptr[r], sims.indptr[r + 1]
            found = self._rows[r] = dict(zip(sims.indices[lo:hi].tolist(), sims.data[lo:hi].tolist(), strict=True))
        return found

    @cached_property
    def row_keys(self) -> list[frozenset[str]]:
        """Per part, the vocabulary keys it names."""
        return [frozenset(vocabulary_keys(p)) for p in self.part]

    def cos(self, r: int, q: int) -> float:
        found = self._rows.get(r)
        if found is not None:
            return found.get(q, 0.0)
        sims = self.similarities
        if sims is None:
            return 0.0
        lo, hi = sims.indptr[r], sims.indptr[r + 1]
        k = (sims.indices[lo:hi] == q).nonzero()[0]
        return float(sims.data[lo + k[0]]) if len(k) else 0.0

    def rare(self, feature: str, loose: bool = False) -> bool:
        """Used by few departments: at most `RARE_DEPARTMENTS`; `loose` — for objects worded almost
        alike — at most half of them."""
        limit = RARE_DEPARTMENTS
        if loose:
            limit = max(limit, self.departments // 2)
        return self.spread.get(feature, 0) <= limit

    def _common(self, loose: bool = False) -> frozenset[str]:
        """The words of this index's parts that are not rare (`rare`): the complement, counted once."""
        limit = max(RARE_DEPARTMENTS, self.departments // 2) if loose else RARE_DEPARTMENTS
        return frozenset(w for w, n in self.spread.items() if n > limit)

    @cached_property
    def rare_words(self) -> list[frozenset[str]]:
        """Per part, its concrete words that few departments use."""
        return self._words_without(self._common())

    def _words_without(self, common: frozenset[str]) -> list[frozenset[str]]:
        seen: dict[str, frozenset[str]] = {}
        out = []
        for p in self.part:
            found = seen.get(p)
            if found is None:
                found = seen[p] = words(p) - common
            out.append(found)
        return out

    def shared_rare_rows(self, r: int, q: int, loose: bool = False) -> bool:
        """Parts r and q share a rare concrete word (`shared_rare` for two rows, precomputed)."""
        if not loose:
            return bool(self.rare_words[r] & self.rare_words[q])
        return bool(self.shared_rare(self.part[r], self.part[q], loose=True))

    def shared_rare(self, a: str, b: str, keys: bool = False, loose: bool = False) -> list[str]:
        """The rare concrete words two parts share — what makes them one matter — longest first;
        with `keys`, a shared key of the matter vocabulary counts too (lenient readings)."""
        common = words(a) & words(b)
        if keys:
            common |= {"§" + k for k in vocabulary_keys(a)} & {"§" + k for k in vocabulary_keys(b)}
        return sorted((f for f in common if self.rare(f, loose)), key=lambda f: (-len(f), f))

    def part_pairs(self, minimum: float = SAME, among=None) -> list[tuple[int, int, float]]:
        """(r, q, cosine), r < q, for parts of statements of different departments that are one
        matter: cosine at or above `minimum` and a rare feature shared, or close and worded with the
        same concrete words (`alike_words`), or one part the other with more words (`_contained`).
        `among`: a boolean array over parts; only pairs of parts it marks are looked at."""
        sims = self.similarities
        if sims is None:
            return []
        coo = sims.tocoo()
        # numpy first: most pairs share only common n-grams, or are of one department, or name
        # examples, or share no rare word (the cheapest test first: each narrows what the next reads)
        keep = coo.data >= PAIR_FLOOR
        rows, cols, data = coo.row[keep], coo.col[keep], coo.data[keep]
        keep = rows < cols
        rows, cols, data = rows[keep], cols[keep], data[keep]
        allowed = ~self.example_flags if among is None else among & ~self.example_flags
        keep = (self.department_codes[rows] != self.department_codes[cols]) & allowed[rows] & allowed[cols]
        rows, cols, data = rows[keep], cols[keep], data[keep]
        rare = self._shares(self.rare_word_matrix, rows, cols)
        loose = (data >= LOOSE) & ~rare
        if loose.any():
            rare[loose] = self._shares(self.loose_word_matrix, rows[loose], cols[loose])
        rows, cols, data = rows[rare], cols[rare], data[rare]
        close = data >= minimum
        out = list(zip(rows[close].tolist(), cols[close].tolist(), data[close].tolist(), strict=True))
        for r, q, v in zip(rows[~close].tolist(), cols[~close].tolist(), data[~close].tolist(), strict=True):
            if (v >= WORDED and alike_words(self.part[r], self.part[q])) or self._contained(r, q):
                out.append((r, q, minimum))
        seen = {(r, q) for r, q, _ in out}
        out += self._modified_pairs(allowed, seen)
        return out + self._headed_pairs(allowed, seen | {(r, q) for r, q, _ in out})

    def _modified_pairs(self, allowed, seen: set[tuple[int, int]]) -> list[tuple[int, int, float]]:
        """Pairs of parts that share two or more rare words and are one thing, one of them with a
        modifier set inside it (`inserted`): their cosine may be low, so they come from the shared
        rare words, not from the similarity rows."""
        m = self.rare_word_matrix
        if m.shape[0] < 2:
            return []
        shared = (m @ m.T).tocoo()
        keep = (shared.data >= 2) & (shared.row < shared.col)
        rows, cols = shared.row[keep], shared.col[keep]
        keep = (self.department_codes[rows] != self.department_codes[cols]) & allowed[rows] & allowed[cols]
        out = []
        for r, q in zip(rows[keep].tolist(), cols[keep].tolist(), strict=True):
            if (r, q) not in seen and inserted(self.part[r], self.part[q]):
                out.append((r, q, SAME))
        return out

    def _headed_pairs(self, allowed, seen: set[tuple[int, int]]) -> list[tuple[int, int, float]]:
        """Pairs of parts ending in the same concrete head word that no department but theirs uses
        and no matter of the vocabulary names, with one more word alike before it (餐饮业油烟 /
        城区餐饮服务经营者油烟: 油烟, and 餐饮业 / 餐饮): the head names the thing, and the other words
        of each only say more about it. A head other departments write, or one the vocabulary knows
        (体育: 学校体育, 群众体育; 垃圾), is a kind of thing whose modifiers tell
        matters apart; a head alone in common (收入动态 / 边缘户动态) may be a manner of work."""
        m = self.rare_word_matrix
        if m.shape[0] < 2:
            return []
        shared = (m @ m.T).tocoo()
        keep = shared.row < shared.col
        rows, cols = shared.row[keep], shared.col[keep]
        keep = (self.department_codes[rows] != self.department_codes[cols]) & allowed[rows] & allowed[cols]
        out = []
        for r, q in zip(rows[keep].tolist(), cols[keep].tolist(), strict=True):
            if (r, q) in seen:
                continue
            a, b = self.part[r], self.part[q]
            h = head_word(a)
            if h and h == head_word(b) and self.spread.get(h, 0) <= HEAD_DEPARTMENTS \
                    and not background().df.get(h) and _another_word_alike(a, b, h):
                out.append((r, q, max(self.cos(r, q), FLOOR)))
        return out

    @cached_property
    def example_flags(self):
        import numpy as np

        return np.array(self.example or [False], dtype=bool)

    @cached_property
    def rare_word_matrix(self):
        """Parts × rare concrete words (CSR, 0/1)."""
        return _incidence(self.rare_words)

    @cached_property
    def loose_word_matrix(self):
        """Parts × concrete words used by at most half of the departments (CSR, 0/1)."""
        return _incidence(self._words_without(self._common(loose=True)))

    @staticmethod
    def _shares(matrix, rows, cols, at_least: int = 1):
        """Per (row, col) pair, whether the two rows of a 0/1 matrix have `at_least` columns in common."""
        import numpy as np

        if not len(rows):
            return np.zeros(0, dtype=bool)
        return np.asarray(matrix[rows].multiply(matrix[cols]).sum(axis=1)).ravel() >= at_least

    def _contained(self, r: int, q: int) -> bool:
        """One part is the other with more words around it, and all its concrete words are rare
        (秸秆 in 秸秆焚烧污染, 校车安全 in 中小学校校车安全)."""
        a, b = sorted((compared_form(self.part[r]), compared_form(self.part[q])), key=len)
        found = words(a)
        return len(a) >= CONTAINED and b.endswith(a) and bool(found) and all(self.rare(w) for w in found)

    def key_pairs(self, minimum: float = KEYED) -> list[tuple[int, int, float]]:
        """(r, q, cosine) for the closest parts of statements of different departments that name
        one matter key (the curated vocabulary or the extractor agrees), at a lower cosine."""
        by_key: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(self.statements):
            for k in s.keys:
                by_key[k].append(i)
        out: dict[tuple[int, int], tuple[int, int, float]] = {}
        for key, members in by_key.items():
            if len(members) > KEY_BUCKET:
                continue  # a key every department names (安全生产) proves nothing
            # a key few departments name is a specific matter: two of its statements whose objects end
            # in its wording (their head nouns) are one matter however differently the rest is worded
            # (畜禽屠宰 / 生猪定点屠宰; 职业卫生 / 工贸企业作业场所职业健康), where a key named only as a
            # modifier is not (艺术教育 / 文化艺术事业)
            specific = len({self.statements[i].department for i in members}) <= RARE_DEPARTMENTS
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    if self.statements[i].department == self.statements[j].department:
                        continue
                    pairs = [(self.cos(r, q), r, q) for r in self.rows_of.get(i, ())
                             for q in self.rows_of.get(j, ()) if not (self.example[r] or self.example[q])
                             and not ends_apart(self.part[r], self.part[q])]
                    best = max(pairs, default=(0.0, -1, -1))
                    if best[0] < minimum and specific and len(key) >= SPECIFIC_KEY:
                        named = [p for p in pairs if key in head_keys(self.part[p[1]])
                                 and key in head_keys(self.part[p[2]])
                                 and not kinds_of_one(self.part[p[1]], self.part[p[2]])]
                        if not named:
                            continue
                        best = max(named)
                        best = (max(best[0], FLOOR), best[1], best[2])
                    elif best[0] < minimum:
                        continue
                    r, q = sorted((best[1], best[2]))
                    out[(r, q)] = (r, q, best[0])
        return list(out.values())

    def best(self, i: int, j: int) -> tuple[float, str, str]:
        """The closest parts of two statements: (cosine, part of i, part of j)."""
        found = (0.0, "", "")
        for r in self.rows_of.get(i, ()):
            for q in self.rows_of.get(j, ()):
                v = self.cos(r, q)
                if v > found[0]:
                    found = (v, self.part[r], self.part[q])
        return found

    def same(self, i: int, j: int, minimum: float = SAME) -> bool:
        v, a, b = self.best(i, j)
        return v >= minimum and bool(self.shared_rare(a, b))

    @cached_property
    def _exceptions(self) -> dict[tuple[str, str], tuple[str, ...]]:
        out: dict[tuple[str, str], list[str]] = defaultdict(list)
        for s in self.statements:
            out[(s.duty.document, s.department)] += s.reading.excluded
        return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}

    def exceptions(self, document: str, department: str) -> tuple[str, ...]:
        """What a department's 三定 leaves out anywhere ("（价格监督检查除外）")."""
        return self._exceptions.get((document, department), ())

    def similar(self, a: str, b: str) -> float:
        """Cosine of two parts by this index's weights (0 unless they share a rare feature)."""
        if self.matrix is None or not self.shared_rare(a, b):
            return 0.0
        x, y = self.vectorizer.transform([features(a), features(b)])
        return float((x @ y.T).toarray()[0, 0])

    def against(self, text: str, loose: bool = False) -> list[tuple[int, float]]:
        """(statement, best cosine) of an outside phrase (a plan's duty, a task) with every statement
        sharing a rare concrete word with it — with `loose`, also those worded almost alike — best
        first."""
        return self.against_all([text], loose)[0]

    def against_all(self, texts: list[str], loose: bool = False, minimum: float = 0.0,
                    among=None) -> list[list[tuple[int, float]]]:
        """`against` for many phrases at once (one sparse product); only statements at `minimum` or
        above, and — `among`, a boolean array over parts — only the parts it marks."""
        import numpy as np

        if self.matrix is None or not texts:
            return [[] for _ in texts]
        pieces = [(k, p) for k, text in enumerate(texts) for p in (parts(text) or [text])]
        block = (self.matrix @ self.vectorizer.transform([features(p) for _, p in pieces]).T).tocsc()
        found: list[dict[int, float]] = [{} for _ in texts]
        for c, (k, p) in enumerate(pieces):
            lo, hi = block.indptr[c], block.indptr[c + 1]
            rows, values = block.indices[lo:hi], block.data[lo:hi]
            keep = values >= minimum if minimum > 0 else values != 0
            if among is not None:
                keep &= among[rows]
            rows, values = rows[keep], values[keep]
            order = np.argsort(rows, kind="stable")  # part order, as a dense column is read
            best = found[k]
            for r, v in zip(rows[order].tolist(), values[order].tolist(), strict=True):
                if (loose and v >= LOOSE) or self.shared_rare(p, self.part[r]):
                    i = self.owner[r]
                    best[i] = max(best.get(i, 0.0), v)
        return [sorted(best.items(), key=lambda x: -x[1]) for best in found]


def _incidence(sets: list[frozenset[str]]):
    """Rows × the members of the sets (CSR, 0/1)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    ids: dict[str, int] = {}
    indptr, indices = [0], []
    for found in sets:
        indices += [ids.setdefault(w, len(ids)) for w in found]
        indptr.append(len(indices))
    return csr_matrix((np.ones(len(indices)), np.array(indices, dtype=np.int64), np.array(indptr)),
                      shape=(len(sets), max(1, len(ids))))


@lru_cache(maxsize=1)
def background() -> Frequencies:
    """The matter vocabulary as a background corpus, one document per matter (its key and wordings):
    in a county with few departments their own frequencies say little, and the vocabulary knows
    that 城市, 农村, 管理 occur in many matters and 爱国卫生 in one. Counted once per process."""
    vocab = vocabulary()
    by_key: dict[str, list[str]] = defaultdict(list)
    for surface, keys in vocab.surfaces.items():
        for key in keys:
            by_key[key].append(surface)
    return Frequencies.of([f for w in [key, *ws] for f in features(w)] for key, ws in by_key.items())


def index_of(view: View) -> Index:
    """The index of the duties held at the view's date (cached on the view: detectors share it)."""
    found = view.cache.get("statement_index")
    if found is None:
        found = view.cache["statement_index"] = Index(view, view.held)
    return found  # type: ignore[return-value]
