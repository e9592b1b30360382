"""Support statements (配合, 协助, 参与, 协同, 支持, 按职责分工配合) grouped by the matter they support,
and the lead statements that take those matters on — what BPR001 and BPR002 build on.

Two support statements of different departments support one matter when their objects
(`queries.similarity`) are
- close (cosine ≥ `CLOSE`), or
- fairly close (≥ `NEAR`) and share a concrete word few departments use, or
- share a concrete word that only support statements use anywhere in the county (溺水 in
  "配合做好预防中小学生溺水工作" and "协助做好水库、山塘等水域防溺水警示设施设置"): nobody leads anything
  worded with it, so it names the matter they all only help with — unless the matter vocabulary uses
  the word across several matters (农村, 治理: where or how, not what).

A matter is led when a lead statement of any department (a promoting verb such as 统筹推进 counts:
"is it led?" is read leniently, because a missed lead is a false alarm) is about the same object:
close enough and sharing a concrete word, or sharing two keys of the matter vocabulary ("统筹协调文物
保护单位火灾风险防范" leads "配合开展文物建筑消防安全检查": 文物 and 消防).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from zhize.queries.matching import normalise
from zhize.queries.similarity import SAME, Index, Statement, _incidence, alike_words, background, words
from zhize.queries.statements import head_keys, vocabulary_keys
from zhize.queries.tenure import held_index
from zhize.queries.view import View

CLOSE = 0.6
NEAR = 0.3
LED = 0.35
MIN_LEAD_PART = 3  # shortest part compared with lead statements (a tail such as 岸线 says too little)
# Nouns of an aspect rather than a thing: sharing them does not make two matters one
# (…充电场所消防安全隐患排查 / 文物建筑消防安全隐患排查).
ASPECT_WORDS = frozenset({"消防安全", "消防", "房屋安全", "安全检查", "隐患", "安全隐患"})
VOCABULARY_SPREAD = 3  # matters of the vocabulary naming a word from which it says where or how, not what


@dataclass
class Supported:
    """A matter several departments only support: the statements, and the parts that joined them."""

    statements: list[int] = field(default_factory=list)
    rows: set[int] = field(default_factory=set)
    pairs: list[tuple[int, int]] = field(default_factory=list)  # the parts that joined
    index: Index | None = field(default=None, repr=False, compare=False)

    def departments(self, ix: Index) -> list[str]:
        return sorted({ix.statements[i].department for i in self.statements})

    @cached_property
    def anchors(self) -> set[str]:
        """The concrete words the joined parts share (what names the matter; read when it is named)."""
        found: set[str] = set()
        if self.index is not None:
            for r, q in self.pairs:
                found |= _shared(self.index, r, q)
        return found


TOUCHING = frozenset({"support", "guidance"})


def support_statements(ix: Index) -> list[int]:
    """Statements that only support or guide (配合, 协助, 参与 …; 指导, 监督)."""
    return [i for i, s in enumerate(ix.statements)
            if s.role in TOUCHING and i not in ix.housekeeping and i not in ix.overridden]


def lead_statements(ix: Index) -> list[int]:
    return [i for i, s in enumerate(ix.statements) if s.role == "lead" and i not in ix.overridden]


def _only_supported_words(ix: Index) -> set[str]:
    """Concrete words that appear only in support statements (in two departments or more), and that
    the matter vocabulary does not use across several matters: 农村 (农村公路, 农村供水 …) or 治理
    (综合治理, 源头治理 …) only say where or how, so "配合做好农村集贸市场秩序治理" and "协助开展农村饮水
    设施防冻治理" support two matters, not one."""
    used_by: dict[str, set[str]] = defaultdict(set)
    elsewhere: set[str] = set()
    supporting = set(support_statements(ix))
    part, rows_of = ix.part, ix.rows_of
    for i, s in enumerate(ix.statements):
        rows = rows_of.get(i, ())
        if i not in supporting:
            for r in rows:
                elsewhere |= words(part[r])
            continue
        for r in rows:
            for w in words(part[r]):
                used_by[w].add(s.department)
    known = background().df
    return {w for w, deps in used_by.items() if len(deps) >= 2 and w not in elsewhere and w not in ASPECT_WORDS
            and known.get(w, 0) < VOCABULARY_SPREAD}


