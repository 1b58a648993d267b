"""What the stages produce: plain dataclasses mirroring `theodoi.extraction/1`.

Only `schema.py` turns them into JSON; stages fill them. Field meanings are those of
`shared/spec/extraction.md`.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field
from typing import TypeVar

Span = tuple[int, int]


@dataclass
class Signer:
    name: str | None
    position: str | None
    on_behalf: str | None


@dataclass
class Document:
    kind: str = "khac"
    number: str | None = None
    issued_on: str | None = None  # ISO date
    place: str | None = None
    issuer: str | None = None
    title: str = ""
    term: tuple[int, int] | None = None
    signer: Signer | None = None
    bases: list[str] = _field(default_factory=list)
    recipients: list[str] = _field(default_factory=list)
    # a mark that restricts who reads it ("Tài liệu này thuộc sở hữu của các cơ quan Đảng",
    # "Lưu hành nội bộ", "MẬT"): the line and where it stands; None for an open document
    restricted_by: tuple[str, tuple[int, int]] | None = None


@dataclass
class Heading:
    id: str
    label: str
    title: str
    level: int
    parent: str | None
    span: Span


@dataclass
class Milestone:
    year: int
    value: float | None
    text: str | None = None
    span: Span | None = None


@dataclass
class Target:
    id: str
    label: str | None
    section: str | None
    text: str
    span: Span
    indicator: str
    field: str | None = None
    kind: str = "level"
    direction: str | None = None
    comparator: str | None = None
    value: float | None = None
    value_max: float | None = None
    value_of: float | None = None
    unit: str | None = None
    per_year: bool = False
    recurrence: str | None = None
    deadline_year: int | None = None
    period: tuple[int, int] | None = None
    milestones: list[Milestone] = _field(default_factory=list)
    lead_agency: str | None = None
    lead_agency_normalised: str | None = None
    co_agencies: list[str] = _field(default_factory=list)
    also_spans: list[Span] = _field(default_factory=list)  # where the same target is restated
    rule: str = ""  # which rule proposed it (rules/provenance.py)


@dataclass
class Due:
    text: str
    date: str | None  # ISO
    recurrence: str | None = None


@dataclass
class Task:
    id: str
    label: str | None
    section: str | None
    text: str
    span: Span
    title: str
    kind: str = "task"
    lead_agency: str | None = None
    lead_agency_normalised: str | None = None
    co_agencies: list[str] = _field(default_factory=list)
    leader: str | None = None
    advisory_agency: str | None = None
    due: Due | None = None
    submit_to: list[str] = _field(default_factory=list)
    product: str | None = None
    rule: str = ""  # which rule proposed it (rules/provenance.py)


Item = TypeVar("Item", Target, Task)


def tagged(items: list[Item], rule: str) -> list[Item]:
    """The items, each marked with the rule that proposed it unless an earlier rule did."""
    for item in items:
        item.rule = item.rule or rule
    return items
