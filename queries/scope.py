"""Which jurisdictions a query reads, and the messages for an empty store or an unknown name."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from zhize.graph.errors import NotFound
from zhize.graph.store import GraphReader

EMPTY_STORE = ("库中还没有任何文档。请先抽取入库：zhize ingest 文件夹（三定规定和机构改革方案所在的文件夹），"
               "或运行 zhize demo 载入示例县岚川县。")


def jurisdictions(store: GraphReader, jurisdiction: str | None = None) -> list[str]:
    """The named jurisdiction (checked), or every jurisdiction in the store; `NotFound` when the
    store is empty or the name unknown (with the closest names)."""
    known = [j.name for j in store.jurisdictions()]
    if not known:
        raise NotFound(EMPTY_STORE)
    if jurisdiction is None:
        return known
    if jurisdiction not in known:
        raise NotFound(f"库中没有行政区划“{jurisdiction}”。{closest(jurisdiction, known, '行政区划')}")
    return [jurisdiction]


def closest(query: str, names: Iterable[str], what: str = "名称", n: int = 5,
            hint: str = "可用 zhize search 按文字查找职责条款。") -> str:
    """A Chinese sentence naming the closest known names, or `hint` when there are none."""
    pool = sorted(set(names))
    found = difflib.get_close_matches(query, pool, n=n, cutoff=0.3)
    found += [p for p in pool if (query in p or p in query) and p not in found][: n - len(found)]
    if not found:
        return hint
    return f"相近的{what}：" + "、".join(found[:n]) + "。"
