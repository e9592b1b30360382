"""Starting the server: loopback without tokens, refusal elsewhere, tokens from a file, store down → 503."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.api import server
from zhize.api.auth import ConfigError, ensure_safe_binding, is_loopback
from zhize.api.settings import Role, Settings, Token, parse_tokens, read_tokens_file


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.8.0.1", True), ("::1", True),
                                            ("localhost", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                            ("::", False), ("example.org", False)])
def test_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_binding_beyond_loopback_without_tokens_is_refused_with_how_to():
    with pytest.raises(ConfigError) as err:
        ensure_safe_binding("0.0.0.0", [])
    assert "ZHIZE_TOKENS" in str(err.value) and "ZHIZE_TOKENS_FILE" in str(err.value)
    ensure_safe_binding("0.0.0.0", [Token(user="甲", role=Role.ADMIN, token="x" * 20)])


def test_the_serve_command_refuses_too(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHIZE_TOKENS")}
    r = subprocess.run([sys.executable, "-c", "from zhize.api.cli import main; main()", "serve", "--host", "0.0.0.0",
                        "--store", str(tmp_path / "x.db")], capture_output=True, text=True, env=env, cwd=tmp_path,
                       timeout=60)
    assert r.returncode == 1 and "拒绝在 0.0.0.0 上启动" in r.stderr and "Traceback" not in r.stderr


def test_tokens_from_env_text_json_and_file(tmp_path):
    assert parse_tokens("甲:管理:aaaaaaaaaaaaaaaa; 乙:viewer:bbbbbbbbbbbbbbbb")[1] == {
        "user": "乙", "role": "viewer", "token": "bbbbbbbbbbbbbbbb"}
    file = tmp_path / "tokens.toml"
    file.write_text('[[tokens]]\nuser = "丙"\nrole = "审核"\ntoken = "cccccccccccccccc"\n', encoding="utf-8")
    assert read_tokens_file(file) == [Token(user="丙", role=Role.REVIEWER, token="c" * 16)]
    settings = Settings(tokens='[{"user": "丁", "role": "admin", "token": "dddddddddddddddd"}]', tokens_file=file)
    assert [t.user for t in settings.all_tokens()] == ["丁", "丙"]


def test_a_short_token_or_unknown_role_is_refused(tmp_path):
    from zhize.graph.errors import InputError

    file = tmp_path / "tokens.toml"
    file.write_text('[[tokens]]\nuser = "丙"\nrole = "老板"\ntoken = "cccccccccccccccc"\n', encoding="utf-8")
    with pytest.raises(InputError, match="令牌文件"):
        read_tokens_file(file)
    with pytest.raises(ValueError):
        Settings(tokens="甲:管理:short")


def test_token_command_prints_a_usable_line():
    from typer.testing import CliRunner

    from zhize.api.cli import app

    r = CliRunner().invoke(app, ["token", "张三", "--role", "reviewer"])
    assert r.exit_code == 0 and 'ZHIZE_TOKENS="张三:审核:' in r.output


def test_open_mode_on_loopback(corpus_db):
    running = server.start(corpus_db, tokens=False, actor="王五")
    try:
        with running.client() as c:
            assert c.get("/api/whoami").json() == {"user": "王五", "role": "管理", "authenticated": False,
                                                   "open_mode": True}
            assert c.get("/api/stats").status_code == 200
    finally:
        running.stop()


def test_public_reads_with_tokens(corpus_db):
    running = server.start(corpus_db, public_reads=True)
    try:
        with running.client() as c:
            assert c.get("/api/stats").status_code == 200
            fid = c.get("/api/findings").json()["items"][0]["finding"]["id"]
            assert c.post(f"/api/findings/{fid}/transitions", json={"status": "已确认"}).status_code == 401
    finally:
        running.stop()


def test_store_unavailable_is_503_with_a_hint(tmp_path):
    (tmp_path / "a-folder.db").mkdir()
    running = server.start(tmp_path / "a-folder.db")
    try:
        with running.client("viewer") as c:
            r = c.get("/api/stats")
            detail = r.json()["detail"]
            assert r.status_code == 503 and "数据存储暂不可用" in detail and "管理员" in detail
            assert str(tmp_path) not in detail and "ZHIZE_STORE" not in detail  # no server path or setting on the web
    finally:
        running.stop()


def test_a_check_run_records_the_detectors_findings_with_the_actor(tmp_path):
    path = tmp_path / "check.db"
    server.corpus_store(path, seed=False)
    running = server.start(path)
    try:
        with running.client("reviewer") as c, running.client("viewer") as v:
            assert v.post("/api/check").status_code == 403
            [report] = c.post("/api/check", params={"jurisdiction": server.PLACE}).json()
            assert report["jurisdiction"] == server.PLACE and report["new"] > 0 and "新发现" in report["message"]
            found = v.get("/api/findings", params={"limit": 500}).json()["items"]
            assert len(found) == report["new"]
            history = v.get(f"/api/findings/{found[0]['finding']['id']}").json()["history"]
            assert history[0]["actor"] == "审核员乙" and history[0]["to_status"] == "待核实"
            again = c.post("/api/check", params={"jurisdiction": server.PLACE}).json()[0]
            assert again["new"] == 0 and again["seen_again"] == report["new"]
    finally:
        running.stop()
