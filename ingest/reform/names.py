"""Department names in a plan, by shape: whether a slot is a name, where a leading name ends.

A slot of a sentence shape (between 将 and 的, after 划入 …) holds department names. A name must
look like a body — a place or level prefix, a portfolio, a body suffix — before the name book
resolves it; nothing else becomes a department (no 连同县档案局, no 一个部门, no 有关部门).
"""

from __future__ import annotations

import re
from functools import lru_cache

from zhize.ingest.namelists import split_conjoined, split_names
from zhize.ingest.names import NATIONAL_PREFIXES, PARTY, not_a_level

# Suffixes a bare name (no place prefix) may end with: they name a portfolio (水利局, 档案馆).
STRONG_SUFFIXES = ("委员会", "办公室", "指挥部", "领导小组", "管委会", "中心", "银行", "局", "厅", "部", "署", "馆")
# Suffixes that also end ordinary words (社会, 平台, 场所): only after a place prefix (县委, 县供销社).
WEAK_SUFFIXES = ("政府", "小组", "委", "办", "院", "队", "站", "所", "社", "会", "处", "室", "司", "台", "团", "联",
                 "段")  # 段: a road or river unit of a county (县公路管理段); 阶段, 路段 are words (_BAD_ENDINGS)
SUFFIX_LAST = frozenset(s[-1] for s in STRONG_SUFFIXES + WEAK_SUFFIXES)
_BAD_ENDINGS = ("全部", "内部", "外部", "干部", "局部", "东部", "西部", "南部", "北部", "中部", "基层党委",
                "社会", "大会", "例会", "年会", "场所", "住所", "网站", "平台", "团队", "机会", "集会", "处室",
                "之处", "好处", "难处", "相处", "到处", "各处", "科室", "机关党委", "国家局",
                "阶段", "手段", "路段", "时段", "地段", "区段", "河段", "片段")
# Words a name never starts with; the second group only without a place prefix (县乡镇企业局 is a
# name, 乡镇人民政府 a class of bodies).
_BAD_STARTS = ("各", "本", "该", "此", "其", "我", "有关", "相关", "上级", "下级", "同级", "主管", "牵头", "全县",
               "全市", "全区", "全省", "职能", "原", "连同", "以及", "新组建", "重新组建", "组建后",
               "撤销", "撤消", "撤并", "组建", "设立", "成立")  # a verb before a name (撤销县甲局建制) is no part of it
_BAD_BARE_STARTS = ("乡镇", "村", "社区", "居民", "行业", "街道", "部门", "机构")
_COUNTED = re.compile(r"[一二两三四五六七八九十几多每某\d]+个")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]+")
# Words never inside a name: where a name written before a verb or a duty ends.
STOP = re.compile(
    r"[^\u4e00-\u9fff0-9A-Za-z]|的|将|由|在|为|等|其|以及|连同|对外|承担|负责|不再|更名|改名|合署|整合|合并|组建|设立|"
    r"设置|设在|成立|新设|划入|划转|划给|划归|划出|并入|转入|移交|交由|交给|调整|作为|保留|加挂|增挂|挂|职责|职能|"
    r"事项|牌子|按照|根据|实行|列入|继续|仍|统一管理|办理|原来|目前|整体|一并|各自|分别|下属|所属|管理的")
_LEVEL_CHARS = "县市区省州旗"
# Characters of verbs, particles and ordinary words that never occur in a place name (又立足县域…).
_NOT_PLACE = frozenset("的与由将对向在把被等各及或同并其之从经给以至为是有了也都又即则如若按于足立负责配合协助承担牵头"
                       "指导督促组建撤销保留划入交挂更调报送移接受委托依支持做好推进检查参与称优化明确批准全本我该城都")


# The level words of a township or a 街道: a plan of one calls its own bodies 镇党政综合办公室.
TOWN_LEVELS = ("街道", "镇", "乡")
_TOWN_TITLE = re.compile(r"^(?:中共)?(?P<upper>[\u4e00-\u9fff]{2,5}?[县市区旗])?"
                         r"(?P<town>[\u4e00-\u9fff]{2,4}?(?:街道|镇|乡))(?:党委|党工委|人民政府|办事处)?(?:关于)?"
                         r"[^\n]{0,20}?改革")


def township(text: str) -> str:
    """The township or 街道 a plan is of, from its title (柃坝县某镇机构改革实施方案 → 某镇), or ''
    for a plan of a county or above (县乡镇机构改革实施意见 is a county's plan for all its towns)."""
    m = _town_title(text)
    return m.group("town") if m else ""


def town_upper(text: str) -> str:
    """The county (区, 市, 旗) a township's plan names in its title (柃坝县某镇… → 柃坝县), or '':
    the place of the 县X bodies the plan names (县市场监督管理局下放的…)."""
    m = _town_title(text)
    return m.group("upper") or "" if m else ""


def _town_title(text: str) -> re.Match[str] | None:
    for line in text.lstrip().split("\n", 3)[:3]:
        m = _TOWN_TITLE.match(line.strip())
        if m:
            stem = m.group("town").removesuffix("街道").rstrip("镇乡")
            if len(stem) >= 2 and not set(stem) & (set(_LEVEL_CHARS) | _NOT_PLACE | set("乡镇")):
                return m
    return None


