"""Ingest by upload: the same atomic, per-document ingest as `zhize ingest`, with the user in charge
of every replacement.

Identity. An uploaded file is what it is: its content (sha256) and the document it was read as
(jurisdiction and title), never its bare name. Its bytes are kept in the upload folder (one per
store, see `Resources.upload_dir`) at `<sha256>/<name>`: content-addressed, so a file is never
overwritten (uploading the same bytes again finds them there, and the saved copy and the store
cannot disagree), and never deleted (a replaced document, or a file that could not be read,
stays retrievable at `GET /api/uploads/{sha256}/file`). Beside it, `upload.json` keeps the
file's history: who uploaded it when, and what became of it.

Replacing. A new version replaces an old document only when it is the same document: same
jurisdiction, same kind, same title. Even then nothing is replaced without the user: the upload is
held back as pending, with the documents it could replace listed in full (title, date, the file
each came from, how many duties), and goes in by a decision — replace one named document, or keep
both (a 三定 of a later date usually should be kept beside the old one: it supersedes it from its
date on and the history stays; a corrected copy of the same date replaces it).

Locks. Files are saved and read (extracted) with no lock held; only the writes to the store take
the server's write lock, so reads never wait on reading a file. A large upload is read in a
separate process (`read_all`): read in a thread of the server, its seconds of extraction would
hold Python's interpreter lock and every page and API answer would wait on it in turns
(bench/upload_latency.py: a 19 MB upload read in a thread took /api/stats from 3 ms to a p95 of
243 ms; read in the reader process, see the figures there).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import tempfile
import threading
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import Literal

from starlette.types import ASGIApp, Receive, Scope, Send

from zhize.api.resources import Resources
from zhize.api.schemas import (
    FileFailure,
    FileWarningOut,
    IngestReport,
    PendingUpload,
    ReplaceCandidate,
    UploadEvent,
    UploadRecord,
)
from zhize.graph.errors import InputError, NotFound, ZhizeError
from zhize.graph.models import DocumentInfo
from zhize.graph.records import DATE_GIVEN, Extract

RECORD_NAMES = ("departments", "duties", "units", "boundaries", "staffing", "events")
META = "upload.json"
MAX_NAME_BYTES = 180  # file systems allow 255 bytes per name; room is left for the suffix
Action = Literal["replace", "keep_both"]


def safe_name(filename: str | None) -> str:
    """The file's own name, without any folder a client put in front of it, shortened to what a
    file system takes (the extension kept). Control characters (NUL among them) are refused."""
    raw = filename or ""
    if any(unicodedata.category(c) == "Cc" for c in raw):
        raise InputError("文件名中含有控制字符（如空字节），请改名后再上传")
    name = PurePath(raw.replace("\\", "/")).name.strip()
    if not name or name in (".", "..") or name.startswith("."):
        raise InputError(f"文件名“{raw[:100]}”无效")
    return _shorten(name)


def _shorten(name: str) -> str:
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    suffix = PurePath(name).suffix if len(PurePath(name).suffix) <= 10 else ""
    stem = name[: len(name) - len(suffix)]
    while len((stem + "…" + suffix).encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem + "…" + suffix


def supported_suffixes() -> set[str]:
    from zhize.ingest.readers import SUFFIXES

    return set(SUFFIXES)


# -- the upload folder -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Saved:
    sha256: str
    path: Path  # <folder>/<sha256>/<name>
    name: str  # as uploaded this time


def save(folder: Path, name: str, content: bytes) -> Saved:
    """Keep `content` at `<folder>/<sha256>/<name>` unless those bytes are already kept."""
    import hashlib

    sha = hashlib.sha256(content).hexdigest()
    home = folder / sha
    existing = kept_file(home)
    if existing is not None:
        return Saved(sha, existing, name)
    home.mkdir(parents=True, exist_ok=True)
    target = home / name
    _write_atomically(target, content)
    return Saved(sha, target, name)


def kept_file(home: Path) -> Path | None:
    """The uploaded file in one upload's folder (there is one, besides `upload.json`)."""
    if not home.is_dir():
        return None
    return next((p for p in sorted(home.iterdir()) if p.name != META and not p.name.startswith(".")), None)


