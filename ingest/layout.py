"""Where each part of a department's page is: the text cut into regions of one kind each.

Real pages state the same parts (主要职责, 内设机构, 人员编制, 有关职责分工 …) in many layouts: as
articles (第三条), as numbered sections (二、主要职责), under a heading line of their own (主要职能),
with the heading glued to the first sentence (主要职责①贯彻…, 内设机构市X办下设…), as database
fields (单位职能：…), announced inside a paragraph (……为正科级。其主要职责是：（一）…), or with no
heading at all (a paragraph “区统计局设4个内设机构：办公室、……。”). `regions` finds all of them:

1. Block starts (articles or sections, `outline.blocks`) are cuts; a block's kind comes from its
   heading, else from its opening words.
2. Heading lines (a line that is only a cue word: 内设机构, 主要职能：, 【联系方式】) and lines that
   start with a cue word (glued headings and fields) are cuts of the cue's kind.
3. Paragraph cuts: a line that is none of the above is read for what it holds: an opener of the
   duty list (其主要职责是：) starts a duty list where the opener ends; a unit list, staffing
   figures, a rank or plaque sentence, a boundary paragraph (与X的职责分工：), a closing clause or
   page furniture each start a region of that kind at the line.

Inside the units and affiliated-unit parts, the units' own duty lists and figures belong to the
units: there only strong cuts count (see `_allowed`). Page furniture (junk) covers its own line
only; the part before it goes on afterwards.

Rules are data: ingest/data/layout_cues.tsv maps cue words to kinds (`CUES`), each with an
example of the wording it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from zhize.ingest import outline

# Kinds of region.
MAIN, UNITS, STAFFING, BOUNDARY, AFFILIATED = "main", "units", "staffing", "boundary", "affiliated"
RANK, TRANSFORMATION, CLOSING, JUNK, INTRO, UNKNOWN = "rank", "transformation", "closing", "junk", "intro", "unknown"

def read_cues(text: str) -> dict[str, str]:
    """cue → kind from a table in the format of ingest/data/layout_cues.tsv."""
    cues = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            cue, kind = line.split("\t")[:2]
            cues[cue.strip()] = kind.strip()
    return cues


# Cue word → kind: rules as data, one cue a line with an example of the wording it reads.
CUES: dict[str, str] = read_cues(
    resources.files("zhize.ingest").joinpath("data/layout_cues.tsv").read_text(encoding="utf-8"))
# Cues that may start a line glued to its content (“主要职责①…”, “内设机构市X办下设…”); the short,
# common words (职责, 职能, 编制, 打印 …) count only as a heading line of their own or a field.
_GLUED = tuple(sorted((c for c in CUES if len(c) >= 4 and CUES[c] not in (JUNK, CLOSING)), key=len, reverse=True))
GLUED_CUES = _GLUED
_CUE_WORDS = tuple(sorted(CUES, key=len, reverse=True))
_CUE_LAST = frozenset(c[-1] for c in CUES)
# Cue searches as single patterns (the lines of a long text are many): the longest cue a line starts
# with; a cue of four characters or more of the kinds a heading line may end with; any such cue.
_CUE_START = re.compile("|".join(map(re.escape, _CUE_WORDS)))
_LONG_CUE = re.compile("|".join(re.escape(c) for c in _CUE_WORDS if len(c) >= 4))
_HEADING_END = re.compile("(?:" + "|".join(re.escape(c) for c in _CUE_WORDS if len(c) >= 4 and CUES[c] in (
    MAIN, UNITS, STAFFING, INTRO, AFFILIATED)) + ")$")
# A heading line: optional brackets, a cue, optional colon; or a short name before the cue
# (县体育局主要职责, 青杉县统计局机构职能).
_BRACKETS = "【】[]〔〕<>《》 \u3000"
_HEADING_MAX = 24
# Openers of a duty list inside a paragraph: “其主要职责是：”, “其职能如下：”, “主要职能为：”,
# “履行下列职责：”, “职责是：”.
MAIN_OPENER = re.compile(
    r"(?:主要职责|主要职能|职能|职责|主要任务|工作职责)(?:是|为|如下|有)?[:：]|(?:履行|承担)(?:以下|下列|如下)(?:主要)?职责[:：]?")
# Closing clauses: “本规定自2019年3月19日起施行。”, “本规定由……负责解释”.
_CLOSING = re.compile(r"^(?:本规定|本方案|本办法|本意见)(?:自|由|经)|起(?:施行|执行|试行)。?$")
# A paragraph that opens a boundary: “与区卫生健康局的职责分工：……”, “有关职责分工：……”.
_BOUNDARY_PARAGRAPH = re.compile(r"^(?:与[^。；]{2,40}?的?(?:有关)?职责(?:分工|边界)|(?:有关)?职责分工[。：:．.])")
# Staffing figures: “机关行政编制10名”, “核定编制22名”, “参照公务员法管理事业编制24名”.
STAFF_FIGURE = re.compile(
    r"(?:行政编制|事业编制|工勤编制|专项编制|核定编制|编制数?)(?:核定为|核定|为|共|[:：])?\s*(?:\d{1,4}|[一二三四五六七八九十百]+)[名人]")
# Rank and type sentences: “……是区政府工作部门，为正科级”, “加挂……牌子”, “一个机构、两块牌子”.
_RANK_SENTENCE = re.compile(
    r"(?:是|为|作为|列入|属于)[^，。；]{0,16}?(?:工作部门|直属机构|派出机构|派出机关|办事机构|部门管理机构|事业单位|职能部门|"
    r"工作机关|组成部门|直属特设机构)|[正副][部厅局处县科股]级|牌子")
# A list of internal units: an opener (设下列内设机构：, 内设4个科室：, 下设, 内设) and then names.
UNIT_LIST_OPENER = re.compile(
    r"(?<![建假开增铺架预陈新敷创附分专特另常])"  # 建设, 开设 … are words, not “设” (sets up)
    r"(?:设下列|设以下|设置以下|设置下列|设立以下|内设|下设|设有|设置|设)"
    r"(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})个)?"
    # 设5个职能处（室）：, 内设5个职能股室：
    r"(?:内设机构|职能科室|内设科室|职能处室|职能股室|职能处|职能司局|职能司|科室|股室|机构|处室|部门)?"
    r"(?:[（(][^）)]{0,12}[）)])?[:：]?")
UNIT_SUFFIX = r"(?:办公室|股|科|室|处|中心|大队|中队|支队|队|所|站|组|部|司|厅|机关党委|党委|局)"
_UNIT_WORD = re.compile(rf"^[^。：:，,；;（(、\s]{{1,22}}?{UNIT_SUFFIX}(?:[（(][^）)]{{1,30}}[）)])?$")


@dataclass(frozen=True)
class Region:
    """One part of the text: `kind`, the clause `label` it sits under (第三条, 三 or ''), and the
    body `[body, end)` after its heading or opener."""

    kind: str
    label: str
    start: int
    body: int
    end: int
    strong: bool  # a block start or heading line (True), or a paragraph read for its content


@dataclass(frozen=True)
class _Cut:
    pos: int
    body: int
    kind: str
    label: str
    form: str  # "block", "heading" (a line of its own), "field" (cue glued to content), "paragraph"
    line_end: int  # junk covers its own line only
    inline: bool = False  # a unit list whose names are in the sentence (设A、B、C 3个内设机构), not after it

    @property
    def strong(self) -> bool:
        return self.form != "paragraph"


def regions(text: str) -> list[Region]:
    """The regions of `text`, in order, from the first cut to the end."""
    cuts = sorted(_cuts(text), key=lambda c: (c.pos, not c.strong, c.body))
    out: list[Region] = []
    current: _Cut | None = None
    for i, cut in enumerate(cuts):
        if current is not None and (cut.pos < current.body or not _allowed(current, cut)):
            continue  # inside the current heading or opener, or a part the current region owns
        if current is not None:
            out.append(_region(current, cut.pos))
        if _one_paragraph(cut):
            # Page furniture and a rank sentence cover their own line; the part they interrupt
            # (主要职责 … “X局是……事业单位。” … 负责……) goes on after it.
            end = min(cut.line_end, cuts[i + 1].pos if i + 1 < len(cuts) else cut.line_end)
            out.append(_region(cut, end))
            resumed = current is not None and end == cut.line_end and not _one_paragraph(current)
            current = _Cut(end, end, current.kind, current.label, current.form, end) if resumed else None
            continue
        current = cut
    if current is not None:
        out.append(_region(current, len(text)))
    return [r for r in out if r.end > r.body or r.kind == JUNK]


def _one_paragraph(cut: _Cut) -> bool:
    return (cut.kind == JUNK and cut.form in ("field", "paragraph")) or (cut.kind == RANK and cut.form == "paragraph")


def _region(cut: _Cut, end: int) -> Region:
    return Region(cut.kind, cut.label, cut.pos, min(cut.body, end), end, cut.strong)


def _allowed(current: _Cut, cut: _Cut) -> bool:
    """Inside units and affiliated units, their own duty lists, ranks and figures stay theirs: an
    affiliated unit's “主要职责：” heading or “核定事业编制8名” is not the department's."""
    if cut.form == "block" or cut.kind in (JUNK, CLOSING):
        return True
    if cut.kind == current.kind and cut.label == current.label and current.kind != MAIN:
        return False  # one part goes on (表2's cells 领导职数 … under 人员编制)
    if current.kind == STAFFING:
        return cut.form == "heading" or cut.kind not in (RANK, INTRO)
    if current.kind == AFFILIATED:
        return cut.form == "heading" and cut.kind != MAIN
    if current.kind == UNITS:
        if cut.form == "heading":
            return True
        if cut.form == "field":  # a unit's own 主要职责：…, unless the units were all named in one sentence
            return cut.kind != MAIN or current.inline
        return cut.kind in (STAFFING, AFFILIATED)
    return True


def _cuts(text: str) -> list[_Cut]:
    found: list[_Cut] = []
    block_starts: dict[int, outline.Block] = {}
    for block in outline.blocks(text):
        block_starts[block.start] = block
    label = ""
    lines = _lines(text)
    for i, (start, end) in enumerate(lines):
        block = block_starts.get(start)
        if block is not None:
            label = block.label
            found += _block_cuts(text, block, end)
            continue
        line = text[start:end]
        heading = heading_kind(line)
        if heading is not None and _in_table_header(text, lines, i):
            heading = None
        if heading is not None:
            found.append(_Cut(start, min(end + 1, len(text)), heading, label, "heading", end))
            continue
        numbered = _DOTTED_NUMBER.match(line)  # 2.2 人员编制。…: a numbered sub-section opens with a cue
        glued = _glued_cue(line[numbered.end():] if numbered else line)
        if glued is not None:
            kind, skip = glued
            skip += numbered.end() if numbered else 0
            found.append(_Cut(start, start + skip, kind, label, "field", end))
            found += _opener_cuts(text, start + skip, end, label, kind)
            if kind != JUNK:  # 编制：县粮食局行政编制十名，内设秘书股、购销股
                found += _inner_cuts(text, start + skip, end, label, kind)
            continue
        found += _paragraph_cuts(text, start, end, label)
    return found


# The number of a sub-section (2.1, 2.2 …) a line opens with: the cue after it names the part.
_DOTTED_NUMBER = re.compile(r"\d{1,2}[.．]\d{1,2}(?![.．\d%])[ \u3000]*")


# Cells of a table's header row, one per line in .docx text: a 主要职责 there is no heading.
TABLE_HEADER_CELLS = frozenset("""序号 名称 机构名称 内设机构 科室 科室名称 处室 股室 机构 单位 单位名称 项目 类别 职责
    主要职责 职能 数量 核定数 编制数 人数 备注 数量（名） 负责人 科室负责人 姓名 职务 联系电话 办公电话""".split())


def _in_table_header(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    near = [text[s:e].strip() for s, e in lines[max(0, i - 1):i] + lines[i + 1:i + 2]]
    return any(cell in TABLE_HEADER_CELLS for cell in near)


def _block_cuts(text: str, block: outline.Block, line_end: int) -> list[_Cut]:
    """A block: its kind from the heading (二、主要职责) or opening words; an opener inside its
    first line (第三条 ……主要职责是：) starts the duty list there."""
    body = text[block.body_start:block.end]
    kind = None
    if block.heading:
        kind = heading_kind(block.heading) or cue_kind(block.heading)
    body_start = block.body_start
    if block.heading and kind is not None:
        body_start = min(line_end + 1, block.end)
    if kind is None:
        kind = opening_kind(body) or UNKNOWN
    cuts = [_Cut(block.start, body_start, kind, block.label, "block", line_end)]
    if kind in (UNKNOWN, RANK, INTRO, MAIN):
        cuts += _opener_cuts(text, block.body_start, line_end, block.label, kind)
    return cuts


def _opener_cuts(text: str, start: int, end: int, label: str, kind: str) -> list[_Cut]:
    m = MAIN_OPENER.search(text, start, end)
    if m is None or kind in (UNITS, AFFILIATED, STAFFING, BOUNDARY):
        return []
    return [_Cut(m.start(), m.end(), MAIN, label, "paragraph", end)]


def _paragraph_cuts(text: str, start: int, end: int, label: str) -> list[_Cut]:
    """What a line that is neither a block start nor a heading holds (see the module docstring).
    A paragraph that runs several parts together (……为正科级。下设办公室、A股3个股室。行政编制8人。
    主要职责是：……) is cut at each sentence that opens another part."""
    line = text[start:end]
    if outline.starts_item(line):
        return []
    cuts: list[_Cut] = []
    first = line.find("。") + 1 or len(line)
    kind = paragraph_kind(line if first >= len(line.rstrip(" \u3000")) else line[:first])
    if kind == UNITS and _figures_first(line[:first]):
        kind = STAFFING  # 县民政局机关行政编制10名，内设办公室、……: the figures open it, the list follows
    if kind is not None:
        inline = kind == UNITS and unit_list(line) is not None
        cuts.append(_Cut(start, start, kind, label, "paragraph", end, inline))
    if kind in (None, RANK, INTRO):
        opener = _opener_cuts(text, start, end, label, kind or UNKNOWN)
        if opener and kind is None and _RANK_SENTENCE.search(text, start, opener[0].pos):
            cuts.append(_Cut(start, start, RANK, label, "paragraph", end))  # ……为正科级，加挂…牌子。其主要职责是：
        cuts += opener
    return cuts + _inner_cuts(text, start, end, label, kind)


# A sentence or clause that opens a part inside a paragraph: what may stand before its opener is
# the department's name (县商务局, 局机关) and nothing else; a township's or 街道's own level word too
# (街道设A、B 2个内设机构, 镇机关核定行政编制30名).
_OWNER = (r"(?:[^，。；：:、\s]{0,24}?(?:局|委|办|部|室|中心|院|馆|站|所|厅|会|社|队|处|街道|镇|乡))?"
          r"(?:机关|本级)?(?:现|目前|共)?")
_INNER_UNITS = re.compile(rf"{_OWNER}(?={UNIT_LIST_OPENER.pattern})")
# 核定机关行政编制18名: 核定 may come before 机关 too
_INNER_STAFF = re.compile(rf"{_OWNER}(?:核定|共核定|共有|现有)?(?:机关)?(?=(?:{STAFF_FIGURE.pattern}))")


# A line that only announces the unit list on the lines after it: “设置4个股室：”, “局机关内设以下科室：”.
_UNIT_LIST_HEAD = re.compile(
    rf"^{_OWNER}(?:设下列|设以下|设置以下|设置下列|内设|下设|设有|设置|设)"
    r"(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})个|以下|下列)?"
    r"(?:内设机构|职能科室|内设科室|科室|股室|机构|处室)(?:[（(][^）)]{0,12}[）)])?[:：]$")


def _figures_first(sentence: str) -> bool:
    staff = STAFF_FIGURE.search(sentence)
    units = UNIT_LIST_OPENER.search(sentence)
    return staff is not None and units is not None and staff.start() < units.start()


def _inner_cuts(text: str, start: int, end: int, label: str, kind: str | None) -> list[_Cut]:
    """Cuts after the first sentence of a paragraph: a field cue (内设机构：…, 人员编制：…), a unit
    list or staffing figures opening a sentence, or staffing figures opening a clause after a unit
    list (县商务局内设A股、B股2个股室，机关行政编制7名)."""
    cuts: list[_Cut] = []
    last = kind
    for pos, mark in _clause_starts(text, start, end):
        found = _clause_kind(text, pos, end, sentence=mark == "。")
        if found is None or found[0] == last:
            continue
        last = found[0]
        inline = found[0] == UNITS and unit_list(text[pos:_sentence_end(text, pos, end)]) is not None
        cuts.append(_Cut(pos, found[1], found[0], label, "paragraph", end, inline))
    return cuts


_CLAUSE_MARK = re.compile("[。，；]")


def _clause_starts(text: str, start: int, end: int) -> list[tuple[int, str]]:
    return [(m.end(), m.group()) for m in _CLAUSE_MARK.finditer(text, start, end - 1)]


def _clause_kind(text: str, pos: int, end: int, *, sentence: bool) -> tuple[str, int] | None:
    """(kind, body start) of the part a clause at `pos` opens, or None. The cheap tests on the
    next few characters come first: most clauses open nothing."""
    ahead = text[pos:pos + 36]
    if "设" in ahead[:32]:  # a unit list after a comma too: 行政编制十名，内设秘书股、购销股
        clause_end = _sentence_end(text, pos, end)
        if _INNER_UNITS.match(text, pos, clause_end) and unit_list(text[pos:clause_end]) is not None:
            return UNITS, pos
    if sentence:
        if "：" in ahead[:12] or ":" in ahead[:12]:
            m = _CUE_START.match(text, pos, end)
            if m is not None and m.end() < end and text[m.end()] in "：:" and CUES[m.group()] not in (JUNK, RANK):
                return CUES[m.group()], m.end() + 1
        if ahead.startswith("本") and _CLOSING.match(text, pos, end):
            return CLOSING, pos
    if "编制" in ahead and _INNER_STAFF.match(text, pos, end):
        return STAFFING, pos
    return None


def _sentence_end(text: str, pos: int, end: int) -> int:
    k = text.find("。", pos, end)
    return end if k == -1 else k + 1


def paragraph_kind(line: str) -> str | None:
    """The kind a free paragraph announces by its content, None when it announces nothing."""
    if _BOUNDARY_PARAGRAPH.match(line):
        return BOUNDARY
    if _UNIT_LIST_HEAD.match(line.strip(" \u3000")):
        return UNITS
    if _CLOSING.search(line):
        return CLOSING
    if unit_list(line) is not None:
        return UNITS
    if STAFF_FIGURE.search(line):
        return STAFFING
    if _RANK_SENTENCE.search(line) and not MAIN_OPENER.search(line):
        return RANK
    return None


def heading_kind(line: str) -> str | None:
    """The kind of a heading line: a cue alone (内设机构, 【联系方式】, 主要职能：), or a short line
    ending in a cue (县体育局主要职责) with no sentence in it."""
    bare = line.strip(_BRACKETS).rstrip("：:。．.").strip(_BRACKETS)  # 第三条 主要职责。 is a heading too
    if not bare or bare[-1] not in _CUE_LAST or len(bare) > _HEADING_MAX or any(p in bare for p in "，。；,;|｜"):
        return None  # (most lines end in a character no cue ends in)
    if bare in CUES:
        return CUES[bare]
    m = _HEADING_END.search(bare)
    if m is None:
        return None
    if _LONG_CUE.search(bare, 0, m.start()):
        return None  # a title listing the parts: X局主要职责、内设机构和人员编制
    return CUES[m.group()]


def cue_kind(text: str) -> str | None:
    """The kind of the first cue word in a block heading (二、主要职责和内设机构 → main)."""
    for cue in _CUE_WORDS:
        if cue in text and len(cue) >= 2:
            return CUES[cue]
    return None


_OPENING_KINDS = (
    (re.compile(r"^[^。]{0,40}?(?:主要职责|主要职能|职责|职能)(?:是|为|如下|有)?[:：]"), MAIN),
    (re.compile(r"^[^。]{0,30}?(?:设下列|设以下|设置以下|内设机构|下设)"), UNITS),
    (re.compile(r"^[^。]{0,12}?(?:有关职责分工|职责分工)"), BOUNDARY),
    (re.compile(r"^(?:职能转变|职能调整|职责调整)"), TRANSFORMATION),
    (re.compile(r"^[^。]{0,20}?(?:直属事业单位|所属事业单位|下属事业单位|直属单位)"), AFFILIATED),
)


_STAFF_MENTION = re.compile(r"^[^。]{0,20}?(?:行政编制|人员编制|领导职数)")


def opening_kind(body: str) -> str | None:
    """The kind of a block without a heading, by the opening words of its first paragraph
    (第三条 ……主要职责是：)."""
    opening = body[:160].lstrip()
    opening = opening[:max(opening.find("\n"), 0) or len(opening)]
    if heading_kind(opening) is not None:  # 第三条 主要职责。 — a heading with a full stop
        return heading_kind(opening)
    for pattern, kind in _OPENING_KINDS:
        if pattern.search(opening):
            return kind
    if STAFF_FIGURE.search(opening[:80]) or _STAFF_MENTION.search(opening[:40]):
        return STAFFING
    if _CLOSING.search(opening[:60]):
        return CLOSING
    if _RANK_SENTENCE.search(opening[:120]):
        return RANK
    return None


# Words that continue a cue into an ordinary phrase: 内设机构领导职数, 机构设置改革.
_NOT_GLUED = ("领导", "负责人", "设置", "改革")


def _glued_cue(line: str) -> tuple[str, int] | None:
    """A cue at the start of a line followed by its content: (kind, characters to skip)."""
    bare = line.lstrip(_BRACKETS)
    lead = len(line) - len(bare)
    m = _CUE_START.match(bare)
    if m is not None:  # the longest cue the line starts with
        cue = m.group()
        if CUES[cue] == JUNK:
            return JUNK, len(line)
        rest = bare[len(cue):]
        if rest[:1] and rest[0] in "：:":
            return CUES[cue], lead + len(cue) + 1
        if cue in _GLUED and rest and rest[0] not in "，,、和及与的是为" and not rest.startswith(_NOT_GLUED):
            return CUES[cue], lead + len(cue)
    return None


def after_glued_cue(line: str) -> str:
    """`line` without a heading cue glued to its start (机构职能青杉县林业局是……, 人员编制县司法局机关
    行政编制12名 → the sentence after the cue)."""
    glued = _glued_cue(line)
    if glued is None or glued[0] == JUNK:
        return line
    return line[glued[1]:]


def unit_list(line: str) -> list[tuple[int, int]] | None:
    """Spans (relative to `line`) of the names in a one-sentence unit list — “设下列内设机构：办公室、
    综合科、规划和统计科。”, “内设办公室、业务指导科和编研科。”, “内设机构：办公室、人事科” —
    or None when the line holds no such list (two names at least, every item shaped like one)."""
    for m in UNIT_LIST_OPENER.finditer(line):
        names = _list_items(line, m.end())
        if names is not None:
            return names
    return None


def unit_names(line: str) -> list[tuple[int, int]] | None:
    """`unit_list`, or a bare list of two names at least that is the whole line (a field's value
    “办公室、人事教育科、合作指导科”)."""
    found = unit_list(line)
    if found is None:
        found = _list_items(line, 0)
    if found is None:  # 办公室；就业促进科；社会保险科。
        found = _list_items(line.rstrip("。；; \u3000"), 0, "；;")
    if found is None and ("\u3000" in line.strip() or "  " in line.strip()):  # 办公室　移交安置股　优抚股
        found = _spaced_items(line)
    return found


_SPACES = re.compile(r"[ \u3000]+")


def _spaced_items(line: str) -> list[tuple[int, int]] | None:
    """Names parted by spaces only (a table row flattened, a page that lays units out in a row)."""
    spans, pos = [], 0
    for m in _SPACES.finditer(line):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(line.rstrip("。 \u3000"))))
    spans = [(a, b) for a, b in spans if b > a]
    if len(spans) < 2 or not all(_UNIT_WORD.match(line[a:b]) for a, b in spans):
        return None
    return spans


def is_unit_name(text: str) -> bool:
    """“办公室”, “普查和法规科”, “水资源管理股（挂节约用水办公室牌子）”, a ministry's “确权登记局”: the whole
    text is one unit's name. A name with a place or level in front (县水利局) is a department."""
    text = text.strip(" \u3000。；;")
    return _UNIT_WORD.match(text) is not None and not (text.endswith("局") and _PLACED.match(text))


