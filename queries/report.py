"""The `zhize.findings/1` JSON format of check runs and ledger listings (docs/zhize.findings-1.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from zhize.graph.models import Finding, LedgerEntry
from zhize.queries.check import JurisdictionCheck

FORMAT = "zhize.findings/1"


def finding_json(finding: Finding, entry: LedgerEntry | None = None, *, history: bool = False) -> dict[str, Any]:
    out = finding.model_dump(mode="json")
    if entry is not None:
        out.update({"status": str(entry.status), "category": entry.category and str(entry.category),
                    "deadline": entry.deadline and entry.deadline.isoformat(),
                    "first_seen": entry.first_seen.isoformat(), "last_seen": entry.last_seen.isoformat(),
                    "number": entry.number, "responsible_unit": entry.responsible_unit, "measures": entry.measures,
                    "responsible_person": entry.responsible_person, "progress": entry.progress,
                    "closed_at": entry.closed_at and entry.closed_at.isoformat()})
        if history:
            out["history"] = [h.model_dump(mode="json") for h in entry.history]
    return out


def check_document(runs: list[JurisdictionCheck], entries: dict[str, LedgerEntry], *,
                   generated_at: datetime, at: date) -> dict[str, Any]:
    """What `zhize check --json` prints: per jurisdiction the ledger summary, then the findings."""
    return {
        "format": FORMAT,
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "at": at.isoformat(),
        "checks": [{"jurisdiction": r.jurisdiction, "findings": len(r.findings), **r.summary.model_dump()}
                   for r in runs],
        "findings": [finding_json(f, entries.get(f.id)) for r in runs for f in r.findings],
    }


def ledger_document(entries: list[LedgerEntry], *, generated_at: datetime, history: bool = False) -> dict[str, Any]:
    """What `zhize findings list --json` / `show --json` print."""
    return {
        "format": FORMAT,
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "findings": [finding_json(e.finding, e, history=history) for e in entries],
    }
