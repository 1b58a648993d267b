"""TCVN3 (ABC, fonts .VnTime / .VnTimeH) as data: the Latin-1 character each byte shows -> the
Vietnamese letter it stands for. "KÕ ho¹ch" is "Kế hoạch" typed in .VnTime.

Upper-case letters with tone marks have no codes of their own: .VnTimeH draws the lower-case
codes as capitals, so the converter upper-cases words written in capitals.
"""

from __future__ import annotations

_TCVN3_BYTES: dict[int, str] = {
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xA8: "ă", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xA9: "â", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xAE: "đ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xAA: "ê", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xAB: "ô", 0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xAC: "ơ", 0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xAD: "ư", 0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
}

# Latin-1 character as it appears in the text -> Vietnamese letter
TCVN3: dict[str, str] = {chr(b): letter for b, letter in _TCVN3_BYTES.items()}

# Letters only Unicode Vietnamese text has (outside Latin-1): their presence means the text
# is already Unicode, whatever else it contains.
UNICODE_ONLY = set("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹăđĩũơưĂĐĨŨƠƯ")

# Share of words carrying a TCVN3 code above which the text is taken to be TCVN3.
MIN_TCVN3_WORD_SHARE = 0.08

# TCVN3 puts its most frequent letters (ă â ê ô ơ ư đ, à ả ã á ạ …) on codes 0xA1-0xBE, which
# Windows-1258 uses only for symbols; a Windows-1258 text instead shows tone marks as
# separate bytes (0xCC, 0xD2, 0xDE, 0xEC, 0xF2). At least this share of the non-ASCII
# characters must fall in 0xA1-0xBE for TCVN3.
TCVN3_MARKERS = {chr(b) for b in range(0xA1, 0xBF)}
MIN_MARKER_SHARE = 0.2
