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


@dataclass(slots=True)
class Heading:
    id: str
    label: str
    title: str
    level: int
    parent: str | None
    span: Span


@dataclass(slots=True)
class Milestone:
    year: int
    value: float | None
    text: str | None = None
    span: Span | None = None


@dataclass(slots=True)
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


@dataclass(slots=True)
class Due:
    text: str
    date: str | None  # ISO
    recurrence: str | None = None


@dataclass(slots=True)
class Task:
    """A task; its `text` is the document's text over `span`, cut when asked for.

    A stage gives either `whole` (the document's text, which the task shares with every
    other task: a long plan's tasks together covered most of it, and as copies held beside it
    they took about as much again while the stages ran) or `own_text`, a text of its own
    (a test's task, or one whose text is no slice of the document). `keep_text` turns the
    first into the second, so the document's text can be let go (schema.to_json)."""

    id: str
    label: str | None
    section: str | None
    span: Span
    title: str
    kind: str = "task"
    field: str | None = None  # area of work, from the section it stands in (task_fields)
    lead_agency: str | None = None
    lead_agency_normalised: str | None = None
    co_agencies: list[str] = _field(default_factory=list)
    leader: str | None = None
    advisory_agency: str | None = None
    due: Due | None = None
    submit_to: list[str] = _field(default_factory=list)
    product: str | None = None
    rule: str = ""  # which rule proposed it (rules/provenance.py)
    own_text: str | None = None
    whole: str = _field(default="", repr=False, compare=False)

    @property
    def text(self) -> str:
        """The task as written: `own_text`, else `whole` over `span`."""
        if self.own_text is not None:
            return self.own_text
        return self.whole[self.span[0]:self.span[1]]

    def keep_text(self) -> None:
        """Hold the text as a copy of its own, no longer through `whole`."""
        self.own_text, self.whole = self.text, ""


@dataclass
class Passage:
    """A sentence or list item of the emulation section, cleaned, with its span."""

    text: str
    span: Span


@dataclass
class Condition:
    """A measurable condition a criterion states (code of domain.emulation.CONDITIONS)."""

    code: str
    text: str
    value: float | None = None


@dataclass
class Criterion:
    text: str
    span: Span
    applies_to: str | None = None  # collective | individual | all
    conditions: list[Condition] = _field(default_factory=list)
    reward: str | None = None  # the reward form the criterion is for, when its heading names one


@dataclass
class Reward:
    form: str  # code of domain.emulation.REWARD_FORMS
    text: str
    span: Span
    awarded_by: str | None = None
    proposed: bool = False  # proposed to the level above ("xét đề nghị …"), not given here
    applies_to: str | None = None
    conditions: list[Condition] = _field(default_factory=list)


@dataclass
class DossierItem:
    text: str
    span: Span
    kind: str | None = None
    form_ref: str | None = None


@dataclass
class Responsible:
    body: str
    text: str
    span: Span


@dataclass
class Emulation:
    """The `emulation` section of a plan that launches a movement (schema 1.1)."""

    name: str
    span: Span
    slogan: str | None = None
    period_text: str | None = None
    period_start: str | None = None  # ISO
    period_end: str | None = None  # ISO
    period_span: Span | None = None  # the period's own text in the document (not in the JSON)
    contents: list[Passage] = _field(default_factory=list)
    collectives: list[Passage] = _field(default_factory=list)
    individuals: list[Passage] = _field(default_factory=list)
    criteria: list[Criterion] = _field(default_factory=list)
    rewards: list[Reward] = _field(default_factory=list)
    dossier: list[DossierItem] = _field(default_factory=list)
    deadline_text: str | None = None
    deadline: str | None = None  # ISO
    receiver: str | None = None
    receiver_via: str | None = None
    responsible: list[Responsible] = _field(default_factory=list)


Item = TypeVar("Item", Target, Task)


def tagged(items: list[Item], rule: str) -> list[Item]:
    """The items, each marked with the rule that proposed it unless an earlier rule did."""
    for item in items:
        item.rule = item.rule or rule
    return items
