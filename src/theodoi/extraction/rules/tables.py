"""What a table's header cells mean, whatever their order: rules as data.

Vietnamese plans head their tables with a few stock phrases; a column is known by the
meaning of its header, never by its position. Roles are tried in order, so "Cơ quan phối
hợp thực hiện" is a co-agency column before "thực hiện" could make it a lead column, and
"Nội dung chỉ tiêu" an indicator column before "Nội dung" makes it a work column.
"""

from __future__ import annotations

import re

from theodoi.extraction.gated import gated
from theodoi.extraction.skipping import skipping

_I = re.IGNORECASE

COLUMN_ROLES: list[tuple[str, re.Pattern[str]]] = [
    # "STT", "TT", "Số TT": the row number
    ("number", re.compile(r"^(?:s\.?\s?tt|tt|số (?:tt|thứ tự))$", _I)),
    # "Cơ quan phối hợp", "PHỐI HỢP", "Đơn vị phối hợp thực hiện"
    ("co", re.compile(r"phối hợp", _I)),
    # "Lãnh đạo phụ trách", "Người phụ trách", "Lãnh đạo UBND chỉ đạo": a person, not a body
    ("leader", re.compile(r"lãnh đạo|người phụ trách|đồng chí phụ trách", _I)),
    # "Cấp trình", "Cấp ban hành", "Cấp phê duyệt": where the work goes for a decision
    ("submit", re.compile(r"cấp trình|trình cấp|cấp (?:ban hành|phê duyệt|quyết định)|"
                          r"thẩm quyền (?:ban hành|phê duyệt)", _I)),
    # "Trình BTV Đảng ủy", "Trình BCH Đảng bộ xã", "Báo cáo HĐND xã": a column per body the
    # work may go to, ticked ("x") in the row of each work that goes there
    ("submit_tick", re.compile(r"^(?:trình|báo cáo|xin ý kiến)\s+(?!cấp\b)\S", _I)),
    # "Cơ quan chủ trì", "Chủ trì", "Đơn vị chủ trì thực hiện", "Cơ quan thực hiện",
    # "Đơn vị thực hiện", "Cơ quan tham mưu", "Trách nhiệm", "Phân công", "Người phụ trách"
    ("lead", re.compile(r"chủ trì|(?:cơ quan|đơn vị)\s+(?:thực hiện|tham mưu|chịu trách nhiệm)"
                        r"|^trách nhiệm|^phân công|phụ trách", _I)),
    # "Thời gian hoàn thành", "Thời gian trình", "Thời hạn", "Tiến độ", "Thời gian thực hiện"
    ("due", re.compile(r"thời gian|thời hạn|tiến độ|^hoàn thành", _I)),
    # "Chỉ tiêu", "Tên chỉ tiêu", "Nội dung chỉ tiêu", "Các chỉ tiêu chủ yếu"
    ("indicator", re.compile(r"chỉ tiêu", _I)),
    # "Nội dung", "Nhiệm vụ", "Nội dung công việc", "Nhiệm vụ và giải pháp", "Tên đề án",
    # "Hoạt động"
    ("work", re.compile(r"nội dung|nhiệm vụ|công việc|giải pháp|hoạt động|"
                        r"tên (?:đề án|dự án|nhiệm vụ|văn bản)|^(?:đề án|dự án)$", _I)),
    # "Sản phẩm", "Kết quả/sản phẩm", "Hình thức văn bản": what the work produces
    ("product", re.compile(r"sản phẩm|kết quả|hình thức văn bản", _I)),
    # "ĐVT", "Đơn vị tính"
    ("unit", re.compile(r"^(?:đvt|đơn vị tính|đơn vị)\b", _I)),
    ("note", re.compile(r"^ghi chú", _I)),
]

# Value columns of an indicator table: a year ("Năm 2026", "2030", "Kế hoạch 2026") or a plan
# word ("Kế hoạch", "Mục tiêu", "Chỉ tiêu giao", "Phấn đấu").
VALUE_HEADER = re.compile(r"kế hoạch|mục tiêu|chỉ tiêu giao|phấn đấu|định hướng|dự kiến", _I)
YEAR = gated(re.compile(r"\b20\d{2}\b"))
# A column of the past, not a commitment: "ƯTH 2025", "Ước thực hiện năm 2025", "Thực hiện
# 2024", "Kết quả năm 2025", "Hiện trạng", "Năm gốc", "So sánh", "Tăng/giảm (%)"
BASELINE_HEADER = skipping(re.compile(r"ư[ớo]c|ưth|\bth\b|thực hiện|kết quả|hiện trạng|năm gốc|"
                             r"so sánh|cùng kỳ|tăng\s*/\s*giảm|tỷ lệ\s*%", _I))
