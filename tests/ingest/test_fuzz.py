"""Fuzzing every reader and `zhize load` (issue 12, "Done when"): random and mutated inputs never
end in a traceback, only in a document or Zhize's own one-line Chinese error. A few dozen cases
per format here; bench/fuzz_inputs.py runs 10,000."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests import fuzz

FUZZ = settings(max_examples=35, deadline=None, database=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("fmt", [f for f in fuzz.FORMATS if f != "json"])
def test_readers_never_raise_a_traceback(fmt, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"fuzz-{fmt}")

    @FUZZ
    @given(data=fuzz.cases(fmt))
    def run(data: bytes) -> None:
        outcome = fuzz.run_reader(fmt, data, folder)
        assert outcome in fuzz.OUTCOMES, outcome

    run()


def test_load_never_raises_a_traceback_and_never_half_loads(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz-load")
    store = folder / "fuzz.db"

    @settings(FUZZ, max_examples=60)
    @given(data=fuzz.cases("json"))
    def run(data: bytes) -> None:
        outcome = fuzz.run_load(data, folder, store)
        assert outcome in fuzz.OUTCOMES, outcome

    run()


FOUND = {  # inputs the fuzzer found, kept as plain cases (each was a traceback)
    "a title whose department part is empty": (
        ".html", "<p>当前位置：首页&gt;职能配置、内设机构和人员编制规定</p><p>第一条 为做好工作，制定本规定。</p>"),
    "a title line longer than a title may be": (
        ".txt", "北沙县水利局" + "负责河道管理，" * 40 + "职能配置、内设机构和人员编制规定\n第一条 为做好工作，制定本规定。\n"),
}


@pytest.mark.parametrize("case", list(FOUND))
def test_inputs_the_fuzzer_found(case, tmp_path):
    suffix, text = FOUND[case]
    path = tmp_path / ("case" + suffix)
    path.write_text(text, encoding="utf-8")
    assert fuzz.run_reader(suffix.strip("."), path.read_bytes(), tmp_path) in fuzz.OUTCOMES