# A bureau named with its place or level in front is a department (县水利局, 岚川县水利局), not a
# ministry's internal 局 (确权登记局).
_PLACED = re.compile(r"^(?:中共|[县市区省州旗](?!场|域|级|政|容|划|直)|[\u4e00-\u9fff]{2,4}(?:自治县|县|市|区|省|旗))")


_BODY_WORD = re.compile(
    r"^[^。：:，,；;、\s]{2,30}?(?:中心|站|场|所|院|馆|队|社|会|局|办|室|处|团|台|校|学校|医院|公司|基地|研究院|"
    r"服务中心|管理处|保护区)$")


def is_body_name(text: str) -> bool:
    """A body of its own (青杉县林业技术推广站, 县国有林场): a name with an institution's ending."""
    return _BODY_WORD.match(text.strip(" \u3000")) is not None


def body_names(line: str) -> list[tuple[int, int]]:
    """Spans of the bodies a line lists (“A站、B林场、C中心。”), every item shaped like a body."""
    end = len(line.rstrip("。；; \u3000"))
    items = split_names(line, 0, end)
    return items if items and all(is_body_name(line[s:e]) for s, e in items) else []


def _list_items(line: str, start: int, separator: str = "、") -> list[tuple[int, int]] | None:
    stop = len(line)
    for mark in "。；;，,":
        k = line.find(mark, start) if mark not in separator else -1
        if k >= 0:
            stop = min(stop, k)
    count = _LIST_COUNT.search(line, start, stop)  # ……、流通股等3个股室
    items = split_names(line, start, count.start() if count else stop, separator)
    if len(items) < 2 or not all(_UNIT_WORD.match(line[s:e]) for s, e in items):
        return None
    return items


