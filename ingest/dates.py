"""The issue date of a document (印发日期), where it comes from, and what it is issued under.

Every date in the text is looked at on its line and read by the first rule of the table below
that fits (rules as data, each with the wording it reads). The strongest kind wins; within a kind,
the first. A date that fits no rule — a deadline in running text (到2019年6月底前), another
document's date (2015年4月20日印发的《…》同时废止), a web page's 发布时间 — is no issue date.

A document with no date found is undated (None): never today, never the file's date. The year of
its document number (…〔2019〕12号) is kept for the warning, and the plans a 三定 says it follows
(根据《X机构改革方案》) are kept as `cites`: such a 三定 is issued after that plan, which the
ingest batch uses when the plan's date is known (`infer_from_cited`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from zhize.ingest.numerals import find_dates


@dataclass(frozen=True)
class DateRule:
    """Where a date stands and what it then is: `kind` (its name in `date_source`), `rank` (lower
    wins), `line` (searched on the date's line), `after` (right after the date)."""

    kind: str
    rank: int
    example: str
    line: str = ""
    after: str = ""
    before: str = ""
    head_only: bool = False
    alone: bool = False


# Lines that carry a web page's metadata, not the document's: never an issue date.
WEB_METADATA = re.compile(r"发布时间|发布日期|更新时间|更新日期|浏览次数|访问量|点击数|阅读数|来源[:：]")
# Right after a date, words that make it another document's date.
OTHER_DOCUMENT = re.compile(r"^\s*(?:印发|制定|发布|施行|颁布|公布)?的")

DATE_RULES: tuple[DateRule, ...] = (
    DateRule("成文日期", 0, "成文日期：2021年3月5日", line=r"成文日期|成文时间|印发日期"),
    DateRule("印发", 0, "（2021年3月5日中共青禾县委、青禾县人民政府印发）", line=r"^[（(].*[）)]$", head_only=True),
    DateRule("印发", 0, "（2021年3月5日第十届人民代表大会第一次会议批准）",
             after=r"^[^，。；\n]{0,40}?(?:印发|批准|通过|审定|发布|下发)(?!的|时间|日期)"),
    DateRule("印发", 0, "青办发〔2021〕12号 2021年3月5日", line=r"[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d+\s*号"),
    DateRule("落款", 1, "……（落款）\n中共青禾县委办公室\n2021年3月5日", alone=True),
    DateRule("落款", 1, "中共青禾县委　青禾县人民政府　2021年3月5日 (the signing bodies and the date on one line)",
             line=r"^[^，。；：:,;]{2,80}$", after=r"^[\s）)]*$",
             before=r"(?:委|政府|办公室|委员会|局|厅|部|办|院|室|中心)\s*$"),
    DateRule("施行", 2, "本规定自2021年3月5日起施行。", after=r"^\s*(?:起)?(?:施行|执行|实施|生效)"),
)
_HEAD_LINES = 12
_RULE_LINES = [(rule, *(re.compile(p) if p else None for p in (rule.line, rule.after, rule.before)))
               for rule in DATE_RULES]
_DOCUMENT_NUMBER = re.compile(r"[〔\[【(（]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]】)）]\s*(?:第\s*)?\d{1,4}\s*号")
_CITED = re.compile(r"(?:根据|按照|依据|依照|贯彻落实|为落实)"
                    r"《(?P<title>[^》\n]{2,60}?(?:改革方案|实施方案|实施意见|方案))》")
_DATE_ONLY = re.compile(r"^[\s\u3000]*(?:[（(]\s*)?$")


@dataclass(frozen=True)
class IssueDate:
    day: date | None
    source: str | None = None  # the rule's kind: 印发, 落款, 施行, 成文日期
    year: int | None = None  # of the document number, when there is one
    cites: tuple[str, ...] = ()


def find_issue_date(text: str) -> IssueDate:
    best: tuple[int, int, date, str] | None = None  # (rank, position, day, kind)
    for at, day in find_dates(text):
        kind_rank = _read(text, at, day)
        if kind_rank and (best is None or kind_rank[1] < best[0]):
            best = (kind_rank[1], at, day, kind_rank[0])
    number = _DOCUMENT_NUMBER.search(text[:3000])
    cites = tuple(dict.fromkeys(m.group("title") for m in _CITED.finditer(text[:4000])))
    year = int(number.group("year")) if number else None
    if best is None:
        return IssueDate(None, year=year, cites=cites)
    return IssueDate(best[2], best[3], year, cites)


def _read(text: str, at: int, day: date) -> tuple[str, int] | None:
    """(kind, rank) of the date at `at`, or None when it is no issue date."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    line = text[start:end]
    if WEB_METADATA.search(line):
        return None
    date_end = _date_end(text, at, end)
    after = text[date_end:end]
    if OTHER_DOCUMENT.match(after):
        return None
    head = text.count("\n", 0, start) < _HEAD_LINES
    alone = bool(_DATE_ONLY.match(text[start:at])) and not after.strip(" \u3000）)")
    before = text[start:at]
    for rule, line_re, after_re, before_re in _RULE_LINES:
        if rule.head_only and not head:
            continue
        if rule.alone and not alone:
            continue
        if line_re is not None and not line_re.search(line.strip()):
            continue
        if after_re is not None and not after_re.search(after):
            continue
        if before_re is not None and not before_re.search(before):
            continue
        return rule.kind, rule.rank
    return None


def _date_end(text: str, at: int, limit: int) -> int:
    """Where the date written at `at` ends (its 日, or the last digit of an ISO date)."""
    day_mark = text.find("日", at, min(limit, at + 16))
    if day_mark >= 0:
        return day_mark + 1
    m = re.match(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}", text[at:limit])
    return at + m.end() if m else at


def no_date_message(found: IssueDate) -> str:
    """The warning for an undated document, in Chinese."""
    year = f"文号显示为{found.year}年，" if found.year else ""
    return (f"未找到印发日期，{year}文档记为“未注明日期”（不按今天或文件日期推算）；"
            "可用 zhize documents set 文档编号 --date 日期 补记")


@dataclass(frozen=True)
class Dated:
    title: str
    day: date


def infer_from_cited(cites: Iterable[str], known: Iterable[Dated]) -> Dated | None:
    """The latest dated document among those cited (by title, ignoring 《》 and spaces): a 三定
    issued under a plan is issued after it."""
    wanted = {_title_key(c) for c in cites}
    found = [d for d in known if _title_key(d.title) in wanted]
    return max(found, key=lambda d: d.day, default=None)


def _title_key(title: str) -> str:
    return re.sub(r"[《》\s\u3000]", "", title)
