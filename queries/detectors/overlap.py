"""OVL001 职责交叉 — two departments lead the same concrete matter and no boundary clause divides it.

What it flags
    Two statements of duties held at the check date (current 三定 of existing departments, minus what
    a later reform plan moved away: `queries.tenure`) that lead (负责, 承担, 牵头, 统筹, 查处, 审批 …)
    the same object, in two departments, when no current 有关职责分工 clause between the two concerns
    that object. One finding per matter and set of departments (A–B and B–C open give {A, B, C}).
    The message quotes both statements, the words that made them one matter, and the documents in
    force at the date.

Why it matters to a 编办
    多头管理, 政出多门: 一件事情原则上由一个部门负责；确需多个部门管理的事项，明确牵头部门，分清主办和协办
    (seed 003). Two leads without a division of labour is the classic finding of a 三定 回头看.

How
    Each duty is read as statements (`queries.statements`: "负责A，配合做好B" leads A and supports
    B) and each statement's governed object is compared by TF-IDF over its characters, weighted by
    how few departments use them, with the matter vocabulary as a boost (`queries.similarity`):
    乡镇集中供水工程 and 乡镇集中式供水设施 meet although neither wording is in the vocabulary, and 管理,
    安全生产, 县城 weigh little. Two objects that share two or more rare words and differ by a short
    modifier set inside (烟花露天燃放 / 烟花燃放: the same first word, the same head; `similarity.inserted`)
    are one matter whatever their cosine; a word added at either end names another thing (古镇街巷 /
    古镇街巷照明). A ban written short is compared as the act it bans (烟花禁放 as 烟花燃放:
    `similarity.BAN_FORMS`).
    A chain of handling stages after the thing is the work done on it, not its name: "城区园林垃圾
    收集、运输和处置" governs 城区园林垃圾 (`statements.HANDLING`; one stage alone, as in 危险货物运输,
    stays in the name), and head nouns written several ways for one kind of thing are compared as one
    (园林废弃物 / 园林垃圾: `similarity.HEAD_SYNONYMS`), so "负责园林废弃物收集运输处理的行业管理" and
    "负责城区园林垃圾收集、运输和处置的监督管理" are one matter. Wordings that share no words are linked
    only by the vocabulary (林木病虫害 is the older name of 林业有害生物): a key few departments name
    that ends both objects makes them one matter at any similarity.
    How an object is read (`queries.statements`, `queries.similarity`), each for a wording:
    - "负责对船舶污染物排放检测站的日常监督检查": after a leading 对, the object is what precedes the 的
      when only work follows it (船舶污染物排放检测站); a station after a stem of five characters or more
      is a facility as 机构 is, and 检验 / 检测 are one kind of work, so it meets "负责船舶污染物排放检验机构
      的监督管理".
    - "负责查处城区汽车修理经营者漆雾直排行为": an act before the noun of kind (直排, 偷排, 超标排放 before
      行为) is work on the thing (pollution), so the object ends in 漆雾.
    - A head word no other department writes and the vocabulary does not know, with one more word alike
      before it (汽车修理厂漆雾 / 城区汽车修理经营者漆雾: 漆雾, and 汽车), makes one matter at any cosine
      (`Index._headed_pairs`); a head alone in common (收入动态 / 边缘户动态) or a manner of work
      (决策支撑) does not.
    - "山区公路客运站和客运班线": a modifier the coordinated objects share is written out
      (山区公路客运班线); "稻草综合利用和禁烧": a short work word after a thing and its work is work on that
      thing (稻草禁烧).
    - Kinds under one key: two objects that reach a vocabulary key through the same wording, each after a
      modifier of its own ("负责山区乡村小型渡船的监督管理" / "负责旅游景区内游览渡船的监督管理"), are kinds of it,
      not one matter, unless their wordings are close anyway (cosine `KEYED`); objects ending in the
      wordings of two different matters of the vocabulary (交通安全生产 / 安全生产) are apart.

Rules that keep precision (each with the wording it is for)
    - Sector scope: a statement confined to a sector or field is that sector's share, not a claim
      on the matter: "负责住房和城乡建设行业安全生产监督管理" and "负责文化和旅游行业安全生产监督管理" (管行业
      必须管安全) are no overlap, nor is either with "依法行使安全生产综合监督管理职权". But a field that is
      not the department's own (no word of its name) is a claim on the field itself when another
      department leads it: "负责查处游艇租赁领域虚假宣传和违法经营行为" (市场监督管理局) against "负责游艇租赁
      经营活动的监督管理" (文化和旅游局) is an overlap on 游艇租赁 (`_field_claims`).
    - Division by phase: statements on the same object whose activities are disjoint phases are a
      division, not an overlap: "负责森林火灾预防工作" (prevent) and "组织协调森林火灾扑救工作" (respond);
      开发利用 vs 污染防治; 党建 vs 登记管理; 宣传教育 vs 工程建设监管; product quality vs the trade's
      licensing and safety ("负责烟花爆竹产品质量的监督管理" / "负责烟花爆竹经营（批发）许可和安全监督管理").
      See `PHASES`. Two clauses alike but
      for 前/后 or 内/外 ("进入批发、零售市场前的…" vs "…后的…"), or confined to different stages (生产环节 vs
      流通环节), are a division too.
    - Approval vs supervision: "核发…许可证" and "负责…的监督管理/查处" of one object are a known split:
      reported only when no 分工 settles it, with severity 低 and a message that says so.
    - Exceptions: "负责价格管理工作（价格监督检查除外）" does not overlap the department that holds
      价格监督检查.
    - A field and a particular use of it: a bare two-character field word against a compound that
      ends in it with a modifier of its own — "负责气象、人工影响天气和防雷减灾的监督管理" (气象) and
      "组织开展农业气象和墒情监测" (农业气象) — is the field's regulator and one sector's own work in
      it, not two leads on one matter (`field_and_instance`). Two compounds (烟花露天燃放 / 烟花禁放)
      or two bare words are compared as before.
    - A unit's generic clause reads as its department's: "矿产资源股：承担矿产资源管理、温泉资源管理工作"
      names 温泉资源 with no kind of work of its own, so it takes what the department's main duties
      say of it ("负责温泉资源开发利用": develop), and the phase rule above applies to it against
      "负责温泉资源污染防治的监督管理" (pollution).
    - A 分工 clause settles only the matter it names: a clause between the two departments settles
      the pair when one of its statements governs the same object ("县水利局负责水利工程的质量安全监督"
      settles 工程质量安全, not 乡镇集中供水).
    - Weak verbs (推进, 推动, 促进) and support or guidance verbs never make an overlap.
    - Housekeeping (机关日常运转, 政务公开, 文电会务) is no matter.

Limits
    Departments without a 三定 in the store cannot be seen to lead. A lead on a narrow part of a
    matter still counts; the reviewer dismisses such findings with a reason and the ledger keeps the
    dismissal. `near_misses` lists the pairs that were one matter but were not reported, and why.

Example
    岚川县卫生健康局 第三条（七） "承担托育机构备案和监督管理工作" and 岚川县教育体育局 第三条（三） "负责托育机构和
    幼儿园托班的设置指导和日常监管", no 分工 between them → one finding {卫生健康局, 教育体育局} on 托育.
    岚川县自然资源局 "负责森林火灾预防工作" and 岚川县应急管理局 "组织协调森林火灾扑救工作" → nothing (phases).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx

from zhize.graph.models import Finding, Severity
from zhize.queries.detectors.base import Context, Rule, join_names
from zhize.queries.matching import clean, stages
from zhize.queries.similarity import SAME, Index, Statement, parts
from zhize.queries.statements import read_object
from zhize.queries.tenure import held_index, in_force_note, settled_by
from zhize.queries.view import View, view_of

ID = "OVL001"
KIND = "职责交叉"
SEVERITY = Severity.HIGH
RULE = Rule(ID, KIND, SEVERITY)

# Pairs of aspects that divide a matter by phase or kind of work (each: the wordings it is for).
PHASES = frozenset({
    frozenset({"prevent", "respond"}),      # 森林火灾预防 / 森林火灾扑救
    frozenset({"develop", "pollution"}),    # 地下水开发利用 / 地下水污染防治
    frozenset({"protect", "pollution"}),    # 地下水管理保护 / 地下水污染防治
    frozenset({"register", "develop"}),     # 水资源调查和确权登记 / 开发利用
    frozenset({"register", "protect"}),     # 水资源确权登记 / 节约保护
    frozenset({"plan", "operate"}),         # 规划编制 / 运行维护
    frozenset({"industry", "enforce"}),     # 园林绿化行业管理 / 损毁绿地查处
})
APPROVAL = frozenset({"approve"})
OVERSIGHT = frozenset({"supervise", "enforce"})


@dataclass(frozen=True)
class Match:
    """Two statements of two departments on one matter, and what the rules said about them."""

    first: Statement
    second: Statement
    matter: str
    cosine: float
    shared: tuple[str, ...]
    verdict: str  # overlap | known_split | phase | scope | exception | settled | field | weak


def detect(graph: nx.MultiDiGraph, context: Context) -> Iterator[Finding]:
    view = view_of(graph)
    for group in reported_groups(view):
        yield _finding(view, context, group)


def reported_groups(view: View) -> list[list[Match]]:
    """The matches reported, grouped into findings (cached on the view)."""
    found = view.cache.get("overlap.groups")
    if found is None:
        reported = [m for m in matches(view) if m.verdict in ("overlap", "known_split")]
        found = view.cache["overlap.groups"] = _grouped(held_index(view), reported)
    return found  # type: ignore[return-value]


def near_misses(view: View) -> list[Match]:
    """Pairs that are one matter but were not reported, each with the rule that held it back."""
    return [m for m in matches(view) if m.verdict not in ("overlap", "known_split")]


def matches(view: View) -> list[Match]:
    """Every pair of lead statements of two departments on one matter, judged (cached on the view)."""
    found = view.cache.get("overlap.matches")
    if found is None:
        found = view.cache["overlap.matches"] = _judge_all(view)
    return found  # type: ignore[return-value]


def _judge_all(view: View) -> list[Match]:
    import numpy as np

    ix = held_index(view)
    out: dict[tuple, Match] = {}
    leading = np.array([_leads(ix, i) for i in ix.owner] or [False], dtype=bool)
    main = _main_aspects(ix)
    for r, q, cosine in ix.part_pairs(SAME, among=leading) + ix.key_pairs():
        a, b = ix.statements[ix.owner[r]], ix.statements[ix.owner[q]]
        if not (leading[r] and leading[q]):
            continue
        if a.department > b.department:
            a, b, r, q = b, a, q, r
        matter = min(ix.part[r], ix.part[q], key=lambda p: (len(p), p))
        aspects = (_aspects_of(ix, main, r), _aspects_of(ix, main, q))
        verdict = judge(view, ix, a, b, matter, aspects, (ix.part[r], ix.part[q]))
        key = (a.department, b.department, a.duty.id, b.duty.id, matter)
        if key not in out or cosine > out[key].cosine:
            out[key] = Match(a, b, matter, cosine, tuple(ix.shared_rare(ix.part[r], ix.part[q])[:3]), verdict)
    for m in _field_claims(view, ix):
        key = (m.first.department, m.second.department, m.first.duty.id, m.second.duty.id, m.matter)
        if out.get(key) is None or out[key].verdict == "scope":
            out[key] = m
    return sorted(out.values(), key=lambda m: (m.matter, m.first.department, m.second.department))


def _field_claims(view: View, ix: Index) -> list[Match]:
    """A lead confined to a field that is not its department's own is a claim on that field when
    another department leads the field itself: "负责查处游艇租赁领域虚假宣传和违法经营行为" (市场监管) and
    "负责游艇租赁经营活动的监督管理" (文化和旅游) are two leads on 游艇租赁, although the first names
    it as a field. A field that shares a word of the department's name (卫生健康领域 of 卫生健康局,
    交通运输行业 of 交通运输局) is its own sector's share and stays a scope."""
    scoped = [i for i, s in enumerate(ix.statements)
              if len(s.reading.scope) >= 2 and s.reading.scope != "本" and _leads(ix, i)
              and not _own_sector(s.reading.scope, view.name(s.department))]
    if not scoped:
        return []
    fields = [ix.statements[i].reading.scope for i in scoped]
    out = []
    for i, field, hits in zip(scoped, fields, ix.against_all(fields, minimum=SAME), strict=True):
        a = ix.statements[i]
        for j, cosine in hits:
            b = ix.statements[j]
            if b.department == a.department or b.reading.scope or not _leads(ix, j):
                continue
            q = max(ix.rows_of[j], key=lambda r: ix.similar(field, ix.part[r]))
            if field not in ix.part[q]:  # the other leads the field itself (游艇租赁经营), not a neighbour
                continue
            first, second, aspects = (a, b, (frozenset(), ix.aspects[q])) if a.department < b.department \
                else (b, a, (ix.aspects[q], frozenset()))
            verdict = judge(view, ix, first, second, field, aspects, None, fielded=True)
            out.append(Match(first, second, field, cosine, tuple(ix.shared_rare(field, ix.part[q])[:3]), verdict))
    return out