# The unit written in a header cell: "Lượng (Tấn)", "Giá trị (Nghìn USD)"
HEADER_UNIT = re.compile(r"\((?P<unit>[^()]{1,20})\)\s*$")
# A figure in a value cell: "27.000", "≥ 95", "trên 80%", "5-6", "100%"
CELL_NUMBER = re.compile(r"^\s*(?P<cmp>≥|>=|>|≤|<=|<|trên|dưới|từ|ít nhất|tối thiểu|khoảng|)\s*"
                         r"(?P<n>\d+(?:[.,]\d+)*)\s*(?:[-–]\s*(?P<m>\d+(?:[.,]\d+)*))?\s*"
                         r"(?P<pct>%)?\s*(?:trở lên)?\s*$", _I)
CELL_COMPARATORS = {"≥": ">=", ">=": ">=", ">": ">", "≤": "<=", "<=": "<=", "<": "<",
                    "trên": ">", "dưới": "<", "từ": ">=", "ít nhất": ">=", "tối thiểu": ">=",
                    "khoảng": "=", "": "="}
# Units written in a table that are the same as a text unit times a factor: "Nghìn USD" in an
# appendix, "triệu USD" in the text (1.000 nghìn USD = 1 triệu USD)
UNIT_FACTORS: dict[str, tuple[str, float]] = {
    "nghìn usd": ("triệu usd", 1 / 1000),
    "ngàn usd": ("triệu usd", 1 / 1000),
    "triệu đồng": ("tỷ đồng", 1 / 1000),
    "nghìn tấn": ("tấn", 1000),
}
# Words of a row's name that say nothing of which product or indicator it is ("Sản phẩm sắn":
# "sắn" names it), for matching a row with the text that states the same target
GENERIC_NAME_WORDS = frozenset(
    ["sản", "phẩm", "mặt", "hàng", "các", "loại", "tổng", "số", "và", "từ", "của", "cây", "con", "giống", "khác", "diện", "tích", "sản", "lượng", "giá", "trị", "lượng", "tham", "gia", "xuất", "khẩu"])
# A duty-cell phrase after the lead's name: "Sở KH&CN chủ trì hướng dẫn, tổng hợp"
LEAD_CUT = re.compile(r"\s+chủ trì\b", _I)
# Word heads of bodies, for cells whose paragraphs were joined by a space ("Sở Khoa học và
# Công nghệ Sở Công Thương"): a new body starts at a head after a lower-case word
BODY_START = re.compile(r"^(?:Sở|Ban|Bộ|UBND|Ủy ban|Uỷ ban|Công an|Doanh nghiệp|Các|Viện|Hội|"
                        r"Liên hiệp|Văn phòng|Tỉnh đoàn|Ngân hàng|Đài|Báo|Bảo hiểm|Cục|Chi cục|"
                        r"Trung tâm|Kho bạc|Quỹ|Hiệp hội|Tòa án|Viện kiểm sát|Thanh tra|Phòng|"
                        r"Mặt trận|MTTQ|Đoàn|Trường|Bệnh viện|Tổng công ty|Công ty)$")
# A cell whose time is every year: "Hàng năm", "Hằng năm", "Định kỳ hằng năm"
ANNUAL = re.compile(r"h[àằ]ng năm|mỗi năm", _I)
# A cell that gives a year or a range of years alone: "2026", "Năm 2026", "2025 - 2035"
YEARS_ONLY = re.compile(r"^(?:năm\s+)?(?:20\d{2})(?:\s*[-–]\s*(?:năm\s+)?(?P<y>20\d{2}))?$|"
                        r"^(?:năm\s+)?(?P<y1>20\d{2})$", _I)

# A total row of an indicator table: "Tổng", "Tổng cộng", "Tổng số", "Cộng" (not "tổng đàn gia súc")
TOTAL = re.compile(r"^(?:tổng(?:\s+(?:cộng|số))?\b(?!\s+đàn)|cộng\b)", re.IGNORECASE)
# A tick in a column of bodies: "x", "X", "✓", "✔", "☑", "+"
TICK = re.compile(r"^\s*[xX✓✔☑+]\s*$")
# The verb heading a column of a body ("Trình BTV Đảng ủy" -> "BTV Đảng ủy")
TICK_VERB = re.compile(r"^(?:trình|báo cáo|xin ý kiến)\s+", _I)
# The header of a table read from text, as one line: each "Trình <body>" up to the next one
# ("… Thời gian trình Trình BTV Đảng ủy Trình BCH Đảng bộ xã"; "trình" in lower case ends
# "Thời gian trình", a column of its own)
TICK_HEADERS = re.compile(r"(?:Trình|Báo cáo|Xin ý kiến)\s+(?!cấp\b)(?P<body>.+?)"
                          r"(?=\s+(?:Trình|Báo cáo|Xin ý kiến)\s|$)")
# A line of a text row holding only its tick cells: each cell and a space, an empty cell a
# space alone ("x  ": ticked in the first column, not the second)
TICK_LINE = re.compile(r"^(?=[^\n]*[xX✓✔☑+])[xX✓✔☑+ ]+$", re.MULTILINE)
