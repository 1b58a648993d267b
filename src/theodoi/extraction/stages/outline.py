"""The heading tree (I., 1., 1.1., a), (1) …)."""

from __future__ import annotations

from theodoi.extraction.pipeline import Context, Stage


def run(ctx: Context) -> None:
    """Placeholder until the outline rules land."""


STAGE = Stage("outline", needs=("source", "document"), provides=("outline",), run=run)
