"""Queries on targets linked across levels (level_links) and on how a group adds up.

Every read takes a set of ids and is one query, so a province's roll-up costs the same
number of queries for 5 communes or 100 (tests/services/test_rollup.py counts them).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Row, func, or_, select
from sqlalchemy.orm import Session, aliased

from theodoi.storage.models import (
    LevelLink,
    Milestone,
    Plan,
    ProgressRecord,
    RollupMethod,
    Target,
    Unit,
)
from theodoi.storage.repositories.progress import LIVE_REVIEWS
from theodoi.storage.repositories.status_rows import RULE_TARGET_COLUMNS

# what matching reads of a target, with its plan's unit
MATCH_COLUMNS = (Target.id, Plan.unit_id, Target.plan_id, Target.indicator, Target.text,
                 Target.unit, Target.deadline_year, Target.kind, Plan.term_end)
# what the status rules read of a lower target (status_rows.RULE_TARGET_COLUMNS' names),
# with its unit's name and population and its plan's restriction
GROUP_COLUMNS = (LevelLink.id.label("link_id"), LevelLink.upper_id, LevelLink.relation,
                 Target.id, Plan.unit_id, Target.plan_id, Target.indicator, Target.text,
                 Target.kind, Target.direction, Target.comparator, Target.value,
                 Target.value_max, Target.value_of, Target.unit, Target.per_year,
                 Target.recurrence, Target.deadline_year, Target.baseline_value,
                 Target.baseline_year, Plan.term_end, Plan.restricted,
                 Unit.name.label("unit_name"), Unit.population)


def open_targets(s: Session, unit_ids: Iterable[int]) -> list[Row[Any]]:
    """`MATCH_COLUMNS` of the targets a person has not rejected of the units' draft and
    active plans, in unit, plan and position order."""
    ids = list(unit_ids)
    if not ids:
        return []
    return list(s.execute(select(*MATCH_COLUMNS).join(Plan, Target.plan_id == Plan.id)
                          .where(Plan.unit_id.in_(ids), Plan.status != "closed",
                                 Target.review != "rejected")
                          .order_by(Plan.unit_id, Target.plan_id, Target.position)))


def stored_pairs(s: Session, lower_unit_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(upper, lower) of every stored link, in any state, whose lower target is a target
    of one of the units."""
    ids = list(lower_unit_ids)
    owned = select(Target.id).join(Plan, Target.plan_id == Plan.id).where(
        Plan.unit_id.in_(ids))
    rows = s.execute(select(LevelLink.upper_id, LevelLink.lower_id)
                     .where(LevelLink.lower_id.in_(owned)))
    return {(a, b) for a, b in rows}


def add(s: Session, rows: Iterable[LevelLink]) -> None:
    s.add_all(list(rows))
    s.flush()


def get(s: Session, link_id: int) -> LevelLink | None:
    return s.get(LevelLink, link_id)


def link_ends(s: Session, target_ids: Iterable[int]) -> list[Row[Any]]:
    """(id, unit_id, unit_name, name: indicator or text, restricted: its plan's) of the
    targets."""
    ids = list(target_ids)
    return list(s.execute(
        select(Target.id, Plan.unit_id, Unit.name.label("unit_name"), Plan.restricted,
               func.coalesce(func.nullif(Target.indicator, ""), Target.text).label("name"))
        .join(Plan, Target.plan_id == Plan.id).join(Unit, Unit.id == Plan.unit_id)
        .where(Target.id.in_(ids))))


def unit_of_target(s: Session, target_id: int) -> int | None:
    return s.scalar(select(Plan.unit_id).join(Target, Target.plan_id == Plan.id)
                    .where(Target.id == target_id))


def links_of_unit(s: Session, unit_id: int, state: str | None = None) -> list[Row[Any]]:
    """Links with either end in a plan of the unit: the link's columns, then each side's
    target id, indicator (or text), unit of measure, goal, deadline, plan id, restricted,
    unit id and unit name (prefixed `u_` for the upper side, `l_` for the lower)."""
    up_t, up_p, up_u = aliased(Target), aliased(Plan), aliased(Unit)
    lo_t, lo_p, lo_u = aliased(Target), aliased(Plan), aliased(Unit)

    def side(t: Any, p: Any, u: Any, pre: str) -> list[Any]:
        return [func.coalesce(func.nullif(t.indicator, ""), t.text).label(f"{pre}indicator"),
                t.unit.label(f"{pre}measure"), t.value.label(f"{pre}value"),
                t.deadline_year.label(f"{pre}deadline"),
                p.id.label(f"{pre}plan"), p.restricted.label(f"{pre}restricted"),
                u.id.label(f"{pre}unit_id"), u.name.label(f"{pre}unit")]

    query = (select(LevelLink.id, LevelLink.upper_id, LevelLink.lower_id, LevelLink.state,
                    LevelLink.relation, LevelLink.score, LevelLink.reason,
                    LevelLink.decided_by, *side(up_t, up_p, up_u, "u_"),
                    *side(lo_t, lo_p, lo_u, "l_"))
             .join(up_t, up_t.id == LevelLink.upper_id).join(up_p, up_p.id == up_t.plan_id)
             .join(up_u, up_u.id == up_p.unit_id)
             .join(lo_t, lo_t.id == LevelLink.lower_id).join(lo_p, lo_p.id == lo_t.plan_id)
             .join(lo_u, lo_u.id == lo_p.unit_id)
             .where(or_(up_p.unit_id == unit_id, lo_p.unit_id == unit_id)))
    if state:
        query = query.where(LevelLink.state == state)
    return list(s.execute(query.order_by(LevelLink.upper_id, lo_u.name, LevelLink.id)))


