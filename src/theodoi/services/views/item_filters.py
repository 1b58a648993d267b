"""What the register and the dashboard narrow items to: item kind, field, issuer, document.

- kind: "target", "task" (every task) or a task kind ("scheme" Đề án, "key_project",
  "breakthrough");
- field: a field of work, or "khac" for an item no field is known for;
- issuer: the class of the plan's issuer (domain/issuers.py: dang_uy, ubnd, hdnd, mttq, khac);
- doc_kind: the plan's document kind (ke_hoach, nghi_quyet, …).

Empty values mean no filter. A value no choice offers is refused (BadInput, Vietnamese).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from theodoi.domain import fields as F
from theodoi.domain.errors import BadInput
from theodoi.domain.issuers import ISSUER_LABELS, issuer_class
from theodoi.storage.models import Target, Task

FIELD_CHOICES = (*F.FIELDS_OF_WORK, "khac")


@dataclass(frozen=True)
class ItemFilter:
    """The four filters items of any list answer to; hashable, so part of a cache key."""

    kind: str = ""
    field: str = ""
    issuer: str = ""
    doc_kind: str = ""

    def check(self) -> None:
        """BadInput naming every value no choice offers."""
        wrong = [(name, value) for name, value, allowed in (
            ("loại mục", self.kind, ("target", *F.TASK_KINDS)),
            ("loại văn bản", self.doc_kind, F.PLAN_KINDS),
            ("cơ quan ban hành", self.issuer, tuple(ISSUER_LABELS)),
            ("lĩnh vực", self.field, FIELD_CHOICES)) if value and value not in allowed]
        if wrong:
            raise BadInput("bộ lọc không hợp lệ: " + ", ".join(f"{n} '{v}'" for n, v in wrong)
                           + ".")

    def empty(self) -> bool:
        return not (self.kind or self.field or self.issuer or self.doc_kind)

    def matches(self, item: Target | Task) -> bool:
        """Whether `item` (its plan loaded) passes every filter set."""
        if self.kind and self.kind not in kinds_of(item):
            return False
        if self.field and (item.field or "khac") != self.field:
            return False
        if self.doc_kind and item.plan.kind != self.doc_kind:
            return False
        return not self.issuer or issuer_class(item.plan.issuer,
                                               item.plan.number) == self.issuer

    def query(self) -> dict[str, str]:
        """The filters set, as the query string carries them (for links that keep them)."""
        return {k: v for k, v in (("kind", self.kind), ("field", self.field),
                                  ("issuer", self.issuer), ("doc_kind", self.doc_kind)) if v}


def kinds_of(item: Target | Task) -> tuple[str, ...]:
    """The kind filters an item answers to: 'task' takes every task, 'scheme' (Đề án),
    'key_project' and 'breakthrough' only their own."""
    return ("target",) if isinstance(item, Target) else ("task", item.kind)


def choices() -> dict[str, list[dict[str, Any]]]:
    """The options each filter's select offers, with their Vietnamese words."""
    return {"kinds": [{"value": k, "label": F.TASK_KIND_LABELS[k]}
                      for k in F.TASK_KINDS if k != "task"],
            "fields": [{"value": k, "label": F.FIELD_LABELS[k]} for k in FIELD_CHOICES],
            "issuers": [{"value": k, "label": v} for k, v in ISSUER_LABELS.items()],
            "doc_kinds": [{"value": k, "label": F.CHOICE_LABELS["plan.kind"][k]}
                          for k in F.PLAN_KINDS]}
