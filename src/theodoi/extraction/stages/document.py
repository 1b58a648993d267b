"""Document metadata: kind, number, date, place, issuer, title, term, signer, bases, recipients."""

from __future__ import annotations

from theodoi.extraction.pipeline import Context, Stage


def run(ctx: Context) -> None:
    """Placeholder until the header rules land: leaves the default Document."""


STAGE = Stage("document", needs=("source",), provides=("document",), run=run)
