"""Commands that put documents in and take them out: load, ingest, extract, remove, schema, demo,
and the `documents` group (list; set a date or a place)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from zhize.api.cli import render
from zhize.api.cli.common import (
    JsonOption,
    JurisdictionOption,
    StoreOption,
    echo_json,
    echo_lines,
    parse_day,
    quote_path,
    store_session,
)
from zhize.api.cli.zh import ZhTyper

app = ZhTyper()
documents_app = typer.Typer(help="库中的文档：列出文档；documents set 补记或更正文档的印发日期和地区。")


@app.command()
def load(
    files: Annotated[list[Path], typer.Argument(
        metavar="文件", help="zhize.extract/1 格式的 JSON 文件（单个对象、数组或 JSON Lines）")],
    store: StoreOption = None,
) -> None:
    """载入抽取结果文件：每个文档整体载入或整体不载入；重复载入不改变数据；同一来源的新版本替换旧版本。"""
    from collections import deque

    from zhize.graph.extract_format import iter_extract_file

    # Every file is read twice as a stream: once to validate it all before anything is written,
    # once to write. Nothing holds a whole file (a large JSON Lines file loads in constant memory).
    for file in files:
        for _ in iter_extract_file(file):
            pass
    totals = {"loaded": 0, "unchanged": 0, "replaced": 0}
    waiting: deque[tuple[Path, str, int, int]] = deque()  # results come back in input order

    def extracts():
        for file in files:
            for ex in iter_extract_file(file):
                waiting.append((file, ex.document.title, len(ex.duties), len(ex.events)))
                yield ex

    def report(result) -> None:
        file, title, duties, events = waiting.popleft()
        outcome = "replaced" if result.replaced else "loaded" if result.changed else "unchanged"
        totals[outcome] += 1
        typer.echo(render.loaded_line(outcome, title, file, duties, events))

    with store_session(store, create=True) as st:
        st.apply_many(extracts(), on_result=report)
        st.flush()
    typer.echo(f"完成：新载入 {totals['loaded']} 个，替换 {totals['replaced']} 个，未变化 {totals['unchanged']} 个。")


@app.command()
def remove(document: Annotated[str, typer.Argument(metavar="文档编号", help="文档编号（sha256）")],
           store: StoreOption = None) -> None:
    """从库中移除一个文档及其贡献的全部记录。"""
    with store_session(store) as st:
        info = st.document(document)
        st.remove(document)
    typer.echo(f"已移除：{info.title}")


@documents_app.callback(invoke_without_command=True)
def documents(
    ctx: typer.Context,
    jurisdiction: JurisdictionOption = None,
    no_place: Annotated[bool, typer.Option("--no-place", help="只列出未能确定地区的文档")] = False,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """列出库中的文档（未注明印发日期的标“未注明日期”，未能确定地区的标“地区未知”）；子命令 set 补记或更正。"""
    if ctx.invoked_subcommand is not None:
        return
    with store_session(store) as st:
        docs = [d for d in st.documents(jurisdiction) if d.place_unknown or not no_place]
    if as_json:
        return echo_json([d.model_dump(mode="json") for d in docs])
    if not docs:
        typer.echo("没有未能确定地区的文档。" if no_place
                   else "库中还没有文档。可用 zhize ingest 文件夹 抽取入库，或 zhize load 文件.json 载入。")
    echo_lines(render.document_lines(docs))
    echo_lines(render.missing_hints(docs))


@documents_app.command("set")
def documents_set(
    document: Annotated[str, typer.Argument(help="文档编号（zhize documents 列出的前 12 位即可）")],
    issue_date: Annotated[Optional[str], typer.Option(
        "--date", help="印发日期 YYYY-MM-DD；写“无”则改为未注明日期")] = None,
    place: Annotated[Optional[str], typer.Option(
        "--place", help="文档所属的行政区划，如 岚川县；中央和国家机关写 中央（按原文件重新抽取）")] = None,
    store: StoreOption = None,
) -> None:
    """补记或更正文档的印发日期或地区：日期据此重新推算部门存续期和三定有效期；地区按原文件重新抽取，替换该文档的全部记录。"""
    from zhize.graph.errors import InputError
    from zhize.graph.records import DATE_GIVEN

    if issue_date is None and place is None:
        raise InputError("请用 --date 或 --place 说明要补记的内容")
    day = None if issue_date is None or issue_date.strip() in ("无", "none", "") else parse_day(issue_date)
    with store_session(store) as st:
        info = st.document(resolve_document(st, document))
        if place is not None:
            info, extract = _set_place(st, info, place, day if issue_date is not None else _user_date(info))
            typer.echo(f"已将《{info.title}》的地区设为 {info.jurisdiction}，按原文件重新抽取：部门 "
                       f"{len(extract.departments)} 个，职责 {len(extract.duties)} 条，"
                       f"改革事件 {len(extract.events)} 项")
        elif issue_date is not None:
            info = st.set_issue_date(info.id, day, source=DATE_GIVEN if day else None)
    if issue_date is not None:
        typer.echo(f"《{info.title}》的印发日期已设为 {info.issue_date or render.UNDATED}。")


def _user_date(info) -> date | None:
    """A date the user gave earlier is kept when the document is read again."""
    from zhize.graph.records import DATE_GIVEN

    return info.issue_date if info.date_source == DATE_GIVEN else None


def _set_place(st, info, place: str, day: date | None):
    from zhize.ingest.extract import extract_again

    extract = extract_again(info.source, place, issue_date=day)
    st.replace(info.id, extract)
    return st.document(extract.document.sha256), extract


def resolve_document(st, reference: str) -> str:
    """A document id from its full sha256 or a unique prefix (as `zhize documents` shows it)."""
    from zhize.graph.errors import InputError, NotFound

    reference = reference.strip().lower()
    found = [d.id for d in st.documents() if d.id.startswith(reference)] if reference else []
    if not found:
        raise NotFound(f"库中没有编号以“{reference}”开头的文档（可用 zhize documents 查看编号）")
    if len(found) > 1:
        raise InputError(f"编号“{reference}”对应 {len(found)} 个文档，请多写几位")
    return found[0]


@app.command()
def schema(output: Annotated[Optional[Path], typer.Option("--output", "-o", help="写入文件而不是打印")] = None) -> None:
    """输出 zhize.extract/1 的 JSON Schema。"""
    from zhize.graph.extract_format import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"已写入 {output}")
    else:
        typer.echo(text, nl=False)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(
        metavar="文件或文件夹", help="文件或文件夹（.txt .docx .doc .wps .html .pdf .ofd .md）")],
    as_json: Annotated[bool, typer.Option(
        "--json", help="每个文档输出一行 zhize.extract/1 JSON（JSON Lines）")] = False,
) -> None:
    """抽取文档中的部门、职责、职责分工、内设机构、编制和改革事件，不写入数据库。"""
    from zhize.ingest.batch import collect, extract_all

    failed = 0
    for path, result in extract_all(collect(paths)):
        if isinstance(result, Exception):
            failed += 1
            typer.secho(f"错误：{result}", fg=typer.colors.RED, err=True)
        elif as_json:
            typer.echo(result.model_dump_json())
        else:
            typer.echo(render.extract_lines(path, result))
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(
        metavar="文件或文件夹", help="文件或文件夹（.txt .docx .doc .wps .html .pdf .ofd .md），文件夹会递归查找")],
    store: StoreOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="并行抽取的进程数")] = 1,
    issue_date: Annotated[Optional[str], typer.Option("--date", help=(
        "印发日期 YYYY-MM-DD：用于本次入库的每个文档（文中日期不同时提示），已入库的同一文件也改用此日期"))] = None,
) -> None:
    """抽取并入库：每个文档整体入库或整体不入库；未改动的文件跳过；改动过的文件替换旧版本。"""
    day = parse_day(issue_date)
    with store_session(store, create=True) as st:
        summary = _ingest_with_progress(st, paths, workers, day)
    _echo_summary(summary)
    if summary.failed:
        raise typer.Exit(1)


def _ingest_with_progress(st, paths: list[Path], workers: int, issue_date: date | None = None):
    from zhize.ingest.batch import collect
    from zhize.ingest.batch import ingest as run_ingest

    files = collect(paths)
    if len(files) < 2 or not sys.stderr.isatty():
        return run_ingest(st, files, workers=workers, issue_date=issue_date)
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("抽取入库", total=len(files))
        return run_ingest(st, files, workers=workers, progress=lambda _: bar.advance(task), issue_date=issue_date)


def _echo_summary(summary) -> None:
    echo_lines(render.summary_lines(summary))
    for _, reason in summary.failed:
        typer.secho(f"失败：{reason}", fg=typer.colors.RED, err=True)
    echo_lines(render.warning_lines(summary))


@app.command()
def demo(
    store: Annotated[str, typer.Option("--store", "-s", help="演示用的新库（会先清空）")] = "zhize-demo.db",
) -> None:
    """演示：把示例县（岚川县）的三定和改革方案抽取入一个新库，运行检测规则，显示一次“谁负责”查询和下一步操作。"""
    from zhize.queries.check import run_check
    from zhize.queries.ownership import who as ask

    corpus = demo_corpus()
    path = Path(store).resolve()
    _remove_sqlite_files(path)
    with store_session(str(path), create=True) as st:
        summary = _ingest_with_progress(st, [corpus], workers=1)
        _echo_summary(summary)
        answer = ask(st, "食品安全", jurisdiction="岚川县")
        runs = run_check(st, actor="演示")
    typer.echo(f"\n示例库：{path}\n谁负责“食品安全”（岚川县，{answer.at}）：")
    echo_lines(render.short_answer_lines(answer))
    found = sum(len(r.findings) for r in runs)
    typer.echo(f"\n检测规则已运行：发现问题 {found} 个，已记入问题台账。")
    typer.echo(render.demo_next_steps(quote_path(path)))


def demo_corpus() -> Path:
    """The example corpus shipped inside the package (`zhize.demo_corpus`, mapped from examples/corpus)."""
    from importlib.util import find_spec

    from zhize.graph.errors import InputError

    spec = find_spec("zhize.demo_corpus")
    for location in (spec.submodule_search_locations or []) if spec else []:
        if any(Path(location).glob("*.txt")):
            return Path(location)
    raise InputError("安装包中缺少示例文档（zhize.demo_corpus），请重新安装 zhize")


def _remove_sqlite_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
