"""Finding department names in running text by their shape, without spaCy.

A name is ``[place] body suffix``: 县 + 市场监督管理 + 局, 岚川县 + 人民政府 + 办公室, 中共云州市 + 委,
县委 + 全面依法治县 + 委员会办公室. The search starts from the suffixes (局, 委员会, 办公室, 中心, 大队
…), grows each one leftwards over Chinese characters up to a hard stop (punctuation, 的, 与, 由, 将,
对 …), then picks where the name starts inside that stretch: at a place prefix when there is one
(县, 市, 中共, 岚川县), otherwise after the verbs and modifiers that precede names (负责, 配合, 会同,
组建, 全县 …). Precision over recall: a shape that is only sometimes a name (乡镇司法所, 公立医院,
法治政府) is left out unless it carries a place prefix.

`find_department_names` is shared by the spaCy component ``zhize_departments``, by `ingest.roles`
(which masks names before it reads verbs) and by `ingest.matters` (matters inside a department's own
name are not what a duty is about).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

MAX_NAME = 30  # characters; the longest real names (县委全面依法治县委员会办公室) are about 15

# Suffixes of bodies whose name states a portfolio (局, 委, 部 …): allowed without a place prefix
# when the body is at least two characters (市场监管局, 应急管理部).
_GOVERNMENT = r"""
    委员会办公室 | 领导小组办公室 | 指挥部办公室 | 委员会 | 领导小组 | 指挥部 | 管委会
  | 局(?<![格布大当结全时赌饭]局)(?![面势限部长])
  | 厅(?<![大客餐展]厅)(?!堂)
  | 部(?<![全内外干局东西南北中上下总本基头各顶底端首面细大小两一该此后前腰支左右乐]部)(?![门署分队位件落长属])
  | 总署
"""
# Suffixes that need a place prefix: single characters that also end ordinary words (办, 委), and
# institutions whose bare shape is usually a class of bodies (医院, 司法所, 文化站).
_ANCHORED = r"""
    人民政府 | 政府 | 办公室 | 办事处
  | 办(?<![承代帮督举主协交开创兴包筹查申合首联经试]办)(?![理公法事结件好学成证班案报])
  | 委(?<!常委)(?![员托派任屈])
  | 人民法院 | 人民检察院 | 中心(?![城工任环])
  | 大队(?!伍) | 支队(?!伍) | 中队(?!伍) | 总队(?!伍) | 救援队(?!伍)
  | 院(?<![庭书]院)(?![落校线内子士])
  | 馆 | 站(?<!车站)(?![场点台长稳立岗])
  | 所(?<![场住厕处之]所)(?![有属在得需以谓述称辖])
  | 报社 | 出版社 | 供销合作社联合社 | 供销合作社 | 供销社 | 杂志社
  | 联合会 | 协会 | 工会 | 商会 | 学会 | 研究会 | 促进会 | 基金会 | 红十字会
"""
_SUFFIX = re.compile(rf"(?P<gov>{_GOVERNMENT})|(?P<anchored>{_ANCHORED})", re.VERBOSE)
# The first two characters of the suffixes: a pattern of them alone finds candidates ten times
# faster than the full pattern (which the regex engine cannot prefilter because of the
# lookbehinds), and the second character rules out the frequent 工作, 管理, 政策, 人员, 指导 before
# the full match runs. A one-character suffix (局) needs no second character.
_SUFFIX_WORDS = [re.sub(r"\(.*?\)", "", a).strip() for a in f"{_GOVERNMENT}|{_ANCHORED}".split("|") if a.strip()]
_SUFFIX_SECOND: dict[str, frozenset[str] | None] = {
    first: None if first in _SUFFIX_WORDS else frozenset(w[1] for w in _SUFFIX_WORDS if w[0] == first)
    for first in {w[0] for w in _SUFFIX_WORDS}
}
_SUFFIX_HEAD = re.compile("|".join(
    ["[" + "".join(sorted(f for f, second in _SUFFIX_SECOND.items() if second is None)) + "]"]
    + [re.escape(f) + "[" + "".join(sorted(second)) + "]"
       for f, second in sorted(_SUFFIX_SECOND.items()) if second is not None]))
# Characters a name never contains; the leftward growth stops at them, except inside the words of
# _STOP_INSIDE (县应对重大灾害指挥部, 县国有资产监督管理委员会).
_HARD_STOP = set("的与由将对向在把被等各及或同并其之从经给以至为是有于按")
_STOP_INSIDE = {"应对", "对外", "国有", "共同", "经济", "经营", "经信", "供给", "给排"}
# Characters that end a name: 和 right after one of them is a conjunction between two names
# (县民政局和县卫生健康局), not part of a name (县住房和城乡建设局).
_NAME_END = set("局委办室会心厅部署队院馆站所社府组")
# Words that stand before a name without being part of it, tried longest first.
_LEADERS = tuple(sorted("""
    负责 配合 协助 会同 联合 承担 牵头 指导 督促 组建 重新组建 设立 成立 保留 不再保留 撤销 划入 划给 划归
    交由 并入 加挂 挂 更名为 调整为 改为 作为 设在 报 报送 提请 商 通报 移送 移交 接受 委托 受 依托 支持
    做好 协调 推动 推进 监督 检查 参与 协同 提交 抄送 印发 批准 经 请 由 原 现 新 新组建 优化 明确 简称
    下简称 参照 和 兼任 兼 完成 计入 不计入 列入 纳入 对外 落实 实施 根据 依据 按照 告知 报请 会商 征求 听取
    指定 授权 统筹 组织 督办 召集 另设 下设 内设 增设
    全县 全市 全区 全省 本县 本市 该 各级 各类 有关 相关 其他 所属 下属 上级 同级 本级
