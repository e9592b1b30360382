"""Reform events from the text of a 机构改革方案 / 实施意见 (docs/domain.md, The reform plan).

A plan is written in a few fixed sentence shapes, often several in one paragraph or sentence.
The package reads it in layers:

- `phrasings`  the wordings, as data, each entry with an example of what it reads;
- `names`      whether a slot has the shape of a department name (no invented departments);
- `sentences`  the sentence view: lines joined and outline paths from `ingest.outline`, clauses;
- `state`      names resolved through the `NameBook`, what the current item is about, the output;
- `sources`    a list of sources (departments, each group with its duty);
- `transfers`  one function per shape that moves duties (将…划入, 由…移交, 以…为基础, 从…划出,
               colon lists, partial transfers);
- `bodies`     one function per shape about bodies (组建, 撤销, 挂牌, 更名, 合署, 类型);
- `tasks`      non-events (prohibitions, permissions, boilerplate, news leads) and new tasks;
- `tables`     tables of transfers (序号｜职责事项｜划出部门｜划入部门);
- `reader`     the order in which shapes are tried;
- `assemble`   records: events deduplicated, remainders, the departments the plan names.

Conventions, as in the hand-annotated gold (examples/gold/2019-fangan-jigougaige.json):

- an event's ``text`` is the clauses it was read from (the whole sentence for a 整合…组建 merge),
  with the sentence's closing 。 when they end the sentence; ``span`` points at exactly that text;
- ``clause`` is the outline path: 三（一） for item （一） under section 三、, 一（一）4 for its
  sub-item 4., 三表第7行 for row 7 of a table in section 三;
- ``duty`` is the wording between 的 and the verb, with a shared tail distributed and a trailing
  等 dropped; a list of matters sharing one kind of work keeps its wording and has the items
  written out after it in brackets (市政公用设施和园林绿化管理职责（市政公用设施管理、园林绿化管理）,
  `sources.shared_tail`); a source giving all its duties (的职责, 职责（…除外）) is a ``merge``
  (duty None, or the wording when it has an exception), anything narrower a ``transfer``;
- a body ends (``abolish``) when the plan says so (不再保留, 撤销, 不再单独设置), when it is merged
  itself (县档案局并入县委办公室), or when all its duties go (的职责整体划入, 由Y整体承接) and the
  plan does not keep it (保留X); a body whose duties are only listed in a 整合…组建 sentence goes on;
- a transfer's ``matters`` come from ``ingest.matters``; a generic duty (行政职能, 日常工作) is read
  together with its source's portfolio (县档案局 → 档案);
- a partial transfer (县甲局原承担X和Y两项职责，其中X职责划入县乙局) keeps what stays in
  ``detail["remainder"]``; a task with no department (建立……机制) is a ``new_task``;
- 整合 into something that is not a department (设立 12345 热线) gives transfers with no target;
- a sentence that looks like an event but cannot be read becomes a ``reform.unparsed`` warning
  (``reform.no_receiver`` for duties merged into something that is no department), never an
  exception;
- ``departments`` lists every department the events name, plus those the plan gives a type, with
  the forms seen in the text as aliases and the plaques of the plaque events.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhize.graph.records import DepartmentRecord, EventRecord, ExtractWarning
from zhize.ingest.names import NameBook, find_parents
from zhize.ingest.reform.names import town_upper, township, valid_name
from zhize.ingest.reform.phrasings import (
    ABOLISH_AFTER,
    ABOLISH_VERBS,
    COLOCATE_VERBS,
    CREATE_VERBS,
    MERGE_CREATES,
    MERGE_VERBS,
    PLAQUE_VERBS,
    RENAME_VERBS,
    TRANSFER_VERBS,
    TYPE_CHANGE_VERBS,
    Verb,
)
from zhize.ingest.reform.tables import join_cells

__all__ = [
    "ABOLISH_AFTER",
    "ABOLISH_VERBS",
    "COLOCATE_VERBS",
    "CREATE_VERBS",
    "MERGE_CREATES",
    "MERGE_VERBS",
    "PLAQUE_VERBS",
    "RENAME_VERBS",
    "TRANSFER_VERBS",
    "TYPE_CHANGE_VERBS",
    "ReformParts",
    "Verb",
    "extract_reform",
    "join_cells",
    "valid_name",
]


@dataclass(frozen=True)
class ReformParts:
    events: list[EventRecord]
    departments: list[DepartmentRecord]
    warnings: list[ExtractWarning]


def extract_reform(text: str, *, jurisdiction: str, book: NameBook | None = None) -> ReformParts:
    """Events, the departments they name and warnings, from the normalised text of a reform plan."""
    from zhize.ingest.reform.assemble import records
    from zhize.ingest.reform.reader import read
    from zhize.ingest.reform.state import Plan

    if book is None:
        book = NameBook(jurisdiction, parents=find_parents(text, jurisdiction))
    plan = Plan(text, jurisdiction, book, township(text), town_upper(text))
    read(plan)
    events, departments = records(plan)
    return ReformParts(events, departments, plan.warnings)
