"""Uploads are identified by what they are, replace only the same document and only when the user
chooses, and every uploaded file stays retrievable (issue 12, point 1). The counties here are
made up from the example county's 水利局 三定 with another place name."""

from __future__ import annotations

import hashlib
import threading
from datetime import date
from pathlib import Path

import pytest

from tests.api.server import CORPUS

SHUILI = CORPUS / "2019-sanding-shuili.txt"


def county_text(place: str) -> bytes:
    """The example 水利局 三定 as if issued by the county `place` (e.g. 北沙县)."""
    return SHUILI.read_text(encoding="utf-8").replace("岚川", place.removesuffix("县")).encode("utf-8")


def upload(client, name: str, content: bytes) -> dict:
    r = client.post("/api/ingest", files=[("files", (name, content, "text/plain"))])
    assert r.status_code == 200, r.text
    return r.json()


def places(viewer) -> set[str]:
    return {j["name"] for j in viewer.get("/api/jurisdictions").json()}


def test_the_same_file_name_from_another_county_replaces_nothing(admin, viewer):
    a = upload(admin, "2019-sanding-shuili-x.txt", county_text("北沙县"))
    b = upload(admin, "2019-sanding-shuili-x.txt", county_text("南渡县"))
    assert (a["loaded"], b["loaded"], b["replaced"], b["pending"]) == (1, 1, 0, [])
    assert {"北沙县", "南渡县"} <= places(viewer)
    titles = {d["jurisdiction"] for d in viewer.get("/api/documents").json() if "水利局" in d["title"]}
    assert {"北沙县", "南渡县"} <= titles


def test_a_new_version_waits_for_the_users_choice_and_the_old_one_stays_retrievable(admin, viewer):
    v1 = county_text("东岭县")
    assert upload(admin, "水利局三定.txt", v1)["loaded"] == 1
    before = viewer.get("/api/stats").json()
    v2 = v1.replace("采砂".encode(), "采砂（修订）".encode(), 1)
    second = upload(admin, "水利局三定（修订）.txt", v2)
    [pending] = second["pending"]
    assert (second["loaded"], second["replaced"]) == (0, 0) and "待确认 1" in second["message"]
    assert viewer.get("/api/stats").json() == before  # nothing written before the user chose
    [candidate] = pending["candidates"]
    old = hashlib.sha256(v1).hexdigest()
    assert candidate["document"] == old and candidate["file"] == "水利局三定.txt" and candidate["duties"] > 5
    assert pending["suggestion"] == "replace" and "东岭县" in pending["message"]  # same date: a corrected copy
    wrong = admin.post(f"/api/uploads/{pending['sha256']}/decision", json={"action": "replace", "replaces": "0" * 64})
    assert wrong.status_code == 422 and "不是这个上传文件的旧版本" in wrong.json()["detail"]
    done = admin.post(f"/api/uploads/{pending['sha256']}/decision", json={"action": "replace", "replaces": old}).json()
    assert done["replaced"] == 1 and viewer.get("/api/stats").json()["documents"] == before["documents"]
    assert admin.get(f"/api/uploads/{old}/file").content == v1  # the replaced version is still there
    listed = {u["sha256"]: u for u in admin.get("/api/uploads").json()}
    assert listed[old]["in_store"] is False and listed[old]["history"][-1]["action"] == "superseded"
    assert listed[pending["sha256"]]["in_store"] is True


def test_keeping_both_loads_the_new_one_beside_the_old(admin, viewer):
    v1 = county_text("西坪县")
    upload(admin, "西坪水利.txt", v1)
    v2 = v1.replace(b"2019", b"2021")  # a later 三定 of the same department
    [pending] = upload(admin, "西坪水利2021.txt", v2)["pending"]
    assert pending["suggestion"] == "keep_both"
    done = admin.post(f"/api/uploads/{pending['sha256']}/decision", json={"action": "keep_both"}).json()
    assert done["loaded"] == 1
    docs = [d for d in viewer.get("/api/documents", params={"jurisdiction": "西坪县"}).json()]
    assert len(docs) == 2


def test_the_saved_copies_and_the_store_never_disagree(admin, viewer, live):
    p, q = county_text("上岗县"), county_text("下岗县")
    upload(admin, "同名.txt", p)
    upload(admin, "另一个.txt", q)
    again = upload(admin, "同名.txt", q)  # reported unchanged: it must not touch 同名.txt's copy
    assert again["unchanged"] == 1
    folder = Path(live.store + ".uploads").resolve()
    for doc in viewer.get("/api/documents").json():
        source = Path(doc["source"] or "")
        if folder in source.parents:
            assert hashlib.sha256(source.read_bytes()).hexdigest() == doc["id"], source


def raw_multipart(name: bytes, content: bytes) -> tuple[bytes, dict[str, str]]:
    """A multipart body with the file name as raw bytes (httpx would percent-encode a NUL)."""
    boundary = b"zhizeboundary"
    body = (b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
            + b"\"\r\nContent-Type: text/plain\r\n\r\n" + content + b"\r\n--" + boundary + b"--\r\n")
    return body, {"Content-Type": "multipart/form-data; boundary=zhizeboundary"}


