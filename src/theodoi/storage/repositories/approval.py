"""Queries of the product flow: a task's steps in order, adding one, and the last step of
each product of a unit."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from theodoi.storage.models import Attachment, ProductStep
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
