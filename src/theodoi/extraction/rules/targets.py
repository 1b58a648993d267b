"""Target rules as data: where targets stand, commitment cues, comparators, kinds, units."""

from __future__ import annotations

import re

# Headings under which every numbered or bulleted item is a target ("3. Chỉ tiêu cụ thể",
# "2. Các chỉ tiêu chủ yếu", "1.2. Mục tiêu cụ thể đến năm 2030")
TARGET_SECTION = re.compile(r"chỉ tiêu|^mục tiêu(?!\s+(?:tổng quát|chung))", re.IGNORECASE)
# Headings whose text describes the past or the purpose, never commitments
SKIP_SECTION = re.compile(
    r"đặc điểm|tình hình|kết quả|thuận lợi|khó khăn|mục đích|yêu cầu|dự báo|đánh giá|"
    r"tổ chức thực hiện|nguồn lực|mục tiêu tổng quát|mục tiêu chung|quan điểm", re.IGNORECASE)

NUM = r"\d+(?:[.,]\d+)*"
# Count nouns that serve as units ("120 doanh nghiệp", "4/9 tổ dân phố"); PDF line breaks may
# fall between their words, so spaces match any whitespace.
COUNT_NOUNS = [
    "sản phẩm", "doanh nghiệp", "hợp tác xã", "tổ dân phố", "thôn", "xã", "trang trại",
    "lao động", "mô hình", "vùng", "tổ chức đảng", "bộ", "hộ", "nhà đa năng", "trường",
    "phòng học", "km đường", "công trình", "người", "đảng viên", "câu lạc bộ", "cơ sở", "chợ",
    "điểm", "ha", "km", "tấn", "lần", "con",
]
MONEY = r"(?:triệu|tỷ|nghìn)\s+đồng(?:\s*/\s*(?:người\s*/\s*)?năm)?"  # 120 triệu đồng/năm


def _words(nouns: list[str]) -> str:
    ordered = sorted(nouns, key=len, reverse=True)  # longest first: "km đường" before "km"
    return "|".join(r"\s+".join(map(re.escape, n.split())) for n in ordered)


# A value: "95%", "10,9%/năm", "120 triệu đồng", "4/9 tổ dân phố", "10 - 12%", "từ 10% đến 11%"
VALUE = re.compile(
    r"(?P<pre>(?:từ\s+)?)(?P<a>" + NUM + r")\s*(?P<aunit>%(?:\s*/\s*năm)?)?"
    r"(?:\s*(?:-|–|đến)\s*(?P<b>" + NUM + r"))?"
    r"(?:\s*/\s*(?P<of>\d+)(?=\s+[^\d\s]))?"
    r"\s*(?P<mult>nghìn|ngàn)?\s*(?P<unit>%\s*/\s*năm|%|" + MONEY + "|"
    r"(?:" + _words(COUNT_NOUNS) + r")\b(?:\s*/\s*năm)?)?",
    re.IGNORECASE)

# A clause must hold one of these to be a commitment (outside a target list)
COMMITMENT = re.compile(
    r"\b(phấn đấu|đạt|tăng|giảm|còn|duy trì|giữ vững|có thêm|thêm|thành lập|có ít nhất|"
    r"tối thiểu|trở lên|trên|không dưới|không quá|hoàn thành|được công nhận)\b", re.IGNORECASE)

# Clauses that are not commitments: past results, counts of targets, budgets, conditions
NOT_TARGET = re.compile(
    r"\b(đã đạt|đã có|đã thực hiện|đạt được|đề ra \d+ chỉ tiêu|\d+ chỉ tiêu|được xét|điều kiện|"
    r"nhiệm kỳ qua|năm qua|giai đoạn trước)\b", re.IGNORECASE)
# In prose (outside a target list) these mark context, money or the situation, not a target;
# inside a list "45,5 tỷ đồng, tăng 8% so với dự toán" is the target itself
NOT_TARGET_PROSE = re.compile(
    r"\b(so với cùng kỳ|so với năm|bố trí \d|kinh phí|tổng vốn|dự toán|dân số \d|diện tích)\b",
    re.IGNORECASE)

PLAN_RELATIVE = re.compile(r"(đạt|vượt|hoàn thành)[^.;]{0,25}(kế hoạch|chỉ tiêu)[^.;]{0,30}"
                           r"(giao|đề ra)", re.IGNORECASE)
MILESTONE = re.compile(r"được công nhận|đạt chuẩn|đạt các tiêu chí|không có|không còn|"
                       r"vững mạnh|hoàn thành tốt nhiệm vụ|trở thành", re.IGNORECASE)

GROWTH = re.compile(r"tăng bình quân|tốc độ tăng|tăng trưởng", re.IGNORECASE)
CHANGE = re.compile(r"giảm bình quân|giảm \d|giảm (?:còn )?\d|có thêm|phát triển thêm|"
                    r"thành lập mới|thành lập|lắp đặt thêm|tăng gấp|cải tạo|kiên cố|"
                    r"Năm \d{4} có", re.IGNORECASE)

GREATER = re.compile(r"(\btrên|\bhơn|>)\s*$", re.IGNORECASE)
AT_LEAST = re.compile(r"(ít nhất|tối thiểu|không dưới|từ)\s*$", re.IGNORECASE)
AT_LEAST_AFTER = re.compile(r"^\s*(?:[^\s,;.]+\s+){0,5}?trở lên", re.IGNORECASE)
LESS = re.compile(r"(dưới|<)\s*$", re.IGNORECASE)
AT_MOST = re.compile(r"(không quá|tối đa)\s*$", re.IGNORECASE)

