"""The graph schema: the single source for labels, relationship types, properties, ids and constraints.

Both stores build from this module: the SQLite store names its tables after the labels, the Neo4j
store creates its constraints and full-text index from `CONSTRAINTS` and `FULLTEXT`.

Ids are stable: a function of what a record *is* (its jurisdiction and name, or its document and
position), never of load order, so loading the same document twice changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# An undated document (no issue date found and none given) is stored with a date before every
# real one, so that every "issued by `at`" comparison counts it in, and is read back as None
# (docs/graph-model.md, Time). SQLite keeps ISO text: the empty string sorts first; Neo4j a date.
UNDATED_TEXT = ""
UNDATED_DATE = date(1, 1, 1)


class Label(StrEnum):
    JURISDICTION = "Jurisdiction"  # 行政区划 (a county, city, province)
    DEPARTMENT = "Department"  # 部门
    UNIT = "Unit"  # 内设机构
    DUTY = "Duty"  # 职责 (one clause of one document)
    MATTER = "Matter"  # 事项 (canonical key shared across wordings)
    DOCUMENT = "Document"  # 三定 / 改革方案
    EVENT = "Event"  # 改革事件
    BOUNDARY = "Boundary"  # 职责分工 clause
    STAFFING = "Staffing"  # 人员编制
    FINDING = "Finding"  # 问题 (ledger item)
    FINDING_CHANGE = "FindingChange"  # one step of a finding's history
    TASK = "Task"  # 新增任务 a user asks to be assigned (checked by detector GAP003)


class Rel(StrEnum):
    IN = "IN"  # Department -> Jurisdiction, Document -> Jurisdiction
    PART_OF = "PART_OF"  # Unit -> Department
    HOLDS = "HOLDS"  # Department -> Duty {valid_from, valid_to, role}
    PERFORMS = "PERFORMS"  # Unit -> Duty
    CONCERNS = "CONCERNS"  # Duty | Event | Boundary -> Matter
    FROM = "FROM"  # Duty | Event | Boundary | Staffing | Unit -> Document (provenance)
    BETWEEN = "BETWEEN"  # Boundary -> Department {does, role}
    SOURCE = "SOURCE"  # Event -> Department (losing side)
    TARGET = "TARGET"  # Event -> Department (receiving side)
    STAFFS = "STAFFS"  # Staffing -> Department
    REGULATES = "REGULATES"  # Document (三定) -> Department
    INVOLVES = "INVOLVES"  # Finding -> Department
    HAS_CHANGE = "HAS_CHANGE"  # Finding -> FindingChange


@dataclass(frozen=True)
class Constraint:
    label: Label
    key: str = "id"

    @property
    def name(self) -> str:
        return f"{self.label.lower()}_{self.key}_unique"


# Every node label has a unique id.
CONSTRAINTS: tuple[Constraint, ...] = tuple(Constraint(label) for label in Label)

# Properties each label carries (documentation and the Neo4j writers' single reference).
PROPERTIES: dict[Label, tuple[str, ...]] = {
    Label.JURISDICTION: ("id", "name", "level"),
    Label.DEPARTMENT: ("id", "name", "jurisdiction", "aliases", "plaques", "rank", "type",
                       "valid_from", "valid_to"),
    Label.UNIT: ("id", "name", "department", "plaques"),
    Label.DUTY: ("id", "text", "role", "section", "clause", "span_start", "span_end", "ordinal",
                 "document", "department", "unit"),
    Label.MATTER: ("id", "key"),
    Label.DOCUMENT: ("id", "kind", "title", "jurisdiction", "issue_date", "date_source", "subject", "source",
                     "chars", "place_unknown"),
    Label.EVENT: ("id", "kind", "date", "duty", "detail", "text", "clause", "span_start", "span_end",
                  "document"),
    Label.BOUNDARY: ("id", "text", "clause", "span_start", "span_end", "document"),
    Label.STAFFING: ("id", "department", "administrative", "other", "leaders", "posts", "clause",
                     "document"),
    Label.FINDING: ("id", "detector", "kind", "severity", "confidence", "jurisdiction", "matter",
                    "departments", "evidence", "message", "status", "category", "deadline",
                    "first_seen", "last_seen"),
    Label.FINDING_CHANGE: ("id", "finding", "at", "actor", "from_status", "to_status", "reason",
                           "category", "deadline"),
    Label.TASK: ("id", "jurisdiction", "text", "actor", "created_at"),
}


@dataclass(frozen=True)
class FullTextIndex:
    name: str
    label: Label
    properties: tuple[str, ...]
    analyzer: str


FULLTEXT = FullTextIndex("duty_text", Label.DUTY, ("text",), "cjk")


def _digest(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=8).hexdigest()


def jurisdiction_id(name: str) -> str:
    return "j:" + _digest(name)


def department_id(jurisdiction: str, name: str) -> str:
    return "d:" + _digest(jurisdiction, name)


def unit_key(department: str, name: str) -> str:
    """Links the versions of one internal unit across 三定 documents."""
    return "uk:" + _digest(department, name)


def matter_id(key: str) -> str:
    return "m:" + key


def record_id(prefix: str, document: str, ordinal: int) -> str:
    """Units, duties, events, boundaries and staffing: their document and position in it.
    (The first 16 hex digits of the document's sha256 are unique in any real store.)"""
    return f"{prefix}:{document[:16]}:{ordinal}"


def finding_id(detector: str, jurisdiction: str, departments: list[str], matter: str | None) -> str:
    """The same problem keeps its id across runs: detector, place, parties and matter."""
    return "f:" + _digest(detector, jurisdiction, "|".join(sorted(departments)), matter or "")


def task_id(jurisdiction: str | None, text: str) -> str:
    """A user task is its jurisdiction (or none: every jurisdiction) and its text."""
    return "k:" + _digest(jurisdiction or "", " ".join(text.split()))


def jurisdiction_level(name: str) -> str:
    """中央 / 省 / 市 / 县 / 乡 by the name's suffix (区 and 旗 count as county level)."""
    if name == "中央":  # national bodies (ingest.names.NATIONAL)
        return "中央"
    for suffix, level in (("省", "省"), ("自治区", "省"), ("市", "市"), ("州", "市"), ("盟", "市"),
                          ("县", "县"), ("区", "县"), ("旗", "县"), ("乡", "乡"), ("镇", "乡"),
                          ("街道", "乡")):
        if name.endswith(suffix):
            return level
    return "未知"
