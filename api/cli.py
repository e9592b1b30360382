"""The `zhize` command line. Commands are thin: parse, call the store or a query, print.

Heavy modules are imported inside the commands so `zhize --help` stays fast. A `ZhizeError`
prints one Chinese line and exits 1; `--debug` shows the traceback instead.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from graph.store import GraphStore

app = typer.Typer(
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


def open_configured_store(location: str | None) -> GraphStore:
    from api.settings import load_settings
    from graph.store import open_store

    settings = load_settings()
    auth = {"user": settings.neo4j_user, "password": settings.neo4j_password or "",
            "database": settings.neo4j_database or ""}
    return open_store(location or settings.store, **{k: v for k, v in auth.items() if v})


def parse_day(value: str | None) -> date | None:
    from graph.errors import InputError

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
        help="zhize.extract/1 格式的 JSON 文件（单个对象、数组或 JSON Lines）")],
    store: StoreOption = None,
) -> None:
    """载入抽取结果文件：每个文档整体载入或整体不载入；重复载入不改变数据；同一来源的新版本替换旧版本。"""
    from graph.extract_format import read_extract_file

    batches = [(f, read_extract_file(f)) for f in files]  # validate everything before writing anything
    origin = {ex.document.sha256: (file, ex) for file, extracts in batches for ex in extracts}
    totals = {"loaded": 0, "unchanged": 0, "replaced": 0}

    def report(result) -> None:
        file, ex = origin[result.document]
        outcome = "replaced" if result.replaced else "loaded" if result.changed else "unchanged"
        totals[outcome] += 1
        typer.echo(f"{_OUTCOME[outcome]}：{ex.document.title}（{file}，职责 {len(ex.duties)} 条，"
                   f"改革事件 {len(ex.events)} 项）")

    with _closing(open_configured_store(store)) as st:
        st.apply_many([ex for _, extracts in batches for ex in extracts], on_result=report)
        st.flush()
    typer.echo(f"完成：新载入 {totals['loaded']} 个，替换 {totals['replaced']} 个，未变化 {totals['unchanged']} 个。")


_OUTCOME = {"loaded": "已载入", "unchanged": "未变化", "replaced": "已替换旧版本"}


@app.command()
def remove(document: Annotated[str, typer.Argument(help="文档编号（sha256）")], store: StoreOption = None) -> None:
    """从库中移除一个文档及其贡献的全部记录。"""
    with _closing(open_configured_store(store)) as st:
        info = st.document(document)
        st.remove(document)
    typer.echo(f"已移除：{info.title}")


@app.command()
def documents(jurisdiction: JurisdictionOption = None, store: StoreOption = None, as_json: JsonOption = False) -> None:
    """列出库中的文档。"""
    with _closing(open_configured_store(store)) as st:
        docs = st.documents(jurisdiction)
    if as_json:
        return echo_json([d.model_dump(mode="json") for d in docs])
    if not docs:
        typer.echo("库中还没有文档。可用 zhize load 文件.json 载入。")
    for d in docs:
        typer.echo(f"{d.issue_date}  {d.kind}  {d.title}  [{d.jurisdiction}]  {d.id[:12]}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="要查找的文字，一个字以上均可，如 消防、食品安全")],
    jurisdiction: JurisdictionOption = None,
    at: AtOption = None,
    limit: Annotated[int, typer.Option(help="最多显示条数")] = 50,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """按文字查找在某日有效的职责条款。"""
    with _closing(open_configured_store(store)) as st:
        hits = st.search_duties(query, jurisdiction=jurisdiction, at=parse_day(at), limit=limit)
    if as_json:
        return echo_json([h.model_dump(mode="json") for h in hits])
    if not hits:
        typer.echo(f"没有找到含“{query}”的有效职责条款。")
    for h in hits:
        unit = f"·{h.unit}" if h.unit else ""
        typer.echo(f"{h.department_name}{unit}  {h.clause}  [{h.role}]\n    {h.text}\n    出处：{h.document_title}")


@app.command()
def jurisdictions(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """列出库中的行政区划。"""
    with _closing(open_configured_store(store)) as st:
        rows = st.jurisdictions()
    if as_json:
        return echo_json([r.model_dump() for r in rows])
    for r in rows:
        typer.echo(f"{r.name}（{r.level}级）  部门 {r.departments} 个，职责 {r.duties} 条")


@app.command()
def stats(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """显示库中各类记录的数量。"""
    with _closing(open_configured_store(store)) as st:
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
    from graph.extract_format import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"已写入 {output}")
    else:
        typer.echo(text, nl=False)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="文件或文件夹（.txt .docx .html .pdf .md）")],
    as_json: Annotated[bool, typer.Option("--json", help="每个文档输出一行 zhize.extract/1 JSON（JSON Lines）")] = False,
) -> None:
    """抽取文档中的部门、职责、职责分工、内设机构、编制和改革事件，不写入数据库。"""
    from ingest.batch import collect, extract_all

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
    paths: Annotated[list[Path], typer.Argument(help="文件或文件夹（.txt .docx .html .pdf .md），文件夹会递归查找")],
    store: StoreOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="并行抽取的进程数")] = 1,
) -> None:
    """抽取并入库：每个文档整体入库或整体不入库；未改动的文件跳过；改动过的文件替换旧版本。"""
    with _closing(open_configured_store(store)) as st:
        summary = _ingest_with_progress(st, paths, workers)
    _print_summary(summary)
    if summary.failed:
        raise typer.Exit(1)


def _ingest_with_progress(st, paths: list[Path], workers: int):
    from ingest.batch import collect, ingest as run_ingest

    files = collect(paths)
    if len(files) < 2 or not sys.stderr.isatty():
        return run_ingest(st, files, workers=workers)
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("抽取入库", total=len(files))
        return run_ingest(st, files, workers=workers, progress=lambda _: bar.advance(task))


def _print_summary(summary) -> None:
    r = summary.records
    typer.echo(f"文件 {summary.files} 个：新入库 {summary.loaded}，替换旧版本 {summary.replaced}，"
               f"未变化 {summary.unchanged}，失败 {len(summary.failed)}")
    if summary.kinds:
        typer.echo("类型：" + "，".join(f"{k} {v}" for k, v in sorted(summary.kinds.items())))
        typer.echo(f"抽取：部门 {r['departments']}，职责 {r['duties']}，内设机构 {r['units']}，"
                   f"职责分工 {r['boundaries']}，编制 {r['staffing']}，改革事件 {r['events']}")
    for file, reason in summary.failed:
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
    """演示：把示例县（岚川县）的三定和改革方案抽取入一个新库，显示抽取结果和一次“谁负责”查询。"""
    corpus = repo_root() / "examples" / "corpus"
    if not corpus.is_dir():
        raise typer.BadParameter("找不到示例文档 examples/corpus，请在项目目录中运行")
    _remove_sqlite_files(Path(store))
    with _closing(open_configured_store(store)) as st:
        summary = _ingest_with_progress(st, [corpus], workers=1)
        _print_summary(summary)
        hits = st.search_duties("食品安全", jurisdiction="岚川县")
    typer.echo(f"\n示例库：{store}\n谁负责“食品安全”（岚川县，今天）：")
    for h in hits[:8]:
        unit = f"·{h.unit}" if h.unit else ""
        typer.echo(f"  {h.department_name}{unit}  {h.clause}  {h.text[:36]}…")


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def _remove_sqlite_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


class _closing:
    def __init__(self, store: GraphStore):
        self.store = store

    def __enter__(self) -> GraphStore:
        return self.store

    def __exit__(self, *exc: object) -> None:
        self.store.close()


def main() -> None:
    from graph.errors import ZhizeError

    try:
        app()  # standalone: click reports usage errors itself (exit 2)
    except ZhizeError as err:
        if _state["debug"]:
            raise
        typer.secho(f"错误：{err}", fg=typer.colors.RED, err=True)
        sys.exit(1)
