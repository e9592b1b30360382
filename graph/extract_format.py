"""Reading and writing the `zhize.extract/1` JSON format, with Chinese errors that name the file
and the field. A file holds one extract object, a JSON array of them, or JSON Lines."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from zhize.graph.errors import InputError, unreadable
from zhize.graph.records import FORMAT, Extract

SCHEMA_ID = "https://zhize.example/schema/zhize.extract-1.schema.json"

_PYDANTIC_MESSAGES = {
    "missing": "缺少必填字段",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "string_pattern_mismatch": "格式不正确",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_parsing_size": "整数位数过多",
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
    "int_from_float": "应为整数",
    "string_too_long": "太长",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD）",
    "date_future": "日期不正确",
    "union_tag_invalid": "取值不在允许范围内",
    "frozen_instance": "不可修改",
    "recursion_loop": "嵌套层数太多",
    "json_invalid": "不是有效的 JSON",
}


def field_path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(整个对象)"


def describe(err: ValidationError) -> tuple[str, str]:
    """The first problem of a validation error as (field path, Chinese message). pydantic's own
    (English) message is never shown: a type with no Chinese entry gets a general one."""
    first = err.errors()[0]
    where = field_path(tuple(first["loc"]))
    kind, ctx = first["type"], first.get("ctx") or {}
    if kind in ("less_than_equal", "less_than"):
        return where, f"超出允许的最大值 {ctx.get('le', ctx.get('lt'))}"
    if kind == "value_error":
        message = str(ctx.get("error") or "")
        return where, message if _is_chinese(message) else "取值不正确"
    return where, _PYDANTIC_MESSAGES.get(kind) or "取值不正确"


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def parse_extract(obj: Any, *, file: str, index: int | None = None) -> Extract:
    prefix = f"第 {index + 1} 个对象的" if index is not None else ""
    if not isinstance(obj, dict):
        raise InputError(f"{prefix}内容应为 JSON 对象", file=file)
    version = obj.get("format")
    if version != FORMAT:
        shown = json.dumps(version, ensure_ascii=False)[:60]  # the file's own text: quoted, escaped, short
        raise InputError(f"{prefix}格式版本 {shown} 无法识别，本程序只读取 {FORMAT}", file=file,
                         where=f"{prefix}format")
    try:
        return Extract.model_validate(obj)
    except ValidationError as err:
        where, message = describe(err)
        raise InputError(message, file=file, where=f"{prefix}字段 {where}") from None


def decode_json(text: str, *, file: str) -> list[Any]:
    """Every top-level value of a JSON text (see `JsonStream`)."""
    return [value for value, _ in JsonStream(io.BytesIO(text.encode("utf-8")), file=file).values()]


# json's own messages, for the user in Chinese (the prefix of each message is enough to know it).
_JSON_MESSAGES = (
    ("Expecting value", "此处应有一个值"),
    ("Expecting ',' delimiter", "缺少逗号"),
    ("Expecting ':' delimiter", "缺少冒号"),
    ("Expecting property name", "对象的键应写在双引号中"),
    ("Unterminated string", "字符串缺少结束的引号"),
    ("Invalid control character", "字符串中有未转义的控制字符"),
    ("Invalid \\uXXXX escape", "无效的 \\u 转义"),
    ("Invalid \\escape", "无效的转义序列"),
    ("Extra data", "有多余的内容"),
)
# A decoding error this close to the end of what has been read may only mean the value goes on
# in the part not read yet (`tr` of `true`, a cut `\u12` escape).
_TAIL = 8
CHUNK = 1 << 20


def json_message(msg: str) -> str:
    return next((zh for en, zh in _JSON_MESSAGES if msg.startswith(en)), "格式不正确")


class JsonStream:
    """The top-level values of a JSON file, one at a time: one value, a JSON array of values, or
    values one after another (JSON Lines). Only the text of the value being decoded is held, so a
    file of any size is read in constant memory; a bad byte, a syntax error, nesting too deep for
    the decoder or an integer too long to convert raise `InputError` with the line and column."""

    def __init__(self, handle: BinaryIO, *, file: str):
        self._handle, self._file = handle, file
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._json = json.JSONDecoder()
        self._buf, self._pos, self._eof = "", 0, False
        self._bytes = 0  # bytes read so far
        self._line, self._column = 1, 1  # of the buffer's first character
        self._started = False

    def values(self) -> Iterator[tuple[Any, bool]]:
        """(value, whether another value follows)."""
        if not self._skip_space():
            raise InputError("文件为空", file=self._file)
        if self._buf[self._pos] != "[":
            while True:
                value = self._decode_one()
                more = self._skip_space()
                yield value, more
                if not more:
                    return
        self._pos += 1
        if self._skip_space() and self._buf[self._pos] == "]":
            self._pos += 1
            return self._expect_end()
        while True:
            if not self._skip_space():
                raise self._error("数组缺少结束的 ]")
            value = self._decode_one()
            if not self._skip_space():
                raise self._error("数组缺少结束的 ]")
            mark = self._buf[self._pos]
            if mark not in ",]":
                raise self._error("缺少逗号")
            self._pos += 1
            yield value, mark == ","
            if mark == "]":
                return self._expect_end()

    def _expect_end(self) -> None:
        if self._skip_space():
            raise self._error("数组之后有多余的内容")

    def _decode_one(self) -> Any:
        while True:
            try:
                value, end = self._json.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as err:
                if self._eof or not self._maybe_cut(err):
                    raise self._error(json_message(err.msg), err.pos) from None
                self._fill()
                continue
            except RecursionError:
                raise self._error("JSON 嵌套层数太多，不是 zhize.extract/1 的内容") from None
            except ValueError:  # an integer of more digits than Python converts
                raise self._error("含有位数过多的整数，不是 zhize.extract/1 的内容") from None
            if end == len(self._buf) and not self._eof:  # a number may go on: 12 of 123
                self._fill()
                continue
            self._pos = end
            return value

    def _maybe_cut(self, err: json.JSONDecodeError) -> bool:
        return err.pos >= len(self._buf) - _TAIL or err.msg.startswith("Unterminated string")

    def _skip_space(self) -> bool:
        """Move past whitespace; False at the end of the file."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in " \t\r\n":
                self._pos += 1
            if self._pos < len(self._buf):
                return True
            if self._eof:
                return False
            self._fill()

    def _fill(self) -> None:
        """Drop what was decoded and read more (at least as much again as is held, so a long
        value is decoded a bounded number of times)."""
        done = self._buf[:self._pos]
        newlines = done.count("\n")
        self._line += newlines
        self._column = len(done) - done.rfind("\n") if newlines else self._column + len(done)
        self._buf, self._pos = self._buf[self._pos:], 0
        chunk = self._handle.read(max(CHUNK, len(self._buf)))
        try:
            text = self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as err:
            raise InputError("不是 UTF-8 编码的 JSON 文件", file=self._file,
                             where=f"第 {self._bytes + err.start} 字节") from None
        self._bytes += len(chunk)
        if not self._started:
            text, self._started = text.removeprefix("\ufeff"), bool(text)
        self._buf += text
        self._eof = not chunk

    def _error(self, message: str, pos: int | None = None) -> InputError:
        pos = self._pos if pos is None else pos
        before = self._buf[:pos]
        newlines = before.count("\n")
        line = self._line + newlines
        column = pos - before.rfind("\n") if newlines else self._column + pos
        return InputError(f"不是有效的 JSON（{message}）", file=self._file, where=f"第 {line} 行第 {column} 列")


def iter_extract_file(path: str | Path) -> Iterator[Extract]:
    """The extracts of a file one at a time, read as a stream. Raises `InputError` at the first
    bad one: to load a file whole or not at all, go through it once to validate, then again."""
    path = Path(path)
    with _open(path) as handle:
        for index, (value, more) in enumerate(JsonStream(handle, file=str(path)).values()):
            numbered = index if (index or more) else None
            yield parse_extract(value, file=str(path), index=numbered)


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as err:
        raise unreadable(path, err) from None


def read_extract_file(path: str | Path) -> list[Extract]:
    """Every extract in the file, all validated before any is returned (so none is loaded if one is bad)."""
    return list(iter_extract_file(path))


def dump_extract(extract: Extract) -> str:
    return extract.model_dump_json(exclude_defaults=False)


def json_schema() -> dict[str, Any]:
    schema = Extract.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": FORMAT, **schema}