def _own_sector(field: str, department: str) -> bool:
    """The field shares a two-character word with the department's name (住房和城乡建设行业 /
    住房和城乡建设局, 市场监管领域 / 市场监督管理局)."""
    return any(field[k:k + 2] in department for k in range(len(field) - 1))


def _main_aspects(ix: Index) -> dict[tuple[str, str], frozenset[str]]:
    """(department, part) → the aspects its main duties (第三条, not a unit's) give that part."""
    out: dict[tuple[str, str], frozenset[str]] = {}
    for r, part in enumerate(ix.part):
        s = ix.statements[ix.owner[r]]
        if s.duty.unit is None and ix.aspects[r]:
            key = (s.department, part)
            out[key] = out.get(key, frozenset()) | ix.aspects[r]
    return out


def _aspects_of(ix: Index, main: dict[tuple[str, str], frozenset[str]], r: int) -> frozenset[str]:
    """A part's aspects; a unit's clause that names a part with no kind of work of its own
    ("矿产资源股：承担……温泉资源管理工作") carries out what its department's main duties say of that
    part ("负责温泉资源开发利用"), and takes their aspects."""
    s = ix.statements[ix.owner[r]]
    if ix.aspects[r] or s.duty.unit is None:
        return ix.aspects[r]
    return main.get((s.department, ix.part[r]), frozenset())