def _write_atomically(target: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_meta(home: Path) -> dict:
    try:
        return json.loads((home / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def note(home: Path, saved_name: str, size: int, event: UploadEvent, extract: Extract | None = None) -> None:
    """Add one event to the upload's history (called under the write lock)."""
    meta = read_meta(home)
    meta.setdefault("sha256", home.name)
    meta.setdefault("name", saved_name)
    meta["size"] = size
    if extract is not None:
        doc = extract.document
        meta.update(title=doc.title, jurisdiction=doc.jurisdiction, kind=doc.kind.value,
                    issue_date=doc.issue_date.isoformat() if doc.issue_date else None)
        if doc.date_source == DATE_GIVEN:  # a decision later reads the file again with the same date
            meta["given_date"] = doc.issue_date.isoformat()
    meta.setdefault("history", []).append(event.model_dump(mode="json"))
    text = json.dumps(meta, ensure_ascii=False, indent=1)
    _write_atomically(home / META, text.encode("utf-8"))


def _event(action: str, actor: str, file: str, detail: str = "", document: str | None = None) -> UploadEvent:
    return UploadEvent(at=datetime.now().astimezone(), actor=actor, action=action, file=file, detail=detail,
                       document=document)


# -- reading the files (no lock) -------------------------------------------------------------------

@dataclass
class Read:
    saved: Saved
    extract: Extract | None = None
    error: str | None = None


def read_upload(saved: Saved, issue_date: date | None = None) -> Read:
    """`issue_date`: a date the user gave on the upload form, taken over the one in the text."""
    from zhize.ingest.extract import extract_file

    try:
        return Read(saved, extract_file(saved.path, source=str(saved.path), issue_date=issue_date).extract)
    except ZhizeError as err:
        return Read(saved, error=str(err).replace(str(saved.path), saved.name))


# Uploads at least this large are read in the reader process; smaller ones read in a fraction of
# a second, less than it takes to hand them over.
IN_PROCESS_BYTES = 256 * 1024
_reader: ProcessPoolExecutor | None = None
_reader_lock = threading.Lock()


def _reader_pool() -> ProcessPoolExecutor:
    """One reader process per server process, started on the first large upload ("spawn": the
    server's threads are not copied into it, and it behaves the same on Windows)."""
    global _reader
    with _reader_lock:
        if _reader is None:
            _reader = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return _reader


def _drop_reader(broken: ProcessPoolExecutor) -> None:
    global _reader
    with _reader_lock:
        if _reader is broken:
            _reader = None
    broken.shutdown(wait=False, cancel_futures=True)


def read_all(saved: list[Saved], issue_date: date | None = None) -> list[Read]:
    """`read_upload` for each file: small ones here, large ones in the reader process. A reader
    process that dies (out of memory on a hostile file) fails that file with a Chinese message
    and is replaced for the next upload."""
    out: list[Read] = []
    for s in saved:
        if s.path.stat().st_size < IN_PROCESS_BYTES:
            out.append(read_upload(s, issue_date))
            continue
        pool = _reader_pool()
        try:
            out.append(pool.submit(read_upload, s, issue_date).result())
        except BrokenProcessPool:
            _drop_reader(pool)
            out.append(Read(s, error=f"{s.name}：读取文件时读取进程意外退出（文件过大或已损坏），未入库"))
    return out


# -- the whole upload ------------------------------------------------------------------------------

def check_names(files: list[tuple[str, bytes]]) -> list[str]:
    if not files:
        raise InputError("没有收到文件：请选择要上传的三定规定或改革方案文件")
    names = [safe_name(n) for n, _ in files]
    if len(set(names)) != len(names):
        raise InputError("一次上传中有重名文件，请分开上传")
    suffixes = supported_suffixes()
    bad = [n for n in names if PurePath(n).suffix.lower() not in suffixes]
    if bad:
        raise InputError(f"不支持的文件类型：{'、'.join(bad)}（支持 {' '.join(sorted(suffixes))}）")
    return names


def ingest_uploads(res: Resources, files: list[tuple[str, bytes]], actor: str = "",
                   issue_date: date | None = None) -> IngestReport:
    """`files`: (original name, content); `issue_date`: a date the user gave for them. Saved and read
    first; then, under the server's write lock, each document goes in, is found unchanged, or is held
    back when it could replace one."""
    names = check_names(files)
    folder = res.upload_dir()
    saved = [save(folder, name, content) for name, (_, content) in zip(names, files, strict=True)]
    reads = read_all(saved, issue_date)  # the slow part, outside every lock
    report = Report()
    with res.write_lock:
        for r in reads:
            _settle(res, r, actor, report)
    res.changed()
    return report.out(len(reads))


def decide(res: Resources, sha256: str, action: Action, replaces: str | None, actor: str = "") -> IngestReport:
    """The user's decision on a pending upload: replace the document `replaces` (one of those
    it was shown), or keep both."""
    home = res.upload_dir() / sha256
    path = kept_file(home) if len(sha256) == 64 else None
    if path is None:
        raise NotFound(f"没有编号为 {sha256[:64]} 的上传文件")
    given = read_meta(home).get("given_date")
    [r] = read_all([Saved(sha256, path, path.name)], date.fromisoformat(given) if given else None)
    report = Report()
    with res.write_lock:
        if r.extract is None:
            report.fail(r, actor)
        elif action == "replace":
            _replace(res, r, replaces, actor, report)
        else:
            _load(res, r, actor, report, "kept_both")
    res.changed()
    return report.out(1)


def _settle(res: Resources, r: Read, actor: str, report: Report) -> None:
    if r.extract is None:
        return report.fail(r, actor)
    store = res.store
    if _in_store(store, r.saved.sha256):
        report.unchanged += 1
        return _note(r, _event("unchanged", actor, r.saved.name, "库中已有内容相同的文档，未重复入库",
                               r.saved.sha256))
    candidates = same_document(store, r.extract)
    if not candidates:
        return _load(res, r, actor, report, "loaded")
    pending = _pending(store, r, candidates)
    report.pending.append(pending)
    _note(r, _event("pending", actor, r.saved.name, pending.message))


def _load(res: Resources, r: Read, actor: str, report: Report, action: str) -> None:
    if _in_store(res.store, r.saved.sha256):
        report.unchanged += 1
        return
    try:
        result = res.store.apply(r.extract)
    except ZhizeError as err:
        return report.fail(r, actor, str(err))
    report.count(r, replaced=False)
    detail = "与同名旧文档并存" if action == "kept_both" else ""
    _note(r, _event(action, actor, r.saved.name, detail, result.document))


def _replace(res: Resources, r: Read, old: str | None, actor: str, report: Report) -> None:
    candidates = {d.id: d for d in same_document(res.store, r.extract)}
    if old not in candidates:
        shown = "、".join(d.id[:12] for d in candidates.values()) or "无"
        raise InputError(f"要替换的文档 {str(old)[:64]} 不是这个上传文件的旧版本（可替换的：{shown}），"
                         "请重新上传后按提示选择")
    try:
        res.store.replace(old, r.extract)
    except ZhizeError as err:
        return report.fail(r, actor, str(err))
    report.count(r, replaced=True)
    gone = candidates[old]
    replaced = f"替换了《{gone.title}》（{issued(gone.issue_date)}，{gone.id[:12]}）"
    _note(r, _event("replaced", actor, r.saved.name, replaced, r.saved.sha256))
    old_home = _home_of(res, gone)
    if old_home is not None:
        note(old_home, old_home.name, _size(old_home), _event(
            "superseded", actor, r.saved.name, f"被新上传的 {r.saved.name} 替换，原文件仍保留在此", r.saved.sha256))


def _home_of(res: Resources, doc: DocumentInfo) -> Path | None:
    """The upload folder of a document loaded from an upload, if it was (its source is the copy)."""
    folder = res.upload_dir()
    if doc.source:
        source = Path(doc.source)
        if source.parent.parent == folder and source.parent.name == doc.id:
            return source.parent
    home = folder / doc.id
    return home if kept_file(home) is not None else None


def _size(home: Path) -> int:
    found = kept_file(home)
    return found.stat().st_size if found else 0


def _note(r: Read, event: UploadEvent) -> None:
    note(r.saved.path.parent, r.saved.path.name, r.saved.path.stat().st_size, event, r.extract)


def _in_store(store, sha: str) -> bool:
    try:
        store.document(sha)
    except NotFound:
        return False
    return True


def same_document(store, extract: Extract) -> list[DocumentInfo]:
    """The documents an upload is a new version of: same jurisdiction, kind and title."""
    doc = extract.document
    return [store.document(d.id) for d in store.documents(doc.jurisdiction)
            if d.title == doc.title and d.kind == doc.kind and d.id != doc.sha256]


def _pending(store, r: Read, candidates: list[DocumentInfo]) -> PendingUpload:
    doc = r.extract.document
    same_day = [c for c in candidates if c.issue_date == doc.issue_date]
    suggestion: Action = "replace" if same_day else "keep_both"
    listed = "；".join(f"《{c.title}》（{c.jurisdiction}，{issued(c.issue_date)}，来自 {_file_name(c)}，"
                      f"职责 {c.counts.get('duty', 0)} 条）" for c in candidates)
    why = ("印发日期相同，像是同一文件的更正版本，建议替换" if same_day else
           "印发日期不同，新文件自印发之日起取代旧文件，建议保留两者（旧文件作为历史保留）")
    message = (f"{r.saved.name} 读作《{doc.title}》（{doc.jurisdiction}，{issued(doc.issue_date)}），"
               f"库中已有同一文档：{listed}。{why}；请选择替换其中哪一个，或保留两者。确认之前没有写入任何内容")
    return PendingUpload(file=r.saved.name, sha256=r.saved.sha256, title=doc.title, jurisdiction=doc.jurisdiction,
                         kind=doc.kind.value, issue_date=doc.issue_date, suggestion=suggestion, message=message,
                         candidates=[_candidate(c) for c in candidates])


def issued(day: date | None) -> str:
    return f"{day.isoformat()} 印发" if day else "未注明日期"


def _candidate(d: DocumentInfo) -> ReplaceCandidate:
    return ReplaceCandidate(document=d.id, title=d.title, jurisdiction=d.jurisdiction, kind=d.kind.value,
                            issue_date=d.issue_date, subject=d.subject, file=_file_name(d),
                            duties=d.counts.get("duty", 0))


def _file_name(d: DocumentInfo) -> str:
    return PurePath(d.source).name if d.source else "（来源不详）"


class Report:
    """What one upload request did, for `IngestReport`."""

    def __init__(self) -> None:
        self.loaded = self.replaced = self.unchanged = 0
        self.failed: list[FileFailure] = []
        self.pending: list[PendingUpload] = []
        self.kinds: dict[str, int] = {}
        self.records = dict.fromkeys(RECORD_NAMES, 0)
        self.warnings: list[FileWarningOut] = []

    def count(self, r: Read, *, replaced: bool) -> None:
        ex = r.extract
        if replaced:
            self.replaced += 1
        else:
            self.loaded += 1
        kind = ex.document.kind.value
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        for name in RECORD_NAMES:
            self.records[name] += len(getattr(ex, name))
        self.warnings += [FileWarningOut(file=r.saved.name, clause=w.clause, code=w.code, message=w.message)
                          for w in ex.warnings]

    def fail(self, r: Read, actor: str, reason: str | None = None) -> None:
        reason = reason or r.error or "无法读取"
        self.failed.append(FileFailure(file=r.saved.name, reason=reason))
        _note(r, _event("failed", actor, r.saved.name, reason))

    def out(self, files: int) -> IngestReport:
        message = (f"文件 {files} 个：新入库 {self.loaded}，替换旧版本 {self.replaced}，未变化 {self.unchanged}，"
                   f"待确认 {len(self.pending)}，失败 {len(self.failed)}")
        return IngestReport(files=files, loaded=self.loaded, replaced=self.replaced, unchanged=self.unchanged,
                            failed=self.failed, pending=self.pending, kinds=self.kinds, records=self.records,
                            warnings=self.warnings, message=message)


# -- what was uploaded -----------------------------------------------------------------------------

def uploads(res: Resources) -> list[UploadRecord]:
    """Every file ever uploaded to this store, newest first, with whether it is in the store now."""
    folder = res.upload_dir()
    if not folder.is_dir():
        return []
    found = []
    for home in folder.iterdir():
        meta = read_meta(home) if len(home.name) == 64 else {}
        if meta:
            found.append(_record(res, home, meta))
    return sorted(found, key=lambda u: u.history[-1].at if u.history else datetime.min.astimezone(), reverse=True)


def upload(res: Resources, sha256: str) -> tuple[UploadRecord, Path]:
    home = res.upload_dir() / sha256
    path = kept_file(home) if len(sha256) == 64 and all(c in "0123456789abcdef" for c in sha256) else None
    meta = read_meta(home) if path else {}
    if not meta:
        raise NotFound(f"没有编号为 {sha256[:64]} 的上传文件")
    return _record(res, home, meta), path


def _record(res: Resources, home: Path, meta: dict) -> UploadRecord:
    history = [UploadEvent.model_validate(e) for e in meta.get("history", [])]
    return UploadRecord(sha256=home.name, name=meta.get("name", ""), size=int(meta.get("size", 0)),
                        title=meta.get("title"), jurisdiction=meta.get("jurisdiction"), kind=meta.get("kind"),
                        issue_date=meta.get("issue_date"), in_store=_in_store(res.store, home.name),
                        history=history)


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
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