def _town_level(bare: str, jurisdiction: str) -> int:
    """Length of a township's level word a name starts with, in a township's own plan (镇X, 街道X)."""
    level = next((w for w in TOWN_LEVELS if jurisdiction.endswith(w)), "")
    if level and bare.startswith(level) and not bare.startswith("乡镇") and len(bare) > len(level) + 1:
        return len(level)
    return 0


def place_len(bare: str, jurisdiction: str) -> int:
    """Length of the place prefix of a name without 中共: 岚川县, 县, 云州市, 国家 (0: none); in a
    township's plan (jurisdiction 某镇) also 镇."""
    if jurisdiction and bare.startswith(jurisdiction):
        return len(jurisdiction)
    town = _town_level(bare, jurisdiction)
    if town:
        return town
    if bare[:1] in _LEVEL_CHARS:
        return 0 if not_a_level(bare) else 1
    for prefix in NATIONAL_PREFIXES:
        if bare.startswith(prefix) and len(bare) > len(prefix) + 1:
            return len(prefix)
    for n in (2, 3, 4):  # a place name of 2-4 characters and its level: 云州市, 青禾县
        if len(bare) > n + 1 and bare[n] in _LEVEL_CHARS and not not_a_level(bare[n:]) \
                and not _NOT_PLACE.intersection(bare[:n]):
            return n + 1
    return 0


def has_prefix(name: str, jurisdiction: str) -> bool:
    bare = name.removeprefix(PARTY)
    return name != bare or place_len(bare, jurisdiction) > 0


def core(name: str, jurisdiction: str) -> tuple[str, bool]:
    """The name without party, place and level prefix, and whether it is a Party organ
    (县委宣传部 → 宣传部, True)."""
    bare = name.removeprefix(PARTY)
    placed = place_len(bare, jurisdiction)
    bare = bare[placed:]
    if placed and bare.startswith("委") and len(bare) > 1:
        return bare[1:], True
    return bare, False


@lru_cache(maxsize=8192)
def valid_name(name: str, jurisdiction: str = "") -> bool:
    """Whether a whole slot has the shape of one department name (or of names joined by 和/与)."""
    if not 2 <= len(name) <= 40 or not _NAME_CHARS.fullmatch(name) or STOP.search(name):
        return False
    if name[:1].isdigit() or name.endswith(_BAD_ENDINGS) or name.startswith(_BAD_STARTS):
        return False
    if name.startswith(_BAD_BARE_STARTS) and not _town_level(name, jurisdiction):
        return False
    if _COUNTED.match(name):
        return False
    prefixed = has_prefix(name, jurisdiction)
    bare, party = core(name, jurisdiction) if prefixed else (name, False)
    if not bare or bare.startswith(_BAD_STARTS) or _COUNTED.match(bare):
        return False
    strong = next((s for s in STRONG_SUFFIXES if bare.endswith(s)), None)
    if strong:  # 县委办公室 and 县委办 are whole names; 县办公室 is not
        return len(bare) > len(strong) or party or (prefixed and bare == "委员会")
    weak = next((s for s in WEAK_SUFFIXES if bare.endswith(s)), None)
    if not weak or not prefixed:
        return False
    return len(bare) > len(weak) or party or bare in ("政府", "人民政府")


@lru_cache(maxsize=4096)
def _names(text: str, jurisdiction: str) -> tuple[str, ...] | None:
    found = split_names(text, lambda s: valid_name(s, jurisdiction), lambda s: has_prefix(s, jurisdiction))
    return tuple(found) if found else None


def names_in(text: str, jurisdiction: str) -> list[str] | None:
    """A list of names joined by 、 和 与 及 以及 连同 → the names; None when a part is not a name.
    A conjunction splits only where the right side starts with a place prefix: 县工商局和县质监局
    is two, 县人力资源和社会保障局 is one."""
    found = _names(text, jurisdiction)
    return list(found) if found else None


def conjoined(piece: str, jurisdiction: str) -> list[str] | None:
    return split_conjoined(piece, lambda s: valid_name(s, jurisdiction), lambda s: has_prefix(s, jurisdiction))


def lead_name(text: str, jurisdiction: str, *, single: bool = True) -> int:
    """Length of the longest department name (or name list joined by 和/与) that starts `text`."""
    stop = STOP.search(text)
    candidate = text[: stop.start()] if stop else text
    for end in range(len(candidate), 1, -1):
        if candidate[end - 1] in SUFFIX_LAST and valid_name(candidate[:end], jurisdiction):
            if single:
                parts = conjoined(candidate[:end], jurisdiction) or [candidate[:end]]
                return len(parts[0])
            return end
    return 0


def portfolio(mention: str, jurisdiction: str) -> str:
    """What a department's name says it is for: 县档案局 → 档案, 县老龄工作委员会 → 老龄工作."""
    bare = core(mention, jurisdiction)[0] if has_prefix(mention, jurisdiction) else mention
    for suffix in STRONG_SUFFIXES + WEAK_SUFFIXES:
        if bare.endswith(suffix) and len(bare) > len(suffix):
            return bare[: -len(suffix)]
    return ""
