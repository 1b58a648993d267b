"""Agencies: put the canonical body beside each item's lead agency; warn where unsure."""

from __future__ import annotations

from theodoi.extraction.agencies import normalise_agency
from theodoi.extraction.model import Target, Task
from theodoi.extraction.pipeline import Context, Stage
from theodoi.extraction.warnings import Warning, warn


def run(ctx: Context) -> None:
    items: list[Task | Target] = [*ctx.tasks, *ctx.targets]
    messages: dict[str, str] = {}  # W401's message for each name warned of so far
    for item in items:
        if not item.lead_agency:
            continue
        item.lead_agency_normalised = normalise_agency(item.lead_agency)
        if item.lead_agency_normalised is None:
            ctx.warnings.append(_unknown(item.lead_agency, item.span, messages))
    for task in ctx.tasks:
        if not task.lead_agency:
            ctx.warnings.append(warn("W403", task.span))


def _unknown(name: str, span: tuple[int, int], messages: dict[str, str]) -> Warning:
    """W401 for `name` at `span`; a name warned of before keeps its message (one string,
    not one a warning: a plan names the same unknown body for many of its items)."""
    if name not in messages:
        messages[name] = warn("W401", None, name=name).message
    return Warning("W401", messages[name], span)


STAGE = Stage("agencies", needs=("tasks", "targets"), provides=("agencies",), run=run)
