"""A revised plan against the version it replaces: what changed, and what carries over.

At import, every item of the new draft is matched to the old version (`compare`): an
unchanged item takes over the old item's review decision and corrected values, a changed
one points at its predecessor. At activation (`carry_over`), the old rows of unchanged
items move into the new plan in place of their copies, so everything that hangs on them
(progress records, explanations, links) stays with them, and the old plan is closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import revisions
from theodoi.services.register import items
from theodoi.storage.models import Plan, Target, Task
from theodoi.storage.repositories import plans as repo


@dataclass
class Change:
    """One line of the comparison."""

    change: str  # new | changed | unchanged | removed
    kind: str  # target | task
    ref: str
    text: str
    fields: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    """A new version against the old one; `new_plan` is None while it is only offered."""

    old_plan: int
    new_plan: int | None
    rows: list[Change]

    def count(self, change: str) -> int:
        return sum(r.change == change for r in self.rows)

    @property
    def identical(self) -> bool:
        """Every item read the same in both: the same document again, not a version."""
        return all(r.change == "unchanged" for r in self.rows)


def compare(s: Session, old: Plan, new: Plan) -> Comparison:
    """Match `new`'s items to `old`'s, record the match on the new rows, return the diff."""
    rows: list[Change] = []
    for kind, old_items, new_items in (("target", old.targets, new.targets),
                                       ("task", old.tasks, new.tasks)):
        olds = [items.proposal_or_row(i) for i in old_items]
        news = [items.proposal_or_row(i) for i in new_items]
        for m in revisions.match([items.signature(kind, d) for d in olds],
                                 [items.signature(kind, d) for d in news]):
            rows.append(_record(kind, m, old_items, new_items, olds, news))
    s.flush()
    return Comparison(old.id, new.id, rows)


def offer(old: Plan, result: dict[str, Any]) -> Comparison:
    """`old` against an extraction not stored yet: the diff shown before a person decides
    to keep the file as a new version (nothing is written)."""
    rows: list[Change] = []
    for kind, old_items, news in (("target", old.targets, result.get("targets") or []),
                                  ("task", old.tasks, result.get("tasks") or [])):
        olds = [items.proposal_or_row(i) for i in old_items]
        for m in revisions.match([items.signature(kind, d) for d in olds],
                                 [items.signature(kind, d) for d in news]):
            rows.append(_offered(kind, m, old_items, olds, news))
    return Comparison(old.id, None, rows)


def _offered(kind: str, m: revisions.Match, old_items: list[Any],
             olds: list[dict[str, Any]], news: list[dict[str, Any]]) -> Change:
    if m.new is None:
        assert m.old is not None
        item = old_items[m.old]
        return Change("removed", kind, items.ref_of(item), _label(item))
    data = news[m.new]
    text = (data.get("indicator") or data.get("title") or data.get("text") or "")[:120]
    if m.old is None:
        return Change("new", kind, "", text)
    ref = items.ref_of(old_items[m.old])
    if m.change == "unchanged":
        return Change("unchanged", kind, ref, text)
    return Change("changed", kind, ref, text, _changed_fields(olds[m.old], data))


def _record(kind: str, m: revisions.Match, old_items: list[Any], new_items: list[Any],
            olds: list[dict[str, Any]], news: list[dict[str, Any]]) -> Change:
    if m.new is None:
        assert m.old is not None
        item = old_items[m.old]
        return Change("removed", kind, items.ref_of(item), _label(item))
    row = new_items[m.new]
    row.change = m.change
    if m.old is None:
        return Change("new", kind, items.ref_of(row), _label(row))
    previous = old_items[m.old]
    row.previous_id = previous.id
    if m.change == "unchanged":
        _take_decision(row, previous)
        return Change("unchanged", kind, items.ref_of(row), _label(row))
    return Change("changed", kind, items.ref_of(row), _label(row),
                  _changed_fields(olds[m.old], news[m.new]))


def _take_decision(row: Target | Task, previous: Target | Task) -> None:
    """An unchanged item keeps what a person decided about its old version."""
    row.review = previous.review if previous.review != "proposed" else "proposed"
    if previous.review == "corrected":
        if isinstance(row, Target) and isinstance(previous, Target):
            items.fill_target(row, {**items.row_json(previous), "text": row.text})
        elif isinstance(row, Task) and isinstance(previous, Task):
            items.fill_task(row, {**items.row_json(previous), "text": row.text})


def _changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    # where it was read and by which rule is no change of what the plan says
    skip = {"id", "span", "section", "also_spans", "label", "rule", "lead_agency_normalised"}
    return sorted(k for k in set(old) | set(new) if k not in skip and old.get(k) != new.get(k))


def _label(item: Target | Task) -> str:
    text = item.indicator if isinstance(item, Target) else item.title
    return (text or item.text)[:120]


PLACE = ("position", "span_start", "span_end", "ext_id", "section", "text", "label", "original",
         "review")  # where an item stands in its plan's text, not what it commits to


def carry_over(s: Session, plan: Plan) -> list[dict[str, Any]]:
    """Move the old rows of unchanged items into `plan`; close the old plan. Returns the
    moves, each with the row's place in the old plan, so an undo can move it back."""
    if plan.revises_id is None:
        return []
    old = repo.get(s, plan.revises_id)
    moves = []
    for copies in (plan.targets, plan.tasks):
        for copy in [c for c in copies if c.change == "unchanged" and c.previous_id]:
            move = _move(s, plan, copy)
            if move is not None:
                moves.append(move)
    if old is not None and old.status != "closed":
        old.status = "closed"
    s.flush()
    return moves