def _leads(ix: Index, i: int) -> bool:
    s = ix.statements[i]
    return s.role == "lead" and not s.reading.weak and i not in ix.housekeeping and i not in ix.overridden


def judge(view: View, ix: Index, a: Statement, b: Statement, matter: str,
          aspects: tuple[frozenset[str], frozenset[str]] | None = None,
          met: tuple[str, str] | None = None, fielded: bool = False) -> str:
    """Why a pair of lead statements on one matter is, or is not, an overlap; `aspects` are those of
    the two parts that met (else the statements'), `met` the two parts; `fielded`: the matter is the
    field one of them is confined to (`_field_claims`), no scope of its own."""
    if not fielded and (a.reading.scope or b.reading.scope):
        return "scope"
    if _excepted(ix, a, b) or _excepted(ix, b, a):
        return "exception"
    x, y = aspects or (a.reading.aspects, b.reading.aspects)
    if _phased(x, y) or _mirrored(a.text, b.text) or split_by_stage(stages(a.text), stages(b.text)):
        return "phase"
    if settled_by(view, ix, a.department, b.department, matter, frozenset(a.keys) & frozenset(b.keys)):
        return "settled"
    if met is not None and field_and_instance(*met):
        return "field"
    if (x == APPROVAL and y and y <= OVERSIGHT) or (y == APPROVAL and x and x <= OVERSIGHT):
        return "known_split"
    return "overlap"