def _shared(ix: Index, r: int, q: int) -> set[str]:
    """The concrete words two support parts share (what names the matter they support)."""
    return set(words(ix.part[r]) & words(ix.part[q])) - ASPECT_WORDS


def supported_matters(view: View, exclude: set[int] = frozenset()) -> list[Supported]:
    """Support statements of two or more departments grouped by matter (single link): two support
    parts of different departments are one matter when they are close (cosine ≥ `CLOSE`), fairly
    close (≥ `NEAR`) and share a rare concrete word, share a word only support statements use, or one
    begins or ends with the other (`_holds`). Only parts that share a feature (the sparse similarity
    matrix) or an exclusive word are compared; the tests on words are sparse products (numpy).
    Cached on the view for each `exclude`."""
    key = ("support.matters", frozenset(exclude))
    found = view.cache.get(key)
    if found is None:
        found = view.cache[key] = _supported_matters(view, set(exclude))
    return found  # type: ignore[return-value]


def _supported_matters(view: View, exclude: set[int]) -> list[Supported]:
    import numpy as np

    ix = held_index(view)
    members = set(support_statements(ix)) - set(exclude)
    exclusive = _only_supported_words(ix)
    rows = sorted(r for i in members for r in ix.rows_of.get(i, ()))
    codes = ix.department_codes
    pairs: list[tuple[int, int]] = []
    if rows and ix.similarities is not None:
        index = np.array(rows)
        # support parts against support parts only: their rows, then the columns that are support
        # parts too (`position`: the column's place among `rows`, -1 for the others)
        position = np.full(len(ix.part), -1)
        position[index] = np.arange(len(index))
        block = ix.similarities[index].tocoo()
        keep = block.data >= NEAR
        x, y, cos = block.row[keep], position[block.col[keep]], block.data[keep]
        keep = y > x
        x, y, cos = x[keep], y[keep], cos[keep]
        keep = codes[index[x]] != codes[index[y]]
        x, y, cos = x[keep], y[keep], cos[keep]
        a, b = index[x], index[y]
        linked = cos >= CLOSE
        if not linked.all():  # the rest: a rare word, or a word only support statements use, in common
            rare = _incidence([ix.rare_words[r] - ASPECT_WORDS for r in rows])  # over the support rows
            only = _incidence([words(ix.part[r]) & exclusive for r in rows])
            rest = ~linked
            linked[rest] = Index._shares(rare, x[rest], y[rest]) | Index._shares(only, x[rest], y[rest])
        pairs += list(zip(a[linked].tolist(), b[linked].tolist(), strict=True))
        # one part the other's beginning or end (`_holds`) needs the same first or last character
        a, b = a[~linked], b[~linked]
        first, last = _ends(ix)
        maybe = (first[a] == first[b]) | (last[a] == last[b])
        pairs += [(r, q) for r, q in zip(a[maybe].tolist(), b[maybe].tolist(), strict=True)
                  if _holds(ix.part[r], ix.part[q])]
    by_word: dict[str, list[int]] = defaultdict(list)
    for r in rows:
        for w in words(ix.part[r]) & exclusive:
            by_word[w].append(r)
    for found in by_word.values():  # a word only support statements use: one matter, at any cosine
        pairs += [(r, q) for x, r in enumerate(found) for q in found[x + 1:] if codes[r] != codes[q]]
    groups = _groups(ix, members, pairs)
    # guidance joins a matter others support; it takes two departments that support to make one
    return [g for g in groups
            if len({ix.statements[i].department for i in g.statements if ix.statements[i].role == "support"}) >= 2]


