"""Agency names: the canonical body a name written in a plan stands for.

`normalise_agency("Phòng VH-XH")` -> "Phòng Văn hóa - Xã hội"; None when the name is not
in the rules table (the caller warns W401 so a person can confirm it). The document's own
wording stays in the item; the canonical name goes beside it.
"""

from __future__ import annotations

import re

from theodoi.domain.text import fold, modern_tones, squash
from theodoi.extraction.memo import per_document, per_document_list
from theodoi.extraction.rules.agencies import ANY_KNOWN, COMPILED


@per_document
def normalise_agency(name: str | None) -> str | None:
    """The canonical name of the body `name` starts with, or None when unknown."""
    if not name:
        return None
    folded = fold(name)
    if not ANY_KNOWN.match(folded):
        return None
    return next((canon for canon, pattern in COMPILED if pattern.match(folded)), None)


@per_document
def known_name_end(name: str) -> int:
    """Where a body's name known to the rules ends at the start of `name` (0 when none), so a
    verb inside it ('Ban Xây dựng Đảng') is no cut."""
    folded = modern_tones(name.lower())  # the same length: modern_tones swaps letters
    if len(folded) != len(name) or not ANY_KNOWN.match(folded):
        return 0  # none known, or lower() changed the length and offsets would not match
    return max((m.end() for _, p in COMPILED if (m := p.match(folded))), default=0)


SEPARATOR = re.compile(r",|\svà\s")


def _pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of `text` cut at commas and ' và ', never inside a name the rules
    know: "Văn phòng HĐND và UBND xã" is one piece."""
    out: list[tuple[int, str]] = []
    pos = 0
    while pos < len(text):
        start = pos + len(text[pos:]) - len(text[pos:].lstrip())
        if start >= len(text):
            break
        sep = SEPARATOR.search(text, start + known_name_end(text[start:]))
        stop = sep.start() if sep else len(text)
        out.append((start, text[start:stop].strip()))
        pos = sep.end() if sep else len(text)
    return out


@per_document_list
def split_bodies(text: str) -> list[str]:
    """'Y, Z và W' -> [Y, Z, W] when each part names a body; 'các phòng, ban, đơn vị liên quan
    căn cứ chức năng, …' -> ['Các phòng, ban, đơn vị liên quan']: one body, the rest of the
    sentence (from the first word no name has) dropped."""
    from theodoi.extraction.rules.agencies import NAME_END

    text = squash(text)  # a PDF line break may fall inside a name
    parts: list[str] = []
    end = len(text)
    for at, piece in _pieces(text):
        known = known_name_end(piece)
        cut = NAME_END.search(" " + piece, known + 1 if known else 0)
        if cut:
            end = at + cut.start()
            parts.append(piece[:cut.start()].strip())
            break
        parts.append(piece)
    parts = [p for p in parts if p and p.lower() != "các"]
    whole = squash(text[:end]).strip(" ,")
    if whole.lower().endswith((" các", " và")):
        whole = whole.rsplit(" ", 1)[0].strip(" ,")
    if parts and all(looks_like_body(p) or normalise_agency(p) or p.lower().startswith("các ")
                     for p in parts):  # "… và các ngành có liên quan": a group of its own
        return [p[:1].upper() + p[1:] for p in parts]
    return [whole[:1].upper() + whole[1:]] if whole else []


@per_document
def looks_like_body(name: str) -> bool:
    """Whether `name` reads as the name of a body (Phòng …, Hội …, Trường …)."""
    from theodoi.extraction.rules.agencies import BODY_HEADS

    return bool(BODY_HEADS.match(fold(name)))
