"""The `zhize` command line: one module per command group (Typer's convention), one renderer.

- `documents`  put documents in and take them out: load, ingest, extract, remove, schema, demo,
               and the `documents` group;
- `questions`  ask the graph: who, search, transfers, lineage, jurisdictions, stats;
- `ledger`     the problem ledger: check, the `findings` and `task` groups, the review report;
- `server`     serve the web pages and the API, make access tokens;
- `render`     how answers are written as text (pure functions returning lines);
- `common`     the shared options, the store session, dates, the actor, department names;
- `zh`         Typer and Click in Chinese, and columns that line up with Chinese text.

Commands are thin: parse, call the store or a query, print. Heavy modules are imported inside
the commands so `zhize --help` stays fast. A `ZhizeError` prints one Chinese line and exits 1;
`--debug` shows the traceback instead.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from zhize.api.cli import documents, ledger, questions, server
from zhize.api.cli.zh import ZhTyper

app = ZhTyper(
    name="zhize",
    help="职责图谱 Zhize：读取三定规定和机构改革方案，回答“谁负责”，发现职责交叉、空白和推诿风险。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for commands in (documents.app, questions.app, ledger.app, server.app):
    app.add_typer(commands)  # nameless: their commands are the top level's
app.add_typer(documents.documents_app, name="documents")
app.add_typer(ledger.findings_app, name="findings")
app.add_typer(ledger.task_app, name="task")

_state = {"debug": False}


@app.callback()
def main_options(debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整调用栈")] = False) -> None:
    """职责图谱 Zhize 命令行。"""
    _state["debug"] = debug


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
