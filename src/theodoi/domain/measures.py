"""How a target's figures are measured over time: a level or a yearly flow.

A **level** (a rate, a share, a count of what exists: "tỷ lệ hộ nghèo", "số trường đạt
chuẩn") is what it is on the day it is read; a quarter's figure and a year's are alike.
A **yearly flow** (an amount that accrues during a year: income per year, budget revenue,
output, export turnover, visitors, new Party members) is reported in Vietnamese
administration year-to-date (lũy kế từ đầu năm): the third quarter's figure is nine
months' worth, and the year's figure is the last quarter's. So:

- the expected value of a flow in a quarter is the year's expected figure pro rata;
- a flow's yearly point is the figure reported at the year's end (a year still under way
  has none); a level's is its last figure of the year, at its own date;
- forecasts are made from these yearly points only, never from quarter-to-quarter growth
  of a cumulative series, and need two of them (or a baseline and one);
- a forecast stays within what the indicator can be: a share between 0 and 100 %, an
  amount not below zero.

`MEASURE_RULES` is that table for people (docs/trang-thai.md renders it, a test keeps the
two in step); `FLOW_WORDS` the indicator wording that marks a flow.
"""

from __future__ import annotations

import re
from functools import lru_cache

from theodoi.domain.text import fold

MEASURE_RULES: list[tuple[str, str, str]] = [
    ("muc", "Chỉ tiêu mức (tỷ lệ, tỷ trọng, số lượng hiện có)",
     "Số liệu của kỳ nào là mức tại cuối kỳ đó; điểm của một năm là số liệu cuối cùng "
     "báo cáo trong năm."),
    ("luu_luong", "Chỉ tiêu tính theo lượng trong năm (thu nhập, thu ngân sách, sản lượng, "
     "kim ngạch, lượt khách, kết nạp mới …)",
     "Số liệu quý là lũy kế từ đầu năm; mức kỳ vọng của một quý bằng mức cả năm nhân tỷ lệ "
     "thời gian đã qua; số liệu cả năm là số liệu báo cáo tại cuối năm."),
    ("du_bao", "Dự báo",
     "Chỉ tính từ số liệu theo năm (năm gốc và các năm đã có số liệu cả năm), cần ít nhất "
     "hai điểm; không vượt giới hạn của chỉ tiêu (tỷ lệ từ 0 đến 100%, số lượng không âm) "
     "và ghi rõ căn cứ."),
]

# Indicator wording of an amount that accrues within a year; matched on whole syllables
# of the folded indicator. Each is the general name of a yearly flow in Vietnamese
# statistics and plans, not a phrase of one document.
FLOW_WORDS: tuple[str, ...] = (
    "thu nhập",          # "thu nhập bình quân đầu người đạt 85 triệu đồng"
    "thu ngân sách",     # "thu ngân sách nhà nước trên địa bàn đạt 25 tỷ đồng"
    "tổng thu",          # "tổng thu ngân sách xã"
    "chi ngân sách",     # "chi ngân sách địa phương"
    "doanh thu",         # "doanh thu du lịch đạt 120 tỷ đồng"
    "kim ngạch",         # "kim ngạch xuất khẩu đạt 25 triệu USD"
    "giá trị sản xuất",  # "giá trị sản xuất nông nghiệp"
    "giá trị xuất khẩu",  # "giá trị xuất khẩu nông sản"
    "sản lượng",         # "sản lượng lương thực đạt 12.000 tấn"
    "vốn đầu tư",        # "tổng vốn đầu tư toàn xã hội"
    "huy động vốn",      # "huy động vốn đầu tư phát triển"
    "lượt khách",        # "đón 15.000 lượt khách"
    "khách du lịch",     # "thu hút 200.000 khách du lịch"
    "kết nạp",           # "hằng năm kết nạp mới từ 25 đảng viên trở lên"
    "grdp",              # "GRDP đạt 1.200 tỷ đồng" (the year's product, not its growth)
)
# each as a whole word (padded once here: a province checks 7,500 indicators at a time)
_FLOW_WORDS_SPACED = tuple(f" {w} " for w in FLOW_WORDS)
_PERCENT = re.compile(r"^\s*%")


@lru_cache(maxsize=16384)  # a province's communes share their plans' wordings
def is_flow(indicator: str | None, unit: str | None, per_year: bool, kind: str) -> bool:
    """Whether the target's figures accrue within a year and are reported year-to-date.

    A rate or a share (unit in %) and a growth rate are levels whatever their wording;
    otherwise a target stated per year ("mỗi năm", unit ".../năm") or whose indicator names
    a yearly flow is one. Amounts created over the whole term ("xây mới 12 tuyến đường")
    are counted to date, not per year, and stay levels.
    """
    if kind in ("growth_rate", "milestone") or (unit and _PERCENT.match(unit)):
        return False
    if per_year:
        return True
    if kind == "change":  # "kết nạp 120 đảng viên trong nhiệm kỳ": counted over the term
        return False
    words = f" {fold(indicator or '')} "
    return any(w in words for w in _FLOW_WORDS_SPACED)


# Units that count whole things (a unit made of one of these nouns, with no scale word such
# as "nghìn"): their figures are integers, so reports show no decimals and the demo records
# none. The general nouns a commune's plans count, not the words of one document.
COUNT_NOUNS: tuple[str, ...] = (
    "doanh nghiệp", "hợp tác xã", "hộ", "người", "lao động", "đảng viên", "hội viên",
    "đoàn viên", "cán bộ", "tổ chức", "chi bộ", "đảng bộ", "sản phẩm", "trường", "lớp",
    "phòng học", "nhà", "thôn", "làng", "khu dân cư", "xã", "công trình", "tuyến", "mô hình",
    "cơ sở", "câu lạc bộ", "di tích", "vùng", "vụ", "lượt", "trạm", "điểm",
)


def is_count(unit: str | None) -> bool:
    """Whether `unit` counts whole things: 'doanh nghiệp', 'tổ chức đảng', 'nhà đa năng'
    (a noun of `COUNT_NOUNS`, maybe qualified); not '%', 'triệu đồng', 'nghìn người'."""
    words = f"{fold(unit or '')} "
    return any(words.startswith(f"{noun} ") for noun in COUNT_NOUNS)
# Indicator wording of a figure that is not a sum of parts: an average, a rate, a share,
# an index (general statistical names, matched on whole syllables of the folded text).
NOT_A_SUM_WORDS: tuple[str, ...] = ("bình quân", "trung bình", "tỷ lệ", "tỷ trọng",
                                    "tốc độ", "chỉ số", "mật độ")


def adds_up(kind: str, unit: str | None, value_of: float | None,
            indicator: str | None = None) -> bool:
    """Whether a target's figure is a sum that agencies' parts make up (an amount or a
    count: "thu ngân sách 25 tỷ đồng", "xây mới 12 tuyến đường"), so a co-agency may state
    its part; a rate or share (unit in %, x/y), an average, a growth rate and a milestone
    are not."""
    if kind in ("growth_rate", "milestone") or value_of is not None:
        return False
    words = f" {fold(indicator or '')} "
    if any(f" {fold(w)} " in words for w in NOT_A_SUM_WORDS):
        return False
    return not (unit and _PERCENT.match(unit))
