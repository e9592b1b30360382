"""Check the hand-annotated gold of the example corpus.

    python examples/check_gold.py                # from the repository root
    python examples/check_gold.py --update-sha   # after rebuilding a corpus file on purpose

For every file in examples/corpus/ there must be examples/gold/<base name>.json, and the other way
round. Each gold file must load with graph.extract_format.read_extract_file, name its corpus file in
document.source, carry the sha256 of that file's bytes, and every duty, boundary and event text
must occur in the document (compared without whitespace, after undoing HTML entities and the
Kangxi radicals of the PDF text layer). Exit status 1 on any problem.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"
GOLD = HERE / "gold"
sys.path.insert(0, str(ROOT))


def document_text(path: Path) -> str | None:
    """The document's text, roughly: good enough to find the gold's quotes in it."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):
        data = path.read_bytes()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("gb18030")
    if suffix in (".html", ".htm"):
        return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))
    if suffix == ".docx":
        try:
            import docx
        except ImportError:
            return None
        d = docx.Document(str(path))
        cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in d.paragraphs] + cells)
    if suffix == ".pdf":
        try:
            import pypdf
        except ImportError:
            return None
        return "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages)
    return None


def squash(text: str) -> str:
    text = "".join(unicodedata.normalize("NFKC", c) if 0x2F00 <= ord(c) <= 0x2FDF else c for c in text)
    text = text.replace("**", "")
    return re.sub(r"[\s\u3000\xa0]", "", text)


def quotes(extract: dict) -> list[tuple[str, str]]:
    out = []
    for i, d in enumerate(extract["duties"]):
        out.append((f"duties[{i}].text", d["text"]))
    for i, b in enumerate(extract["boundaries"]):
        out.append((f"boundaries[{i}].text", b["text"]))
        out += [(f"boundaries[{i}].shares[{k}].does", s["does"]) for k, s in enumerate(b["shares"]) if s["does"]]
    for i, e in enumerate(extract["events"]):
        out.append((f"events[{i}].text", e["text"]))
    for i, u in enumerate(extract["units"]):
        out.append((f"units[{i}].name", u["name"]))
    return out


def main(argv: list[str]) -> int:
    update = "--update-sha" in argv
    from zhize.graph.extract_format import read_extract_file

    problems: list[str] = []
    corpus = {p.name: p for p in sorted(CORPUS.iterdir()) if p.is_file()}
    gold = {p.name: p for p in sorted(GOLD.glob("*.json"))}
    for name in corpus:
        if Path(name).stem + ".json" not in gold:
            problems.append(f"{name}: no gold file")
    for gname, gpath in gold.items():
        raw = json.loads(gpath.read_text(encoding="utf-8"))
        source = raw["document"].get("source")
        if source not in corpus or Path(source).stem + ".json" != gname:
            problems.append(f"{gname}: document.source {source!r} does not name its corpus file")
            continue
        digest = hashlib.sha256(corpus[source].read_bytes()).hexdigest()
        if raw["document"]["sha256"] != digest:
            if update:
                raw["document"]["sha256"] = digest
                gpath.write_text(json.dumps(raw, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                print(f"{gname}: sha256 updated")
            else:
                problems.append(f"{gname}: sha256 does not match {source}")
        try:
            read_extract_file(gpath)
        except Exception as e:  # InputError carries the file and field
            problems.append(f"{gname}: {e}")
            continue
        text = document_text(corpus[source])
        if text is None:
            print(f"{gname}: text of {source} not checked (reader not installed)")
            continue
        flat = squash(text)
        for where, quote in quotes(raw):
            if squash(quote) not in flat:
                problems.append(f"{gname}: {where} not found in {source}: {quote[:40]}")
    for p in problems:
        print(p)
    print(f"{len(gold)} gold files, {len(corpus)} corpus files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
