"""Screenshots of every page at desk and phone width, to look at.

    python -m bench.screenshots [OUT_DIR]        (default: test-artifacts/screens)

Loads the example county (examples/corpus, 岚川县) into a fresh store, runs the detectors, fills in
one ledger entry as an office would, starts the server on loopback in single-machine mode, and
has Debian's chromium (through Playwright) save a full-page PNG of each page at 1400 px and at
390 px wide: NN-page-1400.png, NN-page-390.png. At 390 px it also reports any page wider than the
screen. Needs /usr/bin/chromium (apt-get install chromium).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote

from tests.api import server

WIDTHS = (1400, 390)
PLACE = server.PLACE


def build_store(path: Path) -> None:
    """The example county, checked, with one entry in rectification (fields filled, past its deadline)."""
    from zhize.graph.ledger import Transition
    from zhize.graph.models import FindingStatus, LedgerFields, RectifyCategory
    from zhize.graph.sqlite import SqliteStore
    from zhize.ingest.batch import collect, ingest
    from zhize.queries.check import run_check

    store = SqliteStore(path)
    try:
        ingest(store, collect([server.CORPUS]))
        run_check(store, actor="编办审核员", jurisdiction=PLACE)
        first = store.findings()[0].finding.id
        store.annotate(first, LedgerFields(responsible_unit="岚川县水利局", measures="修订三定，明确河道采砂分工",
                                           responsible_person="王五", progress="已起草修订稿"), actor="编办审核员")
        store.transition(first, Transition(FindingStatus.CONFIRMED, "已现场核实"), actor="编办审核员")
        store.transition(first, Transition(FindingStatus.RECTIFYING, "限期修订", RectifyCategory.TIME_LIMITED,
                                           date(2026, 1, 31)), actor="编办审核员", at=datetime.now().astimezone())
    finally:
        store.close()


def pages(url: str) -> list[tuple[str, str]]:
    """(name, address) of every page, with the data it is usually opened on."""
    import httpx

    with httpx.Client(base_url=url, timeout=60) as c:
        market = c.get("/api/departments", params={"q": "市场监督", "jurisdiction": PLACE}).json()["items"][0]["id"]
        reform = c.get("/api/reforms", params={"jurisdiction": PLACE}).json()[0]["id"]
        finding = c.get("/api/findings", params={"jurisdiction": PLACE}).json()["items"][0]
    number = finding["number"] or finding["finding"]["id"]
    return [
        ("01-who", f"/who?q={quote('河道采砂')}&jurisdiction={quote(PLACE)}"),
        ("02-who-empty", "/who"),
        ("03-departments", f"/departments?jurisdiction={quote(PLACE)}"),
        ("04-department", f"/departments/{market}"),
        ("05-reform-sankey", f"/reforms/{reform}"),
        ("06-graph", f"/graph?jurisdiction={quote(PLACE)}&department={market}"),
        ("07-findings", f"/findings?jurisdiction={quote(PLACE)}"),
        ("08-finding", f"/findings/{number}"),
        ("09-documents", "/documents"),
        ("10-api-docs", "/api-docs"),
        ("11-login", "/login"),
    ]


def shoot(url: str, out: Path) -> list[str]:
    """Save every page at every width; returns the pages wider than a phone's screen."""
    from playwright.sync_api import sync_playwright

    from tests.web.conftest import ARGS, CHROMIUM

    too_wide = []
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN",
                                          is_mobile=width < 600, has_touch=width < 600)
            page = context.new_page()
            for name, address in pages(url):
                page.goto(url + address)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > width:
                    too_wide.append(f"{name} at {width}px is {wide}px wide")
            context.close()
        browser.close()
    return too_wide


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else server.ROOT / "test-artifacts" / "screens"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "screens.db"
        build_store(path)
        running = server.start(path, tokens=False)
        try:
            too_wide = shoot(running.url, out)
        finally:
            running.stop()
    print(f"screenshots: {len(list(out.glob('*.png')))} files in {out}")
    for line in too_wide:
        print("too wide:", line)
    return 1 if too_wide else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
