"""How the command line writes what the commands found: plain Chinese text, one function per kind
of answer, each returning lines (the commands echo them). Pure: no store, no I/O.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zhize.api.cli.zh import columns

UNDATED = "未注明日期"
OUTCOMES = {"loaded": "已载入", "unchanged": "未变化", "replaced": "已替换旧版本"}
WARNINGS_SHOWN = 50


# -- documents ------------------------------------------------------------------------------------

def loaded_line(outcome: str, title: str, file: Path, duties: int, events: int) -> str:
    return f"{OUTCOMES[outcome]}：{title}（{file}，职责 {duties} 条，改革事件 {events} 项）"


def document_lines(docs) -> list[str]:
    return columns([[str(d.issue_date or UNDATED), d.kind, d.jurisdiction, d.id[:12], d.title + _place_note(d)]
                    for d in docs])


def _place_note(doc) -> str:
    return "  （地区未知）" if doc.place_unknown else ""


def missing_hints(docs) -> list[str]:
    """What a listing of documents adds about undated and unplaced ones, and how to fix them."""
    lines = []
    undated = [d for d in docs if d.issue_date is None]
    if undated:
        lines.append(f"有 {len(undated)} 个文档未注明日期：检测规则和划转核对会说明“缺少日期”。"
                     "可用 zhize documents set 文档编号 --date YYYY-MM-DD 补记。")
    unplaced = [d for d in docs if d.place_unknown]
    if unplaced:
        lines.append(f"有 {len(unplaced)} 个文档未能确定地区：可用 zhize documents set 文档编号 --place 地名 补上。")
    return lines


def extract_lines(path: Path, ex) -> str:
    doc = ex.document
    main = sum(1 for d in ex.duties if d.section == "main")
    lines = [f"{path}：{doc.kind}《{doc.title}》 {doc.jurisdiction} {doc.issue_date}",
             f"  部门 {len(ex.departments)}，主要职责 {main} 条，内设机构 {len(ex.units)} 个，"
             f"职责分工 {len(ex.boundaries)} 处，编制 {len(ex.staffing)} 项，改革事件 {len(ex.events)} 项"]
    lines += [f"  提示：{w.clause + ' ' if w.clause else ''}{w.message}" for w in ex.warnings]
    return "\n".join(lines)


def summary_lines(summary) -> list[str]:
    """The head of an ingest summary: files, outcomes, kinds and records."""
    r = summary.records
    lines = [f"文件 {summary.files} 个：新入库 {summary.loaded}，替换旧版本 {summary.replaced}，"
             f"未变化 {summary.unchanged}，失败 {len(summary.failed)}"]
    if summary.dated:
        lines.append(f"已入库的文档中 {summary.dated} 个改用指定的印发日期")
    if summary.kinds:
        lines.append("类型：" + "，".join(f"{k} {v}" for k, v in sorted(summary.kinds.items())))
        lines.append(f"抽取：部门 {r['departments']}，职责 {r['duties']}，内设机构 {r['units']}，"
                     f"职责分工 {r['boundaries']}，编制 {r['staffing']}，改革事件 {r['events']}")
    return lines


def warning_lines(summary) -> list[str]:
    if not summary.warnings:
        return []
    lines = [f"提示 {len(summary.warnings)} 条："]
    lines += [f"  {w.file} {w.clause} {w.message}".rstrip() for w in summary.warnings[:WARNINGS_SHOWN]]
    if len(summary.warnings) > WARNINGS_SHOWN:
        lines.append(f"  ……另有 {len(summary.warnings) - WARNINGS_SHOWN} 条")
    return lines


def demo_next_steps(store: str) -> str:
    """What a user will want after the demo, each command pointed at the demo store (quoted)."""
    return "\n".join([
        "\n下一步：",
        f"  查看问题台账：      zhize findings list --store {store}",
        f"  完整回答谁负责：    zhize who 食品安全 --store {store}",
        f"  导出问题台账：      zhize findings export 问题台账.xlsx --store {store}",
        f"  生成评估报告：      zhize report -j 岚川县 --store {store}",
        f"  打开网页：          zhize serve --store {store}   （然后在浏览器打开 http://127.0.0.1:8000/）",
        "  载入自己的三定文件：zhize ingest 文件夹 --store 我的库.db，再运行 zhize check --store 我的库.db",
        "  帮助：              zhize --help，或 zhize 命令 --help（如 zhize ingest --help）",
    ])


# -- questions -----------------------------------------------------------------------------------

def hit_lines(h) -> str:
    """One search hit: 部门·内设机构, clause, role, text and source."""
    from zhize.graph.records import role_label

    holder = f"{h.department_name}·{h.unit}" if h.unit else h.department_name
    return f"{holder}  {h.clause}  [{role_label(h.role)}]\n    {h.text}\n    出处：{h.document_title}"


def jurisdiction_lines(rows) -> list[str]:
    return columns([[r.name, f"{r.level}级", f"部门 {r.departments} 个", f"职责 {r.duties} 条"] for r in rows])


def stats_lines(s) -> list[str]:
    lines = [f"文档 {s.documents}，行政区划 {s.jurisdictions}，部门 {s.departments}，内设机构 {s.units}，"
             f"职责 {s.duties}，事项 {s.matters}，改革事件 {s.events}，职责分工条款 {s.boundaries}"]
    if s.findings:
        lines.append("问题台账：" + "，".join(f"{k} {v}" for k, v in sorted(s.findings.items())))
    return lines


def answer_lines(answer) -> list[str]:
    """谁负责: holders (leads first) with their clauses, earlier holders, events, boundary clauses."""
    lines = [f"谁负责“{answer.query}”（{'、'.join(answer.jurisdictions)}，{answer.at}）："]
    if not answer.holders:
        lines.append("  现行三定中没有部门承担。")
    for i, h in enumerate(answer.holders, 1):
        lines.append(f"{i}. {h.name}  [{h.role_label}]")
        lines += duty_lines(h.duties)
    if answer.past:
        lines.append("此前：")
        for h in answer.past:
            d = h.duties[0]
            lines.append(f"  {d.valid_from or '…'} 至 {d.valid_to or '…'}  {h.name}  [{h.role_label}]")
            lines += duty_lines(h.duties, indent="    ")
    if answer.events:
        lines.append("改革事件：")
        lines += [f"  {event_line(e)}" for e in answer.events]
    if answer.boundaries:
        lines.append("有关职责分工：")
        for b in answer.boundaries:
            state = "" if b.current else "（已失效）"
            lines.append(f"  {'、'.join(b.departments)}  {b.document_title} {b.clause}{state}\n    {b.text[:120]}")
    return lines


def short_answer_lines(answer) -> list[str]:
    """The demo's answer: one line per holder, its first clause cut short."""
    lines = []
    for i, h in enumerate(answer.holders, 1):
        d = h.duties[0]
        more = f"（另有 {len(h.duties) - 1} 条）" if len(h.duties) > 1 else ""
        lines.append(f"{i}. {h.name}  [{h.role_label}]  {d.clause}：{d.text[:36]}…{more}")
    return lines


