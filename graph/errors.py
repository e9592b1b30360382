"""Errors with messages for the user, in Chinese. Edges (CLI, HTTP) translate them once."""

from __future__ import annotations


class ZhizeError(Exception):
    """Base: `str(err)` is a complete Chinese sentence that can be shown to the user."""


class InputError(ZhizeError):
    """Bad input: names the file and the position or field. Nothing was written."""

    def __init__(self, message: str, *, file: str | None = None, where: str | None = None):
        self.file, self.where = file, where
        parts = [f"文件 {file}" if file else "", f"位置 {where}" if where else ""]
        prefix = "，".join(p for p in parts if p)
        super().__init__(f"{prefix}：{message}" if prefix else message)


def unreadable(path: object, err: OSError) -> InputError:
    """The one sentence for a file that cannot be opened or read, naming the file."""
    if isinstance(err, FileNotFoundError):
        message = "文件不存在"
    elif isinstance(err, IsADirectoryError):
        message = "这是一个目录，不是文件"
    else:
        message = f"无法读取文件（{err.strerror or err}）"
    return InputError(message, file=str(path))


class NotFound(ZhizeError):
    pass


class StoreUnavailable(ZhizeError):
    pass


class LedgerError(ZhizeError):
    """A status change the ledger workflow does not allow, or one missing its reason. `field` names
    what is missing or wrong (`reason`, `category`, `deadline`, a ledger column), so that each edge
    can say how to give it (the command line names its option, a page its form field)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field