def group_rows(s: Session, upper_ids: Iterable[int]) -> list[Row[Any]]:
    """`GROUP_COLUMNS` of every confirmed link of the upper targets whose lower target is
    live (in an active plan, accepted, corrected or added), by unit name."""
    ids = list(upper_ids)
    if not ids:
        return []
    query = (select(*GROUP_COLUMNS).join(Target, Target.id == LevelLink.lower_id)
             .join(Plan, Plan.id == Target.plan_id).join(Unit, Unit.id == Plan.unit_id)
             .where(LevelLink.upper_id.in_(ids), LevelLink.state == "confirmed",
                    Plan.status == "active", Target.review.in_(LIVE_REVIEWS))
             .order_by(LevelLink.upper_id, Unit.name, Target.id))
    return list(s.execute(query))


def uppers_of_unit(s: Session, unit_id: int) -> list[int]:
    """The unit's live targets that have at least one confirmed link below them."""
    linked = select(LevelLink.upper_id).where(LevelLink.state == "confirmed")
    return list(s.scalars(select(Target.id).join(Plan, Target.plan_id == Plan.id)
                          .where(Plan.unit_id == unit_id, Plan.status == "active",
                                 Target.review.in_(LIVE_REVIEWS), Target.id.in_(linked))
                          .order_by(Target.plan_id, Target.position)))


def milestones(s: Session, target_ids: Iterable[int]) -> list[Row[int, int, float | None]]:
    ids = list(target_ids)
    if not ids:
        return []
    return list(s.execute(select(Milestone.target_id, Milestone.year, Milestone.value)
                          .where(Milestone.target_id.in_(ids))
                          .order_by(Milestone.target_id, Milestone.year)))


def actuals(s: Session, target_ids: Iterable[int],
            up_to: date) -> list[Row[int, date, float, float | None]]:
    """(target id, period end, value, value_of) of the current record of every (target,
    period) ending by `up_to`: the accepted figures no correction has superseded."""
    ids = list(target_ids)
    if not ids:
        return []
    r = ProgressRecord
    return list(s.execute(select(r.target_id, r.period_end, r.value, r.value_of)
                          .where(r.target_id.in_(ids), r.superseded.is_(False),
                                 r.period_end <= up_to)
                          .order_by(r.target_id, r.period_end)))


def methods(s: Session, upper_ids: Iterable[int]) -> dict[int, str]:
    ids = list(upper_ids)
    if not ids:
        return {}
    rows = s.execute(select(RollupMethod.upper_id, RollupMethod.method)
                     .where(RollupMethod.upper_id.in_(ids)))
    return {upper_id: method for upper_id, method in rows}


def set_method(s: Session, upper_id: int, method: str, by: str | None) -> None:
    row = s.get(RollupMethod, upper_id)
    if row is None:
        s.add(RollupMethod(upper_id=upper_id, method=method, chosen_by=by))
    else:
        row.method, row.chosen_by = method, by
    s.flush()


def set_population(s: Session, unit_id: int, population: int | None) -> None:
    unit = s.get(Unit, unit_id)
    if unit is not None:
        unit.population = population
        s.flush()


def upper_rows(s: Session, target_ids: Iterable[int]) -> list[Row[Any]]:
    """status_rows.RULE_TARGET_COLUMNS of the targets, with each one's unit name."""
    ids = list(target_ids)
    if not ids:
        return []
    return list(s.execute(select(*RULE_TARGET_COLUMNS, Unit.name.label("unit_name"))
                          .join(Plan, Target.plan_id == Plan.id)
                          .join(Unit, Unit.id == Plan.unit_id).where(Target.id.in_(ids))
                          .order_by(Target.plan_id, Target.position, Target.id)))
