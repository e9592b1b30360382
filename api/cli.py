"""The `zhize` command line. Commands are thin: parse, call the store or a query, print.

Heavy modules are imported inside the commands so `zhize --help` stays fast. A `ZhizeError`
prints one Chinese line and exits 1; `--debug` shows the traceback instead.
"""

from __future__ import annotations

import json
import sys
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from zhize.api.cli_zh import ZhTyper, columns

app = ZhTyper(
    name="zhize",
    help="职责图谱 Zhize：读取三定规定和机构改革方案，回答“谁负责”，发现职责交叉、空白和推诿风险。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOption = Annotated[Optional[str], typer.Option(
    "--store", "-s", help="数据存储：SQLite 文件路径，或 bolt://、neo4j:// 地址（默认 $ZHIZE_STORE 或 ./zhize.db）")]
JsonOption = Annotated[bool, typer.Option("--json", help="以 JSON 输出")]
AtOption = Annotated[Optional[str], typer.Option("--at", help="查询日期 YYYY-MM-DD（默认今天）")]
JurisdictionOption = Annotated[Optional[str], typer.Option("--jurisdiction", "-j", help="行政区划名称，如 岚川县")]

_state = {"debug": False}


@app.callback()
def main_options(debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整调用栈")] = False) -> None:
    """职责图谱 Zhize 命令行。"""
    _state["debug"] = debug


def parse_day(value: str | None) -> date | None:
    from zhize.graph.errors import InputError

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"日期“{value}”格式不对，应为 YYYY-MM-DD") from None


def echo_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


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
        typer.echo(f"{_OUTCOME[outcome]}：{title}（{file}，职责 {duties} 条，改革事件 {events} 项）")

    with store_session(store, create=True) as st:
        st.apply_many(extracts(), on_result=report)
        st.flush()
    typer.echo(f"完成：新载入 {totals['loaded']} 个，替换 {totals['replaced']} 个，未变化 {totals['unchanged']} 个。")


_OUTCOME = {"loaded": "已载入", "unchanged": "未变化", "replaced": "已替换旧版本"}


@app.command()
def remove(document: Annotated[str, typer.Argument(metavar="文档编号", help="文档编号（sha256）")],
           store: StoreOption = None) -> None:
    """从库中移除一个文档及其贡献的全部记录。"""
    with store_session(store) as st:
        info = st.document(document)
        st.remove(document)
    typer.echo(f"已移除：{info.title}")


documents_app = typer.Typer(help="库中的文档：列出文档；documents set 补记或更正文档的印发日期和地区。")
UNDATED = "未注明日期"


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
    for line in columns([[str(d.issue_date or UNDATED), d.kind, d.jurisdiction, d.id[:12], d.title + _place_note(d)]
                         for d in docs]):
        typer.echo(line)
    _hint_missing(docs)


def _place_note(doc) -> str:
    return "  （地区未知）" if doc.place_unknown else ""


def _hint_missing(docs) -> None:
    undated = [d for d in docs if d.issue_date is None]
    if undated:
        typer.echo(f"有 {len(undated)} 个文档未注明日期：检测规则和划转核对会说明“缺少日期”。"
                   "可用 zhize documents set 文档编号 --date YYYY-MM-DD 补记。")
    unplaced = [d for d in docs if d.place_unknown]
    if unplaced:
        typer.echo(f"有 {len(unplaced)} 个文档未能确定地区：可用 zhize documents set 文档编号 --place 地名 补上。")


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
        typer.echo(f"《{info.title}》的印发日期已设为 {info.issue_date or UNDATED}。")


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


app.add_typer(documents_app, name="documents")


