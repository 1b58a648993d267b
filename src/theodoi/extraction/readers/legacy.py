"""Detect text typed in the legacy TCVN3 (ABC) and VNI encodings and convert it to Unicode."""

from __future__ import annotations

import re

from theodoi.extraction.rules.legacy_encodings import (
    CP1258_TONE_AFTER_VOWEL,
    MIN_MARKER_SHARE,
    MIN_TCVN3_WORD_SHARE,
    MIN_VNI_WORD_SHARE,
    TCVN3,
    TCVN3_MARKERS,
    UNICODE_ONLY,
    VNI,
    VNI_PAIR_MARKS,
)

WORD = re.compile(r"\S+")
# the character tests of looks_tcvn3 as classes, so a text is scanned in C, not a character
# at a time in Python (a third of reading an unaccented 60-page PDF); every character of
# both sets is outside ASCII, so the markers counted are those among the non-ASCII ones
_UNICODE_ONLY = re.compile("[" + re.escape("".join(sorted(UNICODE_ONLY))) + "]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_MARKER = re.compile("[" + re.escape("".join(sorted(TCVN3_MARKERS))) + "]")


def looks_tcvn3(text: str) -> bool:
    """True when many words carry TCVN3 codes and no real Vietnamese Unicode letter occurs."""
    sample = text[:200_000]
    if sample.isascii() or _UNICODE_ONLY.search(sample):  # the flag first: an ASCII text
        # was scanned a character at a time for a Unicode letter it could not hold
        return False
    high = len(_NON_ASCII.findall(sample))
    if high < 1 or len(_MARKER.findall(sample)) < MIN_MARKER_SHARE * high:
        return False
    words = WORD.findall(sample)
    coded = sum(1 for w in words if any(ch in TCVN3 for ch in w))
    return coded / len(words) >= MIN_TCVN3_WORD_SHARE


def _line(line: str) -> str:
    converted = "".join(TCVN3.get(ch, ch) for ch in line)
    letters = [ch for ch in line if ch.isascii() and ch.isalpha()]
    if len(letters) >= 2 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters):
        return converted.upper()  # .VnTimeH: capitals drawn from lower-case codes
    return converted


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 text (as Latin-1 characters) to Unicode, line by line."""
    return "\n".join(_line(line) for line in text.split("\n"))


def tcvn3_run(text: str, *, capitals: bool) -> str:
    """Convert one Word run typed in a TCVN3 font; `capitals` for the .VnTimeH family."""
    converted = "".join(TCVN3.get(ch, ch) for ch in text)
    return converted.upper() if capitals else converted


_VNI_KEYS = re.compile("|".join(re.escape(k) for k in sorted(VNI, key=len, reverse=True)))
_VNI_PAIR = re.compile("[aeiouyAEIOUY][" + "".join(sorted(VNI_PAIR_MARKS | {
    m.upper() for m in VNI_PAIR_MARKS})) + "]")


_CP1258_TONE = re.compile(CP1258_TONE_AFTER_VOWEL)


def looks_cp1258(data: bytes) -> bool:
    """True when 8-bit bytes put tone marks after vowels, as Windows-1258 does."""
    return _CP1258_TONE.search(data[:200_000]) is not None


def looks_vni(text: str) -> bool:
    """True when many words hold a vowel followed by a VNI mark and no Unicode Vietnamese."""
    sample = text[:200_000]
    if _UNICODE_ONLY.search(sample):  # one scan in C, not a Python step a character
        return False
    words = WORD.findall(sample)
    if not words:
        return False
    marked = sum(1 for w in words if _VNI_PAIR.search(w))
    return marked / len(words) >= MIN_VNI_WORD_SHARE


def vni_to_unicode(text: str) -> str:
    """Convert VNI text (as Latin-1 characters) to Unicode, longest sequences first."""
    return _VNI_KEYS.sub(lambda m: VNI[m.group()], text)
