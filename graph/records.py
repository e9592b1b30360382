"""The records contract: what ingestion produces and every store consumes.

One `Extract` holds everything read from one document (a 三定 regulation or a reform plan), in the
versioned JSON format ``zhize.extract/1``. Departments are referred to by their canonical name
within the document's jurisdiction; every reference must be declared in ``departments``.
Character spans are ``[start, end)`` offsets into the document's normalised text.

Glossary: Department 部门, Unit 内设机构, Duty 职责, Matter 事项, Boundary 职责分工,
Staffing 人员编制, Plaque 牌子, Event 改革事件 (Transfer 职责划转 is one kind).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

FORMAT = "zhize.extract/1"

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# Offsets and lengths in characters: no document comes near 2^31 characters, and the bound keeps
# every stored integer inside what SQLite and Neo4j hold (64-bit).
MAX_OFFSET = 2**31 - 1
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
Span = tuple[Offset, Offset]
# A staffing figure (编制数, 职数) above this is a misreading: the largest single departments (a
# big city's public security bureau) hold some tens of thousands of posts.
MAX_STAFF = 1_000_000
Headcount = Annotated[int, Field(ge=0, le=MAX_STAFF)]


class DocumentKind(StrEnum):
    SANDING = "三定"
    REFORM = "改革方案"
    OTHER = "其他"


class Role(StrEnum):
    """A department's role on a matter (docs/domain.md, Roles on a matter)."""

    LEAD = "lead"  # 牵头, 负责, 主管, 承担, 统筹
    SUPPORT = "support"  # 配合, 协助, 参与, 协同
    GUIDANCE = "guidance"  # 指导, 监督
    UNSPECIFIED = "unspecified"


# What every interface calls a role (the CLI, the pages, the findings' messages).
ROLE_LABELS: dict[str, str] = {Role.LEAD: "牵头/负责", Role.SUPPORT: "配合/参与", Role.GUIDANCE: "指导/监督",
                               Role.UNSPECIFIED: "未注明"}
# Strongest first: who leads a matter, who guides it (often an upper level or a cross-cutting body),
# who supports. Answers list holders in this order; a department's role on a matter is its strongest.
ROLE_ORDER: dict[str, int] = {Role.LEAD: 0, Role.GUIDANCE: 1, Role.SUPPORT: 2, Role.UNSPECIFIED: 3}


def role_label(role: str | None) -> str:
    """牵头/负责 for lead; 未注明 for a role not given."""
    return ROLE_LABELS.get(role or Role.UNSPECIFIED, ROLE_LABELS[Role.UNSPECIFIED])


def role_rank(role: str | None) -> int:
    """A role's place in ROLE_ORDER (an unknown one last)."""
    return ROLE_ORDER.get(role or Role.UNSPECIFIED, len(ROLE_ORDER))


class Section(StrEnum):
    MAIN = "main"  # 主要职责 numbered items
    TRANSFORMATION = "transformation"  # 职能转变
    UNIT = "unit"  # 内设机构 duty text


SECTION_LABELS: dict[str, str] = {Section.MAIN: "主要职责", Section.TRANSFORMATION: "职能转变",
                                  Section.UNIT: "内设机构职责"}


class EventKind(StrEnum):
    CREATE = "create"  # 组建 / 设立 / 成立
    ABOLISH = "abolish"  # 不再保留 / 撤销
    TRANSFER = "transfer"  # 划入 / 划给 / 交由
    MERGE = "merge"  # 将 A 的职责……整合，组建 C (one event per source)
    PLAQUE = "plaque"  # 挂 / 加挂 / 对外保留 牌子
    RENAME = "rename"  # 更名
    COLOCATE = "colocate"  # 合署办公
    TYPE_CHANGE = "type_change"  # 由直属事业单位调整为工作部门
    # A new task a plan (or a 三定) announces without naming who does it: 建立……机制, 推行…… .
    # No department; `duty` is the task. Detector GAP003 checks that some department took it up.
    NEW_TASK = "new_task"


# What every interface calls an event kind (a merge moves all of a body's duties: 职责整合,
# beside 职责划转 for a transfer of some of them).
EVENT_LABELS: dict[str, str] = {
    EventKind.CREATE: "组建", EventKind.ABOLISH: "撤销", EventKind.TRANSFER: "职责划转", EventKind.MERGE: "职责整合",
    EventKind.PLAQUE: "挂牌", EventKind.RENAME: "更名", EventKind.COLOCATE: "合署办公",
    EventKind.TYPE_CHANGE: "调整机构类型", EventKind.NEW_TASK: "新增任务",
}


