"""Browser tests: Playwright driving Debian's chromium (headless) against a real server on loopback.

Browsers cannot be downloaded here, so Playwright is pointed at /usr/bin/chromium (`apt-get install
chromium`; CI installs it). Screenshots of every page go to test-artifacts/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.api import server

CHROMIUM = Path(os.environ.get("ZHIZE_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = server.ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "corpus.db"
    server.corpus_store(path)
    running = server.start(path)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"没有找到 {CHROMIUM}：浏览器测试需要 Debian 的 chromium（apt-get install -y chromium）")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page_as(browser, site):
    """page_as(role): a fresh browser context logged in through the login page with that role's token."""
    contexts = []

    def open_as(role: str | None):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.outside = []  # requests that left this server
        page.errors = []
        page.on("request", lambda r: r.url.startswith(site.url) or r.url.startswith("data:")
                or page.outside.append(r.url))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        if role:
            page.goto(site.url + "/login")
            page.fill("input[name=token]", server.TOKENS[role][2])
            page.click("#login button[type=submit]")
            page.wait_for_url(site.url + "/")
        return page

    yield open_as
    for context in contexts:
        context.close()


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
