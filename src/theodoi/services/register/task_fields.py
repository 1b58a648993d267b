"""Fields of work for tasks stored before tasks had one (issue 18 item 4).

Plans imported since tasks have a field got it from the extractor. For older plans a task's
field is read again from the plan's stored source file and the outline its extraction
kept, by the same rule (`theodoi.extraction.section_fields`). Only tasks with no field are
filled: a field a person chose is never changed. The caller commits.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput
from theodoi.extraction import read_source, section_fields
from theodoi.services.register import units
from theodoi.storage.models import Plan
from theodoi.storage.repositories import plans as repo


def fill_missing(s: Session, unit_text: str) -> dict[str, int]:
    """Give every task of the unit's plans that has no field the one its section names.

    Returns {"filled": tasks given a field, "left": tasks still without one (no section
    names a field, or the plan's source is not stored)}."""
    unit = units.find(s, unit_text)
    filled = left = 0
    for plan in repo.for_unit(s, unit.id, full=True):
        missing = [t for t in plan.tasks if t.field is None]
        field_at = _reader(s, plan) if missing else None
        for task in missing:
            code = field_at(task.span_start) if field_at and task.span_start is not None \
                else None
            if code:
                task.field = code
            filled, left = (filled + 1, left) if code else (filled, left + 1)
    s.flush()
    return {"filled": filled, "left": left}


def _reader(s: Session, plan: Plan) -> Callable[[int], str | None] | None:
    """The field-at-offset reader of the plan's stored source, or None without one."""
    stored = repo.source_file(s, plan.source_sha256) if plan.source_sha256 else None
    if stored is None or not (stored.extraction or {}).get("outline"):
        return None
    try:
        source = read_source(stored.content, stored.name, max_bytes=len(stored.content) + 1)[0]
    except BadInput:  # a file stored before today's read limits: its tasks stay as they are
        return None
    return section_fields(source.text, stored.extraction["outline"])
