"""The server when files or the index are hostile or broken (issue 12, points 3 and 4): a corrupt
search index no longer turns every request into 503, and an expansion bomb uploaded is refused
with a Chinese reason naming the file while the server keeps answering."""

from __future__ import annotations

import os
from pathlib import Path

from tests.api import server
from tests.api.test_origin import small_store
from tests.ingest.test_limits import bomb_docx


def test_a_corrupt_index_does_not_take_the_server_down(tmp_path):
    path = small_store(tmp_path / "store.db")
    Path(str(path) + ".search").write_bytes(os.urandom(40_000))
    running = server.start(path)
    try:
        with running.client("viewer") as c:
            assert c.get("/api/stats").status_code == 200
            assert c.get("/api/who", params={"q": "采砂", "jurisdiction": "岚川县"}).status_code == 200
    finally:
        running.stop()
    assert len(list(tmp_path.glob("store.db.search.corrupt-*"))) == 1


def test_an_uploaded_expansion_bomb_is_refused_and_the_server_keeps_answering(tmp_path):
    running = server.start(small_store(tmp_path / "bomb.db"), max_upload_mb=2)
    try:
        with running.client("admin") as c:
            before = c.get("/api/stats").json()
            r = c.post("/api/ingest", files=[("files", ("炸弹.docx", bomb_docx(), "application/octet-stream"))])
            [failure] = r.json()["failed"]
            assert failure["file"] == "炸弹.docx" and "已拒绝读取" in failure["reason"]
            assert str(tmp_path) not in failure["reason"]  # the server's folders are not shown
            assert c.get("/api/health").status_code == 200 and c.get("/api/stats").json() == before
    finally:
        running.stop()
