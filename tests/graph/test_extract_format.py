"""The zhize.extract/1 format: schema file, examples, and Chinese errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from zhize.graph.errors import InputError
from zhize.graph.extract_format import json_schema, read_extract_file

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("extract-*.json"))


def test_the_published_schema_is_the_one_the_code_enforces():
    published = json.loads((ROOT / "docs" / "zhize.extract-1.schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(), "run: zhize schema -o docs/zhize.extract-1.schema.json"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_examples_are_valid_against_the_schema_and_load(example):
    data = json.loads(example.read_text(encoding="utf-8"))
    jsonschema.validate(data, json_schema())
    [extract] = read_extract_file(example)
    assert extract.document.jurisdiction == "岚川县"


def test_there_are_examples_of_both_kinds():
    kinds = {read_extract_file(p)[0].document.kind for p in EXAMPLES}
    assert kinds == {"三定", "改革方案"}


def _write(tmp_path, content) -> Path:
    path = tmp_path / "input.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False),
                    encoding="utf-8")
    return path


def _example() -> dict:
    return json.loads((ROOT / "docs" / "examples" / "extract-sanding.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("mutate, field, words", [
    (lambda d: d.update(format="zhize.extract/9"), "format", "zhize.extract/9"),
    (lambda d: d["duties"][1].pop("department"), "duties[1].department", "缺少必填字段"),
    (lambda d: d["duties"][0].update(department="岚川县无名局"), "duties[0].department", "未在 departments 中声明"),
    (lambda d: d["duties"][-1].update(department="岚川县无名局"), "duties[", "未在 departments 中声明"),
    (lambda d: d["events"].append({"kind": "abolish", "sources": ["岚川县无名局"], "text": "撤销。", "clause": "一",
                                   "span": [0, 3]}), "events[", "未在 departments 中声明"),
    (lambda d: d["duties"][-1].update(unit="无名股"), "duties[", "未在 units 中声明"),
    (lambda d: d["document"].update(issue_date="2019-13-01"), "document.issue_date", "日期"),
    (lambda d: d["document"].update(sha256="xyz"), "document.sha256", "格式不正确"),
    (lambda d: d["duties"][0].update(role="boss"), "duties[0].role", "取值不在允许范围内"),
    (lambda d: d["duties"][0].update(span=[900, 3000]), "duties[0].span", "超出文档长度"),
    (lambda d: d["duties"][0].update(span=[9, 3]), "duties[0]", "结束位置小于开始位置"),
    (lambda d: d["units"].append(d["units"][0]), "units[2]", "重复声明"),
    (lambda d: d["boundaries"][0].update(departments=["岚川县市场监督管理局"]), "boundaries[0].departments", "元素太少"),
    (lambda d: d.update(extra=1), "extra", "未定义的字段"),
])
def test_bad_records_get_a_chinese_error_naming_file_and_field(tmp_path, mutate, field, words):
    data = _example()
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(InputError) as err:
        read_extract_file(path)
    message = str(err.value)
    assert str(path) in message and words in message
    assert field.split("[")[0] in message


@pytest.mark.parametrize("content, words", [
    ('{"format": "zhize.extract/1", ', "不是有效的 JSON"),
    ("", "文件为空"),
    ("[1, 2]", "应为 JSON 对象"),
])
def test_malformed_files_are_reported_with_their_position(tmp_path, content, words):
    path = _write(tmp_path, content)
    with pytest.raises(InputError, match=words) as err:
        read_extract_file(path)
    assert str(path) in str(err.value)


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(InputError, match="文件不存在"):
        read_extract_file(tmp_path / "nope.json")


def test_arrays_and_json_lines_hold_several_documents(tmp_path):
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES[:2])
    assert len(read_extract_file(_write(tmp_path, [a, b]))) == 2
    lines = json.dumps(a, ensure_ascii=False) + "\n" + json.dumps(b, ensure_ascii=False) + "\n"
    assert len(read_extract_file(_write(tmp_path, lines))) == 2


def test_one_bad_document_in_a_file_stops_the_whole_file(tmp_path):
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES[:2])
    b["document"].pop("title")
    with pytest.raises(InputError, match="第 2 个对象"):
        read_extract_file(_write(tmp_path, [a, b]))