def duty_lines(duties, indent: str = "   ") -> list[str]:
    lines = []
    for d in duties:
        unit = f" {d.unit}" if d.unit else ""
        role = "" if d.role == duties[0].role else f" [{d.role_label}]"
        lines.append(f"{indent}{d.clause}{unit}{role}：{d.text}\n{indent}  出处：{d.document_title}")
    return lines


def event_line(e) -> str:
    moves = f"{'、'.join(e.sources) or '—'} → {e.target or '（未明确承接部门）'}"
    duty = f"：{e.duty}" if e.duty else ""
    status = f"  [{e.status}{'：' + e.status_reason if e.status_reason else ''}" \
             f"{'：' + '、'.join(e.landed_in) if e.landed_in else ''}]" if e.status else ""
    return f"{e.date} {e.kind_label} {moves}{duty}（{e.document_title} {e.clause}）{status}"


def reform_lines(reforms) -> list[str]:
    lines = []
    for r in reforms:
        lines.append(f"《{r.title}》 {r.jurisdiction} {r.issue_date}  {r.document[:12]}  改革事件 {len(r.events)} 项")
        lines += [f"  {e.clause}  {event_line(e)}" for e in r.events]
    return lines


def lineage_lines(result) -> list[str]:
    what = "部门" if result.kind == "department" else "事项"
    lines = [f"{what}“{result.subject}”的沿革（{'、'.join(result.jurisdictions)}）：",
             "  " + " → ".join("、".join(g) for g in result.generations)]
    if result.periods:
        lines.append("时期：")
        for p in result.periods:
            source = f"  {p.document_title}" if p.document_title else ""
            clauses = f"  {'、'.join(p.clauses)}" if p.clauses else ""
            lines.append(f"  {p.valid_from or '…'} 至 {p.valid_to or '今'}  {p.department}{source}{clauses}")
    if result.steps:
        lines.append("改革事件：")
        lines += [f"  {event_line(e)}" for e in result.steps]
    return lines


