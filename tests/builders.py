"""Small builders for `zhize.extract/1` records used across tests (fictional 岚川县)."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from zhize.graph.records import Extract

COUNTY = "岚川县"


def full(name: str, jurisdiction: str = COUNTY) -> str:
    return name if name.startswith(jurisdiction) else jurisdiction + name


def _finish(body: dict) -> Extract:
    """Give the document a sha256 derived from its content, so other content means another id."""
    digest = hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()
    body["document"]["sha256"] = digest
    return Extract.model_validate(body)


def sanding(department: str, issued: str | None, duties: list[tuple], *, jurisdiction: str = COUNTY,
            units: dict[str, list[tuple]] | None = None, boundaries: list[dict] | None = None,
            others: list[str] = (), aliases: list[str] = (), plaques: list[str] = (), source: str | None = None,
            rank: str = "正科级", administrative: int | None = None) -> Extract:
    """A 三定 for `department`. duties: (text, role, [matter keys]) main items."""
    dep = full(department, jurisdiction)
    names = [dep] + [full(o, jurisdiction) for o in others]
    body: dict = {
        "format": "zhize.extract/1",
        "document": {"sha256": "0" * 64, "kind": "三定", "title": f"{dep}职能配置、内设机构和人员编制规定",
                     "jurisdiction": jurisdiction, "issue_date": issued, "subject": dep, "source": source},
        "departments": [{"name": dep, "aliases": list(aliases), "plaques": list(plaques), "rank": rank,
                         "type": "县人民政府工作部门"}] + [{"name": n} for n in names[1:]],
        "units": [], "duties": [], "boundaries": [], "staffing": [], "events": [],
    }
    for i, (text, role, matters) in enumerate(duties):
        body["duties"].append(_duty(dep, text, role, matters, f"第三条（{i + 1}）"))
    for u, (unit, unit_duties) in enumerate((units or {}).items()):
        body["units"].append({"department": dep, "name": unit, "clause": f"第四条（{u + 1}）"})
        for text, role, matters in unit_duties:
            body["duties"].append({**_duty(dep, text, role, matters, f"第四条（{u + 1}）"), "unit": unit,
                                   "section": "unit"})
    for b in boundaries or []:
        body["boundaries"].append({"departments": [full(d, jurisdiction) for d in b["departments"]],
                                   "matter": {"key": b["matter"], "text": b["matter"]},
                                   "shares": [{"department": full(d, jurisdiction), "does": does, "role": "lead"}
                                              for d, does in b.get("shares", [])],
                                   "text": b.get("text", ""), "clause": "第三条（九）"})
    if administrative is not None:
        body["staffing"].append({"department": dep, "administrative": administrative,
                                 "leaders": [{"title": "局长", "count": 1}, {"title": "副局长", "count": 2}],
                                 "clause": "第五条"})
    return _finish(body)


def _duty(dep: str, text: str, role: str, matters: list[str], clause: str) -> dict:
    return {"department": dep, "text": text, "role": role, "clause": clause, "section": "main",
            "matters": [{"key": m, "text": m} for m in matters]}


def reform(issued: str | None, events: list[dict], *, jurisdiction: str = COUNTY, title: str | None = None,
           source: str | None = None) -> Extract:
    """A reform plan. events: dicts with kind, sources, target, duty, matters (short names allowed)."""
    names: dict[str, None] = {}
    rows = []
    for i, e in enumerate(events):
        sources = [full(s, jurisdiction) for s in e.get("sources", [])]
        target = full(e["target"], jurisdiction) if e.get("target") else None
        names.update(dict.fromkeys(sources + ([target] if target else [])))
        rows.append({"kind": e["kind"], "sources": sources, "target": target, "duty": e.get("duty"),
                     "matters": [{"key": m, "text": m} for m in e.get("matters", [])],
                     "detail": e.get("detail", {}), "text": e.get("text", ""), "clause": f"二、（{i + 1}）"})
    body = {"format": "zhize.extract/1",
            "document": {"sha256": "0" * 64, "kind": "改革方案", "title": title or f"{jurisdiction}机构改革方案",
                         "jurisdiction": jurisdiction, "issue_date": issued, "source": source},
            "departments": [{"name": n} for n in names], "events": rows}
    return _finish(body)


def day(text: str) -> date:
    return date.fromisoformat(text)
