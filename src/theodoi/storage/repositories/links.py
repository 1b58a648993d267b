"""Queries on links between documents (a basis and the plan it names) and between targets."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from theodoi.storage.models import Basis, Plan, Target, TargetLink

# A reference may drop or add leading zeros ("số 9-CTr" for "09-CTr"): look up each form.
_LEADING_ZEROS = ("", "0", "00")


def _starts_with_digits(column: InstrumentedAttribute[str | None],
                        digits: str) -> ColumnElement[bool]:
    """`column` begins with `digits`, with up to two leading zeros; a coarse pre-filter."""
    core = digits.lstrip("0") or "0"
    return or_(*[column.like(f"{zeros}{core}%") for zeros in _LEADING_ZEROS])


def plans_numbered(s: Session, digits: str) -> list[Plan]:
    """Plans of any unit whose number starts with these digits; the caller compares keys."""
    return list(s.scalars(select(Plan).where(_starts_with_digits(Plan.number, digits))
                          .options(selectinload(Plan.unit)).order_by(Plan.id)))


def open_bases_naming(s: Session, digits: str) -> list[Basis]:
    """Unlinked bases whose reference number starts with these digits."""
    return list(s.scalars(select(Basis).where(
        Basis.linked_plan_id.is_(None), _starts_with_digits(Basis.ref_number, digits))
        .order_by(Basis.id)))


def active_plans_of(s: Session, unit_ids: Iterable[int]) -> list[Plan]:
    ids = list(unit_ids)
    if not ids:
        return []
    return list(s.scalars(select(Plan).where(Plan.unit_id.in_(ids), Plan.status == "active")
                          .order_by(Plan.unit_id, Plan.id)))


def bases_of_open_plans(s: Session, unit_id: int) -> list[Basis]:
    """The bases of a unit's draft and active plans, in plan then position order."""
    return list(s.scalars(select(Basis).join(Plan, Basis.plan_id == Plan.id)
                          .where(Plan.unit_id == unit_id, Plan.status != "closed")
                          .order_by(Plan.id, Basis.position)))


def targets_of_open_plans(s: Session, unit_id: int) -> list[Target]:
    """Targets a person has not rejected, of a unit's draft and active plans."""
    return list(s.scalars(select(Target).join(Plan, Target.plan_id == Plan.id)
                          .where(Plan.unit_id == unit_id, Plan.status != "closed",
                                 Target.review != "rejected")
                          .order_by(Target.plan_id, Target.position)))


def _of_unit(unit_id: int) -> ColumnElement[bool]:
    """Links whose first target belongs to the unit (both do: pairs never cross units)."""
    owned = select(Target.id).join(Plan, Target.plan_id == Plan.id).where(
        Plan.unit_id == unit_id)
    return TargetLink.target_id.in_(owned)


def link_pairs(s: Session, unit_id: int) -> set[tuple[int, int]]:
    """Every stored pair of the unit, in any state."""
    rows = s.execute(select(TargetLink.target_id, TargetLink.other_id).where(_of_unit(unit_id)))
    return {(a, b) for a, b in rows}


def links_of(s: Session, unit_id: int, state: str | None = None) -> list[TargetLink]:
    query = select(TargetLink).where(_of_unit(unit_id))
    if state:
        query = query.where(TargetLink.state == state)
    return list(s.scalars(query.order_by(TargetLink.score.desc(), TargetLink.id)))


def add_links(s: Session, links: Iterable[TargetLink]) -> None:
    s.add_all(list(links))
    s.flush()


def get_link(s: Session, link_id: int) -> TargetLink | None:
    return s.get(TargetLink, link_id)


def confirmed_touching(s: Session, target_ids: Iterable[int]) -> list[TargetLink]:
    """Confirmed links with either end among `target_ids`."""
    ids = list(target_ids)
    return list(s.scalars(select(TargetLink).where(
        TargetLink.state == "confirmed",
        or_(TargetLink.target_id.in_(ids), TargetLink.other_id.in_(ids)))))


def targets(s: Session, target_ids: Iterable[int]) -> list[Target]:
    ids = list(target_ids)
    if not ids:
        return []
    return list(s.scalars(select(Target).where(Target.id.in_(ids)).order_by(Target.id)))
