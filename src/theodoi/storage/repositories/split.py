"""Queries for splitting a commune's target into its thôn's (services/split): the units
directly below a unit, the targets already split from an upper target, and the plan of a
child unit that holds the targets split from one commune plan."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from theodoi.storage.models import LevelLink, Plan, Target, Unit


def children(s: Session, unit_id: int, levels: Iterable[str]) -> list[Unit]:
    """The units directly under `unit_id` of one of `levels`, in the order they were made
    (a commune adds "Tổ dân phố số 1, số 2 …" in its own order; names sort differently
    on each backend)."""
    return list(s.scalars(select(Unit).where(Unit.parent_id == unit_id,
                                             Unit.level.in_(list(levels)))
                          .order_by(Unit.id)))


def split_rows(s: Session, upper_id: int, relation: str) -> list[Row[Any]]:
    """(link id, lower target id, its review, value, unit id, unit name) of every confirmed
    link of `relation` below the upper target: what splitting again must not repeat."""
    return list(s.execute(
        select(LevelLink.id, Target.id.label("target_id"), Target.review, Target.value,
               Plan.unit_id, Unit.name.label("unit_name"))
        .join(Target, Target.id == LevelLink.lower_id).join(Plan, Plan.id == Target.plan_id)
        .join(Unit, Unit.id == Plan.unit_id)
        .where(LevelLink.upper_id == upper_id, LevelLink.state == "confirmed",
               LevelLink.relation == relation).order_by(Unit.id, LevelLink.id)))


def plan_for(s: Session, unit_id: int, upper_plan_id: int, title: str) -> Plan | None:
    """The unit's active plan made by splitting (no source file, `title`) that holds a
    target split from a target of `upper_plan_id`."""
    upper = select(Target.id).where(Target.plan_id == upper_plan_id)
    holding = (select(Target.plan_id).join(LevelLink, LevelLink.lower_id == Target.id)
               .where(LevelLink.upper_id.in_(upper)))
    return s.scalars(select(Plan).where(Plan.unit_id == unit_id, Plan.status == "active",
                                        Plan.source_sha256.is_(None), Plan.title == title,
                                        Plan.id.in_(holding))
                     .order_by(Plan.id).limit(1)).first()


def live_targets(s: Session, unit_id: int) -> list[Target]:
    """The unit's targets not rejected, of its active plans, in plan and position order."""
    return list(s.scalars(select(Target).join(Plan, Plan.id == Target.plan_id)
                          .where(Plan.unit_id == unit_id, Plan.status == "active",
                                 Target.review != "rejected")
                          .order_by(Plan.id, Target.position, Target.id)))