DECREASE = re.compile(r"\bgiảm\b|\bcòn\b|(?<!không )\bdưới\b|hộ nghèo|tai nạn|tội phạm|ô nhiễm|"
                      r"lao động nông nghiệp|tăng dân số", re.IGNORECASE)
MAINTAIN = re.compile(r"duy trì|giữ vững", re.IGNORECASE)

ANNUAL = re.compile(r"hằng năm|hàng năm|mỗi năm", re.IGNORECASE)
AVERAGE_ANNUAL = re.compile(r"bình quân\s+(hằng|hàng)\s+năm", re.IGNORECASE)
YEAR = re.compile(r"(?:đến|vào|trong)?\s*năm\s+(?P<y>20\d{2})", re.IGNORECASE)

# Words stripped from the start of an indicator
LEAD_WORDS = re.compile(r"^(?:[-+*•]\s*|\(\d+\)\s*|\d+(?:\.\d+)*\.\s*|[a-zđA-ZĐ][),]\s*|"
                        r"(?:mục tiêu|chỉ tiêu)(?: cụ thể)?\s*:\s*|trong\s+|phấn đấu\s+|"
                        r"đến năm \d{4},?\s*|đến cuối (?:nhiệm kỳ|giai đoạn|năm \d{4}),?\s*|"
                        r"hằng năm,?\s*|hàng năm,?\s*|mỗi năm,?\s*|có\s+)+",
                        re.IGNORECASE)

# A yearly roadmap line: "+ Năm 2026: Đạt 30%", "- Năm 2027 đạt 130 triệu đồng"
ROADMAP = re.compile(r"^[-+*•]?\s*[Nn]ăm\s+(?P<y>20\d{2})\s*:?\s*(?:đạt|là)?\s*(?:[\d,.]+)",
                     re.IGNORECASE)

# Where the part of a clause that belongs to one value ends: "…đạt 95%, tỷ lệ …", "… và …"
SEGMENT_END = re.compile(r",|;|\svà\s")  # also where the next value's part starts
# A number right after "năm" / "giai đoạn" is a year, not a value ("đến năm 2030 xã …")
YEAR_BEFORE = re.compile(r"(?:năm|giai đoạn|kỳ)\s*$", re.IGNORECASE)
YEAR_NUMBER = re.compile(r"^(?:19|20)\d{2}$")
# "… phấn đấu … đạt chuẩn / được công nhận / trở thành …": a milestone outside a list
STRIVE_FOR_STATE = re.compile(r"phấn đấu\b.{0,80}?(?:đạt chuẩn|được công nhận|trở thành|"
                              r"không còn|đạt các tiêu chí)", re.IGNORECASE | re.DOTALL)

# Dates inside an indicator: "Thu nhập bình quân đầu người đến năm 2030" -> without the year
INDICATOR_DATES = re.compile(r"\s*,?\s*(?:(?:đến|vào|trong)\s+)?năm\s+20\d{2}\b|"
                             r"\s*,?\s*giai đoạn\s+20\d{2}\s*[-–]\s*20\d{2}", re.IGNORECASE)

# Every YEAR and INDICATOR_DATES match holds a year 20xx: text without these digits has none
YEAR_DIGITS = "20"
# Where the verb after an indicator starts ("Tỷ lệ hộ nghèo giảm …"), not "Tốc độ tăng …"
INDICATOR_VERB = re.compile(r"(?<!độ)\s(?:đạt|còn|là|tăng|giảm)\b")

# "giai đoạn 2026 - 2030" inside a target: its period
PERIOD = re.compile(r"giai đoạn\s+(?P<a>20\d{2})\s*[-–]\s*(?P<b>20\d{2})", re.IGNORECASE)

# An indicator head with nothing in it but list marks and "có" / "phấn đấu"
EMPTY_HEAD = re.compile(r"^[\s\-+*•(\d).]*(?:phấn đấu\b\s*)?(?:có\b\s*)?(?:thêm\b\s*)?$",
                        re.IGNORECASE)

# "mỗi năm có ít nhất 01 sản phẩm": a yearly flow
EACH_YEAR = re.compile(r"\bmỗi năm\b", re.IGNORECASE)
# A clause that starts a new list item (its own recurrence), not the rest of one
ITEM_START = re.compile(r"^(?:[-+*•]|\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ][),])\s")

# Target tables (Biểu chỉ tiêu): header cells and value cells
TABLE_INDICATOR = re.compile(r"^(?:tên\s+)?chỉ tiêu|^nội dung chỉ tiêu", re.IGNORECASE)
TABLE_UNIT = re.compile(r"^(?:đvt|đơn vị(?: tính)?)$", re.IGNORECASE)
TABLE_VALUE = re.compile(r"kế hoạch|mục tiêu|chỉ tiêu giao|phấn đấu", re.IGNORECASE)
TABLE_YEAR = re.compile(r"\b20\d{2}\b")
TABLE_NUMBER = re.compile(r"^\s*(?P<cmp>≥|>=|>|≤|<=|<|trên|dưới|từ|ít nhất|tối thiểu|)\s*"
                          r"(?P<n>\d+(?:[.,]\d+)*)\s*%?\s*(?:trở lên)?\s*$", re.IGNORECASE)
TABLE_COMPARATORS = {"≥": ">=", ">=": ">=", ">": ">", "≤": "<=", "<=": "<=", "<": "<",
                     "trên": ">", "dưới": "<", "từ": ">=", "ít nhất": ">=", "tối thiểu": ">=",
                     "": "="}
