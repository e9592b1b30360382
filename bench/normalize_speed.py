"""Throughput of `ingest.normalize.normalize_text` and of each document reader, in characters/s.

    python bench/normalize_speed.py [--chars 1000000] [--pdf-chars 100000] [--repeat 5]

Inputs are generated (a 三定-like text of numbered duties), written into a temporary directory
and read back; each figure is the best of ``--repeat`` runs and counts characters of output.
The .docx and .pdf writers (python-docx, reportlab) are only needed for their rows.
"""

from __future__ import annotations

import argparse
import codecs
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from zhize.ingest.normalize import normalize_text
from zhize.ingest.readers import read_document

MATTERS = ["市场主体登记注册", "食品安全监督管理", "特种设备安全监察", "价格监督检查", "计量标准管理",
           "知识产权保护", "消费者权益保护", "网络交易监督管理", "药品零售监督", "广告监督管理"]
VERBS = ["负责", "承担", "组织", "拟订", "指导", "牵头", "参与", "配合", "协助", "监督管理"]
NUMBERS = "一二三四五六七八九十"


def sanding_text(chars: int, seed: int = 0) -> str:
    """Clean simplified text shaped like a 三定: 第N条 headings and numbered duty items."""
    rng, lines, size, article = random.Random(seed), [], 0, 0
    while size < chars:
        if not lines or rng.random() < 0.1:
            article += 1
            line = f"第{article}条 县市场监督管理局是县人民政府工作部门，为正科级。"
        else:
            item = NUMBERS[rng.randrange(10)]
            line = (f"（{item}）{rng.choice(VERBS)}全县{rng.choice(MATTERS)}工作，"
                    f"拟订有关规范性文件并组织实施，行政编制{rng.randrange(3, 40)}名。")
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)[:chars]


def messy_text(chars: int) -> str:
    """The same text as real pages deliver it: CRLF, U+3000, full-width digits, stray spaces."""
    text = sanding_text(chars).replace("\n", "\r\n\u3000\u3000").replace("条 ", "条\u3000")
    text = text.replace("编制1", "编制 １").replace("全县", "全 县").replace("工作，", "工作，\u200b")
    return text.replace("监督管理局", "監督管理局", 50)[:chars]


def best_rate(function: Callable[[], object], chars: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return chars / best


def write_inputs(directory: Path, text: str, pdf_chars: int) -> dict[str, Path]:
    paths = {
        "txt utf-8": directory / "utf8.txt", "txt gb18030": directory / "gb.txt",
        "txt utf-16": directory / "utf16.txt", "md": directory / "doc.md", "html": directory / "page.html",
    }
    paths["txt utf-8"].write_text(text, encoding="utf-8")
    paths["txt gb18030"].write_text(text, encoding="gb18030")
    paths["txt utf-16"].write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    paths["md"].write_text("\n".join(f"- **{line}**" for line in text.split("\n")), encoding="utf-8")
    body = "\n".join(f"<p>{line}&nbsp;<span>。</span></p>" for line in text.split("\n"))
    paths["html"].write_text(f'<html><head><meta charset="gb2312"><script>x=1</script></head>'
                             f"<body>{body}</body></html>", encoding="gb18030")
    for name, writer in (("docx", write_docx), ("pdf", write_pdf)):
        try:
            paths[name] = writer(directory, text if name == "docx" else text[:pdf_chars])
        except ImportError as err:
            print(f"{name:12s} skipped: {err}")
    return paths


def write_docx(directory: Path, text: str) -> Path:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(directory / "doc.docx")
    return directory / "doc.docx"


def write_pdf(directory: Path, text: str) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(directory / "doc.pdf"), invariant=True)
    lines = [line[i:i + 40] for line in text.split("\n") for i in range(0, len(line), 40)]
    for start in range(0, len(lines), 45):
        pdf.setFont("STSong-Light", 11)
        for row, line in enumerate(lines[start:start + 45]):
            pdf.drawString(40, 800 - 17 * row, line)
        pdf.showPage()
    pdf.save()
    return directory / "doc.pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--pdf-chars", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    normalize_text("發")  # build the converter and its tables once, as a long-running process would
    clean, messy = sanding_text(args.chars), messy_text(args.chars)
    for name, text in (("clean", clean), ("messy", messy)):
        rate = best_rate(lambda t=text: normalize_text(t), len(text), args.repeat)
        print(f"normalize_text {name:6s} {len(text):>9,d} chars  {rate / 1e6:7.2f} M chars/s")

    with tempfile.TemporaryDirectory() as tmp:
        for name, path in write_inputs(Path(tmp), clean, args.pdf_chars).items():
            chars = len(read_document(path).text)
            rate = best_rate(lambda p=path: read_document(p), chars, args.repeat)
            print(f"read {name:12s}      {chars:>9,d} chars  {rate / 1e6:7.2f} M chars/s")


if __name__ == "__main__":
    main()
