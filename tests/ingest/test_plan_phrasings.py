"""Our own fictional plans, one per phrasing (tests/ingest/plans): the evaluation's figures on
them, and tables of transfers read from .docx and .html as from text."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from bench.plan_phrasings import FOLDER, score_files, score_folder
from zhize.graph.records import EventKind
from zhize.ingest.extract import extract_file

TABLE_PLAN = FOLDER / "09-lanling-table.txt"


def test_every_phrasing_scores_at_the_targets():
    f = score_folder().figures()
    assert f["pairs"]["F1"] >= 0.95 and f["items"]["share"] >= 0.9, score_folder().misses
    for kind in ("created", "abolished", "plaques", "tasks", "remainders"):
        assert f[kind]["F1"] >= 0.95, (kind, score_folder().misses)


def test_a_plan_of_non_events_has_none():
    extract = extract_file(FOLDER / "08-yuxi-non-events.txt").extract
    assert extract.events == []
    assert not [w for w in extract.warnings if w.code.startswith("reform.")]


def _table_rows(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("序号"))
    rows = []
    end = at + 1
    while end < len(lines) and "｜" in lines[end]:
        rows.append(lines[end].split("｜"))
        end += 1
    return lines[:at], [lines[at].split("｜"), *rows], lines[end:]


def _as_docx(path: Path, text: str) -> Path:
    before, rows, after = _table_rows(text)
    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    for line in after:
        document.add_paragraph(line)
    document.save(path)
    return path


def _as_html(path: Path, text: str) -> Path:
    before, rows, after = _table_rows(text)
    body = "".join(f"<p>{line}</p>" for line in before)
    body += "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</table>"
    body += "".join(f"<p>{line}</p>" for line in after)
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("build, suffix", [(_as_docx, ".docx"), (_as_html, ".html")])
def test_a_table_of_transfers_in_docx_and_html_reads_as_in_text(tmp_path, build, suffix):
    text = TABLE_PLAN.read_text(encoding="utf-8")
    path = build(tmp_path / f"09-lanling-table{suffix}", text)
    expected = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
    figures = score_files([path], expected).figures()
    assert figures["pairs"]["F1"] == 1.0 and figures["items"]["share"] == 1.0
    rows = [e for e in extract_file(path).extract.events if e.kind == EventKind.TRANSFER]
    assert [e.clause for e in rows] == ["二表第1行", "二表第2行", "二表第3行"]


def test_a_table_row_the_prose_already_gives_is_one_event(tmp_path):
    text = TABLE_PLAN.read_text(encoding="utf-8").replace(
        "不再保留区房产管理局。", "不再保留区房产管理局。将区房产管理局的棚户区改造职责划入区城市更新局。")
    path = tmp_path / "09-lanling-table.txt"
    path.write_text(text, encoding="utf-8")
    moved = [e for e in extract_file(path).extract.events if e.kind == EventKind.TRANSFER]
    assert [(e.sources, e.clause) for e in moved if "棚户区" in (e.duty or "")] == [(["兰陵区房产管理局"], "一")]
