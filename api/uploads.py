"""Ingest by upload: the same atomic, per-document ingest and report as `zhize ingest`.

Uploaded files are kept under the upload folder with their original names (one folder per
store, see `Resources.upload_dir`), so uploading a changed version of a file replaces what its
old version contributed, exactly as re-ingesting a changed file from the command line does.
A file that cannot be read is reported and nothing of it is written; its previous version, if
any, is put back.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path, PurePath

from starlette.types import ASGIApp, Receive, Scope, Send

from zhize.api.resources import Resources
from zhize.api.schemas import FileFailure, FileWarningOut, IngestReport
from zhize.graph.errors import InputError

RECORD_NAMES = ("departments", "duties", "units", "boundaries", "staffing", "events")


def safe_name(filename: str | None) -> str:
    """The file's own name, without any folder a client put in front of it."""
    name = PurePath((filename or "").replace("\\", "/")).name.strip()
    if not name or name in (".", "..") or name.startswith("."):
        raise InputError(f"文件名“{filename or ''}”无效")
    return name


def supported_suffixes() -> set[str]:
    from zhize.ingest.readers import SUFFIXES

    return set(SUFFIXES)


def ingest_uploads(res: Resources, files: list[tuple[str, bytes]], issue_date: date | None = None) -> IngestReport:
    """`files`: (original name, content); `issue_date`: a date the user gave for them. Runs under
    the server's write lock."""
    if not files:
        raise InputError("没有收到文件：请选择要上传的三定规定或改革方案文件")
    names = [safe_name(n) for n, _ in files]
    if len(set(names)) != len(names):
        raise InputError("一次上传中有重名文件，请分开上传")
    suffixes = supported_suffixes()
    bad = [n for n in names if Path(n).suffix.lower() not in suffixes]
    if bad:
        raise InputError(f"不支持的文件类型：{'、'.join(bad)}（支持 {' '.join(sorted(suffixes))}）")
    with res.write_lock:
        report = _ingest(res, names, [content for _, content in files], issue_date)
    res.changed()
    return report


def _ingest(res: Resources, names: list[str], contents: list[bytes], issue_date: date | None = None) -> IngestReport:
    from zhize.ingest.batch import ingest

    folder = res.upload_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zhize-upload-") as backup_dir:
        backups = _place(folder, Path(backup_dir), names, contents)
        summary = ingest(res.store, [folder / n for n in names], issue_date=issue_date)
        failed = {Path(f).name for f, _ in summary.failed}
        _restore(folder, backups, failed)
    return _report(summary)


def _place(folder: Path, backup_dir: Path, names: list[str], contents: list[bytes]) -> dict[str, Path | None]:
    backups: dict[str, Path | None] = {}
    for name, content in zip(names, contents, strict=True):
        target = folder / name
        backups[name] = None
        if target.exists():
            backups[name] = backup_dir / name
            shutil.copy2(target, backups[name])
        target.write_bytes(content)
    return backups


def _restore(folder: Path, backups: dict[str, Path | None], failed: set[str]) -> None:
    for name in failed:
        old = backups.get(name)
        if old is None:
            (folder / name).unlink(missing_ok=True)
        else:
            shutil.copy2(old, folder / name)


def _report(summary) -> IngestReport:
    failed = [FileFailure(file=Path(f).name, reason=r) for f, r in summary.failed]
    warnings = [FileWarningOut(file=Path(w.file).name, clause=w.clause, code=w.code, message=w.message)
                for w in summary.warnings]
    records = {k: int(summary.records.get(k, 0)) for k in RECORD_NAMES}
    message = (f"文件 {summary.files} 个：新入库 {summary.loaded}，替换旧版本 {summary.replaced}，"
               f"未变化 {summary.unchanged}，失败 {len(failed)}")
    return IngestReport(files=summary.files, loaded=summary.loaded, replaced=summary.replaced,
                        unchanged=summary.unchanged, failed=failed, kinds=dict(summary.kinds), records=records,
                        warnings=warnings, message=message)


class UploadLimit:
    """ASGI middleware: refuse an upload larger than the limit before reading its body."""

    def __init__(self, app: ASGIApp, limit: int, paths: tuple[str, ...]):
        self.app, self.limit, self.paths = app, limit, paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in self.paths:
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is None:
            return await _refuse(send, 411, "上传须带 Content-Length 请求头（浏览器和常用工具会自动加上）")
        if not length.isdigit() or int(length) > self.limit:
            mb = self.limit / 1024 / 1024
            return await _refuse(send, 413, f"上传的内容太大：一次最多 {mb:g} MB（可由管理员设置 ZHIZE_MAX_UPLOAD_MB）")
        await self.app(scope, receive, send)


async def _refuse(send: Send, status: int, detail: str) -> None:
    import json

    body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
