"""Queries of the product flow: a task's steps in order, and adding one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from theodoi.storage.models import Attachment, ProductStep


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