# -- the problem ledger --------------------------------------------------------------------------

def check_lines(runs, entries: dict, explained: dict | None = None) -> list[str]:
    """A check's summary per jurisdiction; with `explained` (zhize check --why), each finding's reasons
    and the similar cases held back."""
    lines = []
    for r in runs:
        s = r.summary
        lines.append(f"{r.jurisdiction}（{r.at}）：发现问题 {len(r.findings)} 个，其中新发现 {s.new}，再次发现 "
                     f"{s.seen_again}，重新出现 {s.reopened}；不再出现而标为已消除 {s.resolved}。")
        rows = finding_lines([entries[f.id] for f in r.findings])
        for f, line in zip(r.findings, rows, strict=True):
            lines.append("  " + line)
            if explained is not None:
                lines += ["      · " + reason for reason in explained[r.jurisdiction].why.get(f.id, [])]
        if explained is not None:
            lines += near_miss_lines(explained[r.jurisdiction].near_misses)
    lines.append("用 zhize findings show 编号 查看详情和依据。")
    return lines


def near_miss_lines(misses) -> list[str]:
    if not misses:
        return ["  没有相似而未报告的情形。"]
    lines = ["  相似而未报告的情形（及依据的规则）："]
    for m in misses:
        lines += [f"    {m.detector} {m.matter}  {'、'.join(m.departments)}  ——{m.rule}", f"      {m.detail}"]
    return lines


def why_lines(reasons: list[str], misses) -> list[str]:
    """zhize findings show --why: why one finding fired, and the held-back cases that touch it."""
    lines = ["为何触发：" if reasons else "为何触发：见上面的说明。"]
    return lines + [f"  · {line}" for line in reasons] + near_miss_lines(misses)


def finding_cells(e, today: date | None = None) -> list[str]:
    from zhize.graph.ledger import is_overdue

    f = e.finding
    late = "（已逾期）" if is_overdue(e, today or date.today()) else ""
    deadline = f"期限 {e.deadline}{late}" if e.deadline else ""
    return [e.number or f.id, str(e.status), str(f.severity), f.detector, f.kind, f.matter or "—",
            deadline or "—", "、".join(f.departments) or "（无承接部门）"]


def finding_line(e) -> str:
    return "  ".join(finding_cells(e))


def finding_lines(entries) -> list[str]:
    return columns([finding_cells(e) for e in entries])


def finding_detail_lines(entry) -> list[str]:
    """One ledger entry: its line, the ledger's columns, the evidence quoted, its history."""
    from zhize.api.export import step_text
    from zhize.graph.ledger import FIELD_LABELS

    f = entry.finding
    lines = [finding_line(entry),
             f"行政区划：{f.jurisdiction}  可信度：{f.confidence:.2f}  首次发现：{entry.first_seen:%Y-%m-%d %H:%M}"
             f"  最近发现：{entry.last_seen:%Y-%m-%d %H:%M}"]
    if entry.category:
        lines.append(f"整改类别：{entry.category}" + (f"  整改时限：{entry.deadline}" if entry.deadline else ""))
    lines += [f"{label}：{getattr(entry, name)}" for name, label in FIELD_LABELS.items() if getattr(entry, name)]
    if entry.closed_at:
        lines.append(f"销号时间：{entry.closed_at:%Y-%m-%d %H:%M}")
    lines += [f"系统编号：{f.id}", f"说明：{f.message}", "依据："]
    for ev in f.evidence:
        who_ = f"{ev.department} " if ev.department else ""
        lines.append(f"  {who_}{ev.document_title} {ev.clause}\n    {ev.quote}")
    lines.append("处理经过：")
    lines += [f"  {step_text(h)}" for h in entry.history]
    return lines


def task_lines(tasks) -> list[str]:
    return columns([[f"{t.created_at:%Y-%m-%d}", t.jurisdiction or "所有行政区划", t.actor, t.id, t.text]
                    for t in tasks])
