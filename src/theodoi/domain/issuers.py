"""Which kind of body issued a plan (Đảng ủy, UBND, HĐND, MTTQ), from its issuer's name.

Lists tell Party plans from State ones by this class. Rules are data: the first class
whose words the issuer's name holds wins (a Party body inside the State, "Đảng ủy UBND
xã", is the Party's); when the name says nothing, the number's symbol decides ("66-KH/ĐU",
"15/KH-UBND"); else "khac".
"""

from __future__ import annotations

import re
from functools import lru_cache

# (class, what screens call it, words of the issuer's name, symbol in the document number)
ISSUER_CLASSES: list[tuple[str, str, re.Pattern[str], re.Pattern[str]]] = [
    # "Ban Chấp hành Đảng bộ xã", "Ban Thường vụ Đảng ủy xã", "Chi bộ thôn Đông"
    ("dang_uy", "Đảng ủy", re.compile(r"đảng (?:ủy|uỷ|bộ)|chi bộ|cấp (?:ủy|uỷ)|ban thường vụ"
                                      r"|ban chấp hành|đảng đoàn", re.I),
     re.compile(r"/(?:ĐU|ĐB|TU|HU|CB|BTV)\b")),
    # "Ủy ban Mặt trận Tổ quốc Việt Nam xã": before UBND, as both are "Ủy ban"
    ("mttq", "MTTQ", re.compile(r"mặt trận tổ quốc|\bMTTQ\b", re.I),
     re.compile(r"/(?:MTTQ|MT)\b|-MTTQ\b")),
    # "Hội đồng nhân dân xã", "Thường trực HĐND xã"
    ("hdnd", "HĐND", re.compile(r"hội đồng nhân dân|\bHĐND\b", re.I),
     re.compile(r"[-/]HĐND\b")),
    # "Ủy ban nhân dân xã Ngọc Liên", "UBND thị trấn Cổ Lễ"
    ("ubnd", "UBND", re.compile(r"(?:ủy|uỷ) ban nhân dân|\bUBND\b", re.I),
     re.compile(r"[-/]UBND\b")),
]
ISSUER_LABELS = {code: label for code, label, _w, _s in ISSUER_CLASSES} | {"khac": "Khác"}


@lru_cache(maxsize=512)  # asked for every item of a list; a unit has few plans
def issuer_class(issuer: str | None, number: str | None = None) -> str:
    """The class of the body that issued a plan: dang_uy, mttq, hdnd, ubnd or khac."""
    name = issuer or ""
    for code, _label, words, _symbol in ISSUER_CLASSES:
        if words.search(name):
            return code
    for code, _label, _words, symbol in ISSUER_CLASSES:
        if number and symbol.search(number):
            return code
    return "khac"
