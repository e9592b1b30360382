"""A review report (评估报告) for one jurisdiction at one date, as a Word document in the form a
Chinese government office writes one: a title, a lead paragraph, numbered parts 一、二、三 with
（一）（二） below them, 仿宋 body and 黑体 headings, page numbers in the footer.

`gather` reads what the report says from the store (the ledger's findings, the reform plans'
transfers and whether they landed, the departments without a 三定 in force); `to_docx` writes it.
The wording of the next steps is data (`NEXT_STEPS`), one sentence per kind of problem.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from zhize.graph.models import FindingFilter, FindingStatus, LedgerEntry
from zhize.graph.store import GraphReader
from zhize.queries.detectors import KINDS

# Statuses a report counts as problems still to deal with, and the ones it leaves out of part 二.
LIVE = (FindingStatus.OPEN, FindingStatus.CONFIRMED, FindingStatus.RECTIFYING)
RECEIVING = frozenset({"create", "merge", "transfer", "rename"})
QUOTE_LIMIT = 120  # characters of a clause a report quotes; the rest is “……”

# Kind of problem → the next step a report proposes for it, e.g. for 职责交叉 with 2 problems:
# “针对职责交叉问题（2 个），在相关部门三定“有关职责分工”中明确牵头部门和配合部门。”
NEXT_STEPS = {
    "职责交叉": "会同相关部门研究，在三定“有关职责分工”中明确牵头部门和配合部门，做到一件事情原则上由一个部门负责",
    "无牵头": "按照“谁主管、谁负责”的原则明确牵头部门，分清主办和协办",
    "相互推诿": "召集相关部门协商明确牵头部门，必要时报请县委编委研究确定",
    "划转未落地": "督促承接部门在修订三定时写明划入的职责，确保职责划转到位",
    "职责悬空": "明确撤销部门原有职责的承接部门，防止出现工作盲区",
    "新增任务无人承接": "明确新增任务的承接部门，并在其三定或有关文件中予以规定",
}


@dataclass(frozen=True)
class Transfer:
    """One transfer of a reform plan and whether it landed (as `zhize transfers` reports it)."""

    plan: str
    clause: str
    sources: list[str]
    target: str
    duty: str
    status: str
    reason: str = ""
    landed_in: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Review:
    jurisdiction: str
    at: date
    departments: int
    duties: int
    sandings: int
    plans: int
    entries: list[LedgerEntry]
    transfers: list[Transfer]
    without_sanding: list[str]
    unit: str = ""
    undated: int = 0  # documents with no issue date yet: not counted as in force, named in the lead

    @property
    def live(self) -> list[LedgerEntry]:
        return [e for e in self.entries if e.status in LIVE]

    def by_kind(self) -> list[tuple[str, list[LedgerEntry]]]:
        groups: dict[str, list[LedgerEntry]] = {}
        for e in self.live:
            groups.setdefault(e.finding.kind, []).append(e)
        order = {k: i for i, k in enumerate(KINDS)}
        return sorted(groups.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))

    def statuses(self) -> Counter:
        return Counter(str(e.status) for e in self.entries)

    def overdue(self) -> list[LedgerEntry]:
        from zhize.graph.ledger import is_overdue

        return [e for e in self.entries if is_overdue(e, self.at)]

    @property
    def title(self) -> str:
        return f"关于{self.jurisdiction}部门职责运行情况的评估报告"


def gather(store: GraphReader, jurisdiction: str, at: date | None = None, unit: str = "") -> Review:
    """What the report of `jurisdiction` at `at` (today) says, read from the store."""
    from zhize.queries.lineage import transfers
    from zhize.queries.scope import jurisdictions
    from zhize.queries.view import view_of

    [place] = jurisdictions(store, jurisdiction)
    day = at or date.today()
    view = view_of(store.project(place, day))
    active = [d for d in view.departments.values() if view.active(d.id)]
    # A body a reform created or handed duties to needs a 三定 of its own; a name a plan only
    # mentions in passing (县人民政府) does not.
    receivers = {t for e in view.events.values() if e.kind in RECEIVING for t in e.targets}
    entries = store.findings(FindingFilter(jurisdiction=place, limit=10_000))
    docs = store.documents(place)
    moved = _transfers(transfers(store, place, at=day)) if any(d.kind == "改革方案" for d in docs) else []
    return Review(
        jurisdiction=place, at=day, departments=len(active), duties=len(view.held),
        sandings=sum(1 for d in docs if d.kind == "三定" and d.issue_date and d.issue_date <= day),
        plans=sum(1 for d in docs if d.kind == "改革方案" and d.issue_date and d.issue_date <= day),
        undated=sum(1 for d in docs if d.issue_date is None), entries=entries,
        transfers=moved, without_sanding=sorted(d.name for d in active
                                                if d.id in receivers and d.id not in view.sanding_in_force),
        unit=unit.strip())


def _transfers(reforms) -> list[Transfer]:
    out = []
    for r in reforms:
        for e in r.events:
            if e.status is None:
                continue
            out.append(Transfer(plan=r.title, clause=e.clause, sources=list(e.sources), target=e.target or "",
                                duty=e.duty or "、".join(e.matters), status=e.status, reason=e.status_reason,
                                landed_in=list(e.landed_in)))
    return out


# -- the document ---------------------------------------------------------------------------------

NUMERALS = "一二三四五六七八九十"
BODY_FONT, HEADING_FONT, SUBHEADING_FONT, TITLE_FONT = "仿宋", "黑体", "楷体", "方正小标宋简体"
BODY_SIZE, TITLE_SIZE = 16, 22  # 三号, 二号 (points)


def numeral(i: int) -> str:
    return NUMERALS[i - 1] if 1 <= i <= 10 else str(i)


def _undated(r: Review) -> str:
    if not r.undated:
        return ""
    return f"另有 {r.undated} 份文件未注明印发日期，无法判断是否现行，未纳入比对。"


def outline(r: Review) -> list[tuple[str, str]]:
    """The report as (style, text) paragraphs: title, subtitle, lead, h1 (一、), h2 (（一）), body."""
    parts: list[tuple[str, str]] = [("title", r.title), ("subtitle", f"（截至{_day(r.at)}）")]
    parts.append(("body", f"依据库中{r.jurisdiction}现行三定规定 {r.sandings} 份、机构改革方案 {r.plans} 份，对"
                          f"{r.departments} 个部门的 {r.duties} 条职责进行了梳理比对，查找职责交叉、职责空白和推诿"
                          f"风险，核对改革中职责划转的落实情况。{_undated(r)}现将有关情况报告如下。"))
    sections = [("总体情况", _overview(r)), ("发现的主要问题", _problems(r)),
                ("职责划转落实情况", _transfer_lines(r)), ("尚无三定的部门", _without_sanding(r)),
                ("下一步工作建议", _next_steps(r))]
    for i, (heading, body) in enumerate(sections, 1):
        parts.append(("h1", f"{numeral(i)}、{heading}"))
        parts += body
    if r.unit:
        parts += [("signature", r.unit), ("signature", _day(r.at))]
    return parts


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _overview(r: Review) -> list[tuple[str, str]]:
    counts = r.statuses()
    status_text = "，".join(f"{s} {counts[s]} 个" for s in (str(x) for x in FindingStatus) if counts.get(s))
    landed = Counter(t.status for t in r.transfers)
    moved = "，".join(f"{k} {v} 项" for k, v in landed.most_common())
    lines = [("body", f"{r.jurisdiction}现有部门 {r.departments} 个，现行职责 {r.duties} 条。问题台账共记录问题 "
                      f"{len(r.entries)} 个{'（' + status_text + '）' if status_text else ''}，其中尚待处理 "
                      f"{len(r.live)} 个{_overdue_text(r)}。")]
    if r.transfers:
        lines.append(("body", f"改革方案确定的职责划转共 {len(r.transfers)} 项：{moved}。"))
    return lines


def _overdue_text(r: Review) -> str:
    late = r.overdue()
    return f"，已过整改时限尚未销号 {len(late)} 个" if late else ""


def _problems(r: Review) -> list[tuple[str, str]]:
    groups = r.by_kind()
    if not groups:
        return [("body", "本次评估未发现尚待处理的问题。")]
    out: list[tuple[str, str]] = []
    for i, (kind, entries) in enumerate(groups, 1):
        out.append(("h2", f"（{numeral(i)}）{kind}（{len(entries)} 个）"))
        for n, e in enumerate(entries, 1):
            f = e.finding
            label = f"{e.number}，" if e.number else ""
            out.append(("body", f"{n}. {f.matter or kind}（{label}{e.status}）。{f.message}"))
            for x in f.evidence[:4]:
                source = f"《{x.document_title}》" if x.document_title else ""
                quote = x.quote if len(x.quote) <= QUOTE_LIMIT else x.quote[:QUOTE_LIMIT] + "……"
                out.append(("quote", f"{source}{x.clause}：“{quote}”"))
    return out


def _transfer_lines(r: Review) -> list[tuple[str, str]]:
    if not r.transfers:
        return [("body", "库中没有该地的机构改革方案，或方案中没有职责划转。")]
    from zhize.queries.landing import LANDED

    landed = [t for t in r.transfers if t.status == LANDED]
    rest = [t for t in r.transfers if t.status != LANDED]
    by_target: dict[str, list[str]] = {}
    for t in landed:
        by_target.setdefault(t.target, []).append(_duty(t.duty))
    listed = "；".join(f"{target}：{'、'.join(dict.fromkeys(duties))}" for target, duties in by_target.items())
    out = [("body", f"改革方案确定的 {len(r.transfers)} 项职责划转中，已写入承接部门三定的 {len(landed)} 项"
                    f"{'（' + listed + '）' if listed else ''}。" + (f"其余 {len(rest)} 项情况如下：" if rest else ""))]
    for n, t in enumerate(rest, 1):
        move = f"{'、'.join(t.sources) or '（未写明划出部门）'}的{_duty(t.duty) or '有关'}职责划入{t.target}"
        why = f"，{t.reason}" if t.reason else ""
        out.append(("body", f"{n}. {move}（《{t.plan}》{t.clause}）：{t.status}{why}。"))
    return out


def _duty(text: str) -> str:
    """A duty phrase without its trailing 职责, so that “的{duty}职责” reads once (价格监督检查职责 → 价格监督检查)."""
    return text.removesuffix("职责").rstrip("的")


def _without_sanding(r: Review) -> list[tuple[str, str]]:
    if not r.without_sanding:
        return [("body", "改革中组建或承接职责的部门均有现行三定规定。")]
    return [("body", f"改革中组建或承接职责的部门中，以下 {len(r.without_sanding)} 个在库中没有现行三定规定："
                     f"{'、'.join(r.without_sanding)}。其职责无法与改革方案核对，建议补充收集或抓紧制定。")]


def _next_steps(r: Review) -> list[tuple[str, str]]:
    steps = [f"针对{kind}问题（{len(entries)} 个），{NEXT_STEPS.get(kind, '逐一核实并明确责任部门')}。"
             for kind, entries in r.by_kind()]
    if r.without_sanding:
        steps.append(f"对尚无现行三定的 {len(r.without_sanding)} 个部门，抓紧制定或补充收集三定规定。")
    counts = r.statuses()
    waiting = counts.get(str(FindingStatus.OPEN), 0)
    if waiting:
        steps.append(f"对 {waiting} 个待核实问题逐一核实，属实的列入整改，不属实的说明理由后驳回。")
    if r.overdue():
        steps.append(f"对 {len(r.overdue())} 个已过整改时限的问题督促整改，按期销号。")
    if not steps:
        steps.append("持续跟踪各部门职责运行情况，定期开展回头看。")
    return [("body", f"{n}. {s}") for n, s in enumerate(steps, 1)]


def to_docx(r: Review) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _page_numbers(section.footer.paragraphs[0])
    for style, text in outline(r):
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing = Pt(28)
        fmt.space_before = fmt.space_after = Pt(0)
        if style == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.space_after = Pt(12)
            _run(p, text, TITLE_FONT, TITLE_SIZE)
        elif style == "subtitle":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.space_after = Pt(12)
            _run(p, text, SUBHEADING_FONT, BODY_SIZE)
        elif style in ("h1", "h2"):
            fmt.first_line_indent = Pt(BODY_SIZE * 2)
            _run(p, text, HEADING_FONT if style == "h1" else SUBHEADING_FONT, BODY_SIZE)
        elif style == "signature":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(p, text, BODY_FONT, BODY_SIZE)
        else:
            fmt.first_line_indent = Pt(BODY_SIZE * 2)
            size = BODY_SIZE - 2 if style == "quote" else BODY_SIZE
            _run(p, text, BODY_FONT, size)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _run(paragraph, text: str, font: str, size: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(_printable(text))
    run.font.size = Pt(size)
    run.font.name = font
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)  # the font Word uses for Chinese characters


def _printable(text: str) -> str:
    """Without control characters, which a .docx cannot hold."""
    return "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)


def _page_numbers(paragraph) -> None:
    """“— 1 —” centred in the footer: a PAGE field between dashes, as official documents number pages."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", "宋体", 14)
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._element.append(element)
    _run(paragraph, " —", "宋体", 14)