""".split(), key=len, reverse=True))
_LEADER_RE = re.compile("|".join(_LEADERS))
# Characters that do not occur in a place name but do in the verbs that precede a name; a stretch
# before 县/市 containing one is not taken as a place (配合县…, 以下简称县…).
_NOT_IN_PLACE = set(
    "负责配合协助会同承担牵头指导督促组建撤销保留划入给交并挂更调报送提请移接受委托依支持做好推进检查参与称简优化"
    "明确批准印发抄兼任完落实施据告知统筹增强和年月日底时"
)
# Characters before a level character that make it an ordinary word (城市, 全县), not a place; 地市
# (各地市交通局) is the class of cities.
_NOT_PLACE_BEFORE = set("城都超门夜街集闹郊全本我该各点地")
_LEVELS = ("自治县", "自治州", "县", "市", "区", "省", "旗")
# Township levels: only after a place name of their own (蘅X镇人民政府, X街道办事处), never alone —
# a bare 镇 or 乡 in running text is the class of townships (各乡镇, 全镇, 城乡). 乡 also ends ordinary
# words (城乡, 下乡), so a 乡 counts only before its government or Party committee (X乡人民政府).
_TOWN_LEVELS = ("街道", "镇", "乡")
_TOWN_LEVEL_FIRSTS = frozenset("街镇乡")
# Last characters of words that end in 镇 or 乡 without naming a township (小城镇, 集镇, 特色小镇, 重镇).
_NOT_TOWN_BEFORE = frozenset("城集小重名古乡村边大本全各该")
# What follows 镇 when it is a class word, not a township's name (镇村, 镇级, 镇域, 镇区).
_NOT_TOWN_AFTER = frozenset("村级域区")
_TOWNSHIP_ORGANS = ("人民政府", "政府", "党委")
_LEVEL_FIRSTS = frozenset(level[0] for level in _LEVELS)
# Words that begin with a level character without naming a level (市场监管局 is not 市 + 场监管局).
_NOT_LEVELS = ("市场", "市政", "市容", "市级", "县域", "县级", "区域", "区划", "省级", "州级")
_LEVEL_AFTER_ALL = ("市政府", "市政务", "市政协", "市政法")  # 市 + 政务服务中心 is a level after all
_PARTY = ("中国共产党", "中共")
# Bodies whose names are classes, not one department (乡镇人民政府, 村民委员会, 各地市交通局).
_CLASS_HEADS = ("乡镇", "村", "居民", "社区", "业主", "地市")
_CLASS_PLACES = ("县市区", "县市", "市县", "县区", "市区")  # 各县市区人民政府
# 县委, 县政府, 县人民政府 are names with an empty body; so are bodies named by their kind alone
# (县供销合作社联合社, 县红十字会), and a 街道's government, its 办事处 (X街道办事处).
_BARE_OK = {"委", "政府", "人民政府", "供销合作社联合社", "供销合作社", "供销社", "红十字会", "办事处"}
# A bureau-like suffix names one body even after a class word: 县乡镇企业局, 县社区矫正管理局.
_PORTFOLIO_SUFFIX = re.compile(r"(?:局|厅|总署)$")
# Central prefixes that anchor a name as a place does: 国务院乡村振兴办公室, 中共中央台湾工作办公室.
_CENTRAL = ("中共中央", "国务院", "中央")  # 县委, 县政府, 县人民政府 are names with an empty body


def find_department_names(text: str, known: Iterable[str] = ()) -> list[tuple[int, int, str]]:
    """Department names in `text` as ``(start, end, name)`` with ``name == text[start:end]``,
    in text order, never overlapping (the longest wins).

    >>> find_department_names("配合县住房和城乡建设局做好建筑垃圾运输管理工作")
    [(2, 11, '县住房和城乡建设局')]

    `known` adds exact names (a gazetteer); they are found wherever they occur."""
    found = _candidates(text)
    found += _known_spans(text, tuple(known))
    return _longest_first(found)


def _suffixes(text: str) -> Iterator[re.Match[str]]:
    """The suffix matches of `text`, left to right, not overlapping (as `_SUFFIX.finditer`)."""
    pos = 0
    search, match = _SUFFIX_HEAD.search, _SUFFIX.match
    while (head := search(text, pos)) is not None:
        i = head.start()
        m = match(text, i)
        if m:
            pos = m.end()
            yield m
        else:
            pos = i + 1  # the head may hide another one starting at its second character (管委)


def coordination_body(name: str) -> bool:
    """True for bodies that coordinate a matter rather than hold a portfolio: 委员会, 领导小组,
    指挥部 and their 办公室 (县食品安全委员会办公室, 县河长制办公室), but not 县人民政府办公室."""
    if name.endswith(("委员会", "领导小组", "指挥部", "委员会办公室", "领导小组办公室", "指挥部办公室")):
        return True
    return name.endswith("办公室") and not name.endswith(("政府办公室", "委办公室"))


def _candidates(text: str) -> list[tuple[int, int, str]]:
    names: list[tuple[int, int, str]] = []
    for m in _suffixes(text):
        start = _name_start(text, m.start(), m.end(), anchored_only=m.group("anchored") is not None)
        if start is not None:
            names.append((start, m.end(), text[start : m.end()]))
    return names


def _name_start(text: str, suffix_start: int, end: int, *, anchored_only: bool) -> int | None:
    left = _stretch_start(text, suffix_start)
    start = _skip_leaders(text, left, suffix_start)
    if text.startswith(_NATIONAL_HEADS, start) and _national_branch(text, start, suffix_start):
        return start
    anchored = _place_at(text, start, suffix_start) is not None
    if not anchored:
        anchor = _first_anchor(text, start + 1, suffix_start)
        if anchor is not None:
            start, anchored = anchor, True
    start = _split_after_inner_name(text, start, suffix_start)
    if not anchored:
        return _bare_start(text, start, suffix_start, anchored_only)
    return start if _acceptable(text, start, suffix_start, end) else None


# A vertically managed body's local branch is one name: the national body, then the place it serves
# and the branch's own body (国家税务总局岚川县税务局, 国家税务总局云州市税务局).
_NATIONAL_HEADS = ("国家", "中国")
_NATIONAL_BRANCH_HEAD = re.compile(r"(?:国家|中国)[\u4e00-\u9fff]{1,10}?(?:总局|局|银行)")


def _national_branch(text: str, start: int, suffix_start: int) -> bool:
    head = _NATIONAL_BRANCH_HEAD.match(text, start, suffix_start)
    if head is None:
        return False
    place = _place_at(text, head.end(), suffix_start)
    return place is not None and head.end() + place < suffix_start and text[head.end() + place - 1] in "县市区省旗"


def _stretch_start(text: str, suffix_start: int) -> int:
    """Leftmost position the name may reach: grow over CJK characters until a hard stop."""
    i = suffix_start
    floor = max(0, suffix_start - MAX_NAME)
    while i > floor:
        c = text[i - 1]
        if not "\u3400" <= c <= "\u9fff" or (c in _HARD_STOP and not _inside_word(text, i - 1)):
            break
        if c == "和" and i >= 2 and (text[i - 2] in _NAME_END or text[i - 2] in "省市县区"):
            break
        i -= 1
    return i


def _inside_word(text: str, i: int) -> bool:
    return text[max(0, i - 1) : i + 1] in _STOP_INSIDE or text[i : i + 2] in _STOP_INSIDE


def _skip_leaders(text: str, start: int, limit: int) -> int:
    while start < limit:
        m = _LEADER_RE.match(text, start, limit)
        if m is None:
            return start
        start = m.end()
    return start


def _place_at(text: str, start: int, limit: int) -> int | None:
    """Length of the place prefix at `start` (中共, 县, 岚川县, 中共云州市) or None."""
    i = start
    for central in _CENTRAL:
        if text.startswith(central, i) and i + len(central) < limit:
            return len(central) + i - start
    for party in _PARTY:
        if text.startswith(party, i):
            i += len(party)
            break
    level = _level_at(text, i)
    if level:
        return i + level - start
    for n in (2, 3, 4):  # a place name of 2–4 characters followed by its level: 岚川县, 云州市
        if i + n >= limit:
            break
        word = text[i : i + n]
        if not _NOT_IN_PLACE.isdisjoint(word) or not _HARD_STOP.isdisjoint(word) or word[-1] in _NOT_PLACE_BEFORE:
            continue
        level = _level_at(text, i + n) or (_town_level_at(text, i + n) if n <= 3 else 0)
        if level and i + n + level <= limit:
            return i + n + level - start
    return (i - start) if i > start else None


def _level_at(text: str, i: int) -> int:
    """Length of the level word (县, 市, 自治县 …) at `i`, 0 when there is none."""
    if text[i : i + 1] not in _LEVEL_FIRSTS:  # the usual case, decided without the loop
        return 0
    for level in _LEVELS:
        if text.startswith(level, i):
            if text.startswith(_NOT_LEVELS, i) and not text.startswith(_LEVEL_AFTER_ALL, i):
                return 0
            return len(level)
    return 0


def _town_level_at(text: str, j: int) -> int:
    """Length of a township level word at `j` right after a place name (蘅X镇, X街道, X乡人民政府),
    0 when there is none; the word before is checked by the caller."""
    if text[j : j + 1] not in _TOWN_LEVEL_FIRSTS or text[j - 1] in _NOT_TOWN_BEFORE:
        return 0
    if text.startswith("街道", j):
        return 2
    if text[j] == "镇":
        return 0 if text[j + 1 : j + 2] in _NOT_TOWN_AFTER else 1
    if text[j] == "乡":
        return 1 if text.startswith(_TOWNSHIP_ORGANS, j + 1) else 0
    return 0


def _first_anchor(text: str, lo: int, hi: int) -> int | None:
    """A level character inside the stretch that starts a name (挂县新闻出版局 → 县…)."""
    for i in range(lo, hi):
        if text[i] in "县市区省" and _level_at(text, i) and text[i - 1] not in _NOT_PLACE_BEFORE:
            return i
        if text.startswith(_PARTY, i):
            return i
    return None


def _split_after_inner_name(text: str, start: int, suffix_start: int) -> int:
    """After a complete inner name, a level character starts a new name: 县委县政府 is two names, and
    so is 县市场监督管理局加挂县知识产权局; 云州市生态环境局岚川分局 and 县委组织部 stay whole."""
    for i in range(suffix_start - 1, start, -1):
        if text[i - 1] in _NAME_END:
            after = _skip_leaders(text, i, suffix_start)
            if after == i and not _level_at(text, i):
                continue
            inner = _candidates(text[start:i])
            if inner and inner[-1][1] == i - start and (_level_at(text, after) or suffix_start - after >= 2):
                return after
    return start


def _bare_start(text: str, start: int, suffix_start: int, anchored_only: bool) -> int | None:
    """A name without a place prefix (市场监管局): only for portfolio suffixes, two characters of
    body at least, and not a class of bodies (乡镇…)."""
    if anchored_only or suffix_start - start < 2:
        return None
    if text.startswith(_CLASS_HEADS, start):
        return None
    return start


def _acceptable(text: str, start: int, suffix_start: int, end: int) -> bool:
    """A name with a place prefix needs a body (县委 and 县政府 excepted) that is not a class."""
    body = text[start:suffix_start]
    if body.startswith(_CLASS_PLACES) and any(  # the tuple test first: it rarely holds
            body.startswith(c) and not body.startswith(_NOT_LEVELS, len(c) - 1) for c in _CLASS_PLACES):
        return False
    for party in _PARTY:
        body = body.removeprefix(party)
    place = _strip_place(body)
    if place.startswith(_CLASS_HEADS) and not _PORTFOLIO_SUFFIX.match(text, suffix_start, end):
        return False  # 县乡镇人民政府 is a class; 县乡镇企业局 holds a portfolio
    return bool(place) or text[suffix_start:end] in _BARE_OK


def _strip_place(body: str) -> str:
    for central in _CENTRAL:
        if body.startswith(central):
            return body[len(central):]
    level = _level_at(body, 0)
    if level:
        return body[level:]
    for n in (2, 3, 4):
        level = _level_at(body, n) or (_town_level_at(body, n) if n <= 3 else 0)
        if level and _NOT_IN_PLACE.isdisjoint(body[:n]):
            return body[n + level :]
    return body


@lru_cache(maxsize=64)
def _known_pattern(known: tuple[str, ...]) -> re.Pattern[str] | None:
    names = sorted({k.strip() for k in known if k.strip()}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))) if names else None


def _known_spans(text: str, known: tuple[str, ...]) -> list[tuple[int, int, str]]:
    pattern = _known_pattern(known) if known else None
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)] if pattern else []


def _longest_first(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    if all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)):
        return list(spans)  # already in order and disjoint (the usual case): all of them are kept
    chosen: list[tuple[int, int, str]] = []
    for span in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if all(span[1] <= c[0] or span[0] >= c[1] for c in chosen):
            chosen.append(span)
    return sorted(chosen)
