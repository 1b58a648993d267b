"""Register items as the extraction JSON describes them, and the refs people type (t12, k5).

`row_json` gives a stored target or task in the shape of `theodoi.extraction/1`, so the
extractor's proposal (`original`) and the current row can be compared field by field.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput, NotFound
from theodoi.domain.numbers import parse_id
from theodoi.domain.revisions import ItemSig
from theodoi.domain.text import fold
from theodoi.storage.models import Agency, Assignment, Milestone, Target, Task
from theodoi.storage.repositories import plans as repo

TARGET_COLUMNS = ("label", "section", "text", "indicator", "field", "kind", "direction",
                  "comparator", "value", "value_max", "value_of", "unit", "per_year",
                  "recurrence", "deadline_year")
TASK_COLUMNS = ("label", "section", "text", "title", "kind", "field", "product")


def ref_of(item: Target | Task) -> str:
    """The short reference people type: t<id> for a target, k<id> for a task."""
    return f"t{item.id}" if isinstance(item, Target) else f"k{item.id}"


def parse_ref(ref: str) -> tuple[type[Target] | type[Task], int]:
    """The kind and id `ref` names ('t12' a target, 'k5' a task); BadInput otherwise."""
    text = ref.strip().lower()
    if len(text) < 2 or text[0] not in "tk" or not (text[1:].isascii() and text[1:].isdigit()):
        raise BadInput(f"mã mục '{ref}' không hợp lệ; dùng t<số> cho chỉ tiêu, k<số> cho "
                       "nhiệm vụ (ví dụ t12, k5).")
    number = parse_id(text[1:])
    if number is None:  # more digits than any id: no such item (not a database error)
        raise NotFound(f"không có mục {ref}.")
    return (Target if text[0] == "t" else Task), number


def get_item(s: Session, ref: str) -> Target | Task:
    """The item `ref` names ('t12' a target, 'k5' a task)."""
    model, item_id = parse_ref(ref)
    item = (repo.target if model is Target else repo.task)(s, item_id)
    if item is None:
        raise NotFound(f"không có mục {ref}.")
    return item


def names(item: Target | Task, role: str) -> list[str]:
    return [a.name for a in item.assignments if a.role == role]


def row_json(item: Target | Task) -> dict[str, Any]:
    """The item in the extraction's JSON shape (current values, not the proposal)."""
    lead = names(item, "lead")
    data: dict[str, Any] = {"lead_agency": lead[0] if lead else None,
                            "co_agencies": names(item, "co")}
    if isinstance(item, Target):
        data.update({c: getattr(item, c) for c in TARGET_COLUMNS})
        data["period"] = ({"start": item.period_start, "end": item.period_end}
                          if item.period_start else None)
        data["milestones"] = [{"year": m.year, "value": m.value} for m in item.milestones]
        return data
    data.update({c: getattr(item, c) for c in TASK_COLUMNS})
    leader = names(item, "leader")
    advisory = names(item, "advisory")
    data.update({"leader": leader[0] if leader else None,
                 "advisory_agency": advisory[0] if advisory else None,
                 "submit_to": list(item.submit_to or []),
                 "due": ({"text": item.due_text, "recurrence": item.due_recurrence,
                          "date": item.due_date.isoformat() if item.due_date else None}
                         if item.due_text or item.due_date else None)})
    return data


def signature(kind: str, data: dict[str, Any]) -> ItemSig:
    """What makes two versions of an item the same, from its JSON."""
    co = tuple(data.get("co_agencies") or ())
    if kind == "target":
        miles = tuple((m["year"], m["value"]) for m in data.get("milestones") or ())
        facts = tuple(data.get(c) for c in ("indicator", "kind", "comparator", "value",
                                            "value_max", "value_of", "unit", "per_year",
                                            "recurrence", "deadline_year"))
        return ItemSig(fold(data.get("text") or ""), (*facts, miles, data.get("lead_agency"),
                                                      co))
    due = data.get("due") or {}
    facts = (data.get("kind"), due.get("text"), due.get("date"), data.get("lead_agency"), co,
             data.get("leader"), tuple(data.get("submit_to") or ()), data.get("product"))
    return ItemSig(fold(data.get("title") or data.get("text") or ""), facts)


def proposal_or_row(item: Target | Task) -> dict[str, Any]:
    """What the extractor read for the item, or its values when a person added it."""
    return item.original if item.original is not None else row_json(item)


def fill_target(row: Target, t: dict[str, Any]) -> None:
    """Copy an extraction target's values into a row (not its assignments)."""
    for column in TARGET_COLUMNS:
        setattr(row, column, t.get(column))
    row.text = t.get("text") or ""
    row.indicator = t.get("indicator") or ""
    row.per_year = bool(t.get("per_year"))
    period = t.get("period") or {}
    row.period_start, row.period_end = period.get("start"), period.get("end")
    row.milestones = [Milestone(year=m["year"], value=m.get("value"))
                      for m in _unique_years(t.get("milestones") or ())]


def _unique_years(milestones: Any) -> list[dict[str, Any]]:
    """One milestone a year; a roadmap read twice keeps the first value it stated."""
    seen: dict[int, dict[str, Any]] = {}
    for m in milestones:
        seen.setdefault(int(m["year"]), m)
    return [seen[y] for y in sorted(seen)]


def fill_task(row: Task, t: dict[str, Any]) -> None:
    """Copy an extraction task's values into a row (not its assignments)."""
    from datetime import date

    for column in TASK_COLUMNS:
        setattr(row, column, t.get(column))
    row.text = t.get("text") or ""
    row.title = t.get("title") or row.text[:300]
    due = t.get("due") or {}
    row.due_text = due.get("text")
    row.due_date = date.fromisoformat(due["date"]) if due.get("date") else None
    row.due_recurrence = due.get("recurrence")
    row.submit_to = list(t.get("submit_to") or [])


def set_span(row: Target | Task, t: dict[str, Any]) -> None:
    span = t.get("span") or (None, None)
    row.span_start, row.span_end = span[0], span[1]
    row.ext_id, row.section = t.get("id"), t.get("section")
    if isinstance(row, Target):
        row.also_spans = [list(x) for x in t.get("also_spans") or []]


def assignment(role: str, name: str, position: int, agency: Agency | None) -> Assignment:
    return Assignment(role=role, name=" ".join(name.split()), position=position,
                      agency=agency)
