"""Agency names: the canonical body a name written in a plan stands for.

`normalise_agency("Phòng VH-XH")` -> "Phòng Văn hóa - Xã hội"; None when the name is not
in the rules table (the caller warns W401 so a person can confirm it). The document's own
wording stays in the item; the canonical name goes beside it.
"""

from __future__ import annotations

import unicodedata

from theodoi.extraction.rules.agencies import COMPILED

OLD_TONES = {"uỷ": "ủy", "hoá": "hóa", "thuỷ": "thủy"}


def fold_name(name: str) -> str:
    """Lower case, NFC, modern tone placement, whitespace folded."""
    text = unicodedata.normalize("NFC", " ".join(name.split())).lower()
    for old, new in OLD_TONES.items():
        text = text.replace(old, new)
    return text


def normalise_agency(name: str | None) -> str | None:
    """The canonical name of the body `name` starts with, or None when unknown."""
    if not name:
        return None
    folded = fold_name(name)
    return next((canon for canon, pattern in COMPILED if pattern.match(folded)), None)


def looks_like_body(name: str) -> bool:
    """Whether `name` reads as the name of a body (Phòng …, Hội …, Trường …)."""
    from theodoi.extraction.rules.agencies import BODY_HEADS

    return bool(BODY_HEADS.match(fold_name(name)))