def event_label(kind: str) -> str:
    return EVENT_LABELS.get(kind, kind)


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Located(Record):
    """Provenance shared by every record taken from a clause."""

    clause: str = Field(default="", description="条款路径, e.g. 第三条（五）")
    span: Span = Field(default=(0, 0), description="[start, end) in the normalised text")

    @model_validator(mode="after")
    def _span_ordered(self) -> Located:
        if self.span[1] < self.span[0]:
            raise ValueError("span 的结束位置小于开始位置")
        return self


class MatterRef(Record):
    """A matter (事项): a short canonical key so that different wordings meet, and the text seen."""

    key: Name
    text: str = ""


# `DocumentRecord.date_source` of a date the user gave (zhize ingest --date, the upload form,
# zhize documents set): kept over the date in the text when the document is read again.
DATE_GIVEN = "用户指定"


class DocumentRecord(Record):
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    kind: DocumentKind
    title: Name
    jurisdiction: Name
    issue_date: date | None = Field(description="印发日期; null: none found and none given (undated, see "
                                    "docs/graph-model.md, Time)")
    date_source: str | None = Field(default=None, description="where the date comes from: 印发, 落款, 施行, 用户指定 …")
    cites: list[Name] = Field(default=[], description="titles of the documents it is issued under (根据《…》)")
    subject: Name | None = Field(default=None, description="三定 only: the department it regulates")
    source: str | None = Field(default=None, description="the file it was read from")
    chars: int | None = Field(default=None, ge=0, le=MAX_OFFSET)
    place_unknown: bool = Field(default=False, description=(
        "the place could not be read from the document: jurisdiction is the bucket 未知 and names carry no "
        "place until the user sets it (zhize documents set DOC --place …)"))


class DepartmentRecord(Record):
    name: Name
    aliases: list[Name] = []
    plaques: list[Name] = []
    rank: str | None = None
    type: str | None = None


class UnitRecord(Located):
    department: Name
    name: Name
    plaques: list[Name] = []


class DutyRecord(Located):
    department: Name
    unit: Name | None = None
    text: Annotated[str, StringConstraints(min_length=1)]
    role: Role = Role.UNSPECIFIED
    matters: list[MatterRef] = []
    section: Section = Section.MAIN


class BoundaryShare(Record):
    department: Name
    does: str = ""
    role: Role = Role.UNSPECIFIED


class BoundaryRecord(Located):
    departments: Annotated[list[Name], Field(min_length=2)]
    matter: MatterRef | None = None
    shares: list[BoundaryShare] = []
    text: str = ""


class Post(Record):
    title: Name
    count: Headcount


class StaffingRecord(Located):
    department: Name
    administrative: Headcount | None = Field(default=None, description="行政编制")
    other: dict[str, Headcount] = Field(default_factory=dict, description="e.g. 机关工勤编制")
    leaders: list[Post] = []
    posts: list[Post] = Field(default=[], description="科级/股级 职数")


class EventRecord(Located):
    kind: EventKind
    sources: list[Name] = []
    target: Name | None = None
    duty: str | None = None
    matters: list[MatterRef] = []
    detail: dict[str, str] = Field(default_factory=dict, description=(
        "by kind: plaque / from / to; for a partial transfer (A原承担X和Y两项职责，其中X职责划入D) "
        "`remainder` lists what the plan names but does not move, items joined by ；"))
    text: str = ""

    @model_validator(mode="after")
    def _has_department(self) -> EventRecord:
        if self.kind is not EventKind.NEW_TASK and not self.sources and self.target is None:
            raise ValueError("改革事件既没有来源部门也没有目标部门")
        return self


class ExtractWarning(Record):
    code: str
    message: str
    clause: str = ""
    span: Span | None = None


class Extract(Record):
    """Everything one document contributes: the unit of atomic loading."""

    format: Literal["zhize.extract/1"] = FORMAT
    document: DocumentRecord
    departments: list[DepartmentRecord] = []
    units: list[UnitRecord] = []
    duties: list[DutyRecord] = []
    boundaries: list[BoundaryRecord] = []
    staffing: list[StaffingRecord] = []
    events: list[EventRecord] = []
    warnings: list[ExtractWarning] = []

    @model_validator(mode="after")
    def _references_declared(self) -> Extract:
        problem = first_problem(self)
        if problem:
            raise ValueError(problem)
        return self