@app.command()
def search(
    query: Annotated[str, typer.Argument(metavar="文字", help="要查找的文字，一个字以上均可，如 消防、食品安全")],
    jurisdiction: JurisdictionOption = None,
    at: AtOption = None,
    limit: Annotated[int, typer.Option(help="最多显示条数")] = 50,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """按文字查找在某日有效的职责条款。"""
    from zhize.api.schemas import ROLE_LABELS

    with store_session(store) as st:
        hits = st.search_duties(query, jurisdiction=jurisdiction, at=parse_day(at), limit=limit)
    if as_json:
        return echo_json([h.model_dump(mode="json") for h in hits])
    if not hits:
        typer.echo(f"没有找到含“{query}”的有效职责条款。")
    for h in hits:
        typer.echo(f"{_holder(h)}  {h.clause}  [{ROLE_LABELS.get(str(h.role), str(h.role))}]\n    {h.text}\n"
                   f"    出处：{h.document_title}")


@app.command()
def jurisdictions(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """列出库中的行政区划。"""
    with store_session(store) as st:
        rows = st.jurisdictions()
    if as_json:
        return echo_json([r.model_dump() for r in rows])
    for line in columns([[r.name, f"{r.level}级", f"部门 {r.departments} 个", f"职责 {r.duties} 条"] for r in rows]):
        typer.echo(line)


@app.command()
def stats(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """显示库中各类记录的数量。"""
    with store_session(store) as st:
        s = st.stats()
    if as_json:
        return echo_json(s.model_dump())
    typer.echo(f"文档 {s.documents}，行政区划 {s.jurisdictions}，部门 {s.departments}，内设机构 {s.units}，"
               f"职责 {s.duties}，事项 {s.matters}，改革事件 {s.events}，职责分工条款 {s.boundaries}")
    if s.findings:
        typer.echo("问题台账：" + "，".join(f"{k} {v}" for k, v in sorted(s.findings.items())))


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
        metavar="文件或文件夹", help="文件或文件夹（.txt .docx .html .pdf .md）")],
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
            typer.echo(_describe_extract(path, result))
    if failed:
        raise typer.Exit(1)


def _describe_extract(path: Path, ex) -> str:
    doc = ex.document
    main = sum(1 for d in ex.duties if d.section == "main")
    lines = [f"{path}：{doc.kind}《{doc.title}》 {doc.jurisdiction} {doc.issue_date}",
             f"  部门 {len(ex.departments)}，主要职责 {main} 条，内设机构 {len(ex.units)} 个，"
             f"职责分工 {len(ex.boundaries)} 处，编制 {len(ex.staffing)} 项，改革事件 {len(ex.events)} 项"]
    lines += [f"  提示：{w.clause + ' ' if w.clause else ''}{w.message}" for w in ex.warnings]
    return "\n".join(lines)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(
        metavar="文件或文件夹", help="文件或文件夹（.txt .docx .html .pdf .md），文件夹会递归查找")],
    store: StoreOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="并行抽取的进程数")] = 1,
    issue_date: Annotated[Optional[str], typer.Option("--date", help=(
        "印发日期 YYYY-MM-DD：用于本次入库的每个文档（文中日期不同时提示），已入库的同一文件也改用此日期"))] = None,
) -> None:
    """抽取并入库：每个文档整体入库或整体不入库；未改动的文件跳过；改动过的文件替换旧版本。"""
    day = parse_day(issue_date)
    with store_session(store, create=True) as st:
        summary = _ingest_with_progress(st, paths, workers, day)
    _print_summary(summary)
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


def _print_summary(summary) -> None:
    r = summary.records
    typer.echo(f"文件 {summary.files} 个：新入库 {summary.loaded}，替换旧版本 {summary.replaced}，"
               f"未变化 {summary.unchanged}，失败 {len(summary.failed)}")
    if summary.dated:
        typer.echo(f"已入库的文档中 {summary.dated} 个改用指定的印发日期")
    if summary.kinds:
        typer.echo("类型：" + "，".join(f"{k} {v}" for k, v in sorted(summary.kinds.items())))
        typer.echo(f"抽取：部门 {r['departments']}，职责 {r['duties']}，内设机构 {r['units']}，"
                   f"职责分工 {r['boundaries']}，编制 {r['staffing']}，改革事件 {r['events']}")
    for _, reason in summary.failed:
        typer.secho(f"失败：{reason}", fg=typer.colors.RED, err=True)
    if summary.warnings:
        typer.echo(f"提示 {len(summary.warnings)} 条：")
        for w in summary.warnings[:50]:
            typer.echo(f"  {w.file} {w.clause} {w.message}".rstrip())
        if len(summary.warnings) > 50:
            typer.echo(f"  ……另有 {len(summary.warnings) - 50} 条")


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
        _print_summary(summary)
        answer = ask(st, "食品安全", jurisdiction="岚川县")
        runs = run_check(st, actor="演示")
    typer.echo(f"\n示例库：{path}\n谁负责“食品安全”（岚川县，{answer.at}）：")
    for i, h in enumerate(answer.holders, 1):
        d = h.duties[0]
        more = f"（另有 {len(h.duties) - 1} 条）" if len(h.duties) > 1 else ""
        typer.echo(f"{i}. {h.name}  [{h.role_label}]  {d.clause}：{d.text[:36]}…{more}")
    found = sum(len(r.findings) for r in runs)
    typer.echo(f"\n检测规则已运行：发现问题 {found} 个，已记入问题台账。")
    typer.echo(_demo_next_steps(path))


