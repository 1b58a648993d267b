"""Vietnamese letters by case, as the body of a regex character class.

A range such as "À-Ỹ" is no class of capitals: Unicode interleaves the capital and the small
letters with marks ("Ạ" U+1EA0, "ạ" U+1EA1, …, "Ỹ" U+1EF8), so "[A-ZĐÀ-Ỹ]" also matched
"ộ", "ạ", "ở" and "[a-zđà-ỹ]" matched "Ộ", "Ạ". Rules that mean "a capital" or "a small
letter" write "[{CAPITALS}]" or "[{SMALLS}]" with these.
"""

from __future__ import annotations

# Latin letters a Vietnamese text may hold: ASCII, Latin-1, Latin Extended-A/B (đ, ơ, ư, ă,
# ĩ, ũ) and Latin Extended Additional (ạ … ỹ)
_LATIN = [*range(0x41, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
CAPITALS = "".join(chr(c) for c in _LATIN if chr(c).isupper())
SMALLS = "".join(chr(c) for c in _LATIN if chr(c).islower())