def field_and_instance(first: str, second: str) -> bool:
    """One part is a bare field word — two characters, one of a list of fields ("负责气象、人工影响天气
    和防雷减灾的监督管理": 气象) — and the other a compound ending in it whose own modifier names a
    particular object of its department's work (农业气象): the field's regulator and one sector's
    use of it are no claim on one matter."""
    short, long_ = sorted((first, second), key=len)
    return len(short) == 2 and len(long_) >= len(short) + 2 and long_.endswith(short)


def split_by_stage(first: set[str], second: set[str]) -> bool:
    """分段监管: each statement confines the matter to its own stages or fields (生产环节 vs 流通环节)
    and the two sets do not meet."""
    return bool(first) and bool(second) and not first & second


_MIRROR = str.maketrans({"前": "后", "内": "外", "上": "下"})


def _mirrored(a: str, b: str) -> bool:
    """Two clauses alike but for before/after, inside/outside ("进入批发、零售市场前的质量安全" vs
    "…后的…"): a division at a point, written from both sides."""
    x, y = clean(a), clean(b)
    return x != y and len(x) == len(y) and (x.translate(_MIRROR) == y.translate(_MIRROR))


def _phased(x: frozenset[str], y: frozenset[str]) -> bool:
    if not x or not y or x & y:
        return False
    if any((kind in x) != (kind in y) for kind in ("party", "publicize", "quality")):
        return True
    return any(frozenset({p, q}) in PHASES for p in x for q in y)


