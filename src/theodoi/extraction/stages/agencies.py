"""Agencies: put the canonical body beside each item's lead agency; warn where unsure."""

from __future__ import annotations

from theodoi.extraction.agencies import normalise_agency
from theodoi.extraction.model import Target, Task
from theodoi.extraction.pipeline import Context, Stage
from theodoi.extraction.warnings import warn


def run(ctx: Context) -> None:
    items: list[Task | Target] = [*ctx.tasks, *ctx.targets]
    for item in items:
        if not item.lead_agency:
            continue
        item.lead_agency_normalised = normalise_agency(item.lead_agency)
        if item.lead_agency_normalised is None:
            ctx.warnings.append(warn("W401", item.span, name=item.lead_agency))
    for task in ctx.tasks:
        if not task.lead_agency:
            ctx.warnings.append(warn("W403", task.span))


STAGE = Stage("agencies", needs=("tasks", "targets"), provides=("agencies",), run=run)
