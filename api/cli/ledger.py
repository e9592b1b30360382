"""Commands of the problem ledger (问题台账): check, the `findings` group (list, show, the status
changes, edit, export), the `task` group (新增任务) and the review report."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from zhize.api.cli import render
from zhize.api.cli.common import (
    ActorOption,
    AtOption,
    JsonOption,
    JurisdictionOption,
    StoreOption,
    actor_name,
    department_name,
    echo_json,
    echo_lines,
    parse_day,
    store_session,
)
from zhize.api.cli.zh import ZhTyper

app = ZhTyper()
findings_app = ZhTyper(help="问题台账：列出、查看、核实、驳回、整改、销号，全程留痕。", no_args_is_help=True)
task_app = ZhTyper(help="新增任务：登记需要明确承接部门的新任务，由 zhize check 核对有无部门承担。",
                   no_args_is_help=True)

FindingArgument = Annotated[str, typer.Argument(
    metavar="问题编号", help="问题编号，如 2026-015；或系统编号 f:…（可只输入前几位）")]
ReasonOption = Annotated[str, typer.Option("--reason", help="理由或说明")]
WhyOption = Annotated[bool, typer.Option(
    "--why", help="说明每个问题为何触发，并列出相似而未报告的情形及依据的规则")]
WhyAtOption = Annotated[Optional[str], typer.Option(
    "--at", help="与 --why 一起用：按哪一天的文件说明（默认今天；应与检测时的 --at 相同）")]


@app.command()
def check(
    jurisdiction: JurisdictionOption = None,
    at: AtOption = None,
    detector: Annotated[Optional[list[str]], typer.Option(
        "--detector", "-d", help="只运行这些检测规则（可重复），如 OVL001")] = None,
    actor: ActorOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
    why: WhyOption = False,
) -> None:
    """运行全部检测规则（职责交叉、划转未落地、职责悬空、新增任务无人承接、无牵头、相互推诿），结果并入问题台账。"""
    from datetime import datetime

    from zhize.queries.check import run_check
    from zhize.queries.report import check_document

    with store_session(store) as st:
        runs = run_check(st, actor=actor_name(actor), jurisdiction=jurisdiction, at=parse_day(at), only=detector)
        entries = {f.id: st.finding(f.id) for r in runs for f in r.findings}
        explained = _explain_runs(st, runs) if why else None
    if as_json:
        day = runs[0].at if runs else (parse_day(at) or date.today())
        document = check_document(runs, entries, generated_at=datetime.now().astimezone(), at=day)
        return echo_json(_with_why(document, explained) if explained is not None else document)
    echo_lines(render.check_lines(runs, entries, explained))


def _explain_runs(st, runs) -> dict:
    from zhize.queries.explain import explain

    return {r.jurisdiction: explain(st, r.jurisdiction, r.at, r.findings) for r in runs}


def _with_why(document: dict, explained: dict) -> dict:
    """The check document with each finding's reasons (`why`) and each jurisdiction's held-back cases."""
    from zhize.queries.explain import as_json

    reasons = {k: v for e in explained.values() for k, v in e.why.items()}
    for f in document.get("findings", []):
        f["why"] = reasons.get(f["id"], [])
    for c in document.get("checks", []):
        c["near_misses"] = as_json(explained[c["jurisdiction"]].near_misses) if c["jurisdiction"] in explained else []
    return document


def _status(text: str | None):
    from zhize.graph.errors import InputError
    from zhize.graph.models import FindingStatus

    try:
        return FindingStatus(text) if text else None
    except ValueError:
        raise InputError(f"状态应为 {'、'.join(s.value for s in FindingStatus)} 之一") from None


@findings_app.command("list")
def findings_list(
    jurisdiction: JurisdictionOption = None,
    status: Annotated[Optional[str], typer.Option(
        "--status", help="状态：待核实、已确认、已驳回、整改中、已销号、已消除")] = None,
    detector: Annotated[Optional[str], typer.Option("--detector", "-d", help="检测规则编号，如 OVL001")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="问题类型，如 职责交叉")] = None,
    department: Annotated[Optional[str], typer.Option(
        "--department", help="涉及的部门（全称、简称或牌子，如 水利局、市场监管局）")] = None,
    limit: Annotated[int, typer.Option(help="最多显示条数")] = 100,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """列出问题台账中的问题。"""
    from datetime import datetime

    from zhize.graph.models import FindingFilter
    from zhize.queries.report import ledger_document

    state = _status(status)
    with store_session(store) as st:
        where = FindingFilter(jurisdiction=jurisdiction, status=state, detector=detector.upper() if detector else None,
                              kind=kind, department=department_name(st, department, jurisdiction), limit=limit)
        entries = st.findings(where)
    if as_json:
        return echo_json(ledger_document(entries, generated_at=datetime.now().astimezone()))
    if not entries:
        typer.echo("问题台账中没有符合条件的问题。可用 zhize check 运行检测。")
    echo_lines(render.finding_lines(entries))


@findings_app.command("show")
def findings_show(finding: FindingArgument, store: StoreOption = None, as_json: JsonOption = False,
                  why: WhyOption = False, at: WhyAtOption = None) -> None:
    """查看一个问题：说明、依据条款和原文、处理经过。"""
    from datetime import datetime

    from zhize.queries.ledger import resolve
    from zhize.queries.report import ledger_document

    with store_session(store) as st:
        entry = st.finding(resolve(st, finding))
        reasons, misses = _explain_one(st, entry.finding, parse_day(at) or date.today()) if why else ([], [])
    if as_json:
        document = ledger_document([entry], generated_at=datetime.now().astimezone(), history=True)
        if why:
            from zhize.queries.explain import as_json as misses_json

            document["findings"][0]["why"] = reasons
            document["findings"][0]["near_misses"] = misses_json(misses)
        return echo_json(document)
    echo_lines(render.finding_detail_lines(entry) + (render.why_lines(reasons, misses) if why else []))


def _explain_one(st, finding, day: date) -> tuple[list[str], list]:
    """Why one finding fired at a date, and the held-back cases that touch it."""
    from zhize.queries.explain import explain, related

    explained = explain(st, finding.jurisdiction, day, [finding])
    return explained.why.get(finding.id, []), related(explained.near_misses, finding)


# What the command line adds to a ledger error about a missing field: the option that gives it.
OPTION_HINTS = {"reason": "--reason 理由", "category": "--category 整改类别", "deadline": "--deadline YYYY-MM-DD",
                "responsible_unit": "--unit", "measures": "--measures", "responsible_person": "--person",
                "progress": "--progress"}


def _step(finding: str, action: str, store: str | None, actor: str | None, reason: str = "",
          category: str | None = None, deadline: str | None = None) -> None:
    from zhize.queries.ledger import change_status, transition

    change = transition(action, reason=reason, category=category, deadline=parse_day(deadline))
    with store_session(store) as st, _option_hints():
        entry = change_status(st, finding, change, actor=actor_name(actor))
    typer.echo(f"已更新：{render.finding_line(entry)}")


@contextmanager
def _option_hints() -> Iterator[None]:
    """A ledger error about a missing or wrong field says which option gives it."""
    from zhize.graph.errors import LedgerError

    try:
        yield
    except LedgerError as err:
        hint = OPTION_HINTS.get(err.field or "")
        if not hint:
            raise
        raise LedgerError(f"{err}：加 {hint}", field=err.field) from None


@findings_app.command("confirm")
def findings_confirm(finding: FindingArgument, reason: ReasonOption = "", actor: ActorOption = None,
                     store: StoreOption = None) -> None:
    """核实属实：待核实 → 已确认。"""
    _step(finding, "confirm", store, actor, reason)


@findings_app.command("dismiss")
def findings_dismiss(finding: FindingArgument,
                     reason: Annotated[str, typer.Option("--reason", help="驳回理由（必填）")],
                     actor: ActorOption = None, store: StoreOption = None) -> None:
    """驳回（不是问题）：须说明理由；以后再检测到也保持已驳回。"""
    _step(finding, "dismiss", store, actor, reason)


@findings_app.command("rectify")
def findings_rectify(
    finding: FindingArgument,
    category: Annotated[str, typer.Option("--category", help="整改类别：立查立改、限时整改、长期坚持")],
    deadline: Annotated[Optional[str], typer.Option("--deadline", help="整改期限 YYYY-MM-DD（限时整改必填）")] = None,
    reason: ReasonOption = "",
    actor: ActorOption = None,
    store: StoreOption = None,
) -> None:
    """开始整改：已确认 → 整改中，注明整改类别和期限。"""
    _step(finding, "rectify", store, actor, reason, category, deadline)


@findings_app.command("close")
def findings_close(finding: FindingArgument, reason: ReasonOption = "", actor: ActorOption = None,
                   store: StoreOption = None) -> None:
    """整改完成，销号：→ 已销号。"""
    _step(finding, "close", store, actor, reason)


@findings_app.command("reopen")
def findings_reopen(finding: FindingArgument,
                    reason: Annotated[str, typer.Option("--reason", help="重新打开的理由（必填）")],
                    actor: ActorOption = None, store: StoreOption = None) -> None:
    """重新打开已驳回、已销号或已消除的问题：→ 待核实。"""
    _step(finding, "reopen", store, actor, reason)


@findings_app.command("edit")
def findings_edit(
    finding: FindingArgument,
    unit: Annotated[Optional[str], typer.Option("--unit", help="责任单位，如 县水利局")] = None,
    measures: Annotated[Optional[str], typer.Option("--measures", help="整改措施")] = None,
    person: Annotated[Optional[str], typer.Option("--person", help="责任人")] = None,
    progress: Annotated[Optional[str], typer.Option("--progress", help="整改进展")] = None,
    actor: ActorOption = None,
    store: StoreOption = None,
) -> None:
    """填写台账栏目：责任单位、整改措施、责任人、整改进展（写空字符串 "" 即清空），记入处理经过。"""
    from zhize.graph.errors import InputError
    from zhize.graph.models import LedgerFields
    from zhize.queries.ledger import annotate

    fields = LedgerFields(responsible_unit=unit, measures=measures, responsible_person=person, progress=progress)
    if not fields.model_dump(exclude_none=True):
        raise InputError("请至少给出一项：--unit 责任单位、--measures 整改措施、--person 责任人、--progress 整改进展")
    with store_session(store) as st, _option_hints():
        entry = annotate(st, finding, fields, actor=actor_name(actor))
    typer.echo(f"已更新：{render.finding_line(entry)}")


@findings_app.command("export")
def findings_export(
    output: Annotated[Path, typer.Argument(metavar="文件", help="导出到的文件：.xlsx（Excel 台账）或 .csv")],
    jurisdiction: JurisdictionOption = None,
    status: Annotated[Optional[str], typer.Option("--status", help="只导出该状态的问题")] = None,
    department: Annotated[Optional[str], typer.Option("--department", help="涉及的部门（全称或简称）")] = None,
    unit: Annotated[str, typer.Option("--unit", help="填报单位（写在表头；不填则留空，便于手写盖章）")] = "",
    store: StoreOption = None,
) -> None:
    """导出问题台账：Excel 含标题、填报单位、导出日期、标准栏目、处理记录，横向 A4 打印；或 CSV。"""
    from zhize.api import export
    from zhize.graph.errors import InputError
    from zhize.graph.models import FindingFilter

    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputError(f"导出文件 {output} 的扩展名应为 .xlsx 或 .csv")
    state = _status(status)
    with store_session(store) as st:
        where = FindingFilter(jurisdiction=jurisdiction, status=state, history=True, limit=100_000,
                              department=department_name(st, department, jurisdiction))
        entries = st.findings(where)
    body = export.to_csv(entries) if suffix == ".csv" else export.to_xlsx(
        entries, export.ledger_title(entries, jurisdiction, unit))
    output.write_bytes(body)
    typer.echo(f"已导出 {len(entries)} 个问题到 {output}")


@task_app.command("add")
def task_add(
    text: Annotated[str, typer.Argument(metavar="任务", help="任务内容，如 12345热线工单督办回访")],
    jurisdiction: Annotated[Optional[str], typer.Option(
        "--jurisdiction", "-j", help="行政区划名称（不填则适用于库中所有行政区划）")] = None,
    actor: ActorOption = None,
    store: StoreOption = None,
) -> None:
    """登记一项新增任务；之后 zhize check 会核对是否有部门承担，并推荐可能的承接部门。"""
    with store_session(store) as st:
        task = st.add_task(jurisdiction, text, actor_name(actor))
    where = task.jurisdiction or "所有行政区划"
    typer.echo(f"已登记新增任务：{task.text}（{where}，{task.actor}，{task.created_at:%Y-%m-%d}）  {task.id}")


@task_app.command("list")
def task_list(jurisdiction: JurisdictionOption = None, store: StoreOption = None, as_json: JsonOption = False) -> None:
    """列出登记的新增任务。"""
    with store_session(store) as st:
        tasks = st.tasks(jurisdiction)
    if as_json:
        return echo_json([t.model_dump(mode="json") for t in tasks])
    if not tasks:
        typer.echo("还没有登记新增任务。可用 zhize task add 任务内容 登记。")
    echo_lines(render.task_lines(tasks))


@app.command()
def report(
    jurisdiction: Annotated[str, typer.Option("--jurisdiction", "-j", help="行政区划名称，如 岚川县")],
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="写入的 Word 文件（默认：行政区划名+评估报告+日期.docx）")] = None,
    at: Annotated[Optional[str], typer.Option("--at", help="评估日期 YYYY-MM-DD（默认今天）")] = None,
    unit: Annotated[str, typer.Option("--unit", help="落款单位，如 岚川县委编办（不填则不落款）")] = "",
    store: StoreOption = None,
) -> None:
    """生成评估报告（Word）：总体情况、按类型列出的问题及依据条款、职责划转落实情况、尚无三定的部门、下一步工作建议。"""
    from zhize.api.review import gather, to_docx

    with store_session(store) as st:
        review = gather(st, jurisdiction, parse_day(at), unit)
    path = output or Path(f"{review.jurisdiction}评估报告{review.at.isoformat()}.docx")
    path.write_bytes(to_docx(review))
    typer.echo(f"已生成评估报告：{path}（问题 {len(review.live)} 个待处理，职责划转 {len(review.transfers)} 项，"
               f"尚无三定的部门 {len(review.without_sanding)} 个）")
