"""Guess the unit (xã, phường, thị trấn, đặc khu) a document was issued by."""

from __future__ import annotations

from typing import Any

from theodoi.domain.text import squash
from theodoi.extraction.rules.units import BARE_LEVEL, LEVEL_WORDS, NAMED_LEVEL


def guess_unit(document: dict[str, Any]) -> tuple[str, str] | None:
    """(unit name, level code) from the document's issuer and place, or None."""
    issuer = squash(document.get("issuer") or "")
    named = NAMED_LEVEL.search(issuer)
    if named:
        prefix, level = LEVEL_WORDS[named.group("level").lower()]
        return f"{prefix} {named.group('name').strip()}", level
    bare = BARE_LEVEL.search(issuer)
    place = (document.get("place") or "").strip()
    if bare and place:
        prefix, level = LEVEL_WORDS[bare.group("level").lower()]
        return f"{prefix} {place}", level
    return None
