"""What every command group shares: the common options, the store session, dates, JSON output,
the actor, and department names as users type them.

Heavy modules are imported inside the functions so `zhize --help` stays fast.
"""

from __future__ import annotations

import json
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

StoreOption = Annotated[Optional[str], typer.Option(
    "--store", "-s", help="数据存储：SQLite 文件路径，或 bolt://、neo4j:// 地址（默认 $ZHIZE_STORE 或 ./zhize.db）")]
JsonOption = Annotated[bool, typer.Option("--json", help="以 JSON 输出")]
AtOption = Annotated[Optional[str], typer.Option("--at", help="查询日期 YYYY-MM-DD（默认今天）")]
JurisdictionOption = Annotated[Optional[str], typer.Option("--jurisdiction", "-j", help="行政区划名称，如 岚川县")]
ActorOption = Annotated[Optional[str], typer.Option(
    "--actor", help="操作人（默认 $ZHIZE_ACTOR，否则为当前系统用户）")]


def store_session(location: str | None, *, create: bool = False) -> closing:
    """The configured store, closed when the command is done. Only the commands that put documents
    in (`load`, `ingest`, `demo`) create a store; for the others a mistyped path is an error."""
    from zhize.api.settings import load_settings

    return closing(load_settings().open_store(location, create=create))


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


def echo_lines(lines: list[str]) -> None:
    for line in lines:
        typer.echo(line)


def actor_name(explicit: str | None) -> str:
    import getpass

    from zhize.api.settings import load_settings

    return explicit or load_settings().actor or getpass.getuser()


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


def quote_path(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if any(c.isspace() for c in text) else text