def _groups(ix: Index, members: set[int], pairs: list[tuple[int, int]]) -> list[Supported]:
    """The statements the pairs of parts join, one group per connected set (single link), in the
    order their first pair comes; each group's statements in the order they first come."""
    parent = {i: i for i in members}

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    owner = ix.owner
    unique = list(dict.fromkeys((r, q) if r < q else (q, r) for r, q in pairs))
    for i, j in dict.fromkeys((owner[r], owner[q]) for r, q in unique):
        parent[root(i)] = root(j)
    groups: dict[int, Supported] = {}
    members_of: dict[int, dict[int, None]] = {}
    for r, q in unique:
        i, j = owner[r], owner[q]
        top = root(i)
        g = groups.get(top)
        if g is None:
            g = groups[top] = Supported(index=ix)
            members_of[top] = {}
        members_of[top].update(((i, None), (j, None)))
        g.rows.update((r, q))
        g.pairs.append((r, q))
    for top, g in groups.items():
        g.statements = list(members_of[top])
    return list(groups.values())


def _ends(ix: Index):
    """Per part, the code of its first and of its last character (numpy arrays)."""
    import numpy as np

    found = getattr(ix, "_ends", None)
    if found is None:
        first = np.array([ord(p[0]) if p else -1 for p in ix.part] or [-1])
        last = np.array([ord(p[-1]) if p else -2 for p in ix.part] or [-2])
        found = ix._ends = (first, last)
    return found


def led(view: View, group: Supported) -> bool:
    """Some lead statement takes the group's matter on (read leniently; `leading`)."""
    return leading(view, group) is not None


def leading(view: View, group: Supported) -> tuple[int, int] | None:
    """(lead row, supported row) of a lead part that takes the group's matter on, or None."""
    found = view.cache.setdefault("support.leading", {})
    if id(group) not in found:
        found.update(_leading_all(view, [group]))
    return found[id(group)][1]


def find_leads(view: View, groups: list[Supported]) -> None:
    """Work out `leading` for many groups at once (one sparse slice instead of one per group)."""
    found = view.cache.setdefault("support.leading", {})
    found.update(_leading_all(view, [g for g in groups if id(g) not in found]))


def _leading_all(view: View, groups: list[Supported]) -> dict[int, tuple[Supported, tuple[int, int] | None]]:
    """Per group: only lead parts sharing a feature with the group's are compared — close (≥ `NEAR`)
    or naming two vocabulary keys in common (numpy over the similarity rows) — then `_takes_on`."""
    import numpy as np

    ix = held_index(view)
    out: dict[int, tuple[Supported, tuple[int, int] | None]] = {id(g): (g, None) for g in groups}
    sims = ix.similarities
    if sims is None or not groups:
        return out
    owner, rows = [], []
    for k, g in enumerate(groups):
        mine = sorted(r for r in g.rows if len(ix.part[r]) >= MIN_LEAD_PART) or sorted(g.rows)
        owner += [k] * len(mine)
        rows += mine
    block = sims[np.array(rows)].tocoo()
    at, lead, cos = block.row, block.col, block.data
    mine = np.array(rows)[at]
    # two keys in common need two keys on each side: only those pairs are looked up in the key matrix
    multi = _multi_keyed(ix)
    keep = ((cos >= NEAR) | (multi[mine] & multi[lead])) & _lead_mask(ix)[lead]
    group_of, mine, lead, cos = np.array(owner)[at[keep]], mine[keep], lead[keep], cos[keep]
    keyed = np.zeros(len(mine), dtype=bool)
    both = multi[mine] & multi[lead]
    if both.any():
        keyed[both] = Index._shares(_key_matrix(ix), mine[both], lead[both], at_least=2)
    near = (cos >= NEAR) | keyed
    group_of, mine, lead, keyed = group_of[near], mine[near], lead[near], keyed[near]
    order = np.argsort(group_of, kind="stable")
    bounds = np.searchsorted(group_of[order], np.arange(len(groups) + 1))
    for k, g in enumerate(groups):
        span = order[bounds[k]:bounds[k + 1]]
        for r, lr, key in zip(mine[span].tolist(), lead[span].tolist(), keyed[span].tolist(), strict=True):
            if key or _takes_on(ix, lr, r):  # two vocabulary keys in common take the matter on
                out[id(g)] = (g, (lr, r))
                break
    return out


