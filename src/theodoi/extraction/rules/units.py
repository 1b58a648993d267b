"""Which unit a document belongs to, from its issuer and place (data only).

"Ủy ban nhân dân thị trấn Cổ Lễ" -> ("Thị trấn Cổ Lễ", "thi_tran"); "Ban Thường vụ Đảng ủy
xã" with place "Nghi Dương" -> ("Xã Nghi Dương", "xa").
"""

from __future__ import annotations

import re

from theodoi.extraction.rules.letters import CAPITALS

# level word as written -> (display prefix, level code)
LEVEL_WORDS: dict[str, tuple[str, str]] = {
    "xã": ("Xã", "xa"),
    "phường": ("Phường", "phuong"),
    "thị trấn": ("Thị trấn", "thi_tran"),
    "đặc khu": ("Đặc khu", "dac_khu"),
}

# "... xã Thái Tân", "... thị trấn Cổ Lễ": the level word, then a capitalised name
# (only the level word ignores case: the name's words must be capitalised)
NAMED_LEVEL = re.compile(
    r"\b(?P<level>(?i:xã|phường|thị trấn|đặc khu))\s+"
    rf"(?P<name>[{CAPITALS}0-9][\wÀ-ỹ]*(?:\s[{CAPITALS}0-9][\wÀ-ỹ]*){{0,3}})")

# "... Đảng ủy xã" with no name after: the place line names it
BARE_LEVEL = re.compile(r"\b(?P<level>xã|phường|thị trấn|đặc khu)\s*$", re.IGNORECASE)
