"""Vietnamese text compared as words: whitespace, case, Unicode form and tone placement.

The one place every layer folds text (the domain imports nothing, so extraction, services
and the edges all may use it):

- `squash` keeps every letter and mark and only folds whitespace: for text shown back to
  people ('Phòng  Kinh tế\\n' -> 'Phòng Kinh tế').
- `modern_tones` rewrites the old tone placement ('hoà', 'thuỷ', 'khoẻ'; plans use both)
  to the new one ('hòa', 'thủy', 'khỏe') the rules and keys are written in, letter for
  letter, so offsets into the text stay true.
- `fold` is the key two spellings of the same words share: NFC, lower case, modern tone
  placement, whitespace folded ('Phòng Văn hoà -  Xã hội' and 'phòng văn hóa - xã hội'
  fold alike). It keeps punctuation and digits; callers that ignore them strip them after.
"""

from __future__ import annotations

import re
import unicodedata

# The old placement puts the tone on the second vowel of an open oa/oe/uy syllable, the
# new one on the first. One pair per tone, lower case (the case forms are derived).
OLD_TO_NEW_TONES: dict[str, str] = {
    "oà": "òa",  # hoà bình -> hòa bình
    "oá": "óa",  # văn hoá -> văn hóa
    "oả": "ỏa",  # thoả thuận -> thỏa thuận
    "oã": "õa",  # (rare) loã -> lõa
    "oạ": "ọa",  # hoạ sĩ -> họa sĩ
    "oè": "òe",  # hoè -> hòe
    "oé": "óe",  # loé sáng -> lóe sáng
    "oẻ": "ỏe",  # sức khoẻ -> sức khỏe
    "oẽ": "õe",  # (rare) khoẽ -> khõe
    "oẹ": "ọe",  # (rare) oẹ -> ọe
    "uỳ": "ùy",  # tuỳ theo -> tùy theo
    "uý": "úy",  # Thuý, tuý -> Thúy, túy
    "uỷ": "ủy",  # Uỷ ban nhân dân, thuỷ lợi -> Ủy ban nhân dân, thủy lợi
    "uỹ": "ũy",  # luỹ kế -> lũy kế
    "uỵ": "ụy",  # thuỵ -> thụy
}


def _case_forms(pairs: dict[str, str]) -> dict[str, str]:
    """Each pair in lower case, upper case ('HOÁ') and capitalised ('Uỷ')."""
    forms: dict[str, str] = {}
    for old, new in pairs.items():
        forms |= {old: new, old.upper(): new.upper(), old.capitalize(): new.capitalize()}
    return forms


_TONE_FORMS = _case_forms(OLD_TO_NEW_TONES)
# Only where the pair ends the syllable ('hoàn', 'hoạch' keep their mark) and not after q,
# whose u is part of the consonant ('quý', 'Quỹ' are written so in both placements). The
# pattern opens with a class of first letters, then a class of marked second letters (the
# regex engine then skips ahead to an o or u instead of trying 45 alternatives at every
# character: ten times faster); the look-behind for q stands after the pair. A pair that
# fits the classes but is no old form ('uà', 'oÀ') is left as it is.
_OLD_TONE = re.compile("[" + "".join(sorted({old[0] for old in _TONE_FORMS})) + "]["
                       + "".join(sorted({old[1] for old in _TONE_FORMS})) + "]"
                       r"(?<![qQ]..)(?![^\W\d_])")


def squash(text: str) -> str:
    """`text` with each run of whitespace one space, trimmed; letters and case kept."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # already squashed (every whitespace but ' ' is unprintable): given back as it is,
        # one scan instead of a string a word and their join (most text asked is a line)
        return text
    return " ".join(text.split())


def modern_tones(text: str) -> str:
    """`text` with old tone placement modernised ('Uỷ ban', 'hoá' -> 'Ủy ban', 'hóa'); the
    same length, so spans into `text` still hold. Expects NFC text."""
    return _OLD_TONE.sub(lambda m: _TONE_FORMS.get(m.group(), m.group()), text)


def fold(text: str) -> str:
    """The comparison key of `text`: NFC, lower case, modern tones, whitespace folded."""
    return modern_tones(squash(unicodedata.normalize("NFC", text).lower()))