def _lead_mask(ix: Index):
    import numpy as np

    found = getattr(ix, "_lead_mask", None)
    if found is None:
        found = np.zeros(max(1, len(ix.part)), dtype=bool)
        found[sorted(_lead_rows(ix))] = True
        ix._lead_mask = found
    return found


def _multi_keyed(ix: Index):
    """Per part, whether it names two vocabulary keys or more."""
    import numpy as np

    found = getattr(ix, "_multi_keyed", None)
    if found is None:
        found = ix._multi_keyed = np.array([len(k) >= 2 for k in ix.row_keys] or [False], dtype=bool)
    return found


def _key_matrix(ix: Index):
    found = getattr(ix, "_key_matrix", None)
    if found is None:
        found = ix._key_matrix = _incidence(ix.row_keys)
    return found


def closest_lead(view: View, group: Supported) -> tuple[int, int, float] | None:
    """(lead row, supported row, cosine) of the lead part closest to the group's parts, taken on or not
    (what `zhize check --why` shows as the lead that was not close enough)."""
    ix = held_index(view)
    leads = _lead_rows(ix)
    found = [(cos, lr, r) for r in group.rows for lr, cos in ix.neighbours(r).items() if lr in leads]
    if not found:
        return None
    cos, lr, r = max(found)
    return lr, r, cos


def _lead_rows(ix: Index) -> set[int]:
    found = getattr(ix, "_lead_rows", None)
    if found is None:
        found = {r for i in lead_statements(ix) for r in ix.rows_of.get(i, ()) if not ix.example[r]}
        ix._lead_rows = found
    return found


def _holds(a: str, b: str) -> bool:
    """One part begins or ends with the other, of four characters or more (流浪犬只 /
    流浪犬只收容处置中的狂犬病; 志愿服务 / 志愿服务组织)."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and (long_.startswith(short) or long_.endswith(short))


def _takes_on(ix: Index, lead_row: int, row: int) -> bool:
    """A lead part is about the supported part: close and sharing a concrete word, made of the same
    concrete words, one holding the other, or two vocabulary keys in common."""
    a, b = ix.part[lead_row], ix.part[row]
    cos = ix.cos(lead_row, row)
    shared = (words(a) & words(b)) - ASPECT_WORDS
    if (cos >= LED and shared and alike_words(a, b)) or (cos >= SAME and shared) or _holds(a, b):
        return True
    return len(ix.row_keys[lead_row] & ix.row_keys[row]) >= 2


def label(ix: Index, group: Supported) -> str:
    """The matter's name: a key statements of two departments name and that ends one of the joined
    parts (its head), else the shortest joining part holding a shared word. A key named only as a
    modifier does not name the matter: "协同推进老旧小区楼道杂物清理" carries 老旧小区改造 but supports 楼道杂物清理."""
    counts: dict[str, set[str]] = defaultdict(set)
    for i in group.statements:
        for k in ix.statements[i].keys:
            counts[k].add(ix.statements[i].department)
    heads = {k for r in group.rows for k in head_keys(ix.part[r])}
    ends = [ix.part[r] for r in group.rows]
    common = [k for k, deps in counts.items() if len(deps) >= 2
              and (k in heads or heads & set(vocabulary_keys(k)) or any(p.endswith(normalise(k)) for p in ends))]
    if common:
        key = sorted(common, key=lambda k: (-len(counts[k]), -len(k), k))[0]
        duty = ix.statements[group.statements[0]].duty
        return next((k for k in duty.keys if normalise(k) == key), key)
    parts = sorted((ix.part[r] for r in group.rows), key=lambda p: (len(p), p))
    anchored = [p for p in parts if any(a in p for a in group.anchors)]
    return (anchored or parts or [""])[0]


def statement(ix: Index, i: int) -> Statement:
    return ix.statements[i]
