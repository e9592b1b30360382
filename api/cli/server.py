"""Commands of the server: serve the web pages and the API, and make access tokens."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zhize.api.cli.common import StoreOption, quote_path
from zhize.api.cli.zh import ZhTyper

app = ZhTyper()


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
    hint = empty_store_hint(settings.store)
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


def empty_store_hint(location: str) -> str:
    """A hint when the server would open a SQLite store that does not exist yet while a demo store does."""
    if "://" in location or Path(location).exists():
        return ""
    demo = Path("zhize-demo.db")
    if demo.exists():
        return (f"提示：{location} 还不存在，将新建一个空库。要打开演示库，请用 "
                f"zhize serve --store {quote_path(demo.resolve())}")
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