@pytest.mark.parametrize("name", [b"a\x00b.txt", b"\x07.txt"])
def test_names_with_control_characters_are_refused_in_chinese(admin, name):
    body, headers = raw_multipart(name, county_text("甲地县"))
    r = admin.post("/api/ingest", content=body, headers=headers)
    assert r.status_code == 422 and "控制字符" in r.json()["detail"]


def test_an_overlong_name_is_shortened_not_an_error(admin):
    name = "很长的文件名" * 60 + ".txt"
    report = upload(admin, name, county_text("乙地县"))
    assert report["loaded"] == 1
    [record] = [u for u in admin.get("/api/uploads").json() if u["jurisdiction"] == "乙地县"]
    assert record["name"].endswith("….txt") and len(record["name"].encode()) <= 200


def test_files_are_read_before_the_write_lock_is_taken(tmp_path, monkeypatch):
    """Reading a file (the slow part) holds neither the server's write lock nor the store's lock,
    so reads never wait on it."""
    from zhize.api import uploads
    from zhize.api.auth import Gate
    from zhize.api.resources import Resources
    from zhize.api.settings import Settings
    from zhize.graph.sqlite import SqliteStore

    settings = Settings(store=str(tmp_path / "lock.db"), warm_jurisdictions=0)
    store = SqliteStore(settings.store)
    res = Resources(settings, store, Gate(settings, []))
    seen: list[tuple[bool, bool]] = []
    real = uploads.read_upload

    def store_lock_free() -> bool:  # asked from another thread: the store's lock is re-entrant
        free = []

        def attempt() -> None:
            free.append(store._lock.acquire(blocking=False))
            if free[0]:
                store._lock.release()

        other = threading.Thread(target=attempt)
        other.start()
        other.join()
        return free[0]

    def probe(saved, issue_date=None):
        seen.append((res.write_lock.locked(), store_lock_free()))
        return real(saved, issue_date)

    monkeypatch.setattr(uploads, "read_upload", probe)
    try:
        report = uploads.ingest_uploads(res, [("丙地.txt", county_text("丙地县"))], "测试")
    finally:
        store.close()
    assert report.loaded == 1 and seen == [(False, True)]


def test_a_date_given_on_the_form_survives_the_choice_to_keep_both(tmp_path):
    """An upload held for a decision is read again when the user decides: with the date they gave."""
    from zhize.api import uploads
    from zhize.api.auth import Gate
    from zhize.api.resources import Resources
    from zhize.api.settings import Settings
    from zhize.graph.sqlite import SqliteStore

    settings = Settings(store=str(tmp_path / "given.db"), warm_jurisdictions=0)
    store = SqliteStore(settings.store)
    res = Resources(settings, store, Gate(settings, []))
    try:
        uploads.ingest_uploads(res, [("旧.txt", county_text("丁地县"))], "测试")
        newer = county_text("丁地县") + "\n（更正版）\n".encode()
        held = uploads.ingest_uploads(res, [("新.txt", newer)], "测试", date(2020, 5, 6))
        [pending] = held.pending
        uploads.decide(res, pending.sha256, "keep_both", None, "测试")
        doc = store.document(pending.sha256)
    finally:
        store.close()
    assert (doc.issue_date, doc.date_source) == (date(2020, 5, 6), "用户指定")


def test_a_large_upload_is_read_in_the_reader_process(tmp_path):
    """A file at or above `IN_PROCESS_BYTES` is read in another process (its extraction would hold
    the interpreter lock the server's answers need) and comes back whole, date and duties."""
    import os

    from zhize.api import uploads

    text = county_text("戊地县")
    padded = text + (b"\n" + b" " * 1000) * (uploads.IN_PROCESS_BYTES // 1000 + 1)  # blank lines: no content
    path = tmp_path / "大.txt"
    path.write_bytes(padded)
    saved = uploads.Saved(hashlib.sha256(path.read_bytes()).hexdigest(), path, path.name)
    [read] = uploads.read_all([saved])
    [pid] = [p.pid for p in uploads._reader._processes.values()]
    assert pid != os.getpid()
    [small] = uploads.read_all([uploads.Saved("0" * 64, SHUILI, SHUILI.name)])
    assert read.error is None and read.extract.document.jurisdiction == "戊地县"
    assert len(read.extract.duties) == len(small.extract.duties) > 0


def test_a_reader_process_that_dies_fails_its_file_and_is_replaced(tmp_path, monkeypatch):
    import os
    import signal

    from zhize.api import uploads

    monkeypatch.setattr(uploads, "IN_PROCESS_BYTES", 0)
    saved = uploads.Saved("0" * 64, SHUILI, SHUILI.name)
    uploads.read_all([saved])  # starts the reader
    pool = uploads._reader
    for p in list(pool._processes.values()):
        os.kill(p.pid, signal.SIGKILL)
    [failed] = uploads.read_all([saved])
    assert failed.extract is None and "读取进程意外退出" in failed.error
    [again] = uploads.read_all([saved])
    assert again.error is None and again.extract.duties and uploads._reader is not pool