def referenced_departments(extract: Extract) -> Iterator[tuple[str, int | None, str]]:
    """Every (field, index, department name) the records refer to; see `field_label`."""
    if extract.document.subject:
        yield "document.subject", None, extract.document.subject
    for field in ("units", "duties", "staffing"):
        for i, rec in enumerate(getattr(extract, field)):
            yield field, i, rec.department
    yield from _boundary_and_event_references(extract)


def _boundary_and_event_references(extract: Extract) -> Iterator[tuple[str, int | None, str]]:
    for i, b in enumerate(extract.boundaries):
        yield from (("boundaries.departments", i, d) for d in b.departments)
        yield from (("boundaries.shares", i, s.department) for s in b.shares)
    for i, e in enumerate(extract.events):
        yield from (("events.sources", i, d) for d in e.sources)
        if e.target:
            yield "events.target", i, e.target


def field_label(field: str, index: int | None) -> str:
    """duties, 3 → duties[3].department; events.target, 2 → events[2].target."""
    if index is None:
        return field
    head, _, tail = field.partition(".")
    return f"{head}[{index}].{tail or 'department'}"


def _first_repeat(items: list) -> int | None:
    seen: set = set()
    for i, item in enumerate(items):
        if item in seen:
            return i
        seen.add(item)
    return None


def first_problem(extract: Extract, references: bool = True) -> str | None:
    """The first inconsistency between records of one extract, in Chinese; None when sound.
    Stores call this again before writing, since a model can be built without validation.
    `references=False` leaves out the walk over every reference to a department or unit, for
    a store that looks each one up as it writes and asks again, in full, on a miss."""
    names = [d.name for d in extract.departments]
    if (i := _first_repeat(names)) is not None:
        return f"字段 departments[{i}] 重复声明了部门“{names[i]}”"
    pairs = [(u.department, u.name) for u in extract.units]
    if (i := _first_repeat(pairs)) is not None:
        return f"字段 units[{i}] 重复声明了内设机构“{pairs[i][1]}”"
    span_problem = first_span_outside(extract)
    if span_problem or not references:
        return span_problem
    declared = set(names)
    # Set operations first (every extract is checked twice: by the model and by the store); the
    # field-by-field walk only runs to name the first problem.
    if not {name for _, _, name in _bulk_references(extract)} <= declared:
        for field, index, name in referenced_departments(extract):
            if name not in declared:
                return f"字段 {field_label(field, index)} 引用的部门“{name}”未在 departments 中声明"
    units = set(pairs)
    if not {(d.department, d.unit) for d in extract.duties if d.unit} <= units:
        for i, duty in enumerate(extract.duties):
            if duty.unit and (duty.department, duty.unit) not in units:
                return f"字段 duties[{i}].unit 引用的内设机构“{duty.unit}”未在 units 中声明"
    return None


def _bulk_references(extract: Extract) -> Iterator[tuple[str, int | None, str]]:
    """`referenced_departments` with the bulky fields read by set comprehensions."""
    names = {r.department for r in extract.duties} | {r.department for r in extract.units}
    names |= {r.department for r in extract.staffing}
    for name in names:
        yield "", None, name
    if extract.document.subject:
        yield "document.subject", None, extract.document.subject
    yield from _boundary_and_event_references(extract)


def first_span_outside(extract: Extract) -> str | None:
    """Spans must lie inside the document when its length is known."""
    limit = extract.document.chars
    if limit is None:
        return None
    for field in ("units", "duties", "boundaries", "staffing", "events"):
        for i, rec in enumerate(getattr(extract, field)):
            if rec.span[1] > limit:
                return f"字段 {field}[{i}].span {list(rec.span)} 超出文档长度 {limit}"
    return None


def ensure_sound(extract: Extract, *, references: bool = True) -> None:
    """Raise `InputError` naming the document's file when `first_problem` finds something."""
    from zhize.graph.errors import InputError

    problem = first_problem(extract, references)
    if problem:
        raise InputError(problem, file=extract.document.source or extract.document.title)
