"""Hostile and unlucky inputs for every reader and for `zhize load`, as hypothesis strategies, and
runners that say whether a case ended in anything but Zhize's own one-line error (a traceback).

Cases are random bytes, or real files mutated: bytes flipped, inserted, deleted, cut off,
repeated; inside a .docx the XML parts are mutated and the archive rebuilt; a JSON extract has
values replaced by random JSON, nesting piled up, integers blown up. Seeds are the example
corpus (fictional 岚川县) and the extract examples, text re-encoded in several encodings.

Used by tests/ingest/test_fuzz.py (a few hundred cases) and bench/fuzz_inputs.py (10,000).
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback
import zipfile
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
EXAMPLES = ROOT / "docs" / "examples"
FORMATS = ("txt", "md", "html", "docx", "pdf", "json")
TEXT_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-32")


@cache
def seeds(fmt: str) -> tuple[bytes, ...]:
    if fmt == "txt":
        text = (CORPUS / "2019-sanding-shuili.txt").read_text(encoding="utf-8")
        return tuple(text[:3000].encode(e) for e in TEXT_ENCODINGS) + (text.encode(),) + tuple(
            p.read_bytes() for p in sorted(CORPUS.glob("*.txt"))[:6])
    if fmt == "json":
        objects = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("extract-*.json"))]
        lines = "\n".join(json.dumps(json.loads(o), ensure_ascii=False) for o in objects)
        return (*(o.encode() for o in objects), lines.encode(), ("[" + ",".join(objects) + "]").encode())
    suffix = {"md": ".md", "html": ".html", "docx": ".docx", "pdf": ".pdf"}[fmt]
    return tuple(p.read_bytes() for p in sorted(CORPUS.glob("*" + suffix)))


# -- byte mutations ------------------------------------------------------------------------------

@st.composite
def mutated_bytes(draw, data: bytes, max_steps: int = 6) -> bytes:
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, max_steps))):
        op = draw(st.sampled_from(("flip", "insert", "delete", "cut", "repeat", "interesting")))
        at = draw(st.integers(0, len(buf)))
        if op == "flip" and buf:
            buf[min(at, len(buf) - 1)] = draw(st.integers(0, 255))
        elif op == "insert":
            buf[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del buf[at:at + draw(st.integers(1, 256))]
        elif op == "cut":
            del buf[at:]
        elif op == "repeat" and buf:
            chunk = bytes(buf[at:at + draw(st.integers(1, 512))])
            buf[at:at] = chunk * draw(st.integers(1, 50))
        elif op == "interesting":
            buf[at:at] = draw(st.sampled_from((b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", "第一条".encode(),
                                               "（一）".encode(), b"<", b"&#0;", b"%PDF-1.7", b"\xe4\xb8")))
    return bytes(buf)


@st.composite
def mutated_docx(draw, data: bytes) -> bytes:
    """The archive rebuilt with one of its parts mutated (so the XML, not the zip, is attacked)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    target = draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            part = source.read(name)
            z.writestr(name, draw(mutated_bytes(part)) if name == target else part)
    return out.getvalue()


TEXT_PIECES = ("第一条", "第三条", "（一）", "（十二）", "1．", "主要职责", "内设机构", "人员编制", "行政编制", "名",
               "负责", "牵头", "配合", "将", "的", "职责划入", "组建", "不再保留", "挂", "牌子", "县", "局", "。", "；",
               "，", "：", "\n", "\u3000", " ", "《", "》", "\u2f00", "\u200b", "9" * 30, "年", "月", "日", "〇")


@st.composite
def mutated_text(draw, data: bytes) -> bytes:
    """The seed's text edited where a messy page differs (numbering, markers, names, spaces, line
    breaks, very long lines and numbers), then written in one of several encodings."""
    text = data.decode("utf-8", errors="replace")
    for _ in range(draw(st.integers(1, 10))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(("insert", "delete", "repeat", "join_lines")))
        if op == "insert":
            text = text[:at] + "".join(draw(st.lists(st.sampled_from(TEXT_PIECES) | st.text(max_size=5),
                                                     max_size=8))) + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 200)):]
        elif op == "repeat":
            text = text[:at] + text[at:at + draw(st.integers(1, 400))] * draw(st.integers(1, 30)) + text[at:]
        else:
            text = text[:at] + text[at:].replace("\n", "", draw(st.integers(1, 50)))
    return text.encode(draw(st.sampled_from(TEXT_ENCODINGS)), errors="replace")


# -- JSON mutations ------------------------------------------------------------------------------

JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=2**62, max_value=2**80),
                        st.floats(allow_nan=True), st.text(max_size=30), st.sampled_from(["", "三定", "lead", "第三条"]))
JSON_VALUES = st.recursive(JSON_LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                                st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                           max_leaves=12)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*path, i))


def _at(value, path):
    for key in path:
        value = value[key]
    return value


def _alike(draw, old):
    if isinstance(old, bool) or old is None:
        return draw(st.sampled_from((True, False, None)))
    if isinstance(old, int):
        return draw(st.integers(-3, 50) | st.integers(0, 2**70))
    if isinstance(old, str):
        return draw(st.text(max_size=40) | st.sampled_from(("", old * 20, old[::-1], "第三条（一）", "2019-02-30")))
    if isinstance(old, list):
        return old + old[:1] if draw(st.booleans()) else old[1:]
    if isinstance(old, dict):
        return {k: v for k, v in old.items() if draw(st.booleans())}
    return draw(JSON_LEAVES)  # a float: anything


def _replace(value, path, new):
    if not path:
        return new
    head, *rest = path
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = _replace(value[head], rest, new)
    return copy


@st.composite
def mutated_json(draw, data: bytes) -> bytes:
    try:
        value = json.loads(data)
    except ValueError:
        return draw(mutated_bytes(data))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(_paths(value))))
        kind = draw(st.sampled_from(("alike", "alike", "alike", "value", "deep", "digits", "drop")))
        if kind == "alike":  # a value of the same type: more cases get past validation into the store
            new = _alike(draw, _at(value, path))
        elif kind == "value":
            new = draw(JSON_VALUES)
        elif kind == "deep":  # nesting piled up in the middle of the text
            depth = draw(st.integers(50, 3000))
            return data[: len(data) // 2] + b"[" * depth + b"1" + b"]" * depth + data[len(data) // 2:]
        elif kind == "digits":
            return data.replace(b"1", b"9" * draw(st.integers(20, 6000)), 1)
        else:
            new = None
        value = _replace(value, path, new)
    return json.dumps(value, ensure_ascii=draw(st.booleans())).encode("utf-8")


def cases(fmt: str) -> st.SearchStrategy[bytes]:
    """Random bytes, or a seed of the format mutated."""
    seed = st.sampled_from(seeds(fmt))
    structural = {"docx": mutated_docx, "json": mutated_json, "txt": mutated_text, "md": mutated_text,
                  "html": mutated_text}.get(fmt)
    options = [st.binary(max_size=4096), seed.flatmap(mutated_bytes)]
    if structural:  # most cases: mutations that keep the file readable get further in
        options += [seed.flatmap(structural)] * 3
    return st.one_of(*options)


# -- runners -------------------------------------------------------------------------------------

SUFFIX = {"txt": ".txt", "md": ".md", "html": ".html", "docx": ".docx", "pdf": ".pdf", "json": ".json"}


OUTCOMES = ("read", "refused")  # anything else a runner returns describes a failure


def run_reader(fmt: str, data: bytes, folder: Path) -> str:
    """Read and extract one file: "read", "refused" (Zhize's own error), or the traceback."""
    from zhize.graph.errors import ZhizeError
    from zhize.ingest.extract import extract_file

    path = folder / ("case" + SUFFIX[fmt])
    path.write_bytes(data)
    try:
        extract_file(path)
    except ZhizeError:
        return "refused"
    except Exception:
        return traceback.format_exc()
    return "read"


def run_load(data: bytes, folder: Path, store: Path) -> str:
    """`zhize load` of one file in this process: "read" (exit 0), "refused" (exit 1 with one
    Chinese line that is not the last-resort message, the store unchanged), or what went wrong."""
    from zhize.api import cli

    path = folder / "case.json"
    path.write_bytes(data)
    before = _documents(store)
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["zhize", "load", str(path), "--store", str(store)]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            cli.main()
        code = 0
    except SystemExit as done:
        code = done.code or 0
    except BaseException:
        return traceback.format_exc()
    finally:
        sys.argv = argv
    message = err.getvalue().strip()
    if code not in (0, 1) or "Traceback" in message or cli.UNEXPECTED in message:
        return f"exit {code}: {message}"
    if code == 1 and (len(message.splitlines()) != 1 or not message.startswith("错误：")):
        return f"not one line: {message}"
    if code == 1 and _documents(store) != before:
        return "a failed load changed the store"
    return "refused" if code else "read"


def _documents(store: Path) -> int:
    import sqlite3

    if not store.exists():
        return 0
    con = sqlite3.connect(store)
    try:
        return con.execute("SELECT count(*) FROM document").fetchone()[0]
    finally:
        con.close()
