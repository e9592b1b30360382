"""The command line in one language: Typer's and Click's own words (usage line, help option,
panel titles, usage errors) in Chinese, and lists whose columns line up with Chinese text.

Typer and Click write their English texts in code, not through a message catalogue, so the
commands use the subclasses below (a `ZhTyper` makes every command a `ZhCommand`), which put
Chinese in the places Click asks a command for them, and Typer's panel titles are set through
its public module constants. Widths are measured by rich (`cell_len`: a Chinese character takes
two columns of a terminal), never by `len`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from typing import Any

import typer
import typer.rich_utils as rich_utils
from rich.cells import cell_len
from typer.core import TyperCommand, TyperGroup

try:  # Typer ≥ 0.20 carries its own Click
    from typer.core import _click as click_core  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Typer with Click installed beside it
    import click as click_core

exceptions = click_core.exceptions

USAGE = "用法："
HELP = "显示本帮助并退出。"
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."

# Typer's panel titles and hints, as its module constants name them; each value shows where it reads.
RICH_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": "参数",  # ╭─ 参数 ─…
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "ABORTED_TEXT": "已中止。",
    "RICH_HELP": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEPRECATED_STRING": "（已弃用）",
}

# Click's messages for a bad value, with the Chinese each reads as ("'x' is not a valid integer.").
VALUE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"'?(?P<v>.*?)'? is not a valid integer"), "“{v}”不是整数"),
    (re.compile(r"'?(?P<v>.*?)'? is not a valid float"), "“{v}”不是数字"),
    (re.compile(r"'?(?P<v>.*?)'? is not a valid boolean"), "“{v}”不是是/否"),
    (re.compile(r"'?(?P<v>.*?)'? is not one of (?P<c>.*)"), "“{v}”不在可选值 {c} 之中"),
    (re.compile(r"(?P<v>.*) is not in the range (?P<r>.*)"), "{v} 超出范围 {r}"),
    (re.compile(r"valid integer"), "应为整数"),
    (re.compile(r"valid number"), "应为数字"),
    (re.compile(r"valid (date|datetime)"), "应为日期，格式 YYYY-MM-DD"),
)


def install_rich_texts() -> None:
    for name, text in RICH_TEXTS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)


def _param_name(param: Any) -> str:
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "argument":
        return getattr(param, "metavar", None) or (param.name or "").upper()
    return "、".join(param.opts) or param.name or ""


def _param_help(param: Any) -> str:
    text = (getattr(param, "help", "") or "").strip()
    return f"（{text}）" if text else ""


def value_message(message: str) -> str:
    for pattern, chinese in VALUE_MESSAGES:
        found = pattern.search(message)
        if found:
            return chinese.format(**found.groupdict())
    return message


def translate(err: Exception) -> str | None:
    """The Chinese message for one of Click's usage errors (None: leave it as it is)."""
    if isinstance(err, exceptions.MissingParameter):
        param = err.param
        kind = "参数" if getattr(param, "param_type_name", "") == "argument" else "选项"
        return f"缺少{kind} {_param_name(param)}{_param_help(param)}"
    if isinstance(err, exceptions.NoSuchOption):
        near = f"，是否要用：{'、'.join(sorted(err.possibilities))}" if err.possibilities else ""
        return f"没有选项 {err.option_name}{near}"
    if isinstance(err, exceptions.BadOptionUsage):
        if "requires an argument" in err.message or "requires" in err.message:
            return f"选项 {err.option_name} 后面要写一个值"
        if "does not take a value" in err.message:
            return f"选项 {err.option_name} 后面不用写值"
        return f"选项 {err.option_name} 用法不对"
    if isinstance(err, exceptions.BadParameter):
        name = _param_name(err.param) or err.param_hint or ""
        return f"{name} 的值不对：{value_message(err.message)}"
    message = getattr(err, "message", "")
    extra = re.match(r"Got unexpected extra argument\(?s?\)? \((?P<a>.*)\)", message)
    if extra:
        return f"多余的参数：{extra.group('a')}（含空格的文字请加引号）"
    return None


def _chinese_usage_errors(ctx: Any, work: Callable[[], Any]) -> Any:
    try:
        return work()
    except exceptions.NoArgsIsHelpError:
        raise
    except exceptions.UsageError as err:
        chinese = translate(err)
        if chinese is None:
            raise
        raise exceptions.UsageError(chinese, err.ctx or ctx) from None


class _Chinese:
    """What a command or group says in Chinese: usage prefix, metavars, help option."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.options_metavar = OPTIONS_METAVAR

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP
        return option

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return _chinese_usage_errors(ctx, lambda: super(_Chinese, self).parse_args(ctx, args))  # type: ignore[misc]


class ZhCommand(_Chinese, TyperCommand):
    pass


class ZhGroup(_Chinese, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = SUBCOMMAND_METAVAR

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except exceptions.UsageError:
            name = args[0] if args else ""
            near = difflib.get_close_matches(name, list(self.commands), n=3)
            hint = f"，是否要用：{'、'.join(near)}" if near else f"；可用的命令：{'、'.join(self.commands)}"
            raise exceptions.UsageError(f"没有命令“{name}”{hint}", ctx) from None


class ZhTyper(typer.Typer):
    """A Typer app whose groups and commands speak Chinese."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("cls", ZhGroup)
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", ZhCommand)
        return super().command(*args, **kwargs)


# -- lists ---------------------------------------------------------------------------------------

def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` terminal columns."""
    return text + " " * max(0, width - cell_len(text))


def columns(rows: Sequence[Sequence[str]], gap: str = "  ") -> list[str]:
    """Rows of cells as lines whose columns line up in a terminal, Chinese included (the last
    column is not padded)."""
    if not rows:
        return []
    widths = [max(cell_len(r[i]) for r in rows if i < len(r)) for i in range(max(len(r) for r in rows))]
    return [gap.join(pad(cell, widths[i]) if i < len(row) - 1 else cell for i, cell in enumerate(row)).rstrip()
            for row in rows]


install_rich_texts()
