"""Tasks: appendix rows, assignment blocks, duties in Tổ chức thực hiện, dated works."""

from __future__ import annotations

from theodoi.extraction.pipeline import Context, Stage


def run(ctx: Context) -> None:
    """Placeholder until the task rules land."""


STAGE = Stage("tasks", needs=("source", "document", "outline"), provides=("tasks",), run=run)
