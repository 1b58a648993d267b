"""Rules for reading a reference to another document out of a basis line, as data.

A basis ("Căn cứ …", "Thực hiện …") names a document by its kind word, its number and
symbol, its date and its issuer: "Kế hoạch số 125/KH-UBND ngày 28/10/2021 của UBND tỉnh …".
"""

from __future__ import annotations

import re

# Kind words as a reference writes them -> kind code; longest first so that
# "Chương trình hành động" wins over "Chương trình". Codes of plans match Plan.kind.
KIND_WORDS: list[tuple[str, str]] = [
    ("Chương trình hành động", "chuong_trinh_hanh_dong"),  # Chương trình hành động số 16-CTr/TU
    ("Chương trình", "chuong_trinh_hanh_dong"),            # Chương trình số 05-CTr/HU
    ("Kế hoạch liên tịch", "ke_hoach"),                    # Kế hoạch liên tịch số 01/KHLT-…
    ("Kế hoạch", "ke_hoach"),                              # Kế hoạch số 125/KH-UBND
    ("Nghị quyết liên tịch", "nghi_quyet"),                # Nghị quyết liên tịch số …
    ("Nghị quyết", "nghi_quyet"),                          # Nghị quyết số 68-NQ/TW; Nghị quyết Đại hội …
    ("Nghị định", "nghi_dinh"),                            # Nghị định số 30/2020/NĐ-CP
    ("Quyết định", "quyet_dinh"),                          # Quyết định số 1234/QĐ-UBND
    ("Kết luận", "ket_luan"),                              # Kết luận số 4121-KL/TU
    ("Chỉ thị", "chi_thi"),                                # Chỉ thị số 05-CT/TW
    ("Công văn", "cong_van"),                              # Công văn số 19082/UBND-THĐT
    ("Văn bản", "cong_van"),                               # Văn bản số 123/UBND-VP
    ("Hướng dẫn", "huong_dan"),                            # Hướng dẫn số 36-HD/VPTW
    ("Thông báo kết luận", "thong_bao"),                   # Thông báo kết luận số 12-TB/TU
    ("Thông báo", "thong_bao"),                            # Thông báo số 45/TB-UBND
    ("Thông tư liên tịch", "thong_tu"),                    # Thông tư liên tịch số …/TTLT-…
    ("Thông tư", "thong_tu"),                              # Thông tư số 01/2011/TT-BNV
    ("Đề án", "de_an"),                                    # Đề án số 03-ĐA/HU
    ("Báo cáo", "bao_cao"),                                # Báo cáo số 120-BC/ĐU
    ("Luật", "luat"),                                      # Luật số 77/2015/QH13
]
KIND_RE = re.compile(
    r"(?<!\w)(?P<kind>" + "|".join(re.escape(w) for w, _ in KIND_WORDS) + r")(?!\w)",
    re.IGNORECASE)

# Words a basis line may open with before the document itself ("Thực hiện Kế hoạch …").
OPENERS = re.compile(r"^\s*(?:Căn cứ|Thực hiện|Triển khai(?: thực hiện)?|Theo)\s+",
                     re.IGNORECASE)

# Number and symbol: digits, then parts joined by "-" or "/" ("16-CTr/TU",
# "30/2020/NĐ-CP"). A line break inside the symbol leaves a space: "4121- KL/TU".
NUMBER_BODY = r"\d+(?:\s{0,2}[-–—/]\s{0,2}[\w.]+)+"
# "số 125/KH-UBND", "số: 16-CTr/TU", "Số 66-KH/ĐU"
NUMBER_AFTER_SO = re.compile(r"(?<!\w)[Ss]ố\s*:?\s*(?P<number>" + NUMBER_BODY + ")")
# "Nghị quyết 57-NQ/TW" — the symbol written straight after the kind word, without "số"
NUMBER_BARE = re.compile(r"^\s*(?P<number>" + NUMBER_BODY + ")")
# Words allowed between the kind word and "số": "Kế hoạch hành động số …"; no clause breaks.
MAX_GAP_TO_NUMBER = 40
GAP_STOPS = re.compile(r"[;,]|\b(?:của|về|ngày)\b", re.IGNORECASE)

# The date straight after the number (or the kind word): ", ngày 12/02/2026",
# "ngày 08 tháng 10 năm 2025", "ngày 12-02-2026", "ban hành ngày 05.3.2025"
DATE_AFTER = re.compile(
    r"^\s*[,(]?\s*(?:ban hành\s+)?ngày\s+(?P<d>\d{1,2})"
    r"(?:\s*[/.\-]\s*(?P<m1>\d{1,2})\s*[/.\-]\s*(?P<y1>\d{4})"
    r"|\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))", re.IGNORECASE)

# Symbol characters normalised: every dash to "-", the look-alike "Ð" (U+00D0) to "Đ".
DASHES = re.compile(r"[–—‐‑]")
LOOKALIKES = {"Ð": "Đ", "ð": "đ"}
SPACES_IN_SYMBOL = re.compile(r"\s*([-/])\s*")
TRAILING = ".,;:)"

# "… của Ban Thường vụ Thành ủy về …": the issuer runs from "của" to "về" or a clause break.
ISSUER = re.compile(r"^[\s,]*(?:của|do)\s+(?P<issuer>.+?)(?=\s+về\b|\s+ban hành\b|[;,(]|$)",
                    re.IGNORECASE)
