"""The ordered list of extraction stages; `check_order` runs when this module loads."""

from __future__ import annotations

from theodoi.extraction.pipeline import Stage, check_order
from theodoi.extraction.stages import (
    agencies,
    clauses,
    document,
    emulation,
    outline,
    targets,
    task_fields,
    tasks,
)

STAGES: list[Stage] = [
    document.STAGE,
    outline.STAGE,
    emulation.STAGE,  # before the tasks: the movement's own time is work (task_movement.py)
    clauses.STAGE,
    tasks.STAGE,
    task_fields.STAGE,
    targets.STAGE,
    agencies.STAGE,
]
check_order(STAGES)
