"""Heading label patterns, as data. Each family is one way Vietnamese documents number parts.

The order of first appearance in a document decides the nesting, not this list.
"""

from __future__ import annotations

import re

from theodoi.extraction.rules.labels import (
    ARTICLE,
    DECIMAL,
    LETTER,
    ORDINAL,
    PAREN,
    PART,
    ROMAN,
    UPPER,
)
from theodoi.extraction.rules.letters import CAPITALS
from theodoi.extraction.skipping import skipping

# (family, regex on a line start): group "label" is the document's own label, "title" the rest
HEADING_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "PHẦN I. KẾT QUẢ …", "Chương II: NHIỆM VỤ"
    ("part", re.compile(rf"^(?P<label>{PART})\s*[-–:]?\s*(?P<title>\S.*)$")),
    # "Điều 1. Thông qua các chỉ tiêu …" (nghị quyết HĐND, quyết định)
    ("article", re.compile(rf"^(?P<label>{ARTICLE})\s*(?P<title>\S.*)$")),
    # "A. MỤC ĐÍCH, YÊU CẦU"
    ("upper", re.compile(rf"^(?P<label>{UPPER})\s+(?P<title>\S.*)$")),
    # "II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU"
    ("roman", re.compile(rf"^(?P<label>{ROMAN})\s+(?P<title>\S.*)$")),
    # "1.1. Mục tiêu tổng quát", "2.1.3. …", "4.4 Cơ quan chủ trì"
    ("decimal", re.compile(rf"^(?P<label>{DECIMAL})\s+(?P<title>\S.*)$")),
    # "1. Thuận lợi:"
    ("number", re.compile(rf"^(?P<label>{ORDINAL})\s+(?P<title>\S.*)$")),
    # "a) Phát triển nông nghiệp", "b, Văn hóa"
    ("letter", re.compile(rf"^(?P<label>{LETTER})\s+(?P<title>\S.*)$")),
    # "(1) Tỷ lệ …"
    ("paren", re.compile(rf"^(?P<label>{PAREN})\s+(?P<title>\S.*)$")),
]

# An appendix ("PHỤ LỤC", "PHỤ LỤC 01", "Phụ lục II: DANH MỤC NHIỆM VỤ …"): a part of its own
# after the signature, so no heading of the body reaches into it (the last numbered duty of
# "Tổ chức thực hiện" does not lead an appendix table's rows).
APPENDIX_LINE = re.compile(
    r"^\s*(?P<label>(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ\s+|số\s+)?(?:[IVX]{1,5}|\d{1,2}[a-z]?)\b)?)"
    r"(?:\s*(?:$|[.:\-–]\s*(?P<title>.*)$)|\s+(?P<caps>\S.*)$)")
# (outline.appendix_start takes words after a bare label only in capitals, "PHỤ LỤC DANH
# MỤC NHIỆM VỤ", or in brackets, and after a small "Phụ lục" never)

# A part's label on a line of its own, its title on the next ("Phần thứ nhất" then "KẾT QUẢ
# THỰC HIỆN NĂM 2025", as reports and congress resolutions are laid out)
PART_ALONE = re.compile(rf"^(?P<label>{PART})$")

# A heading's title starts with a capital letter (Vietnamese headings are written that way);
# this keeps a number wrapped to the start of a line ("2. lần") from becoming a heading.
# (or a period counted in months: "2. 6 tháng cuối năm 2027", a report's or a programme's part)
TITLE_START = re.compile(rf"^(?:[{CAPITALS}\"“(]|\d{{1,2}}\s+tháng\s)")

# A title longer than this is a numbered paragraph: the heading is the part before ":".
MAX_TITLE = 160
TITLE_CUT = re.compile(r"^(?P<title>[^:]{3,100}):\s*\S")

# A figure in a heading's title, not counting its years: "(7) Thu ngân sách đạt 1.200 triệu
# đồng" states a target, "II. CÁC CHỈ TIÊU CHỦ YẾU NĂM 2026" or "Giai đoạn 2026 - 2030" is a
# title whatever line follows it (a table's header row, a list)
TITLE_YEAR = skipping(re.compile(r"\b(?:19|20)\d{2}\b"))
