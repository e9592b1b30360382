"""Other web pages cannot write through the user's browser, and a rebound host name cannot read
(issue 12, point 2): a real uvicorn server in single-machine mode and in tokens mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api import server

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
EVIL = "http://attacker.example"


def small_store(path: Path) -> Path:
    from zhize.graph.extract_format import read_extract_file
    from zhize.graph.sqlite import SqliteStore

    with SqliteStore(path) as store:
        for example in sorted(EXAMPLES.glob("extract-*.json")):
            store.apply_many(read_extract_file(example))
    return path


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    running = server.start(small_store(tmp_path_factory.mktemp("origin") / "single.db"), tokens=False)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def with_tokens(tmp_path_factory):
    running = server.start(small_store(tmp_path_factory.mktemp("origin") / "tokens.db"))
    yield running
    running.stop()


def upload(client, **headers):
    files = [("files", ("测试.txt", "北沙县测试局职能配置规定\n第一条 测试。".encode(), "text/plain"))]
    return client.post("/api/ingest", files=files, headers=headers)


def documents(running) -> int:
    with running.client("admin") as c:
        return c.get("/api/stats").json()["documents"]


@pytest.mark.parametrize("headers", [{"Origin": EVIL}, {"Referer": EVIL + "/page.html"}, {"Origin": "null"},
                                     {"Sec-Fetch-Site": "cross-site"},
                                     {"Origin": "http://127.0.0.1:1"}])  # another local server's page
def test_cross_site_writes_are_refused_in_single_machine_mode(single, headers):
    before = documents(single)
    with single.client() as c:
        r = upload(c, **headers)
        assert r.status_code == 403 and "拒绝操作" in r.json()["detail"]
        assert c.post("/api/check", headers=headers).status_code == 403
    assert documents(single) == before


def test_the_servers_own_pages_and_tools_may_write(single):
    with single.client() as c:
        own = upload(c, Origin=single.url)
        assert own.status_code == 200, own.text
        assert c.post("/api/check", headers={"Referer": single.url + "/findings"}).status_code == 200
        assert c.post("/api/check").status_code == 200  # curl, a script: no Origin, no Referer


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "192.168.1.20:8000", "[::2]"])
def test_a_host_that_is_not_loopback_is_refused_in_single_machine_mode(single, host):
    with single.client() as c:
        for path in ("/api/stats", "/api/who?q=采砂", "/documents", "/"):
            r = c.get(path, headers={"Host": host})
            assert r.status_code == 403 and "不是本机地址" in r.text, path


def test_loopback_names_are_served(single):
    port = single.url.rsplit(":", 1)[1]
    with single.client() as c:
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", "[::1]"):
            assert c.get("/api/stats", headers={"Host": host}).status_code == 200, host


def test_tokens_mode_keeps_its_cookie_and_gains_the_origin_check(with_tokens):
    before = documents(with_tokens)
    with with_tokens.client("admin") as c:
        assert upload(c, Origin=EVIL).status_code == 403
        assert c.get("/api/stats", headers={"Host": "zhize.intranet"}).status_code == 200  # served under any name
        assert upload(c, Origin=with_tokens.url).status_code == 200
    assert documents(with_tokens) == before + 1


def test_a_configured_proxy_origin_is_accepted(tmp_path):
    running = server.start(small_store(tmp_path / "proxy.db"), allowed_origins="https://zhize.intranet")
    try:
        with running.client("admin") as c:
            assert upload(c, Origin="https://zhize.intranet").status_code == 200
            assert upload(c, Origin="https://other.intranet").status_code == 403
    finally:
        running.stop()