# The count that closes a list (……、流通股等3个股室; ……等5个综合性办事机构): the noun may carry a
# describing word or two in front (综合性办事机构, 职能股室).
_LIST_COUNT = re.compile(
    r"等?(?:\d{1,2}|[一二三四五六七八九十]{1,3})个(?:[\u4e00-\u9fff]{0,6}?"
    r"(?:内设机构|职能科室|职能处室|职能股室|股室|科室|处室|部室|机构|部门|科|股|室))?$")


def split_names(text: str, start: int, end: int, separator: str = "、") -> list[tuple[int, int]]:
    """Spans of the names in “A、B、C和D”: split at 、 (or the given separators); at 和/及/以及 only
    where both sides end like a unit or body (规划统计科和协调督导科 → two names; 政策法规和规划科 → one)."""
    spans: list[tuple[int, int]] = []
    pos = start
    for m in re.finditer(f"[{separator}]", text[start:end]):
        spans.append((pos, start + m.start()))
        pos = start + m.end()
    spans.append((pos, end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        out += _split_and(text, s, e)
    return [(s, e) for s, e in out if e > s]


_AND = re.compile(r"以及|和|及|与")
_ENDS_LIKE_NAME = re.compile(rf"{UNIT_SUFFIX}$|(?:局|委员会|院|馆|合作社|报社|林场|农场|厅|署)$")


def _split_and(text: str, s: int, e: int) -> list[tuple[int, int]]:
    for m in _AND.finditer(text, s, e):
        if _ENDS_LIKE_NAME.search(text[s:m.start()]) and _ENDS_LIKE_NAME.search(text[m.end():e]):
            return [(s, m.start()), *_split_and(text, m.end(), e)]
    return [(s, e)]


def _lines(text: str) -> list[tuple[int, int]]:
    out, begin, n = [], 0, len(text)
    while begin <= n:
        stop = text.find("\n", begin)
        stop = n if stop == -1 else stop
        if stop > begin:
            out.append((begin, stop))
        begin = stop + 1
    return out
