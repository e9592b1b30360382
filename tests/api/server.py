"""A real uvicorn server on loopback for the API and browser tests, over a store of the example corpus.

`corpus_store(path)` ingests examples/corpus into a fresh SQLite file (the same atomic ingest as
`zhize ingest`) and seeds the ledger with a few findings written by hand (so the ledger tests do
not depend on the detectors' output), plus one document whose duty text is hostile HTML (escaping).
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
PLACE = "岚川县"
MARKET = "岚川县市场监督管理局"
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
HOSTILE_PLACE = "测试县"

TOKENS = {
    "admin": ("管理员甲", "管理", "admin-token-0123456789abcdef"),
    "reviewer": ("审核员乙", "审核", "reviewer-token-0123456789abcdef"),
    "viewer": ("查看员丙", "查看", "viewer-token-0123456789abcdef"),
}


def auth(role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[role][2]}"}


def tokens_setting() -> str:
    return ";".join(f"{u}:{r}:{t}" for u, r, t in TOKENS.values())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed_findings(store) -> list[str]:
    from zhize.graph.models import Evidence, Finding, Severity
    from zhize.graph.schema import finding_id

    def finding(detector: str, kind: str, departments: list[str], matter: str, message: str) -> Finding:
        return Finding(id=finding_id(detector, PLACE, departments, matter), detector=detector, kind=kind,
                       severity=Severity.MEDIUM, confidence=0.8, jurisdiction=PLACE, departments=departments,
                       matter=matter, message=message,
                       evidence=[Evidence(document="0" * 64, document_title="示例依据", clause="第三条（一）",
                                          quote=f"关于{matter}的条款", department=departments[0])])

    findings = [
        finding("OVL001", "职责交叉", [MARKET, "岚川县农业农村局"], "食用农产品",
                "两个部门都牵头食用农产品质量安全监管，建议在三定“有关职责分工”中明确牵头部门。"),
        finding("BPR001", "无牵头", ["岚川县民政局", "岚川县卫生健康局"], "留守老年人关爱服务",
                "多个部门参与留守老年人关爱服务，但没有牵头部门。"),
        finding("GAP001", "划转未落地", ["岚川县卫生健康局"], "老龄工作",
                "改革方案将老龄工作划入县卫生健康局，但其三定中没有相应职责。"),
    ]
    store.record_check(PLACE, findings, actor="测试", at=datetime(2024, 1, 1, tzinfo=timezone.utc))
    return [f.id for f in findings]


def hostile_extract():
    from zhize.graph.records import Extract

    name = HOSTILE_PLACE + "测试局"
    return Extract.model_validate({
        "document": {"sha256": "e" * 64, "kind": "三定", "title": "测试县测试局职能配置规定", "jurisdiction": HOSTILE_PLACE,
                     "issue_date": "2019-01-01", "subject": name},
        "departments": [{"name": name}],
        "duties": [{"department": name, "text": "负责转义检查。" + HOSTILE, "role": "lead", "clause": "第三条（一）"}],
    })


def corpus_store(path: Path, seed: bool = True) -> None:
    from zhize.graph.sqlite import SqliteStore
    from zhize.ingest.batch import collect, ingest

    store = SqliteStore(path)
    try:
        summary = ingest(store, collect([CORPUS]))
        assert not summary.failed, summary.failed
        store.apply(hostile_extract())
        if seed:
            seed_findings(store)
    finally:
        store.close()


@dataclass
class Running:
    url: str
    server: uvicorn.Server
    thread: threading.Thread
    store: str

    def client(self, role: str | None = None, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.url, headers=auth(role) if role else {}, timeout=60, **kw)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def start(store: str | Path, *, tokens: bool = True, **settings) -> Running:
    """uvicorn in a thread, serving `create_app` on a free loopback port; returns once it accepts."""
    from zhize.api.app import create_app
    from zhize.api.settings import Settings

    port = free_port()
    options = {"store": str(store), "host": "127.0.0.1", "port": port, "refresh_seconds": 0, **settings}
    if tokens:
        options["tokens"] = tokens_setting()
    app = create_app(Settings(**options))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("测试服务没有启动")
        time.sleep(0.05)
    return Running(f"http://127.0.0.1:{port}", server, thread, str(store))


def today() -> date:
    return date.today()
