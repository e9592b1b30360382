"""Reform events from the text of a 机构改革方案 / 实施意见 (DOMAIN.md, The reform plan).

A plan is written in a few fixed sentence shapes, often several in one paragraph or sentence:

- 将 A1 的职责，A2 的 X 职责……整合，组建 C        → one ``merge`` per whole-职责 source, one
  ``transfer`` (with its duty) per partial source, and one ``create`` of C;
- 将 A 的 X 职责划入 / 划给 / 划转至 / 调整到 / 移交 B，交由 B 承担；A 的 X 由 B 承担 → ``transfer``;
- 不再保留 A、B / 撤销 A                          → one ``abolish`` per department;
- 组建 / 设立 / 成立 B                            → ``create``;
- B（对外）加挂 / 挂 / 对外保留 C 牌子              → ``plaque`` (target B, detail plaque C);
- A 更名为 B                                      → ``rename``;
- A 与 B 合署办公                                 → ``colocate`` (sources [A], target B);
- 将 A 由 X 调整为 Y                              → ``type_change`` (detail from X, to Y).

The reader works on a view of the text in which lines broken mid-sentence are joined (offsets map
back to the text), splits it into sentences (。！？ and paragraph ends) and clauses (，；) outside
brackets, and reads each clause against the verb tables below (rules as data: every entry quotes
the phrasing it is for). The slots of a shape (between 将 and 的, after 划入 …) are department
names; they are checked by shape (`valid_name`) and resolved with the `NameBook` so that every
form of a name meets its one canonical name. A subject left out (", 加挂县文物局牌子") is the
department the sentence or item is about: the one just created, renamed or named first.

Conventions, as in the hand-annotated gold (examples/gold/2019-fangan-jigougaige.json):

- an event's ``text`` is the clauses it was read from (the whole sentence for a 整合…组建 merge),
  with the sentence's closing 。 when they end the sentence; ``span`` points at exactly that text;
- ``clause`` is the outline path: 三（一） for item （一） under section 三、;
- ``duty`` is the wording between 的 and the verb, with a shared tail distributed
  (A 的 X、B 的 Y 等管理职责 → X管理职责, Y管理职责) and a trailing 等 dropped; a source giving all
  its duties (的职责, 职责（…除外）) is a ``merge`` (duty None, or the wording when it has an
  exception), anything narrower a ``transfer``;
- a transfer's ``matters`` come from ``ingest.matters`` (``matters_of``, else ``canonical_matter``)
  when that module is there, none otherwise; a generic duty (行政职能, 日常工作) is read together with
  its source's portfolio (县档案局 → 档案);
- 整合 into something that is not a department (设立 12345 热线) gives transfers with no target;
- a 组建 announced in an item heading and repeated by the merge sentence is one event; a 组建
  realised by a rename in the same item (组建县行政审批服务局 … 更名为县行政审批服务局) is no create;
- a sentence that looks like an event but cannot be read becomes a ``reform.unparsed`` warning
  (``reform.no_receiver`` for duties merged into something that is no department), never an
  exception; a new task with no department (建立……机制, ……由县政府另行明确) is neither;
- ``departments`` lists every department the events name, plus those the plan gives a type
  (作为县人民政府工作部门, the list of 工作部门 after the reform, 为县人民政府直属机构), with the forms
  seen in the text as aliases and the plaques of the plaque events. A type change with a rename in
  the same sentence gives the old name the old type and the new name the new one;
- a plaque's name is not taken for the body carrying it while the plan is read (不再保留县林业局
  after 县自然资源局加挂县林业局牌子 abolishes the old 林业局); plaques are entered in the name book
  at the end. Two spellings the name book would merge (区交通局 / 区交通运输局: 交通 is also short
  for 交通运输) stay two bodies when one is created where the other is a source.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from zhize.graph.records import DepartmentRecord, EventKind, EventRecord, ExtractWarning, MatterRef
from zhize.ingest.names import NOT_LEVELS, PARTY, NameBook, expand, find_parents
from zhize.ingest.numerals import int_to_cn, to_int

__all__ = [
    "ABOLISH_AFTER",
    "ABOLISH_VERBS",
    "COLOCATE_VERBS",
    "CREATE_VERBS",
    "MERGE_CREATES",
    "MERGE_VERBS",
    "PLAQUE_VERBS",
    "RENAME_VERBS",
    "TRANSFER_VERBS",
    "TYPE_CHANGE_VERBS",
    "ReformParts",
    "Verb",
    "extract_reform",
    "valid_name",
]


@dataclass(frozen=True)
class ReformParts:
    events: list[EventRecord]
    departments: list[DepartmentRecord]
    warnings: list[ExtractWarning]


@dataclass(frozen=True)
class Verb:
    """One wording of an event verb: a regex alternative and the phrasing it is for."""

    pattern: str
    example: str


# --- verb tables (rules as data) ----------------------------------------------------------------

# Verbs after a source list (将 A 的 X 职责 …) that name the receiving department right after them.
TRANSFER_VERBS: tuple[Verb, ...] = (
    Verb("整合划入|整体划入|一并划入|统一划入|划入", "将县档案局的行政职能划入县委办公室"),
    Verb("划给|划归", "将县民政局的救灾职责划给县应急管理局 / 划归县应急管理局"),
    Verb("划转至|划转到|划转给|划转", "将县国土资源局的地质灾害防治职责划转至县应急管理局"),
    Verb("移交至|移交到|移交给|移交", "将县林业局的森林防火职责移交县应急管理局"),
    Verb("调整到|调整至|调整给", "将县住房和城乡建设局的城市公共交通管理职责调整到县交通运输局"),
    Verb("整合到|整合至|整合进|归并到|归并至|并入", "将县档案局并入县委办公室"),
    Verb("交由|改由|转由|交给", "将县扶贫移民开发局的水库移民管理职责交由县水利局承担"),
    # only with 承担/负责/行使/履行 closing the clause: 由 alone also starts 由县委组织部统一管理
    Verb("由(?=[^，,；;]*?(?:承担|负责|行使|履行)$)", "县老龄工作委员会的日常工作由县卫生健康局承担"),
)
# Verbs that close a source list whose receiver is created next (or named right after them).
MERGE_VERBS: tuple[Verb, ...] = (
    Verb("(?:进行)?整合(?=$|[，,]|(?:重新|新)?(?:组建|设立|成立|组成)|为|成)",
         "将县国土资源局的职责，县水利局的水资源调查和确权登记管理职责整合，组建县自然资源局"
         " / ……等进行整合，新组建省自然资源厅"),
    Verb("(?:进行)?合并(?=$|[，,]|(?:重新|新)?(?:组建|设立|成立|组成)|为|成)",
         "将县人事局、县劳动和社会保障局合并，组建县人力资源和社会保障局"),
)
# What follows 整合/合并 (in the same or the next clause) when the receiver is new.
MERGE_CREATES: tuple[Verb, ...] = (
    Verb("(?:重新|新)?(?:组建|设立|成立|组成|新设)", "……整合，重新组建县司法局"),
    Verb("为|成", "将县A局、县B局整合为县C局"),
)
CREATE_VERBS: tuple[Verb, ...] = (
    Verb("重新组建|新组建|组建", "组建县自然资源局 / 重新组建县司法局"),
    Verb("新设立|单独设立|单独设置|设立|新设", "设立县政务服务中心"),
    Verb("新成立|成立", "成立县委全面依法治县委员会"),
)
ABOLISH_VERBS: tuple[Verb, ...] = (
    Verb("不再保留|不再设立|不再单设|不再单独设立|不再单独设置", "不再保留县国土资源局、县林业局"),
    Verb("予以撤销|撤销|撤消|撤并", "撤销县经济委员会 / 撤消部门：区经济委员会、区人事局"),
)
# The same verbs after the list: 原有的区农业办公室、区物价局2个部门管理机构不再保留.
ABOLISH_AFTER: tuple[Verb, ...] = (
    Verb("不再保留|不再设立|予以撤销|撤销|撤消", "区农业办公室、区物价局2个部门管理机构不再保留"),
)
PLAQUE_VERBS: tuple[Verb, ...] = (
    Verb("对外加挂|对外保留|对外挂|同时挂|加挂|增挂|挂|保留",
         "县自然资源局加挂县林业局牌子 / 县农业农村局对外保留县畜牧兽医局牌子 / 区农牧局挂区兽医局牌子"),
)
RENAME_VERBS: tuple[Verb, ...] = (
    Verb("更名为|改名为|名称变更为|名称调整为|更名|改称为|改称", "县经济和信息化局更名为县工业和信息化局"),
)
COLOCATE_VERBS: tuple[Verb, ...] = (
    Verb("(?:实行)?合署办公", "县委老干部局与县委组织部合署办公"),
)
TYPE_CHANGE_VERBS: tuple[Verb, ...] = (
    Verb("调整为|改为|转为|变更为|改设为|转设为", "将县政务服务中心由县人民政府直属事业单位调整为县人民政府工作部门"),
)


def _alternation(verbs: Iterable[Verb]) -> str:
    return "|".join(f"(?:{v.pattern})" for v in verbs)


# --- department names by shape ------------------------------------------------------------------

# Suffixes a bare name (no place prefix) may end with: they name a portfolio (水利局, 档案馆).
_STRONG_SUFFIXES = ("委员会", "办公室", "指挥部", "领导小组", "管委会", "中心", "局", "厅", "部", "署", "馆")
# Suffixes that also end ordinary words (社会, 平台, 场所): only after a place prefix (县委, 县供销社).
_WEAK_SUFFIXES = ("政府", "小组", "委", "办", "院", "队", "站", "所", "社", "会", "处", "室", "司", "台", "团", "联")
_SUFFIX_LAST = frozenset(s[-1] for s in _STRONG_SUFFIXES + _WEAK_SUFFIXES)
_BAD_ENDINGS = ("全部", "内部", "外部", "干部", "局部", "东部", "西部", "南部", "北部", "中部", "基层党委",
                "社会", "大会", "例会", "年会", "场所", "住所", "网站", "平台", "团队", "机会", "集会", "处室",
                "之处", "好处", "难处", "相处", "到处", "各处", "科室", "机关党委")
# Words a name never starts with; the second group only without a place prefix (县乡镇企业局 is a
# name, 乡镇人民政府 a class of bodies).
_BAD_STARTS = ("各", "本", "该", "此", "其", "我", "有关", "相关", "上级", "下级", "同级", "主管", "牵头", "全县",
               "全市", "全区", "全省", "职能", "原")
_BAD_BARE_STARTS = ("乡镇", "村", "社区", "居民", "行业", "街道", "部门", "机构")
_COUNTED = re.compile(r"[一二两三四五六七八九十几多每某\d]+个")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]+")
# Words never inside a name: where a name written before a verb or a duty ends.
_STOP = re.compile(
    r"[^\u4e00-\u9fff0-9A-Za-z]|的|将|由|在|为|等|其|以及|对外|承担|负责|不再|更名|改名|合署|整合|合并|组建|设立|"
    r"设置|设在|成立|新设|划入|划转|划给|划归|划出|并入|移交|交由|交给|调整|作为|保留|加挂|增挂|挂|职责|职能|事项|"
    r"牌子|按照|根据|实行|列入|继续|仍|统一管理|办理")
_CONJ = re.compile(r"[、和与及同]")
_TYPE_WORDS = re.compile(r"(?:部门|机构|机关|单位|序列|组织)$")
_CONNECTIVES = re.compile(
    r"^(?:[一二三四五六七八九十]+是|在此基础上|与此同时|同时|此外|另外|其中|并且|并|另|还|再|即)+")
_LIST_CONNECTIVES = re.compile(r"^(?:以及|及|和|与|同时将|并将|另将|还将|同时|并|将|还有|原(?=[县市区省州旗中]))+")
# Inside a list piece, a conjunction before a department name starts the next source:
# 省国土资源厅的职责以及省发展和改革委员会的组织编制主体功能区规划职责.
_INNER_CONJ = re.compile(r"以及|及|和|与|并将|并")
# Between a source department and its duty: 县民政局的救灾职责, 县人民政府办公室承担的……职责.
_CONNECTOR = re.compile(r"所?承担的|负责的|有关的|的|有关")
# An internal unit opening a duty: 县委宣传部新闻科的职责 (科, 股, 室 …).
_UNIT_DUTY = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:科|股|室|处|所|站|队)的")
# A verb right after a name (no 的): the clause says something about the body, it lists no source.
_VERB_AFTER_NAME = re.compile(
    r"不再|承担|负责|更名|改名|合署|整合|合并|组建|设立|划|移交|交由|调整|作为|保留|加挂|挂|与|由|将|在|为|按照|根据|实行|"
    r"继续|仍|统一|牵头|配合|协助|参与|指导|对外|设在|是")
_TERMINAL_DUTY = re.compile(r"(?:职责|职能|工作|事项|事务|任务|职权|权限|业务)$")
_WHOLE_DUTY = re.compile(r"^(?:全部|各项|所有|原有)?(?:职责|职能)(?P<paren>[（(].*[）)])?$")
_CN = "一二三四五六七八九十百零〇两"


_LEVEL_CHARS = "县市区省州旗"
# Characters of verbs, particles and ordinary words that never occur in a place name (又立足县域…).
_NOT_PLACE = frozenset("的与由将对向在把被等各及或同并其之从经给以至为是有了也都又即则如若按于足立负责配合协助承担牵头"
                       "指导督促组建撤销保留划入交挂更调报送移接受委托依支持做好推进检查参与称优化明确批准全本我该城都")


def _place_len(bare: str, jurisdiction: str) -> int:
    """Length of the place prefix of a name without 中共: 岚川县, 县, 云州市 (0: none)."""
    if jurisdiction and bare.startswith(jurisdiction):
        return len(jurisdiction)
    if bare[:1] in _LEVEL_CHARS:
        return 0 if bare.startswith(NOT_LEVELS) else 1
    for n in (2, 3, 4):  # a place name of 2-4 characters and its level: 云州市, 青禾县
        if len(bare) > n + 1 and bare[n] in _LEVEL_CHARS and not bare[n:].startswith(NOT_LEVELS) \
                and not _NOT_PLACE.intersection(bare[:n]):
            return n + 1
    return 0


def _has_prefix(name: str, jurisdiction: str) -> bool:
    bare = name.removeprefix(PARTY)
    return name != bare or _place_len(bare, jurisdiction) > 0


def _core(name: str, jurisdiction: str) -> tuple[str, bool]:
    """The name without party, place and level prefix, and whether it is a Party organ
    (县委宣传部 → 宣传部, True)."""
    bare = name.removeprefix(PARTY)
    placed = _place_len(bare, jurisdiction)
    bare = bare[placed:]
    if placed and bare.startswith("委") and len(bare) > 1:
        return bare[1:], True
    return bare, False


@lru_cache(maxsize=8192)
def valid_name(name: str, jurisdiction: str = "") -> bool:
    """Whether a whole slot has the shape of one department name (or of names joined by 和/与)."""
    if not 2 <= len(name) <= 40 or not _NAME_CHARS.fullmatch(name) or _STOP.search(name):
        return False
    if name[:1].isdigit() or name.endswith(_BAD_ENDINGS) or name.startswith(_BAD_STARTS + _BAD_BARE_STARTS):
        return False
    if _COUNTED.match(name):
        return False
    prefixed = _has_prefix(name, jurisdiction)
    core, party = _core(name, jurisdiction) if prefixed else (name, False)
    if not core or core.startswith(_BAD_STARTS) or _COUNTED.match(core):
        return False
    strong = next((s for s in _STRONG_SUFFIXES if core.endswith(s)), None)
    if strong:  # 县委办公室 and 县委办 are whole names; 县办公室 is not
        return len(core) > len(strong) or party or (prefixed and core == "委员会")
    weak = next((s for s in _WEAK_SUFFIXES if core.endswith(s)), None)
    if not weak or not prefixed:
        return False
    return len(core) > len(weak) or party or core in ("政府", "人民政府")


@lru_cache(maxsize=4096)
def _split_names(text: str, jurisdiction: str) -> tuple[str, ...] | None:
    """A list of names joined by 、 和 与 及 同 → the names; None when a part is not a name.

    A conjunction splits only where both sides are names and the right one starts with a place
    prefix: 县工商局和县质监局 is two, 县人力资源和社会保障局 is one."""
    parts = []
    for piece in text.split("、"):
        piece = _LIST_CONNECTIVES.sub("", piece.strip().strip("“”\"'「」"))
        if not piece:
            continue
        found = _split_conjunction(piece, jurisdiction)
        if found is None:
            return None
        parts += found
    return tuple(parts) or None


def _split_conjunction(piece: str, jurisdiction: str) -> list[str] | None:
    for m in _CONJ.finditer(piece):
        left, right = piece[: m.start()], piece[m.end():]
        if valid_name(left, jurisdiction) and _has_prefix(right, jurisdiction):
            rest = _split_conjunction(right, jurisdiction)
            if rest is not None:
                return [left, *rest]
    return [piece] if valid_name(piece, jurisdiction) else None


def _lead_name(text: str, jurisdiction: str, *, single: bool = True, fallback: bool = False) -> int:
    """Length of the longest department name (or name list joined by 和/与) that starts `text`;
    with `fallback`, the shared name finder is asked when the shape check finds none."""
    stop = _STOP.search(text)
    candidate = text[: stop.start()] if stop else text
    for end in range(len(candidate), 1, -1):
        if candidate[end - 1] in _SUFFIX_LAST and valid_name(candidate[:end], jurisdiction):
            if single:
                parts = _split_conjunction(candidate[:end], jurisdiction) or [candidate[:end]]
                return len(parts[0])
            return end
    return _pattern_lead_name(text) if fallback else 0


def _pattern_lead_name(text: str) -> int:
    """The shared name finder (ingest.names_pattern), when present, for a name our shape check missed."""
    finder = _optional("zhize.ingest.names_pattern", "find_department_names")
    if finder is None:
        return 0
    try:
        for start, end, _ in finder(text[:60]):
            return end if start == 0 else 0
    except Exception:  # a module under development must not break the reader
        return 0
    return 0


_MODULES: dict[tuple[str, str], object] = {}


def _optional(module: str, attribute: str) -> Callable | None:
    key = (module, attribute)
    if key not in _MODULES:
        try:
            _MODULES[key] = getattr(importlib.import_module(module), attribute, None)
        except Exception:  # missing, or broken while another engineer edits it
            _MODULES[key] = None
    found = _MODULES[key]
    return found if callable(found) else None


def _matters(duty: str) -> list[MatterRef]:
    """Matters of a transferred duty via ingest.matters (matters_of, else canonical_matter)."""
    try:
        matters_of = _optional("zhize.ingest.matters", "matters_of")
        if matters_of is not None:
            return _as_matter_refs(matters_of(duty))
        canonical = _optional("zhize.ingest.matters", "canonical_matter")
        if canonical is None:
            return []
        phrase = re.sub(r"(?:相关|有关)?(?:职责|职能)$", "", duty)
        found = []
        for part in re.split(r"[、，,；;]", phrase):
            if part:
                found += _as_matter_refs([canonical(part)], part)
        return _unique_matters(found)
    except Exception:
        return []


def _as_matter_refs(found: object, text: str = "") -> list[MatterRef]:
    out = []
    for item in found or []:  # type: ignore[union-attr]
        if isinstance(item, MatterRef):
            out.append(item)
        elif isinstance(item, str) and item:
            out.append(MatterRef(key=item, text=text or item))
        elif isinstance(item, tuple) and item and item[0]:
            out.append(MatterRef(key=str(item[0]), text=str(item[1]) if len(item) > 1 else text))
        elif isinstance(item, dict) and item.get("key"):
            out.append(MatterRef(key=item["key"], text=item.get("text", text)))
    return _unique_matters(out)


def _unique_matters(refs: list[MatterRef]) -> list[MatterRef]:
    seen, out = set(), []
    for ref in refs:
        if ref.key not in seen:
            seen.add(ref.key)
            out.append(ref)
    return out


# --- the view: text with broken lines joined, sentences and clauses ----------------------------

_OPEN = "（(《“‘「【〔"
_CLOSE = "）)》”’」】〕"
_SENTENCE_END = "。！？!?"
_LINE_END = "。！？!?；;：:，,、”’」）)"
_LABEL = re.compile(
    rf"(?P<article>第(?P<an>[{_CN}]+|\d{{1,3}})(?P<aw>条|部分|章))"
    rf"|(?P<section>(?P<sn>[{_CN}]+)、)"
    rf"|(?P<item>[（(](?P<in>[{_CN}]+)[）)])"
    r"|(?P<sub>(?:[（(](?P<pn>\d{1,2})[）)])|(?P<dn>\d{1,2})(?:[、．]|\.(?!\d)))")


@dataclass
class _View:
    """The text with lines broken mid-sentence joined; ``pos[i]`` is the text offset of ``s[i]``."""

    s: str
    pos: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            at = self.pos[start] if start < len(self.pos) else (self.pos[-1] + 1 if self.pos else 0)
            return at, at
        return self.pos[start], self.pos[end - 1] + 1


def _build_view(text: str, jurisdiction: str) -> _View:
    chars: list[str] = []
    pos: list[int] = []
    previous = ""
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if chars:
            if not (stripped and previous and _continues(previous, stripped, jurisdiction)):
                chars.append("\n")
                pos.append(offset - 1)
        chars.extend(line)
        pos.extend(range(offset, offset + len(line)))
        offset += len(line) + 1
        previous = stripped  # a blank line ends a paragraph
    return _View("".join(chars), pos)


def _continues(previous: str, line: str, jurisdiction: str) -> bool:
    """A line broken mid-sentence (PDF text layers): long, no closing punctuation, no label next."""
    if len(previous) < 20 or previous[-1] in _LINE_END or line[0] in "（(《【":
        return False
    if _LABEL.match(line) or valid_name(line, jurisdiction) or valid_name(previous, jurisdiction):
        return False
    return True


def _split(s: str, start: int, end: int, separators: str) -> list[tuple[int, int, str]]:
    """Pieces of s[start:end] between separators outside brackets: (start, end, separator)."""
    pieces = _split_once(s, start, end, separators, brackets=True)
    if pieces is None:  # unbalanced brackets: split everywhere rather than not at all
        pieces = _split_once(s, start, end, separators, brackets=False) or []
    return pieces


@lru_cache(maxsize=16)
def _specials(separators: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(separators + _OPEN + _CLOSE + "\n") + "]")


def _split_once(s: str, start: int, end: int, separators: str, *, brackets: bool) -> list | None:
    pieces = []
    depth = 0
    begin = start
    for m in _specials(separators).finditer(s, start, end):  # only the special characters are visited
        ch = m.group()
        i = m.start()
        if ch == "\n":
            depth = 0
        if brackets and ch in _OPEN:
            depth += 1
        elif brackets and ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in separators:
            pieces.append((begin, i, ch))
            begin = i + 1
    pieces.append((begin, end, ""))
    return None if depth and brackets else pieces


_TITLE = re.compile(r"《[^》\n]*》")
_BRACKETS = re.compile("[" + re.escape(_OPEN + _CLOSE + "\n") + "]")


def _mask_brackets(s: str) -> str:
    """The same string with everything inside brackets blanked (verbs there are not the sentence's)."""
    out = []
    depth = 0
    done = 0
    for m in _BRACKETS.finditer(s):
        i, ch = m.start(), m.group()
        out.append(s[done:i] if depth == 0 else "\u3000" * (i - done))
        if ch == "\n":
            depth = 0
            out.append(ch)
        elif ch in _OPEN:
            out.append(ch if depth == 0 else "\u3000")
            depth += 1
        elif depth:
            depth -= 1
            out.append(ch if depth == 0 else "\u3000")
        else:
            out.append(ch)
        done = i + 1
    out.append(s[done:] if depth == 0 else "\u3000" * (len(s) - done))
    return "".join(out)


# --- the reader ---------------------------------------------------------------------------------


@dataclass
class _Ref:
    mention: str
    canonical: str


@dataclass
class _Event:
    kind: EventKind
    sources: list[_Ref]
    target: _Ref | None
    start: int  # view offsets
    end: int
    clause: str
    duty: str | None = None
    detail: dict[str, str] = field(default_factory=dict)
    plaque: _Ref | None = None
    matter_text: str | None = None
    from_merge: bool = False


@dataclass
class _Item:
    names: list[tuple[str, int]]  # (mention, view offset)
    duty_start: int | None = None
    duty_end: int | None = None
    duty: str | None = None


@dataclass
class _Subject:
    ref: _Ref
    sentence: int
    start: int  # view offset of the clause that named it


_TRANSFER_RE = re.compile(rf"(?P<transfer>{_alternation(TRANSFER_VERBS)})|(?P<merge>{_alternation(MERGE_VERBS)})")
_MERGE_CREATE_RE = re.compile(rf"^(?:{_alternation(MERGE_CREATES)})")
_CREATE_RE = re.compile(rf"(?<!不再)(?:{_alternation(CREATE_VERBS)})(?P<slot>[^，,；;]*)")
_ABOLISH_RE = re.compile(rf"(?:{_alternation(ABOLISH_VERBS)})(?P<list>[^，,；;]*)")
_ABOLISH_AFTER_RE = re.compile(
    rf"^(?:原有的|原)?(?P<list>[^，,；;]+?)(?:等)?(?:[\d{_CN}]+个[^，,；;]{{0,10}}?)?(?:{_alternation(ABOLISH_AFTER)})$")
_PLAQUE_RE = re.compile(rf"(?P<verb>{_alternation(PLAQUE_VERBS)})(?P<list>[^，,；;]*?)(?:的)?牌子")
_TWO_PLAQUES_RE = re.compile(r"(?:实行)?一个机构[两二三四]块牌子")
_RENAME_RE = re.compile(rf"^(?:将)?(?P<a>[^，,；;]*?)(?:{_alternation(RENAME_VERBS)})(?P<b>[^，,；;]+)$")
_COLOCATE_RE = re.compile(rf"^(?P<pair>[^，,；;]*?)(?:{_alternation(COLOCATE_VERBS)})")
_TYPE_CHANGE_RE = re.compile(
    rf"^(?:将)?(?P<a>[^，,；;由]*?)由(?P<x>[^，,；;]+?)(?:{_alternation(TYPE_CHANGE_VERBS)})(?P<y>[^，,；;]+)$")
_TYPE_TO_RE = re.compile(rf"^(?:将)?(?P<a>[^，,；;]+?)(?:{_alternation(TYPE_CHANGE_VERBS)})(?P<y>[^，,；;]+)$")
_TYPE_DECL_RE = re.compile(
    r"(?:仍|继续|明确)?(?:作为|列为|列入)(?P<type>[^，,；;]+?(?:部门|机构|机关|单位|组织))(?:序列)?$")
_TYPE_IS_RE = re.compile(r"^(?P<list>[^，,；;]+?)(?:为|是|属于)(?P<type>[^，,；;为是]+?(?:部门|机构|机关|单位))$")
_LISTING_RE = re.compile(
    rf"(?P<owner>[^，,；;：:]{{0,14}}?)(?:设置|设有|共设置|共设|设)(?P<owner2>(?:县|市|区|省|州|旗)?(?:人民)?政府)?"
    rf"(?P<type>工作部门|直属机构|直属事业单位|部门管理机构|派出机构|工作机关)(?:[（(]?[\d{_CN}]+个[）)]?)?[：:]"
    rf"(?P<rest>.*)$")
_RANK_RE = re.compile(r"(?:规格为|为|（|\()(?P<rank>[正副](?:部|厅|局|处|县处|县|乡科|科|股)级)")
# Words that cue a shape; the handlers of shapes not cued are not tried. Several words stand for
# the same cue: 组建/设立/成立 → 设立, 不再保留/撤销/撤消 → 撤销, 作为/为/是/级 → 作为.
_CUE_WORDS = {
    "调整为": "调整为", "改为": "改为", "转为": "转为", "变更为": "变更为", "改设为": "改设为", "转设为": "转设为",
    "更名": "更名", "改名": "改名", "名称": "名称", "改称": "改称", "合署": "合署", "块牌子": "块牌子", "牌子": "牌子",
    "组建": "设立", "设立": "设立", "新设": "设立", "成立": "设立", "单独设置": "设立",
    "不再": "撤销", "撤销": "撤销", "撤消": "撤销", "撤并": "撤销",
    "作为": "作为", "列为": "作为", "列入": "作为", "为": "作为", "是": "作为", "属于": "作为", "级": "作为",
}
_CUES_RE = re.compile("|".join(sorted(_CUE_WORDS, key=len, reverse=True)))


def _cues(text: str) -> set[str]:
    """The cues of the cue words in a clause."""
    found = {_CUE_WORDS[w] for w in _CUES_RE.findall(text)}
    if "块牌子" in found:
        found.add("牌子")
    return found


# Whether a sentence can hold an event at all: a cue word, a 将 list or a transfer verb.
_SENTENCE_CUE = re.compile(
    "将|承担|负责|行使|履行|" + "|".join(sorted(_CUE_WORDS, key=len, reverse=True)) + "|"
    + _alternation(TRANSFER_VERBS + MERGE_VERBS))
_LOOKS_LIKE_EVENT = re.compile(r"职责|职能|事项|牌子|更名|合署|不再保留|撤销|组建")
_ANOTHER_TIME = re.compile(r"另行|待定|另定")


class _Reader:
    def __init__(self, text: str, jurisdiction: str, book: NameBook) -> None:
        self.text = text
        self.jurisdiction = jurisdiction
        self.book = book
        self.view = _build_view(text, jurisdiction)
        self.s = self.view.s
        self.flat = _mask_brackets(self.s)  # for verbs: none inside any bracket is the sentence's
        self.plain = _TITLE.sub(lambda m: "《" + "\u3000" * (len(m.group()) - 2) + "》", self.s)  # 《titles》 out
        self.events: list[_Event] = []
        self.warnings: list[ExtractWarning] = []
        self.types: dict[str, str] = {}  # by mention: canonical names may still change (交通局)
        self.ranks: dict[str, str] = {}
        self.extra: list[_Ref] = []  # departments named outside events (lists, 作为X的派出机构)
        self.refs: dict[str, _Ref] = {}
        self.created: dict[tuple[str, str], _Event] = {}  # (clause, canonical) → its create event
        # outline
        self.section = ""
        self.item = ""
        self.item_style = ""
        self.sub = ""
        self.clause = ""
        self.subject: _Subject | None = None
        self.antecedent: _Ref | None = None
        self.listing: str | None = None
        self.type_changed: tuple[int, str, str | None, str] | None = None
        self.sentence = 0

    # -- names --

    def ref(self, mention: str) -> _Ref:
        mention = mention.strip().strip("“”\"'「」")
        if mention not in self.refs:
            self.refs[mention] = _Ref(mention, self._canonical(mention))
        return self.refs[mention]

    def plaque_ref(self, mention: str) -> _Ref:
        """A plaque's name: a known body of that name (the old 县档案局), else its full form. It is
        not entered in the name book as a department (at the end it is entered as a plaque)."""
        mention = mention.strip().strip("“”\"'「」")
        if mention in self.refs:
            return self.refs[mention]
        return _Ref(mention, self.book.resolve(mention) or self.book.full(expand(mention)))

    def _canonical(self, mention: str) -> str:
        known = self.book.resolve(mention)
        if known is None:
            return self.book.canonical(mention)
        if self.book.plaques.get(known):
            full = self.book.full(expand(mention))
            if known != full and full in self.book.plaques[known]:
                return full  # a plaque's own name here means the body that carried it before the reform
        return known

    def literal(self, mention: str) -> str:
        return self.book.full(mention)

    def names(self, text: str) -> list[str] | None:
        found = _split_names(text, self.jurisdiction)
        return list(found) if found else None

    def lead(self, text: str, *, single: bool = True, fallback: bool = False) -> int:
        return _lead_name(text, self.jurisdiction, single=single, fallback=fallback)

    # -- output helpers --

    def warn(self, start: int, end: int, message: str, code: str = "reform.unparsed") -> None:
        a, b = self.view.span(start, end)
        self.warnings.append(ExtractWarning(code=code, message=message, clause=self.clause, span=(a, b)))

    def emit(self, kind: EventKind, sources: list[_Ref], target: _Ref | None, start: int, end: int,
             **extra) -> _Event | None:
        if not sources and target is None:
            return None
        event = _Event(kind, sources, target, start, end, self.clause, **extra)
        self.events.append(event)
        return event

    def set_subject(self, ref: _Ref | None, start: int) -> None:
        if ref is not None:
            self.subject = _Subject(ref, self.sentence, start)

    def subject_start(self, default: int) -> int:
        """Where an event with an elided subject starts: at the clause naming the subject when it is
        in the same sentence (县档案局更名为县档案馆，由…调整为…), else at its own clause."""
        if self.subject and self.subject.sentence == self.sentence and self.subject.start < default:
            return self.subject.start
        return default

    # -- outline --

    def _labels(self, start: int, end: int) -> int:
        """Consume numbering labels at a sentence start; update the outline path."""
        while start < end:
            while start < end and self.s[start] in " \u3000\t":
                start += 1
            m = _LABEL.match(self.s, start, end)
            if not m:
                break
            if m.group("article"):
                n = to_int(m.group("an"))
                word = m.group("aw")
                label = f"第{int_to_cn(n) if n else m.group('an')}{word}"
                self._new_section(label if word == "条" else int_to_cn(n) if n else m.group("an"))
            elif m.group("section"):
                n = to_int(m.group("sn"))
                label = int_to_cn(n) if n else m.group("sn")
                if self.section.startswith("第") and self.section.endswith("条"):
                    self._new_item(label, "cn")
                else:
                    self._new_section(label)
            elif m.group("item"):
                n = to_int(m.group("in"))
                self._new_item(int_to_cn(n) if n else m.group("in"), "paren")
            else:
                digits = m.group("pn") or m.group("dn")
                style = "pdigit" if m.group("pn") else "digit"
                if self.item and self.item_style != style:
                    self.sub = str(int(digits))
                else:
                    self._new_item(int_to_cn(int(digits)), style)
            start = m.end()
        self._set_clause()
        return start

    def _new_section(self, label: str) -> None:
        self.section, self.item, self.item_style, self.sub = label, "", "", ""

    def _new_item(self, label: str, style: str) -> None:
        self.item, self.item_style, self.sub = label, style, ""

    def _set_clause(self) -> None:
        path = self.section + (f"（{self.item}）" if self.item else "") + self.sub
        if path != self.clause:
            self.clause = path
            self.subject = None
            self.antecedent = None

    # -- main loop --

    def run(self) -> None:
        s = self.s
        for start, end, sep in _split(s, 0, len(s), _SENTENCE_END + "\n"):
            self.sentence += 1
            start = self._labels(start, end)
            while start < end and s[start] in " \u3000\t":
                start += 1
            if start >= end:
                continue
            term = end + 1 if sep and sep in _SENTENCE_END else end
            self._sentence(start, end, term)

    def _sentence(self, start: int, end: int, term: int) -> None:
        if self._listed(start, end):
            return
        if not _SENTENCE_CUE.search(self.plain, start, end):  # narrative: only who it is about
            n = self.lead(self.plain[start:min(end, start + 60)])
            if n and self.plain[start + n:start + n + 1] not in ("的", "、", "和", "与"):
                self.set_subject(self.ref(self.s[start:start + n]), start)
            return
        clauses = [(a, b) for a, b, _ in _split(self.s, start, end, "，,；;")]
        i = 0
        while i < len(clauses):
            a, b = clauses[i]
            body = a + _match_len(_CONNECTIVES, self.s, a, b)
            text = self.plain[body:b]
            if not text.strip():
                i += 1
                continue
            if text.startswith("将") and not (_TYPE_CHANGE_RE.match(text) or _RENAME_RE.match(text)):
                done = self._transfer(clauses, i, body + 1, start, end, term, strict=False)
                i = done if done is not None else i + 1
                continue
            if (self.lead(text) or (text.startswith("其") and self.antecedent)) and any(
                    _TRANSFER_RE.search(self.flat, max(body, c), d) for c, d in clauses[i:]):
                done = self._transfer(clauses, i, body, start, end, term, strict=True)
                if done is not None:
                    i = done
                    continue
            self._clause(body, b, a, b if b < end else term)
            i += 1

    # -- 将 A 的 X 职责划入 B / 整合，组建 C --

    def _transfer(self, clauses: list[tuple[int, int]], i: int, list_start: int, s_start: int, s_end: int,
                  term: int, *, strict: bool) -> int | None:
        verb = None
        j = i
        search = list_start
        while j < len(clauses):
            verb = _TRANSFER_RE.search(self.flat, search, clauses[j][1])
            if verb:
                break
            j += 1
            if j < len(clauses):
                search = clauses[j][0]
        if verb is None or verb.start() <= list_start:
            if not strict:
                self._maybe_unparsed(list_start, clauses[-1][1], "未找到划转或整合的去向")
            return None
        items = self._parse_list(list_start, verb.start())
        if items and strict and not all(_duty_shaped(item.duty) for item in items):
            items = None  # 县委老干部局仍作为县委工作机关 …: a clause that only starts with a name
        if not items:
            if not strict:
                self._maybe_unparsed(list_start, verb.end(), "未能识别划出职责的部门")
            return None
        target, create, k, slot = self._receiver(clauses, j, verb)
        if target is None and not create:
            if not strict:
                self._maybe_unparsed(list_start, clauses[k][1], "未能识别承接职责的部门", force=True)
            return None
        merged = verb.group("merge") is not None
        if merged:
            start, end = s_start, term
        else:
            start = clauses[i][0]
            end = term if clauses[k][1] == s_end else clauses[k][1]
        target_ref = self.ref(target) if target else None
        rest = self.s[clauses[k][1]:s_end] if target is None else None
        if create and target_ref:
            self._create(target_ref, start, end, from_merge=True)
        self._emit_items(items, target_ref, start, end, merged=merged, matter_tail=rest)
        if target is None:
            self.warn(slot[0], slot[1], f"整合后设立的“{self.s[slot[0]:slot[1]]}”不是部门，相关职责没有承接部门",
                      code="reform.no_receiver")
        self.set_subject(target_ref, clauses[i][0])
        return k + 1

    def _receiver(self, clauses: list[tuple[int, int]], j: int,
                  verb: re.Match[str]) -> tuple[str | None, bool, int, tuple[int, int]]:
        """(target mention, whether it is created, index of the clause holding it, its slot)."""
        k = j
        slot_start, slot_end = verb.end(), clauses[j][1]
        if verb.group("merge") is not None:
            if not self.s[slot_start:slot_end].strip() and j + 1 < len(clauses):
                k = j + 1
                slot_start, slot_end = clauses[k]
                slot_start += _match_len(_CONNECTIVES, self.s, slot_start, slot_end)
            slot = self.s[slot_start:slot_end]
            created = _MERGE_CREATE_RE.match(slot)
            if created:
                rest = slot[created.end():]
                n = self.lead(rest, fallback=True)
                name_start = slot_start + created.end()
                if n:
                    return rest[:n], True, k, (name_start, name_start + n)
                return None, True, k, (name_start, slot_end)
            moved = _TRANSFER_RE.match(self.flat, slot_start, slot_end)
            if moved and moved.group("transfer"):
                slot_start = moved.end()
                slot = self.s[slot_start:slot_end]
            else:
                return None, False, k, (slot_start, slot_end)
        slot = self.s[slot_start:slot_end]
        n = self.lead(slot, fallback=True)
        return (slot[:n] if n else None), False, k, (slot_start, slot_start + n)

    def _parse_list(self, start: int, end: int) -> list[_Item] | None:
        """The source list between 将 and the verb: departments, each group with its duty."""
        items: list[_Item] = []
        pending: list[tuple[str, int]] = []
        current: _Item | None = None
        for a, b in self._list_pieces(start, end):
            while a < b and self.s[a] in " \u3000":
                a += 1
            a += _match_len(_LIST_CONNECTIVES, self.s, a, b)
            piece = self.s[a:b].strip()
            if not piece:
                continue
            if piece.startswith("其") and self.antecedent is not None:
                names, duty_at = [(self.antecedent.mention, a)], a + 1
            else:
                names, duty_at = self._piece_names(piece, a, opened=current is not None)
            if names is None:  # the duty goes on: 县文化广电新闻出版局的文化、广播电视管理职责
                if current is None or current.duty_start is None:
                    return None
                current.duty_end = b
                continue
            if current is not None:
                items.append(current)
                current = None
            if duty_at is None or duty_at >= b:
                pending += names
                continue
            unit = _UNIT_DUTY.match(self.s, duty_at, b)
            if unit and pending:  # 县广播电视台、县委宣传部新闻科的职责: the unit is the last body's only
                items.append(_Item(pending, unit.end(), b))
                pending = []
            current = _Item(pending + names, duty_at, b)
            pending = []
        if current is not None:
            items.append(current)
        if pending:
            items.append(_Item(pending))
        if not items:
            return None
        self._duties(items)
        return items

    def _list_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """Pieces of a source list: between 、，； and before 以及/和/及 + a department name."""
        pieces = []
        for a, b, _ in _split(self.s, start, end, "，,、；;"):
            while a < b and self.s[a] in " \u3000":
                a += 1
            a += _match_len(_LIST_CONNECTIVES, self.s, a, b)
            for m in _INNER_CONJ.finditer(self.flat, a + 1, b):
                after = self.s[m.end():b]
                n = self.lead(after)
                if n and _has_prefix(after[:n], self.jurisdiction) and a < m.start():
                    pieces.append((a, m.start()))
                    a = m.start()
            pieces.append((a, b))
        return pieces

    def _piece_names(self, piece: str, at: int, *, opened: bool) -> tuple[list | None, int | None]:
        """Names a list piece starts with and where its duty starts (None: the piece has none)."""
        names = self.names(piece)
        if names is not None and (not opened or _has_prefix(names[0], self.jurisdiction) or len(names) > 1
                                  or valid_name(piece, self.jurisdiction) and piece.endswith(_STRONG_SUFFIXES)):
            return [(n, at) for n in names], None
        n = self.lead(piece, single=False)
        if not n:
            return None, None
        head = piece[:n]
        rest_at = n
        paren = re.match(r"[（(][^）)]*[）)]", piece[rest_at:])
        if paren:
            rest_at += paren.end()
        connector = _CONNECTOR.match(piece, rest_at)
        if connector:
            rest_at = connector.end()
        elif _VERB_AFTER_NAME.match(piece, rest_at):
            return None, None  # 县水利局不再承担……职责 is a statement about the body, not a source
        elif opened and not _has_prefix(head, self.jurisdiction):
            return None, None  # 档案馆管理职责 inside a duty list is duty, not a department
        found = self.names(head)
        if found is None:
            return None, None
        return [(name, at) for name in found], at + rest_at

    def _duties(self, items: list[_Item]) -> None:
        """Duty wording per group: a shared tail distributed (A 的 X、B 的 Y 等管理职责 → X管理职责,
        Y管理职责), a trailing 等 dropped."""
        raw: list[str | None] = []
        for item in items:
            if item.duty_start is None:
                raw.append(None)
                continue
            duty = self.s[item.duty_start:item.duty_end].strip()
            raw.append(duty.removesuffix("等") if duty.endswith("等") else duty)
        givers = set()
        for i, duty in enumerate(raw):
            if duty is None or _TERMINAL_DUTY.search(duty) or duty.endswith(("）", ")")):
                continue
            for j in range(i + 1, len(raw)):
                later = raw[j]
                if later is None:
                    break
                if _TERMINAL_DUTY.search(later):
                    tail = later.rsplit("等", 1)[1] if "等" in later else _TERMINAL_DUTY.search(later).group()
                    raw[i] = duty + tail
                    givers.add(j)
                    break
        for j in givers:
            head, tail = raw[j].rsplit("等", 1) if "等" in raw[j] else (raw[j], "")
            raw[j] = head + tail
        for item, duty in zip(items, raw, strict=True):
            item.duty = duty or None

    def _emit_items(self, items: list[_Item], target: _Ref | None, start: int, end: int, *, merged: bool,
                    matter_tail: str | None) -> None:
        for item in items:
            whole = item.duty is None or _WHOLE_DUTY.match(item.duty)
            for mention, _ in item.names:
                source = self.ref(mention)
                if target is not None and source.canonical == target.canonical and source.mention == target.mention:
                    continue  # 将县司法局的职责……重新组建县司法局: no event from a body to itself
                if whole:
                    duty = item.duty if item.duty and _WHOLE_DUTY.match(item.duty).group("paren") else None
                    self.emit(EventKind.MERGE, [source], target, start, end, duty=duty, from_merge=merged)
                else:
                    matter = item.duty + ("，" + matter_tail if matter_tail else "")
                    self.emit(EventKind.TRANSFER, [source], target, start, end, duty=item.duty,
                              matter_text=matter, from_merge=merged)

    def _create(self, target: _Ref, start: int, end: int, *, from_merge: bool) -> None:
        """One create per department and item: 组建县自然资源局。将……整合，组建县自然资源局 is one."""
        event = self.created.get((self.clause, target.canonical))
        if event is not None:
            if from_merge and not event.from_merge:  # the merge sentence says more than the heading
                event.start, event.end, event.from_merge = start, end, True
            return
        event = self.emit(EventKind.CREATE, [], target, start, end, from_merge=from_merge)
        if event is not None:
            self.created[(self.clause, target.canonical)] = event

    def _maybe_unparsed(self, start: int, end: int, reason: str, *, force: bool = False) -> None:
        text = self.s[start:end]
        if _ANOTHER_TIME.search(text):
            return  # ……职责由县政府另行明确: nothing to record yet
        if force or (_LOOKS_LIKE_EVENT.search(text) and self.lead(text)):
            self.warn(start, end, f"无法解析的改革表述（{reason}）：{_short(text)}")

    # -- one clause of any other shape --

    def _clause(self, start: int, end: int, clause_start: int, text_end: int) -> None:
        t = self.plain[start:end]
        cues = _cues(t)  # most clauses of a plan are narrative: try only the shapes cued
        if cues & {"调整为", "改为", "转为", "变更为", "改设为", "转设为"} and \
                self._type_change(t, start, end, clause_start, text_end):
            return
        for cue, handler in (("更名", self._rename), ("改名", self._rename), ("名称", self._rename),
                             ("改称", self._rename), ("合署", self._colocate), ("块牌子", self._two_plaques)):
            if cue in cues and handler(t, start, end, clause_start, text_end):
                return
        created = "设立" in cues and self._creates(t, start, clause_start, text_end)
        plaqued = self._plaques(t, start, clause_start, text_end) if "牌子" in cues else []
        abolished = "撤销" in cues and self._abolishes(t, start, text_end, plaqued)
        typed = "作为" in cues and self._types(t, start)
        if not (created or plaqued or abolished or typed):
            n = self.lead(t)
            if n and not t[n:].startswith(("的", "、", "和", "与")):
                self.set_subject(self.ref(t[:n]), clause_start)

    def _elided_or_named(self, words: str, clause_start: int) -> tuple[_Ref | None, int, bool]:
        """The department a clause is about: named (县档案局更名为…) or elided (更名为…)."""
        words = _CONNECTIVES.sub("", words).removeprefix("将").removeprefix("在").strip()
        if not words:
            if self.subject is None:
                return None, clause_start, False
            return self.subject.ref, self.subject_start(clause_start), True
        names = self.names(words)
        if names and len(names) == 1:
            return self.ref(names[0]), clause_start, False
        return None, clause_start, False

    def _type_change(self, t: str, start: int, end: int, clause_start: int, text_end: int) -> bool:
        m = _TYPE_CHANGE_RE.match(t)
        old = m.group("x").strip() if m else None
        if m is None:
            m = _TYPE_TO_RE.match(t)
            if m is None or not m.group("a").strip() or not _TYPE_WORDS.search(m.group("y")):
                return False
        new = m.group("y").strip()
        if not _TYPE_WORDS.search(new) or (old is not None and valid_name(old, self.jurisdiction)):
            return False
        subject, begin, _ = self._elided_or_named(m.group("a"), clause_start)
        if subject is None:
            self.warn(clause_start, end, f"类型调整缺少部门：{_short(t)}")
            return True
        detail = {"to": new} if old is None else {"from": old, "to": new}
        self.emit(EventKind.TYPE_CHANGE, [], subject, begin, text_end, detail=detail)
        self._set_type(subject, new)
        self.type_changed = (self.sentence, subject.canonical, old, new)
        self.set_subject(subject, begin)
        return True

    def _rename(self, t: str, start: int, end: int, clause_start: int, text_end: int) -> bool:
        m = _RENAME_RE.match(t)
        if m is None:
            return False
        new = m.group("b")
        n = self.lead(new)
        old, begin, _ = self._elided_or_named(m.group("a"), clause_start)
        if not n or old is None:
            if n or old is not None:  # 完善操作手册并更名为工作指引 names no department: not a reform event
                self.warn(clause_start, end, f"无法解析的更名表述：{_short(t)}")
            return bool(n or old)
        target = self.ref(new[:n])
        self.emit(EventKind.RENAME, [old], target, clause_start, text_end)
        if self.type_changed and self.type_changed[:2] == (self.sentence, old.canonical):
            # 将县政务服务中心由直属事业单位调整为工作部门，更名为县行政审批服务局: the old name was
            # the 事业单位, the new one is the 工作部门
            _, _, was, now = self.type_changed
            if was:
                self._set_type(old, was)
            else:
                self.types.pop(old.mention, None)
            self._set_type(target, now)
        self.set_subject(target, clause_start)
        self.antecedent = old
        return True

    def _colocate(self, t: str, start: int, end: int, clause_start: int, text_end: int) -> bool:
        m = _COLOCATE_RE.match(t)
        if m is None:
            return False
        pair = _CONNECTIVES.sub("", m.group("pair")).strip()
        begin = clause_start
        names = None
        if pair[:1] in "与和同" and self.subject is not None:
            rest = self.names(pair[1:])
            if rest:
                names = [self.subject.ref.mention, *rest]
                begin = self.subject_start(clause_start)
        elif pair:
            names = self._pair(pair)
        if not names or len(names) < 2:
            self.warn(clause_start, end, f"无法解析的合署办公表述：{_short(t)}")
            return True
        first = self.ref(names[0])
        for other in names[1:]:
            self.emit(EventKind.COLOCATE, [first], self.ref(other), begin, text_end)
        return True

    def _pair(self, words: str) -> list[str] | None:
        names = self.names(words)
        if names and len(names) >= 2:
            return names
        for m in re.finditer("[与同和]", words):  # 县A中心与县B局: the second name without a prefix
            left, right = words[: m.start()], words[m.end():]
            if valid_name(left, self.jurisdiction) and valid_name(right, self.jurisdiction):
                return [left, right]
        return None

    def _two_plaques(self, t: str, start: int, end: int, clause_start: int, text_end: int) -> bool:
        """县委网信办与县互联网信息办公室，一个机构两块牌子 → plaque."""
        m = _TWO_PLAQUES_RE.search(t)
        if m is None:
            return False
        words = t[: m.start()].strip()
        begin = clause_start
        if not words:
            prev = self.s.rfind("，", 0, clause_start - 1)
            prev = max(prev, self.s.rfind("\n", 0, clause_start - 1), self.s.rfind("。", 0, clause_start - 1))
            begin = prev + 1
            words = self.plain[begin:clause_start - 1]
        names = self._pair(_CONNECTIVES.sub("", words))
        if not names:
            self.warn(begin, end, f"无法解析的挂牌表述：{_short(t)}")
            return True
        body = self.ref(names[0])
        for other in names[1:]:
            self.emit(EventKind.PLAQUE, [], body, begin, text_end, plaque=self.plaque_ref(other))
        self.set_subject(body, begin)
        return True

    def _creates(self, t: str, start: int, clause_start: int, text_end: int) -> bool:
        found = False
        for m in _CREATE_RE.finditer(t):
            slot = m.group("slot")
            if slot.startswith(("了", "的", "和", "或")):
                continue
            listed = re.match(rf"^[\d{_CN}]+个[：:](?P<list>.+)$", slot)
            if listed:
                for name in self.names(listed.group("list")) or []:
                    self._create(self.ref(name), clause_start, text_end, from_merge=False)
                    found = True
                continue
            n = self.lead(slot, fallback=True)
            if n:  # 设立岚川县12345政务服务便民热线 is a new task, not a department: no event
                target = self.ref(slot[:n])
                self._create(target, clause_start, text_end, from_merge=False)
                self.set_subject(target, clause_start)
                found = True
        return found

    def _plaques(self, t: str, start: int, clause_start: int, text_end: int) -> list[tuple[int, int]]:
        consumed = []
        for m in _PLAQUE_RE.finditer(t):
            if t[: m.start()].endswith("不再"):
                continue
            plaques = self.names(m.group("list"))
            pre = t[: m.start()]
            if not plaques:
                if valid_name(pre.strip(), self.jurisdiction) or not pre.strip():
                    self.warn(start + m.start(), start + m.end(), f"无法识别牌子名称：{_short(m.group())}")
                continue
            words = pre.rstrip("（(")
            body, begin, _ = self._elided_or_named(words, clause_start)
            if body is None and self.subject is not None and (pre.endswith(("（", "(")) or _CREATE_RE.search(pre)):
                body, begin = self.subject.ref, clause_start
            if body is None:
                self.warn(clause_start, start + m.end(), f"无法确定挂牌的部门：{_short(t)}")
                continue
            for plaque in plaques:
                self.emit(EventKind.PLAQUE, [], body, begin, text_end, plaque=self.plaque_ref(plaque))
            self.set_subject(body, begin)
            consumed.append((m.start(), m.end()))
        return consumed

    def _abolishes(self, t: str, start: int, text_end: int, consumed: list[tuple[int, int]]) -> bool:
        found = False
        for m in _ABOLISH_RE.finditer(t):
            if any(a <= m.start() < b for a, b in consumed):
                continue
            words = m.group("list").strip()
            if words.endswith("牌子") or not words:
                continue  # 不再保留县物价局牌子: a plaque taken down, not a body abolished
            words = re.sub(rf"^(?:部门|机构|单位)?(?:[\d{_CN}]+个)?[：:]", "", words)
            words = re.sub(rf"(?:等)?(?:[\d{_CN}]+个[\u4e00-\u9fff]{{0,10}})$", "", words)
            names = self.names(words)
            if not names:  # keep the names of a list that are names, report the rest
                names, odd = [], []
                for piece in words.split("、"):
                    n = self.lead(piece)
                    (names if n and n == len(piece.strip()) else odd).append(piece.strip()[:n] if n else piece)
                if odd and (names or re.search("[局委办]", words)):
                    self.warn(start + m.start(), start + m.end(),
                              f"无法识别撤销的部门：{'、'.join(_short(o, 20) for o in odd)}")
            if names:
                found = self._abolish(names, start, text_end) or found
        if not found:
            m = _ABOLISH_AFTER_RE.match(t)
            if m:
                names = self.names(m.group("list").strip())
                if names:
                    found = self._abolish(names, start, text_end)
        return found

    def _abolish(self, names: list[str], start: int, text_end: int) -> bool:
        for name in names:
            ref = self.ref(name)
            self.emit(EventKind.ABOLISH, [ref], None, start, text_end)
            self.antecedent = ref
        return True

    def _types(self, t: str, start: int) -> bool:
        m = _TYPE_DECL_RE.search(t)
        if m:
            named = t[: m.start()]
            subject, _, _ = self._elided_or_named(named, start)
            if subject is None and self.subject is not None and not named.strip():
                subject = self.subject.ref
            if subject is not None:
                kind = m.group("type")
                self._set_type(subject, kind)
                owner = kind.split("的", 1)[0] if "的" in kind else ""
                if owner and valid_name(owner, self.jurisdiction):
                    self.extra.append(self.ref(owner))
                return True
        m = _TYPE_IS_RE.match(t)
        if m:
            names = self.names(m.group("list"))
            if names:
                for name in names:
                    self._set_type(self.ref(name), m.group("type"))
                return True
        m = _RANK_RE.search(t)
        if m:
            n = self.lead(t)
            subject = self.ref(t[:n]) if n else (self.subject.ref if self.subject else None)
            if subject is not None:
                self.ranks[subject.mention] = m.group("rank")
                self.extra.append(subject)
        return False

    def _set_type(self, ref: _Ref, kind: str) -> None:
        self.types.pop(ref.mention, None)  # the latest statement wins
        self.types[ref.mention] = kind
        self.extra.append(ref)

    def _listed(self, start: int, end: int) -> bool:
        """改革后，县人民政府设置工作部门23个：县人民政府办公室 县发展和改革局 … (one per line or 、)."""
        text = self.plain[start:end]
        m = _LISTING_RE.search(text) if "设" in text and ("：" in text or ":" in text) else None
        if m:
            owner = m.group("owner2") or m.group("owner").split("，")[-1].removeprefix("改革后").strip()
            owner = owner if owner.endswith(("政府", "委")) else ""
            self.listing = owner + m.group("type")
            names = self.names(m.group("rest").strip("。；; "))
            for name in names or []:
                self._set_type(self.ref(name), self.listing)
            return True
        if self.listing:
            names = self.names(text.strip("。；;，, "))
            if names:
                for name in names:
                    self._set_type(self.ref(name), self.listing)
                return True
            self.listing = None
        return False

    # -- results --

    def finish(self) -> ReformParts:
        self._drop_renamed_creates()
        self._separate_same_names()
        events, keys = [], set()
        for e in self.events:
            record = self._record(e)
            if record is None:
                continue
            key = (record.kind, tuple(sorted(record.sources)), record.target, record.duty,
                   tuple(sorted(record.detail.items())))
            if key in keys:
                continue
            keys.add(key)
            events.append(record)
        for target, plaque in {(e.target, e.detail["plaque"]) for e in events if e.kind == EventKind.PLAQUE}:
            if target:
                self.book.add_plaque(target, plaque)
        return ReformParts(events, self._departments(events), self.warnings)

    def _drop_renamed_creates(self) -> None:
        renamed = {(e.clause, e.target.canonical) for e in self.events if e.kind == EventKind.RENAME and e.target}
        self.events = [e for e in self.events if not (
            e.kind == EventKind.CREATE and e.target and (e.clause, e.target.canonical) in renamed)]

    def _separate_same_names(self) -> None:
        """Two bodies written differently that the name book took for one (区交通局, abolished, and
        区交通运输局, created: 交通 is also the short form of 交通运输) keep their own names."""
        literal: dict[str, str] = {}
        created: dict[tuple[str, str], set[str]] = {}  # (clause, canonical) → mentions created there
        for e in self.events:
            if e.kind in (EventKind.CREATE, EventKind.RENAME) and e.target:
                created.setdefault((e.clause, e.target.canonical), set()).add(e.target.mention)
        for e in self.events:
            for source in e.sources:  # only within one item: elsewhere a short form may be the new body
                others = set(created.get((e.clause, source.canonical), ()))
                if e.target is not None and e.target.canonical == source.canonical:
                    others.add(e.target.mention)
                others.discard(source.mention)
                if others and self.literal(source.mention) not in {self.literal(o) for o in others}:
                    literal[source.mention] = self.literal(source.mention)
        for ref in self.refs.values():
            if ref.mention in literal:
                ref.canonical = literal[ref.mention]

    def _record(self, e: _Event) -> EventRecord | None:
        start, end = self.view.span(e.start, e.end)
        sources = list(dict.fromkeys(r.canonical for r in e.sources))
        target = e.target.canonical if e.target else None
        if target is not None and sources == [target] and e.kind != EventKind.RENAME:
            return None
        detail = dict(e.detail)
        if e.kind == EventKind.PLAQUE and e.plaque:
            plaque = e.plaque.canonical
            if plaque == target:
                plaque = self.book.full(expand(e.plaque.mention))
            if plaque == target:
                return None
            detail["plaque"] = plaque
        if e.kind == EventKind.RENAME:
            if not sources or sources == [target]:
                return None
            detail = {"from": sources[0], "to": target or ""}
        matters = _matters(e.matter_text) if e.kind == EventKind.TRANSFER and e.matter_text else []
        if not matters and e.kind == EventKind.TRANSFER and e.duty and len(e.sources) == 1:
            # 县档案局的行政职能, 县老龄工作委员会的日常工作: the source's portfolio is the matter
            found = _matters(self._portfolio(e.sources[0].mention) + e.duty)
            matters = [MatterRef(key=m.key, text=e.duty) for m in found]  # the wording the plan has
        return EventRecord(kind=e.kind, sources=sources, target=target, duty=e.duty, matters=matters,
                           detail=detail, text=self.text[start:end], clause=e.clause, span=(start, end))

    def _portfolio(self, mention: str) -> str:
        """What a department's name says it is for: 县档案局 → 档案, 县老龄工作委员会 → 老龄工作."""
        core = _core(mention, self.jurisdiction)[0] if _has_prefix(mention, self.jurisdiction) else mention
        for suffix in _STRONG_SUFFIXES + _WEAK_SUFFIXES:
            if core.endswith(suffix) and len(core) > len(suffix):
                return core[: -len(suffix)]
        return ""

    def _departments(self, events: list[EventRecord]) -> list[DepartmentRecord]:
        order: dict[str, None] = {}
        for e in events:
            for name in [*e.sources, *([e.target] if e.target else [])]:
                order.setdefault(name, None)
        for ref in self.extra:
            order.setdefault(ref.canonical, None)
        aliases: dict[str, set[str]] = {}
        for ref in self.refs.values():
            if ref.canonical in order and ref.mention != ref.canonical:
                aliases.setdefault(ref.canonical, set()).add(ref.mention)
        plaques: dict[str, set[str]] = {}
        for e in events:
            if e.kind == EventKind.PLAQUE and e.target:
                plaques.setdefault(e.target, set()).add(e.detail["plaque"])
        types = {self.refs[m].canonical: kind for m, kind in self.types.items()}
        ranks = {self.refs[m].canonical: rank for m, rank in self.ranks.items()}
        return [DepartmentRecord(name=name, aliases=sorted(aliases.get(name, ())),
                                 plaques=sorted(plaques.get(name, ())), rank=ranks.get(name),
                                 type=types.get(name)) for name in order]


def _match_len(pattern: re.Pattern[str], s: str, start: int, end: int) -> int:
    """Length of an anchored (^) pattern's match at s[start:end] (^ does not match at a pos argument)."""
    m = pattern.match(s[start:end])
    return m.end() if m else 0


def _duty_shaped(duty: str | None) -> bool:
    return duty is None or bool(_TERMINAL_DUTY.search(duty) or _WHOLE_DUTY.match(duty))


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", "")
    return text if len(text) <= limit else text[:limit] + "……"


def extract_reform(text: str, *, jurisdiction: str, book: NameBook | None = None) -> ReformParts:
    """Events, the departments they name and warnings, from the normalised text of a reform plan."""
    if book is None:
        book = NameBook(jurisdiction, parents=find_parents(text, jurisdiction))
    reader = _Reader(text, jurisdiction, book)
    reader.run()
    return reader.finish()
