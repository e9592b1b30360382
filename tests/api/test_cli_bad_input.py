"""Bad input on the command line: one Chinese line, a non-zero exit, the store unchanged — never a
traceback (issue 12, points 4, 5 and 6), each through a real `zhize` process."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
SANDING = EXAMPLES / "extract-sanding.json"


def zhize(*args: str, cwd: Path, env: dict | None = None, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-c", "from zhize.api.cli import main; main()", *args], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=120)


def one_chinese_line(result: subprocess.CompletedProcess, *words: str) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result
    assert len(lines) == 1 and lines[0].startswith("错误："), result.stderr
    assert "Traceback" not in result.stderr and "意外错误" not in result.stderr
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]


def example() -> dict:
    return json.loads(SANDING.read_text(encoding="utf-8"))


@pytest.fixture()
def store(tmp_path) -> Path:
    db = tmp_path / "store.db"
    assert zhize("load", str(EXAMPLES / "extract-reform.json"), "--store", str(db), cwd=tmp_path).returncode == 0
    return db


def stats(db: Path, cwd: Path) -> dict:
    return json.loads(zhize("stats", "--json", "--store", str(db), cwd=cwd).stdout)


def with_staffing(value: int) -> dict:
    data = example()
    data["staffing"][0]["administrative"] = value
    return data


def with_span(value: int) -> dict:
    data = example()
    data["duties"][0]["span"] = [0, value]
    data["document"]["chars"] = None
    return data


BAD_FILES = {
    "nested 2,000 deep": ("[" * 2000 + "]" * 2000, "嵌套层数太多"),
    "a 5,000-digit integer": ('{"format": "zhize.extract/1", "n": ' + "7" * 5000 + "}", "位数过多"),
    "staffing of 2^63": (with_staffing(2**63), "staffing[0].administrative"),
    "staffing beyond any real figure": (with_staffing(5_000_000), "超出允许的最大值"),
    "a span of 2^64": (with_span(2**64), "duties[0].span"),
    "not JSON": ("{\"format\": ", "不是有效的 JSON"),
    "not UTF-8": (b"\xff\xfe\xfa", "不是 UTF-8"),
    "line breaks in a quoted value": ({"format": "a\x1cb\u2028c\nd"}, "格式版本"),  # found by the fuzzer
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_for_load(tmp_path, store, case):
    content, words = BAD_FILES[case]
    bad = tmp_path / "bad.json"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    before = stats(store, tmp_path)
    result = zhize("load", str(SANDING), str(bad), "--store", str(store), cwd=tmp_path)
    one_chinese_line(result, str(bad), words)
    assert stats(store, tmp_path) == before  # the good file before it was not loaded either


def test_load_of_a_directory_or_a_missing_file(tmp_path, store):
    one_chinese_line(zhize("load", str(tmp_path), "--store", str(store), cwd=tmp_path), "这是一个目录")
    one_chinese_line(zhize("load", str(tmp_path / "nope.json"), "--store", str(store), cwd=tmp_path), "文件不存在")


def test_load_streams_json_lines_and_arrays(tmp_path):
    a = example()
    b = json.loads((EXAMPLES / "extract-reform.json").read_text(encoding="utf-8"))
    lines = tmp_path / "many.jsonl"
    lines.write_text(json.dumps(a, ensure_ascii=False) + "\n\n" + json.dumps(b, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    result = zhize("load", str(lines), "--store", str(tmp_path / "s.db"), cwd=tmp_path)
    assert result.returncode == 0 and "新载入 2 个" in result.stdout, result.stderr


def test_a_read_command_does_not_create_a_mistyped_store(tmp_path):
    typo = tmp_path / "tpyo" / "zhize.db"
    for command in (["stats"], ["search", "采砂"], ["who", "采砂"], ["documents"], ["findings", "list"]):
        one_chinese_line(zhize(*command, "--store", str(typo), cwd=tmp_path), "不存在", str(typo))
    assert not typo.parent.exists()


@pytest.mark.parametrize("tokens, words", [
    ("张三:管理", "ZHIZE_TOKENS"),
    ("张三:管理:short", "令牌太短"),
    ("[{\"user\": 1", "ZHIZE_TOKENS"),
    ("张三:老板:aaaaaaaaaaaaaaaaaaaa", "角色“老板”无效"),
    ("张三:管理:aaaaaaaaaaaaaaaaaaaa;李四:查看:aaaaaaaaaaaaaaaaaaaa", "同一个令牌配给了“张三”"),
])
def test_malformed_tokens_give_one_chinese_line_from_every_command(tmp_path, store, tokens, words):
    for command in (["stats"], ["serve", "--port", "1"]):
        one_chinese_line(zhize(*command, "--store", str(store), cwd=tmp_path, env={"ZHIZE_TOKENS": tokens}), words)


def test_a_full_disk_during_ingest_is_one_line_and_leaves_whole_documents(tmp_path, store, monkeypatch, capsys):
    """In process, with SQLite's own limit on the file's size standing in for a full disk."""
    from zhize.api import cli
    from zhize.graph.sqlite import db

    real, pages = db.connect, _pages(store)

    def small_disk(path, *, read_only=False):
        con = real(path, read_only=read_only)
        con.execute(f"PRAGMA max_page_count = {pages + 2}")
        return con

    monkeypatch.setattr(db, "connect", small_disk)
    big = example()
    big["duties"] = [dict(big["duties"][0], text=f"负责第{i}项测试工作。" * 20) for i in range(3000)]
    big["document"]["sha256"] = hashlib.sha256(b"big").hexdigest()
    big["document"]["chars"] = None
    path = tmp_path / "big.json"
    path.write_text(json.dumps(big, ensure_ascii=False), encoding="utf-8")
    before = stats(store, tmp_path)
    monkeypatch.setattr(sys, "argv", ["zhize", "load", str(path), "--store", str(store)])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    err = capsys.readouterr().err
    assert exit_.value.code == 1 and err.strip().splitlines() == [err.strip()]
    assert "磁盘已满" in err and "transaction" not in err
    monkeypatch.setattr(db, "connect", real)
    assert stats(store, tmp_path) == before


def _pages(path: Path) -> int:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA page_count").fetchone()[0]
    finally:
        con.close()


def test_a_corrupt_search_index_is_rebuilt_with_one_warning(tmp_path, store):
    expected = zhize("search", "改革", "--store", str(store), "--json", cwd=tmp_path)
    index = Path(str(store) + ".search")
    index.write_bytes(os.urandom(32 * 1024))
    result = zhize("search", "改革", "--store", str(store), "--json", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout) == json.loads(expected.stdout)
    [warning] = result.stderr.strip().splitlines()
    assert "已损坏" in warning and "重新建立索引" in warning
    again = zhize("search", "改革", "--store", str(store), "--json", cwd=tmp_path)
    assert again.stderr == "" and json.loads(again.stdout) == json.loads(expected.stdout)


def unprivileged() -> tuple[str, ...]:
    """Run as this user without the right to override file permissions (root has it)."""
    if os.geteuid() != 0:
        return ()
    if not shutil.which("setpriv"):
        pytest.skip("以 root 运行且没有 setpriv：无法模拟只读文件")
    return ("setpriv", "--bounding-set=-dac_override,-dac_read_search")


def test_a_read_only_store_is_read_only_for_reading_commands(tmp_path, store):
    expected = zhize("search", "改革", "--store", str(store), "--json", cwd=tmp_path).stdout
    Path(str(store) + ".search").unlink()  # and no index either: search is still complete
    for f in tmp_path.iterdir():
        f.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        prefix = unprivileged()
        found = zhize("search", "改革", "--store", str(store), "--json", cwd=tmp_path, prefix=prefix)
        assert found.returncode == 0 and found.stdout == expected, found.stderr
        assert zhize("stats", "--store", str(store), cwd=tmp_path, prefix=prefix).returncode == 0
        one_chinese_line(zhize("task", "add", "测试任务", "--store", str(store), cwd=tmp_path, prefix=prefix), "只读")
    finally:
        tmp_path.chmod(0o755)


def test_a_read_only_store_serves_its_pages(tmp_path, store):
    import time

    import httpx

    from tests.api.server import free_port

    for f in tmp_path.iterdir():
        f.chmod(0o444)
    tmp_path.chmod(0o555)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHIZE_TOKENS")}
    process = subprocess.Popen([*unprivileged(), sys.executable, "-c", "from zhize.api.cli import main; main()",
                                "serve", "--port", str(port), "--store", str(store)], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url + "/api/health", timeout=5)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, process.communicate()
                time.sleep(0.2)
        with httpx.Client(base_url=url, timeout=30, follow_redirects=True) as c:
            assert c.get("/api/stats").json()["documents"] == 1
            assert c.get("/documents", headers={"Accept": "text/html"}).status_code == 200
            assert c.get("/reforms", headers={"Accept": "text/html"}).status_code == 200
            refused = c.post("/api/check")
            assert refused.status_code == 503 and "只读" in refused.json()["detail"]
    finally:
        process.terminate()
        process.wait(timeout=30)
        tmp_path.chmod(0o755)
