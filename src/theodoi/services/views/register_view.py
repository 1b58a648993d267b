"""The register of a unit as the web lists it: targets and tasks with filters and sorting.

Filters: item kind (chỉ tiêu, nhiệm vụ, đề án …), field (lĩnh vực; "khac" for none),
review state, lead agency, plan, the class of the plan's issuer (Đảng ủy / UBND / HĐND /
MTTQ, domain/issuers.py), the plan's document kind, status and due. An agency user
(don_vi) gets only the items whose lead agency is theirs; a restricted plan's items reach
only its readers (access.sees).
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import status as rules
from theodoi.domain.errors import BadInput
from theodoi.services import memo
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.progress import status
from theodoi.services.register import plans
from theodoi.services.register.items import ref_of
from theodoi.services.views import item_filters
from theodoi.services.views.review_view import item_row
from theodoi.storage.models import Target, Task, Unit
from theodoi.storage.repositories import plans as repo
from theodoi.storage.repositories import stamps

SORTS = ("plan", "field", "review", "agency", "due")
DUES = {"qua_han": "quá hạn", "quy_nay": "đến hạn trong quý này",
        "nam_nay": "đến hạn trong năm nay"}
FINISHED = ("dat", "vuot", "hoan_thanh_dung_han", "hoan_thanh_tre_han")


@dataclass
class Filters:
    """What the list is narrowed to; empty values mean no filter."""

    kind: str = ""
    field: str = ""
    review: str = ""
    agency_id: int | None = None
    plan_id: int | None = None
    sort: str = "plan"
    status: str = ""
    due: str = ""
    issuer: str = ""
    doc_kind: str = ""

    @property
    def items(self) -> item_filters.ItemFilter:
        """The kind, field, issuer and document-kind filters (shared with the dashboard)."""
        return item_filters.ItemFilter(self.kind, self.field, self.issuer, self.doc_kind)

    def matches(self, item: Target | Task) -> bool:
        if not self.items.matches(item):
            return False
        if self.review and item.review != self.review:
            return False
        if self.plan_id and item.plan_id != self.plan_id:
            return False
        return not self.agency_id or access.lead_agency_id(item) == self.agency_id


def due_day(item: Target | Task, as_of: date) -> date | None:
    """The day an item falls due: a target at the end of its deadline year, a task on its
    due day (a yearly task's occurrence of the year asked about)."""
    if isinstance(item, Target):
        year = item.deadline_year or item.plan.term_end
        return date(year, 12, 31) if year else None
    return rules.due_on(rules.TaskFacts(item.due_date, item.due_recurrence), as_of)


def due_matches(kind: str, day: date | None, finished: bool, as_of: date) -> bool:
    """qua_han: past due and not finished; quy_nay / nam_nay: due in the quarter / year."""
    if not kind:
        return True
    if day is None:
        return False
    if kind == "qua_han":
        return day < as_of and not finished
    if kind == "quy_nay":
        return day.year == as_of.year and (day.month - 1) // 3 == (as_of.month - 1) // 3
    return day.year == as_of.year


def _sort_key(sort: str, item: Target | Task) -> tuple[Any, ...]:
    """The register's order for `sort` ("plan" for any other word): only that key is
    made, an item at a time."""
    if sort == "field":
        return (getattr(item, "field", None) or "~", item.plan_id, item.position)
    if sort == "review":
        return (item.review, item.plan_id, item.position)
    if sort == "agency":
        lead = next((a.name for a in item.assignments if a.role == "lead"), "")
        return (lead or "~", item.plan_id, item.position)
    if sort == "due":
        due = item.deadline_year if isinstance(item, Target) else (
            item.due_date.year if item.due_date else None)
        return (due or 9999, item.plan_id, item.position)
    return (item.plan_id, isinstance(item, Task), item.position)


def _codes(s: Session, unit_code: str, f: Filters, as_of: date) -> dict[str, str]:
    """ref -> status code of the unit's active items, only when a filter needs it."""
    if (f.status and f.status not in rules.LABELS) or (f.due and f.due not in DUES):
        raise BadInput(f"bộ lọc không hợp lệ: trạng thái '{f.status}', hạn '{f.due}'.")
    if not (f.status or f.due):
        return {}
    found = status.status_of_unit(s, unit_code, as_of)
    return {r.ref: r.code for r in found.targets + found.tasks}


def register_page(s: Session, p: Principal, unit_id: int, f: Filters,
                  as_of: date | None = None) -> dict[str, Any]:
    """The unit's items (open plans) narrowed by `f`, and the choices the filters offer.

    Status and due filters are judged as of `as_of` (the edge passes today). Cached under
    the unit's data stamp, the filters, the day and what the person may see (an agency's
    own items or all); what is returned is shared and must not be changed."""
    f.items.check()
    scope = access.unit_scope(s, p, unit_id)  # one query; the Unit is loaded on a miss
    stamp = stamps.known_or_read(s, unit_id, scope.stamp)  # before the rows: see memo.py
    key = ("register", stamps.url_of(s), unit_id, stamp, astuple(f), as_of,
           access.lens(p, scope))
    found: dict[str, Any] = memo.VIEWS.one(
        key, lambda: _page(s, p, access.unit(s, p, unit_id), f, as_of),
        keep=stamp is not None)
    return found


def _page(s: Session, p: Principal, unit: Unit, f: Filters,
          as_of: date | None) -> dict[str, Any]:
    day = as_of or date.min
    rows: list[Target | Task] = []
    for plan in repo.open_for_register(s, unit.id):
        sees = access.seer(p, plan)  # the same for every item of the plan
        rows += [i for i in plan.targets if sees(i)]
        rows += [i for i in plan.tasks if sees(i)]
    codes = _codes(s, unit.code, f, day)
    chosen = sorted((i for i in rows if f.matches(i)
                     and (not f.status or codes.get(ref_of(i)) == f.status)
                     and (not f.due or due_matches(f.due, due_day(i, day),
                                                   codes.get(ref_of(i), "") in FINISHED, day))),
                    key=lambda i: _sort_key(f.sort, i))
    agencies = sorted({(a.agency_id, a.agency.name) for i in rows for a in i.assignments
                       if a.role == "lead" and a.agency is not None}, key=lambda x: x[1])
    return {"unit": {"id": unit.id, "name": unit.name, "code": unit.code},
            "filters": {"kind": f.kind, "field": f.field, "review": f.review,
                        "agency_id": f.agency_id, "plan_id": f.plan_id, "sort": f.sort,
                        "status": f.status, "due": f.due, "issuer": f.issuer,
                        "doc_kind": f.doc_kind},
            "choices": {**item_filters.choices(),
                        "reviews": [{"value": k, "label": v}
                                    for k, v in plans.REVIEW_LABELS.items()],
                        "agencies": [{"value": a, "label": n} for a, n in agencies],
                        "statuses": [{"value": c, "label": label}
                                     for c, label in rules.LABELS.items()],
                        "dues": [{"value": k, "label": v} for k, v in DUES.items()],
                        "sorts": list(SORTS)},
            "items": [{**item_row(i), "plan_id": i.plan_id, "status": code,
                       "status_label": rules.LABELS.get(code or "")}
                      for i in chosen for code in (codes.get(ref_of(i)) if codes else None,)],
            "total": len(rows)}
