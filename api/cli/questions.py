"""Commands that ask the graph: who, search, transfers, lineage, jurisdictions, stats."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from zhize.api.cli import render
from zhize.api.cli.common import (
    AtOption,
    JsonOption,
    JurisdictionOption,
    StoreOption,
    department_or_matter,
    echo_json,
    echo_lines,
    parse_day,
    store_session,
)
from zhize.api.cli.zh import ZhTyper

app = ZhTyper()


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
    with store_session(store) as st:
        hits = st.search_duties(query, jurisdiction=jurisdiction, at=parse_day(at), limit=limit)
    if as_json:
        return echo_json([h.model_dump(mode="json") for h in hits])
    if not hits:
        typer.echo(f"没有找到含“{query}”的有效职责条款。")
    echo_lines([render.hit_lines(h) for h in hits])


@app.command()
def jurisdictions(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """列出库中的行政区划。"""
    with store_session(store) as st:
        rows = st.jurisdictions()
    if as_json:
        return echo_json([r.model_dump() for r in rows])
    echo_lines(render.jurisdiction_lines(rows))


@app.command()
def stats(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """显示库中各类记录的数量。"""
    with store_session(store) as st:
        s = st.stats()
    if as_json:
        return echo_json(s.model_dump())
    echo_lines(render.stats_lines(s))


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
    echo_lines(render.answer_lines(answer))


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
    echo_lines(render.reform_lines(reforms))


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
    echo_lines(render.lineage_lines(result))
