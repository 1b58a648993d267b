"""Queries of the product flow: a task's steps in order, adding one, the last step of
each product of a unit, and the people a unit names to approve for a body."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from theodoi.storage.models import Attachment, BodyApprover, ProductStep, User
from theodoi.storage.repositories.progress import unit_tasks


def steps(s: Session, task_id: int) -> list[ProductStep]:
    """The task's product steps in the order they were made."""
    return list(s.scalars(select(ProductStep).where(ProductStep.task_id == task_id)
                          .order_by(ProductStep.id)))


def add(s: Session, step: ProductStep) -> ProductStep:
    s.add(step)
    s.flush()
    return step


def attachment(s: Session, attachment_id: int) -> Attachment | None:
    return s.get(Attachment, attachment_id)


def last_steps(s: Session, unit_id: int) -> list[ProductStep]:
    """The last step of each product of the unit's live tasks of active plans, oldest first."""
    last = (select(func.max(ProductStep.id)).where(ProductStep.task_id.in_(unit_tasks(unit_id)))
            .group_by(ProductStep.task_id))
    return list(s.scalars(select(ProductStep).where(ProductStep.id.in_(last))
                          .order_by(ProductStep.made_on, ProductStep.id)))


def approvers(s: Session, unit_ids: list[int]) -> list[tuple[BodyApprover, str]]:
    """The people named to approve for bodies at these units, with their usernames."""
    if not unit_ids:
        return []
    rows = s.execute(select(BodyApprover, User.username)
                     .join(User, User.id == BodyApprover.user_id)
                     .where(BodyApprover.unit_id.in_(unit_ids))
                     .order_by(BodyApprover.body_key, User.username))
    return [(a, str(name)) for a, name in rows]


def replace_approvers(s: Session, unit_id: int, body_key: str,
                      rows: list[BodyApprover]) -> None:
    """The unit's approvers for one body become `rows` (none: the unit's leaders again)."""
    for old in s.scalars(select(BodyApprover).where(BodyApprover.unit_id == unit_id,
                                                    BodyApprover.body_key == body_key)):
        s.delete(old)
    s.flush()
    s.add_all(rows)
    s.flush()