def _demo_next_steps(path: Path) -> str:
    """What a user will want after the demo, each command pointed at the demo store."""
    s = _quote_path(path)
    return "\n".join([
        "\n下一步：",
        f"  查看问题台账：      zhize findings list --store {s}",
        f"  完整回答谁负责：    zhize who 食品安全 --store {s}",
        f"  导出问题台账：      zhize findings export 问题台账.xlsx --store {s}",
        f"  生成评估报告：      zhize report -j 岚川县 --store {s}",
        f"  打开网页：          zhize serve --store {s}   （然后在浏览器打开 http://127.0.0.1:8000/）",
        "  载入自己的三定文件：zhize ingest 文件夹 --store 我的库.db，再运行 zhize check --store 我的库.db",
        "  帮助：              zhize --help，或 zhize 命令 --help（如 zhize ingest --help）",
    ])


def _quote_path(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if any(c.isspace() for c in text) else text


def demo_corpus() -> Path:
    """The example corpus shipped inside the package (`zhize.demo_corpus`, mapped from examples/corpus)."""
    from importlib.util import find_spec

    from zhize.graph.errors import InputError

    spec = find_spec("zhize.demo_corpus")
    for location in (spec.submodule_search_locations or []) if spec else []:
        if any(Path(location).glob("*.txt")):
            return Path(location)
    raise InputError("安装包中缺少示例文档（zhize.demo_corpus），请重新安装 zhize")


# -- queries: who, transfers, lineage -----------------------------------------------------------

@app.command()
def who(
    query: Annotated[str, typer.Argument(
        metavar="事项", help="事项，如 食品安全、消防、河道采砂（两个字、长短语、同义说法均可）")],
    jurisdiction: JurisdictionOption = None,
    at: AtOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """谁负责：列出某日负责该事项的部门（牵头在前）、依据条款和原文，以及改革前由谁负责。"""
    from zhize.queries.ownership import who as ask

    with store_session(store) as st:
        answer = ask(st, query, jurisdiction=jurisdiction, at=parse_day(at))
    if as_json:
        return echo_json(answer.model_dump(mode="json"))
    typer.echo(f"谁负责“{answer.query}”（{'、'.join(answer.jurisdictions)}，{answer.at}）：")
    if not answer.holders:
        typer.echo("  现行三定中没有部门承担。")
    for i, h in enumerate(answer.holders, 1):
        typer.echo(f"{i}. {h.name}  [{h.role_label}]")
        _echo_duties(h.duties)
    if answer.past:
        typer.echo("此前：")
        for h in answer.past:
            d = h.duties[0]
            typer.echo(f"  {d.valid_from or '…'} 至 {d.valid_to or '…'}  {h.name}  [{h.role_label}]")
            _echo_duties(h.duties, indent="    ")
    if answer.events:
        typer.echo("改革事件：")
        for e in answer.events:
            typer.echo(f"  {_event_line(e)}")
    if answer.boundaries:
        typer.echo("有关职责分工：")
        for b in answer.boundaries:
            state = "" if b.current else "（已失效）"
            typer.echo(f"  {'、'.join(b.departments)}  {b.document_title} {b.clause}{state}\n    {b.text[:120]}")


def _echo_duties(duties, indent: str = "   ") -> None:
    for d in duties:
        unit = f" {d.unit}" if d.unit else ""
        role = "" if d.role == duties[0].role else f" [{d.role_label}]"
        typer.echo(f"{indent}{d.clause}{unit}{role}：{d.text}\n{indent}  出处：{d.document_title}")


def _event_line(e) -> str:
    moves = f"{'、'.join(e.sources) or '—'} → {e.target or '（未明确承接部门）'}"
    duty = f"：{e.duty}" if e.duty else ""
    status = f"  [{e.status}{'：' + e.status_reason if e.status_reason else ''}" \
             f"{'：' + '、'.join(e.landed_in) if e.landed_in else ''}]" if e.status else ""
    return f"{e.date} {e.kind_label} {moves}{duty}（{e.document_title} {e.clause}）{status}"


@app.command()
def transfers(
    jurisdiction: JurisdictionOption = None,
    reform: Annotated[Optional[str], typer.Option(
        "--reform", "-r", help="改革方案：文档编号开头几位、标题中的文字或印发年份")] = None,
    at: AtOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """列出机构改革方案的改革事件（组建、撤销、划转、整合、更名等），并核对每项职责划转是否写进承接部门的新三定。"""
    from zhize.queries.lineage import transfers as list_reforms

    with store_session(store) as st:
        reforms = list_reforms(st, jurisdiction, reform, parse_day(at))
    if as_json:
        return echo_json([r.model_dump(mode="json") for r in reforms])
    for r in reforms:
        typer.echo(f"《{r.title}》 {r.jurisdiction} {r.issue_date}  {r.document[:12]}  改革事件 {len(r.events)} 项")
        for e in r.events:
            typer.echo(f"  {e.clause}  {_event_line(e)}")


@app.command()
def lineage(
    name: Annotated[str, typer.Argument(metavar="部门或事项", help="部门名称（全称、简称或牌子）或事项")],
    jurisdiction: JurisdictionOption = None,
    at: AtOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """沿历次改革追溯一个部门（组建、整合、更名、撤销，A → B → C）或一个事项的来龙去脉。"""
    from zhize.queries.lineage import lineage as trace

    with store_session(store) as st:
        result = trace(st, department_or_matter(st, name, jurisdiction, parse_day(at)), jurisdiction, parse_day(at))
    if as_json:
        return echo_json(result.model_dump(mode="json"))
    what = "部门" if result.kind == "department" else "事项"
    typer.echo(f"{what}“{result.subject}”的沿革（{'、'.join(result.jurisdictions)}）：")
    typer.echo("  " + " → ".join("、".join(g) for g in result.generations))
    if result.periods:
        typer.echo("时期：")
        for p in result.periods:
            source = f"  {p.document_title}" if p.document_title else ""
            clauses = f"  {'、'.join(p.clauses)}" if p.clauses else ""
            typer.echo(f"  {p.valid_from or '…'} 至 {p.valid_to or '今'}  {p.department}{source}{clauses}")
    if result.steps:
        typer.echo("改革事件：")
        for e in result.steps:
            typer.echo(f"  {_event_line(e)}")


# -- the problem ledger (问题台账) ----------------------------------------------------------------

ActorOption = Annotated[Optional[str], typer.Option(
    "--actor", help="操作人（默认 $ZHIZE_ACTOR，否则为当前系统用户）")]


def actor_name(explicit: str | None) -> str:
    import getpass

    from zhize.api.settings import load_settings

    return explicit or load_settings().actor or getpass.getuser()


@app.command()
def check(
    jurisdiction: JurisdictionOption = None,
    at: AtOption = None,
    detector: Annotated[Optional[list[str]], typer.Option(
        "--detector", "-d", help="只运行这些检测规则（可重复），如 OVL001")] = None,
    actor: ActorOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """运行全部检测规则（职责交叉、划转未落地、职责悬空、新增任务无人承接、无牵头、相互推诿），结果并入问题台账。"""
    from datetime import datetime

    from zhize.queries.check import run_check
    from zhize.queries.report import check_document

    with store_session(store) as st:
        runs = run_check(st, actor=actor_name(actor), jurisdiction=jurisdiction, at=parse_day(at), only=detector)
        entries = {f.id: st.finding(f.id) for r in runs for f in r.findings}
    if as_json:
        day = runs[0].at if runs else (parse_day(at) or date.today())
        return echo_json(check_document(runs, entries, generated_at=datetime.now().astimezone(), at=day))
    for r in runs:
        s = r.summary
        typer.echo(f"{r.jurisdiction}（{r.at}）：发现问题 {len(r.findings)} 个，其中新发现 {s.new}，再次发现 "
                   f"{s.seen_again}，重新出现 {s.reopened}；不再出现而标为已消除 {s.resolved}。")
        for line in _finding_lines([entries[f.id] for f in r.findings]):
            typer.echo("  " + line)
    typer.echo("用 zhize findings show 编号 查看详情和依据。")


def _finding_cells(e, today: date | None = None) -> list[str]:
    from zhize.graph.ledger import is_overdue

    f = e.finding
    late = "（已逾期）" if is_overdue(e, today or date.today()) else ""
    deadline = f"期限 {e.deadline}{late}" if e.deadline else ""
    return [e.number or f.id, str(e.status), str(f.severity), f.detector, f.kind, f.matter or "—",
            deadline or "—", "、".join(f.departments) or "（无承接部门）"]


def _finding_line(e) -> str:
    return "  ".join(_finding_cells(e))


def _finding_lines(entries) -> list[str]:
    return columns([_finding_cells(e) for e in entries])


def department_or_matter(st, text: str, jurisdiction: str | None, at: date | None = None) -> str:
    """A department's full name when `text` names one (市场监管局), else `text` as a matter."""
    from zhize.api.names import department_or_text

    return department_or_text(text, st.departments(jurisdiction, at or date.today()))


def department_name(st, text: str | None, jurisdiction: str | None, at: date | None = None) -> str | None:
    """The full name of a department typed short (水利局, 市场监管局); see api.names."""
    from zhize.api.names import resolve

    if not text:
        return None
    return resolve(text, st.departments(jurisdiction, at or date.today()))


findings_app = ZhTyper(help="问题台账：列出、查看、核实、驳回、整改、销号，全程留痕。", no_args_is_help=True)
app.add_typer(findings_app, name="findings")
FindingArgument = Annotated[str, typer.Argument(
    metavar="问题编号", help="问题编号，如 2026-015；或系统编号 f:…（可只输入前几位）")]


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

    from zhize.graph.errors import InputError
    from zhize.graph.models import FindingFilter, FindingStatus
    from zhize.queries.report import ledger_document

    try:
        state = FindingStatus(status) if status else None
    except ValueError:
        raise InputError(f"状态应为 {'、'.join(s.value for s in FindingStatus)} 之一") from None
    with store_session(store) as st:
        where = FindingFilter(jurisdiction=jurisdiction, status=state, detector=detector.upper() if detector else None,
                              kind=kind, department=department_name(st, department, jurisdiction), limit=limit)
        entries = st.findings(where)
    if as_json:
        return echo_json(ledger_document(entries, generated_at=datetime.now().astimezone()))
    if not entries:
        typer.echo("问题台账中没有符合条件的问题。可用 zhize check 运行检测。")
    for line in _finding_lines(entries):
        typer.echo(line)


@findings_app.command("show")
def findings_show(finding: FindingArgument, store: StoreOption = None, as_json: JsonOption = False) -> None:
    """查看一个问题：说明、依据条款和原文、处理经过。"""
    from datetime import datetime

    from zhize.queries.ledger import resolve
    from zhize.queries.report import ledger_document

    with store_session(store) as st:
        entry = st.finding(resolve(st, finding))
    if as_json:
        return echo_json(ledger_document([entry], generated_at=datetime.now().astimezone(), history=True))
    f = entry.finding
    typer.echo(_finding_line(entry))
    typer.echo(f"行政区划：{f.jurisdiction}  可信度：{f.confidence:.2f}  首次发现：{entry.first_seen:%Y-%m-%d %H:%M}"
               f"  最近发现：{entry.last_seen:%Y-%m-%d %H:%M}")
    if entry.category:
        typer.echo(f"整改类别：{entry.category}" + (f"  整改时限：{entry.deadline}" if entry.deadline else ""))
    from zhize.graph.ledger import FIELD_LABELS

    for name, label in FIELD_LABELS.items():
        if getattr(entry, name):
            typer.echo(f"{label}：{getattr(entry, name)}")
    if entry.closed_at:
        typer.echo(f"销号时间：{entry.closed_at:%Y-%m-%d %H:%M}")
    typer.echo(f"系统编号：{f.id}")
    typer.echo(f"说明：{f.message}")
    typer.echo("依据：")
    for ev in f.evidence:
        who_ = f"{ev.department} " if ev.department else ""
        typer.echo(f"  {who_}{ev.document_title} {ev.clause}\n    {ev.quote}")
    typer.echo("处理经过：")
    from zhize.api.export import step_text

    for h in entry.history:
        typer.echo(f"  {step_text(h)}")


def _step(finding: str, action: str, store: str | None, actor: str | None, reason: str = "",
          category: str | None = None, deadline: str | None = None) -> None:
    from zhize.graph.errors import InputError
    from zhize.graph.models import RectifyCategory
    from zhize.queries.ledger import step

    if action == "rectify" and category == RectifyCategory.TIME_LIMITED and not deadline:
        raise InputError("限时整改须注明整改时限：加 --deadline YYYY-MM-DD")
    if action == "reopen" and not reason.strip():
        raise InputError("重新打开须说明理由：加 --reason 理由")
    with store_session(store) as st:
        entry = step(st, finding, action, actor=actor_name(actor), reason=reason, category=category,
                     deadline=parse_day(deadline))
    typer.echo(f"已更新：{_finding_line(entry)}")


ReasonOption = Annotated[str, typer.Option("--reason", help="理由或说明")]


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
    from zhize.queries.ledger import resolve

    fields = LedgerFields(responsible_unit=unit, measures=measures, responsible_person=person, progress=progress)
    if not fields.model_dump(exclude_none=True):
        raise InputError("请至少给出一项：--unit 责任单位、--measures 整改措施、--person 责任人、--progress 整改进展")
    with store_session(store) as st:
        entry = st.annotate(resolve(st, finding), fields, actor=actor_name(actor))
    typer.echo(f"已更新：{_finding_line(entry)}")


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
    from zhize.graph.models import FindingFilter, FindingStatus

    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputError(f"导出文件 {output} 的扩展名应为 .xlsx 或 .csv")
    try:
        state = FindingStatus(status) if status else None
    except ValueError:
        raise InputError(f"状态应为 {'、'.join(s.value for s in FindingStatus)} 之一") from None
    with store_session(store) as st:
        where = FindingFilter(jurisdiction=jurisdiction, status=state, history=True, limit=100_000,
                              department=department_name(st, department, jurisdiction))
        entries = st.findings(where)
    body = export.to_csv(entries) if suffix == ".csv" else export.to_xlsx(
        entries, export.ledger_title(entries, jurisdiction, unit))
    output.write_bytes(body)
    typer.echo(f"已导出 {len(entries)} 个问题到 {output}")


task_app = ZhTyper(help="新增任务：登记需要明确承接部门的新任务，由 zhize check 核对有无部门承担。",
                       no_args_is_help=True)
app.add_typer(task_app, name="task")


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
    for line in columns([[f"{t.created_at:%Y-%m-%d}", t.jurisdiction or "所有行政区划", t.actor, t.id, t.text]
                         for t in tasks]):
        typer.echo(line)


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


@app.command()
def serve(
    host: Annotated[Optional[str], typer.Option("--host", help="监听地址（默认 127.0.0.1，仅本机可访问）")] = None,
    port: Annotated[Optional[int], typer.Option("--port", "-p", help="端口（默认 8000）")] = None,
    store: StoreOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="工作进程数")] = 1,
) -> None:
    """启动网页和接口服务（浏览器打开 http://127.0.0.1:8000/，接口文档在 /docs）。"""
    import os

    import uvicorn

    from zhize.api.auth import ensure_safe_binding
    from zhize.api.settings import load_settings

    overrides = {k: v for k, v in {"host": host, "port": port, "store": store}.items() if v is not None}
    settings = load_settings(**overrides)
    ensure_safe_binding(settings.host, settings.all_tokens())
    hint = _empty_store_hint(settings.store)
    if hint:
        typer.secho(hint, fg=typer.colors.YELLOW, err=True)
    typer.echo(f"职责图谱服务：http://{settings.host}:{settings.port}/  （数据：{settings.store}；按 Ctrl+C 停止）")
    if workers > 1:  # each worker process builds its app from the environment
        os.environ.update({"ZHIZE_HOST": settings.host, "ZHIZE_STORE": settings.store})
        uvicorn.run("zhize.api.app:app_from_env", factory=True, host=settings.host, port=settings.port,
                    workers=workers, log_level="warning")
        return
    from zhize.api.app import create_app

    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")


def _empty_store_hint(location: str) -> str:
    """A hint when the server would open a SQLite store that does not exist yet while a demo store does."""
    if "://" in location or Path(location).exists():
        return ""
    demo = Path("zhize-demo.db")
    if demo.exists():
        return (f"提示：{location} 还不存在，将新建一个空库。要打开演示库，请用 "
                f"zhize serve --store {_quote_path(demo.resolve())}")
    return f"提示：{location} 还不存在，将新建一个空库；可在网页“文档”页上传三定规定和改革方案。"


@app.command()
def token(
    user: Annotated[str, typer.Argument(metavar="用户名", help="令牌持有人的名字，会记入问题台账的处理记录")],
    role: Annotated[str, typer.Option("--role", "-r", help="角色：查看、审核 或 管理")] = "查看",
) -> None:
    """生成一个访问令牌，并给出配置方法（ZHIZE_TOKENS 或令牌文件）。"""
    from zhize.api.auth import new_token
    from zhize.api.settings import Role

    try:
        parsed = Role.parse(role)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    value = new_token()
    typer.echo(f"用户 {user}，角色 {parsed}，令牌：{value}")
    typer.echo("配置方法一（环境变量，多个用分号隔开）：")
    typer.echo(f'  ZHIZE_TOKENS="{user}:{parsed}:{value}"')
    typer.echo("配置方法二（令牌文件，设置 ZHIZE_TOKENS_FILE=令牌文件路径）：")
    typer.echo(f'  [[tokens]]\n  user = "{user}"\n  role = "{parsed}"\n  token = "{value}"')


def _holder(hit) -> str:
    """部门·内设机构 of a search hit."""
    return f"{hit.department_name}·{hit.unit}" if hit.unit else hit.department_name


def _remove_sqlite_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def store_session(location: str | None, *, create: bool = False) -> closing:
    """The configured store, closed when the command is done. Only the commands that put documents
    in (`load`, `ingest`, `demo`) create a store; for the others a mistyped path is an error."""
    from zhize.api.settings import load_settings

    return closing(load_settings().open_store(location, create=create))


def main() -> None:
    from zhize.graph.errors import ZhizeError

    try:
        app()  # standalone: click reports usage errors itself (exit 2)
    except ZhizeError as err:
        if _state["debug"]:
            raise
        typer.secho(f"错误：{one_line(str(err))}", fg=typer.colors.RED, err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.secho("已中断。每个文档整体写入或整体不写入，已完成的保留。", fg=typer.colors.RED, err=True)
        sys.exit(130)
    except Exception as err:  # the last resort: still one line, never a traceback without --debug
        if _state["debug"]:
            raise
        typer.secho(f"错误：{one_line(unexpected_message(err))}", fg=typer.colors.RED, err=True)
        sys.exit(1)


def one_line(message: str) -> str:
    """A message that quotes a file's content may carry its line breaks (\n, \r, U+2028 …)."""
    return " ".join(part.strip() for part in message.splitlines() if part.strip())


UNEXPECTED = "意外错误"  # the fuzz tests fail on it: every known bad input has its own message


def unexpected_message(err: BaseException) -> str:
    """One Chinese line for an error no part of Zhize translated (a bug, or the machine)."""
    import sqlite3

    if isinstance(err, MemoryError):
        return "内存不足，无法完成（文件可能太大，可分成几个文件处理）"
    if isinstance(err, sqlite3.Error):
        from zhize.graph.sqlite.db import describe_error

        return describe_error(err)
    if isinstance(err, OSError):
        where = f" {err.filename}" if err.filename else ""
        return f"无法读写文件{where}（{err.strerror or err}）"
    return f"{UNEXPECTED}（{type(err).__name__}），请加 --debug 重新运行，并把输出交给维护人员"
