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

# VNI (fonts VNI-Times …): a Vietnamese letter is its base letter followed by mark bytes,
# shown as Latin-1 characters: "Keá hoaïch" is "Kế hoạch". Lower case; capitals use the
# upper-case forms of the same characters (built below).
_VNI_LOWER: dict[str, str] = {
    "aø": "à", "aù": "á", "aû": "ả", "aõ": "ã", "aï": "ạ",
    "aê": "ă", "aè": "ằ", "aé": "ắ", "aú": "ẳ", "aü": "ẵ", "aë": "ặ",
    "aâ": "â", "aà": "ầ", "aá": "ấ", "aå": "ẩ", "aã": "ẫ", "aä": "ậ",
    "eø": "è", "eù": "é", "eû": "ẻ", "eõ": "ẽ", "eï": "ẹ",
    "eâ": "ê", "eà": "ề", "eá": "ế", "eå": "ể", "eã": "ễ", "eä": "ệ",
    "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
    "oø": "ò", "où": "ó", "oû": "ỏ", "oõ": "õ", "oï": "ọ",
    "oâ": "ô", "oà": "ồ", "oá": "ố", "oå": "ổ", "oã": "ỗ", "oä": "ộ",
    "ôø": "ờ", "ôù": "ớ", "ôû": "ở", "ôõ": "ỡ", "ôï": "ợ", "ô": "ơ",
    "uø": "ù", "uù": "ú", "uû": "ủ", "uõ": "ũ", "uï": "ụ",
    "öø": "ừ", "öù": "ứ", "öû": "ử", "öõ": "ữ", "öï": "ự", "ö": "ư",
    "yø": "ỳ", "yù": "ý", "yû": "ỷ", "yõ": "ỹ", "î": "ỵ",
    "ñ": "đ",
}
VNI: dict[str, str] = {**_VNI_LOWER,
                       **{k.upper(): v.upper() for k, v in _VNI_LOWER.items()}}
# A vowel followed by a VNI mark: the signature of VNI text
VNI_PAIR_MARKS = set("øùûõïêèéúüëâàáåãä")
MIN_VNI_WORD_SHARE = 0.15

# Windows-1258 writes tone marks as separate bytes after the vowel (0xCC grave, 0xD2 hook,
# 0xDE tilde, 0xEC acute, 0xF2 dot below); VNI never puts those bytes after a vowel.
CP1258_TONE_AFTER_VOWEL = rb"[aeiouyAEIOUY\xe2\xea\xf4\xe3\xf5\xfd\xc2\xca\xd4\xc3\xd5\xdd][\xcc\xd2\xde\xec\xf2]"
