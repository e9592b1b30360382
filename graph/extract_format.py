"""Reading and writing the `zhize.extract/1` JSON format, with Chinese errors that name the file
and the field. A file holds one extract object, a JSON array of them, or JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from zhize.graph.errors import InputError
from zhize.graph.records import FORMAT, Extract

SCHEMA_ID = "https://zhize.example/schema/zhize.extract-1.schema.json"

_PYDANTIC_MESSAGES = {
    "missing": "缺少必填字段",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "string_pattern_mismatch": "格式不正确",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "greater_than_equal": "不能为负数",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "enum": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
    "list_type": "应为数组",
    "too_short": "元素太少",
    "tuple_type": "应为 [开始, 结束] 两个整数",
    "too_long": "元素太多",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "extra_forbidden": "是未定义的字段",
    "value_error": "",
}


def field_path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(整个对象)"


def describe(err: ValidationError) -> tuple[str, str]:
    """The first problem of a validation error as (field path, Chinese message)."""
    first = err.errors()[0]
    where = field_path(tuple(first["loc"]))
    message = _PYDANTIC_MESSAGES.get(first["type"])
    if message == "" or message is None:
        message = str(first.get("msg", "")).removeprefix("Value error, ") or "取值不正确"
    return where, message


def parse_extract(obj: Any, *, file: str, index: int | None = None) -> Extract:
    prefix = f"第 {index + 1} 个对象的" if index is not None else ""
    if not isinstance(obj, dict):
        raise InputError(f"{prefix}内容应为 JSON 对象", file=file)
    version = obj.get("format")
    if version != FORMAT:
        raise InputError(f"{prefix}格式版本“{version}”无法识别，本程序只读取 {FORMAT}", file=file,
                         where=f"{prefix}format")
    try:
        return Extract.model_validate(obj)
    except ValidationError as err:
        where, message = describe(err)
        raise InputError(message, file=file, where=f"{prefix}字段 {where}") from None


def decode_json(text: str, *, file: str) -> list[Any]:
    stripped = text.lstrip("\ufeff").strip()
    if not stripped:
        raise InputError("文件为空", file=file)
    try:
        data = json.loads(stripped)
        return data if isinstance(data, list) else [data]
    except json.JSONDecodeError as first_error:
        if "\n" in stripped and stripped.startswith("{"):
            return _decode_json_lines(stripped, file=file)
        raise InputError(f"不是有效的 JSON（{first_error.msg}）", file=file,
                         where=f"第 {first_error.lineno} 行第 {first_error.colno} 列") from None


def _decode_json_lines(text: str, *, file: str) -> list[Any]:
    out = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputError(f"不是有效的 JSON（{e.msg}）", file=file,
                                 where=f"第 {lineno} 行第 {e.colno} 列") from None
    return out


def read_extract_file(path: str | Path) -> list[Extract]:
    """Every extract in the file, all validated before any is returned (so none is loaded if one is bad)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("文件不存在", file=str(path)) from None
    except UnicodeDecodeError as e:
        raise InputError("不是 UTF-8 编码的 JSON 文件", file=str(path), where=f"第 {e.start} 字节") from None
    objects = decode_json(text, file=str(path))
    many = len(objects) > 1
    return [parse_extract(o, file=str(path), index=i if many else None) for i, o in enumerate(objects)]


def dump_extract(extract: Extract) -> str:
    return extract.model_dump_json(exclude_defaults=False)


def json_schema() -> dict[str, Any]:
    schema = Extract.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": FORMAT, **schema}