def _place(row: Target | Task) -> dict[str, Any]:
    place = {c: getattr(row, c) for c in PLACE}
    place.update({"plan_id": row.plan_id, "change": row.change,
                  "previous_id": row.previous_id})
    if isinstance(row, Target):
        place["also_spans"] = row.also_spans
    return place


def _move(s: Session, plan: Plan, copy: Target | Task) -> dict[str, Any] | None:
    """Put the predecessor row where its unchanged copy was; the copy goes."""
    if copy.previous_id is None:
        return None
    keeper = (repo.target(s, copy.previous_id) if isinstance(copy, Target)
              else repo.task(s, copy.previous_id))
    if keeper is None:
        return None
    move: dict[str, Any] = {"kind": "target" if isinstance(copy, Target) else "task",
                            "id": keeper.id,
            "before": _place(keeper)}
    for column in PLACE:
        setattr(keeper, column, getattr(copy, column))
    if isinstance(copy, Target) and isinstance(keeper, Target):
        keeper.also_spans = copy.also_spans
    if isinstance(copy, Target):
        plan.targets.remove(copy)
    else:
        plan.tasks.remove(copy)
    s.flush()
    keeper.plan_id = plan.id
    keeper.change = "unchanged"
    keeper.previous_id = move["before"]["previous_id"]
    s.flush()
    return move


def move_back(s: Session, plan: Plan, moves: list[dict[str, Any]]) -> None:
    """Undo `carry_over`: each moved row goes back to its old plan and place, and `plan`
    gets a fresh copy of it where the row stood (as the import had made it)."""
    for move in moves:
        model = Target if move["kind"] == "target" else Task
        keeper = (repo.target if model is Target else repo.task)(s, move["id"])
        if keeper is None or keeper.plan_id != plan.id:
            continue
        copy = model()
        if isinstance(copy, Target) and isinstance(keeper, Target):
            items.fill_target(copy, items.row_json(keeper))
            copy.also_spans = keeper.also_spans
        elif isinstance(copy, Task) and isinstance(keeper, Task):
            items.fill_task(copy, items.row_json(keeper))
        for column in PLACE:
            setattr(copy, column, getattr(keeper, column))
        copy.assignments = [items.assignment(a.role, a.name, a.position, a.agency)
                            for a in keeper.assignments]
        copy.change, copy.previous_id = "unchanged", keeper.id
        for column, value in move["before"].items():
            setattr(keeper, column, value)
        if isinstance(copy, Target):
            plan.targets.append(copy)
        else:
            plan.tasks.append(copy)
        s.flush()
