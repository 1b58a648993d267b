"""Targets: numbered target lists, phấn đấu sentences, goals inside each area, roadmaps."""

from __future__ import annotations

from theodoi.extraction.pipeline import Context, Stage


def run(ctx: Context) -> None:
    """Placeholder until the target rules land."""


STAGE = Stage("targets", needs=("source", "document", "outline", "tasks"),
              provides=("targets",), run=run)
