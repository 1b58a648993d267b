"""Keys for names: unit codes from Vietnamese names, and folded agency names for lookup."""

from __future__ import annotations

import re
import unicodedata

from theodoi.domain.text import fold, squash

_DASHES = re.compile(r"\s*[-–—]\s*")
_PUNCT = re.compile(r"[.,;:()\"“”'’]")


def slug(name: str) -> str:
    """ASCII code for a unit: 'Xã Thái Tân' -> 'xa-thai-tan'."""
    text = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "don-vi"


def agency_key(name: str) -> str:
    """The form two spellings of one agency share: case, tone placement, dashes, dots."""
    text = _DASHES.sub("-", _PUNCT.sub(" ", fold(name)))
    return squash(text)