def _excepted(ix: Index, a: Statement, b: Statement) -> bool:
    """a's 三定 leaves out what b holds: (价格监督检查除外) vs 价格监督检查; (运行维护除外) vs 运行维护. An
    exception written once in a 三定 holds for all its clauses (a unit's duties restate the item
    without repeating it)."""
    for phrase in ix.exceptions(a.duty.document, a.department):
        _, aspects, _, _ = read_object(phrase)
        if aspects and b.reading.aspects and b.reading.aspects <= aspects:
            return True
        if set(parts(phrase)) & set(parts(b.object)):
            return True
    return False


def _grouped(ix: Index, found: list[Match]) -> list[list[Match]]:
    """Matches joined when they share a department and their matters are one (A–B and B–C on one
    matter give {A, B, C}; 河道采砂 and 河道采砂开采 of one pair are one finding), or when one clause of a
    department meets several clauses of another."""
    parent = list(range(len(found)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_department: dict[str, list[int]] = {}
    for k, m in enumerate(found):
        for d in (m.first.department, m.second.department):
            by_department.setdefault(d, []).append(k)
    same: dict[tuple[str, str], bool] = {}
    for members in by_department.values():  # only matches sharing a department can join
        by_matter: dict[str, list[int]] = {}
        for k in members:
            by_matter.setdefault(found[k].matter, []).append(k)
        for ks in by_matter.values():  # one wording: one matter
            for k in ks[1:]:
                parent[root(k)] = root(ks[0])
        matters = sorted(by_matter)
        for x, a in enumerate(matters):
            for b in matters[x + 1:]:
                if (a, b) not in same:
                    same[(a, b)] = _one_matter(ix, a, b)
                if same[(a, b)]:
                    parent[root(by_matter[a][0])] = root(by_matter[b][0])
        clauses: dict[frozenset[str], int] = {}
        for k in members:  # one pair of clauses: one finding
            key = frozenset({found[k].first.duty.id, found[k].second.duty.id})
            if key in clauses:
                parent[root(k)] = root(clauses[key])
            else:
                clauses[key] = k
        # one clause of A against several clauses of B is one problem between them ("负责文化艺术类校外培训
        # 机构的审批和监督管理" against both 校外培训 and 民办教育 items of the other 三定)
        against: dict[tuple[str, str], int] = {}
        for k in members:
            m = found[k]
            for mine, other in ((m.first.duty.id, m.second.department), (m.second.duty.id, m.first.department)):
                if (mine, other) in against:
                    parent[root(k)] = root(against[(mine, other)])
                else:
                    against[(mine, other)] = k
    groups: dict[int, list[Match]] = {}
    for k, m in enumerate(found):
        groups.setdefault(root(k), []).append(m)
    return list(groups.values())


def _one_matter(ix: Index, a: str, b: str) -> bool:
    return a == b or a in b or b in a or ix.similar(a, b) >= SAME


def _finding(view: View, context: Context, group: list[Match]) -> Finding:
    group = sorted(group, key=lambda m: (-m.cosine, len(m.matter), m.matter))
    best = group[0]
    departments = sorted({d for m in group for d in (m.first.department, m.second.department)})
    names = [view.name(d) for d in departments]
    statements = list(dict.fromkeys(s for m in group for s in (m.first, m.second)))
    quoted = "；".join(f"{view.name(s.department)} {view.unit_clause(s.duty)}“{s.text}”" for s in statements[:6])
    shared = "”“".join(w.lstrip("§") for w in best.shared)
    why = f"两处所管对象相同（共有“{shared}”）" if shared else "两处所管对象相同"
    split = all(m.verdict == "known_split" for m in group)
    if split:
        message = (f"{join_names(names)}对“{best.matter}”分别承担审批（许可）和监管（执法）职责（{quoted}），"
                   f"这是常见的审管分工，但现行三定未写明职责分工。{why}。建议在三定“有关职责分工”中写明审批与监管的衔接。")
    else:
        message = (f"{join_names(names)}都牵头负责“{best.matter}”（{quoted}），现行三定未就此明确职责分工。{why}。"
                   f"建议在三定“有关职责分工”中明确牵头部门和配合部门，分清主办和协办，"
                   f"落实“一件事情原则上由一个部门负责”。")
    message += in_force_note(view, departments)
    evidence = [view.evidence(s.duty) for s in statements][:30]
    keyed = any(set(m.first.keys) & set(m.second.keys) for m in group)
    confidence = (0.9 if keyed else min(0.75, 0.45 + 0.3 * best.cosine)) - (0.15 if split else 0.0)
    finding = RULE.finding(context, names, best.matter, evidence, message, confidence)
    return finding.model_copy(update={"severity": Severity.LOW}) if split else finding
