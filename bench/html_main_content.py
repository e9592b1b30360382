"""Which main-content extractor reads government web pages best (issue 13, point 4).

    python bench/html_main_content.py [PAGE.html ...]

For each HTML page (default: every .html under examples/), each available extractor turns the
page into text; the text is then extracted as a department page. Reported per extractor: pages
whose duty list, units and 行政编制 come out as from the page's own article (compared with the
text of the article element alone), lines of page furniture left in (navigation, breadcrumbs,
print links, page dates, footers, leaders' names), and milliseconds per page. Extractors that are
not installed are skipped: trafilatura, readability-lxml, jusText, and the hand-written
`html.parser` collector that came before.

Measured when choosing (6 pages: the validation set's two, ours in examples/; one core):

    hand-written html.parser   6/6 read as their article, 36 furniture lines left,  0.5 ms/page
    trafilatura 2.3            6/6,                           3 furniture lines left, 36 ms/page
    readability-lxml 0.9       4/6 (drops tables of units), 5 furniture lines left,  6 ms/page
    jusText 3.0                0/6 (drops the numbered items as short boilerplate),  1 ms/page

trafilatura is used (ingest/readers.py `html_main_text`); the hand-written collector remains where
trafilatura keeps too little of a page or runs its lines together (tiny pages and fragments).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhize.graph.records import Section  # noqa: E402

FURNITURE = re.compile(r"当前位置|您现在的位置|首页|打印|关闭窗口|发布时间|浏览次数|访问量|版权所有|主办|网站地图|"
                       r"手机版|上一篇|下一篇|字体|联系我们|^局\s*长：|^副局长：")


def _decoded(data: bytes) -> str:
    from zhize.ingest.readers import _decode_html

    return _decode_html(data, "page.html")[0]


def hand_written(html: str) -> str:
    from zhize.ingest.readers import html_to_text

    return html_to_text(html)


def with_trafilatura(html: str) -> str:
    from zhize.ingest.readers import html_main_text

    return html_main_text(html)


def with_readability(html: str) -> str:
    from readability import Document

    from zhize.ingest.readers import html_to_text

    document = Document(html)
    return document.title() + "\n" + html_to_text(document.summary(html_partial=True))


def with_justext(html: str) -> str:
    import justext

    paragraphs = justext.justext(html.encode("utf-8"), frozenset(), length_low=10, length_high=40)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "hand-written html.parser": hand_written, "trafilatura": with_trafilatura,
    "readability-lxml": with_readability, "jusText": with_justext,
}


def figures(text: str) -> tuple[int, int, tuple]:
    from zhize.ingest.extract import extract_text
    from zhize.ingest.normalize import normalize_text

    ex = extract_text(normalize_text(text), sha256=hashlib.sha256(text.encode()).hexdigest()).extract
    main = sum(1 for d in ex.duties if d.section == Section.MAIN and d.department == ex.document.subject)
    return main, len(ex.units), tuple(s.administrative for s in ex.staffing if s.department == ex.document.subject)


def furniture_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if FURNITURE.search(line.strip()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", type=Path)
    args = parser.parse_args()
    pages = args.pages or sorted((ROOT / "examples").rglob("*.html"))
    for name, extractor in EXTRACTORS.items():
        right = furniture = 0
        seconds = 0.0
        try:
            for page in pages:
                html = _decoded(page.read_bytes())
                expected = figures(_article_text(html))
                t = time.perf_counter()
                text = extractor(html) or ""
                seconds += time.perf_counter() - t
                got = figures(text)
                right += got == expected
                furniture += furniture_lines(text)
        except ImportError as err:
            print(f"{name:<28} not installed ({err.name})")
            continue
        print(f"{name:<28} pages read as their article {right}/{len(pages)}, furniture lines left {furniture}, "
              f"{1000 * seconds / len(pages):.1f} ms/page")


_ARTICLES = [re.compile(rf'<(div|td)[^>]*{marker}[^>]*>(.*?)</\1>', re.S)
             for marker in ('id="zoom"', 'class="TRS_Editor', 'class="content"', 'class="text"')]


def _article_text(html: str) -> str:
    """The page's own article (the element the site puts it in), with its title: the reference."""
    from zhize.ingest.readers import html_to_text

    title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    found = next((m for m in (a.search(html) for a in _ARTICLES) if m), None)
    body = found.group(2) if found else html
    return (html_to_text(title.group(1)) + "\n" if title else "") + html_to_text(body)


if __name__ == "__main__":
    main()
