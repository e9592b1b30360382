"""What the Neo4j store derives in Python, with undated documents (runs without a server)."""

from __future__ import annotations

from datetime import date

from zhize.graph.neo4j.assemble import dated
from zhize.graph.neo4j.derive import lifetime, regulation_validity
from zhize.graph.schema import UNDATED_DATE


def test_an_undated_event_starts_and_ends_nothing():
    assert lifetime([UNDATED_DATE], [UNDATED_DATE]) == (None, None)
    assert lifetime([UNDATED_DATE, date(2019, 3, 1)], [UNDATED_DATE]) == (date(2019, 3, 1), None)


def test_an_undated_三定_is_superseded_by_a_dated_one_and_supersedes_nothing():
    regulations = [{"document": "a", "issue_date": UNDATED_DATE}, {"document": "b", "issue_date": UNDATED_DATE},
                   {"document": "c", "issue_date": date(2021, 3, 1)}]
    assert regulation_validity(regulations, None) == {"a": date(2021, 3, 1), "b": date(2021, 3, 1), "c": None}


def test_the_stored_mark_reads_back_as_no_date():
    assert dated(UNDATED_DATE) is None and dated(date(2019, 3, 1)) == date(2019, 3, 1)
