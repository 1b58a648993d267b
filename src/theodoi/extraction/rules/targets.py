"""Target rules as data: where targets stand, commitment cues, comparators, kinds, units."""

from __future__ import annotations

import re

from theodoi.extraction.folded import folded
from theodoi.extraction.gated import gated
from theodoi.extraction.rules.labels import ITEM, ITEM_HEAD
from theodoi.extraction.rules.letters import CAPITALS
from theodoi.extraction.skipping import skipping

# Headings under which every numbered or bulleted item is a target ("3. Chỉ tiêu cụ thể",
# "2. Các chỉ tiêu chủ yếu", "1.2. Mục tiêu cụ thể đến năm 2030")
TARGET_SECTION = folded(re.compile(r"chỉ tiêu|^mục tiêu(?!\s+(?:tổng quát|chung))", re.IGNORECASE))
# A heading title that states a value or runs long is a list item, not a section's name: its
# words ("… đáp ứng yêu cầu nhiệm vụ") say nothing about the section
ITEM_TITLE = re.compile(r"\d\s*%|\d\s+(?:triệu|tỷ|nghìn)")
ITEM_TITLE_WORDS = 20
# Headings whose text describes the past or the purpose, never commitments
SKIP_SECTION = folded(re.compile(
    # ("được đánh giá" rates what a target counts: "Tỷ lệ chi bộ được đánh giá hoàn thành
    # tốt nhiệm vụ …", its value on the next line when a PDF wraps the item)
    r"đặc điểm|tình hình|kết quả|thuận lợi|khó khăn|mục đích|yêu cầu|dự báo|(?<!được\s)đánh giá|"
    r"tổ chức thực hiện|nguồn lực|mục tiêu tổng quát|mục tiêu chung|quan điểm|"
    # an emulation plan's award rules: criteria and quotas are conditions, not commitments
    # ("3. Tiêu chuẩn khen thưởng", "IV. Số lượng đề nghị khen thưởng", "Đối tượng thi đua")
    r"khen thưởng|^\s*(?:tiêu chuẩn|đối tượng|hình thức|nguyên tắc|thủ tục|hồ sơ)\b",
    re.IGNORECASE))

NUM = r"\d+(?:[.,]\d+)*"
# Count nouns that serve as units ("120 doanh nghiệp", "4/9 tổ dân phố"); PDF line breaks may
# fall between their words, so spaces match any whitespace.
COUNT_NOUNS = [
    "sản phẩm", "doanh nghiệp", "hợp tác xã", "tổ dân phố", "thôn", "xã", "trang trại",
    "lao động", "mô hình", "vùng", "tổ chức đảng", "bộ", "hộ", "nhà đa năng", "trường",
    "phòng học", "km đường", "công trình", "người", "đảng viên", "câu lạc bộ", "cơ sở", "chợ",
    "điểm", "ha", "km", "tấn", "lần", "con",
]
MONEY = (r"(?:triệu|tỷ|nghìn|ngàn)\s+(?:đồng|usd|đô la(?:\s+mỹ)?)"  # 120 triệu đồng/năm, 25 triệu USD
         r"(?:\s*/\s*(?:người\s*/\s*)?năm)?")
# A measure written as a symbol: "28 m2/người", "100 Mbps", "15 MW", "2 km2"
SYMBOL_UNIT = (r"(?-i:[a-z]{1,3}[A-Z][a-z]?|[A-Z]{2,4}|M?bps|[a-z]{1,2}[23])(?=[\s,;.)/]|$)"
               r"(?:\s*/\s*[^\W\d_]+(?:\s+[^\W\d_]+)?)?")
# Any other noun after a number counts what it names ("15.000 lượt khách", "120 căn nhà", "12 bác
# sĩ", "200 hội viên"): up to three words here, cut to the noun by `generic_unit`; a count noun
# list is no gate (issue 15). "2,1 con/phụ nữ": a count per something keeps its "/ …".
GENERIC_UNIT = r"[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,2}"
PER_SOMETHING = r"(?:\s*/\s*(?:năm|[^\W\d_]+(?:[ \t]+[^\W\d_]+)?))?"


def _words(nouns: list[str]) -> str:
    ordered = sorted(nouns, key=len, reverse=True)  # longest first: "km đường" before "km"
    return "|".join(r"\s+".join(map(re.escape, n.split())) for n in ordered)


# A value: "95%", "10,9%/năm", "120 triệu đồng", "4/9 tổ dân phố", "10 - 12%", "từ 10% đến 11%"
VALUE = re.compile(
    r"(?P<pre>(?:từ\s+)?)(?P<a>" + NUM + r")\s*(?P<aunit>%(?:\s*/\s*năm)?)?"
    r"(?:\s*(?:-|–|đến)\s*(?P<b>" + NUM + r"))?"
    r"(?:\s*/\s*(?P<of>\d+)(?=\s+[^\d\s]))?"
    r"\s*(?P<mult>nghìn|ngàn)?\s*(?P<unit>%\s*/\s*năm|%|" + MONEY + "|"
    r"(?:" + _words(COUNT_NOUNS) + r")\b" + PER_SOMETHING + "|" + SYMBOL_UNIT + "|"
    r"(?(aunit)(?!)|" + GENERIC_UNIT + "))?",  # "85 % hồ sơ": the % is the unit
    re.IGNORECASE)

# The units the rules know (not cut by `generic_unit`)
KNOWN_UNIT = re.compile(r"(?:%\s*/\s*năm|%|" + MONEY + "|(?:" + _words(COUNT_NOUNS) + r")\b"
                        + PER_SOMETHING + ")", re.IGNORECASE)
SYMBOL = re.compile(SYMBOL_UNIT)
# Words after a number that do not make it a counted value: time and age ("trong 03 tháng",
# "trẻ em dưới 5 tuổi"), references ("Điều 5", "Chỉ thị 32 của"), ratings and ranks ("3 sao",
# "top 03"), function words ("05 của", "10 và") — and a number followed by a capital is a name.
NOT_UNIT = re.compile(
    r"^(?:năm|tháng|ngày|quý|tuần|giờ|phút|giây|tuổi|điều|khoản|mục|chương|phần|phụ lục|bước|"
    r"kỳ|nhiệm kỳ|giai đoạn|cấp|sao|số|của|và|với|các|những|trên|dưới|đến|từ|trở|so|tại|theo|"
    r"về|cho|được|đạt|là|có|trong|mỗi|này|đó|hoặc|hay|thì|mà|để|nhằm|khi|lên|xuống|"
    r"chỉ tiêu|nhiệm vụ|tiêu chuẩn|nội dung|lĩnh vực|ngành|loại|"
    r"cá nhân|tập thể|hàng|hằng)\b",  # "không quá 05 cá nhân": an award quota, not a commitment
    re.IGNORECASE)
# Where a counted noun ends: a function word or verb after it; two words at most ("doanh
# nghiệp hoạt động" -> "doanh nghiệp", "căn nhà cho hộ nghèo" -> "căn nhà")
UNIT_STOP = re.compile(r"^(?:đạt|được|có|là|trở|trên|dưới|tại|của|cho|về|trong|và|với|thuộc|"
                       r"theo|mỗi|mới|ở|đã|sẽ|phải|đều|các|những|từ|đến|trở lên|hằng|hàng|"
                       r"năm|tham gia|hoạt động|ứng dụng|sử dụng)$", re.IGNORECASE)
# A clause must hold one of these to be a commitment (outside a target list)
COMMITMENT = folded(re.compile(
    r"\b(phấn đấu|đạt|tăng|giảm|còn|duy trì|giữ vững|có thêm|thêm|thành lập|có ít nhất|"
    r"tối thiểu|trở lên|trên|không dưới|không quá|hoàn thành|được công nhận|"
    # a count with a future horizon commits whatever its verb: "Đón 15.000 lượt khách trong
    # năm 2026", "Hằng năm kết nạp mới 25 đảng viên", "đến năm 2030 trồng mới 500 ha"
    r"đến năm|trong năm|vào năm|hằng năm|hàng năm|mỗi năm)\b", re.IGNORECASE))

# Clauses that are not commitments: past results, counts of targets, budgets, conditions
NOT_TARGET = folded(re.compile(
    r"\b(đã đạt|đã có|đã thực hiện|đạt được|đề ra \d+ chỉ tiêu|\d+ chỉ tiêu|được xét|"
    r"hiện nay|hiện có|hiện tại|tính đến|đến nay|"  # the present state: "Hiện nay, … 180 trạm"
    # an eligibility rule: "đủ điều kiện dự thi … phải đạt", "điều kiện để được xét công nhận";
    # not the state a target reaches ("cơ sở … đủ điều kiện xác định tình trạng nghiện")
    r"điều kiện\s+(?:để|dự|xét|được xét|tham gia|công nhận|khen|hưởng|đăng ký)|"
    r"nhiệm kỳ qua|năm qua|giai đoạn trước)\b", re.IGNORECASE))
# In prose (outside a target list) these mark context, money or the situation, not a target;
# inside a list "45,5 tỷ đồng, tăng 8% so với dự toán" is the target itself
NOT_TARGET_PROSE = folded(re.compile(
    r"\b(?:so với cùng kỳ|so với năm|kinh phí|tổng vốn|dự toán)\b|"
    # the scope of work on what exists: "khai thác hiệu quả diện tích 118,5 ha đang trồng …"
    r"\b(?:sử dụng|khai thác|phát huy)\s+(?:có\s+)?hiệu quả\s+(?:\S+\s+){0,3}?\d",
    re.IGNORECASE))
# Never targets, in a list or not
NOT_TARGET_ANYWHERE = folded(re.compile(
    # an absolute allocation of money ("Bố trí 42.500 triệu đồng", "phân bổ 39.632 tỷ đồng");
    # a share of a budget ("bố trí tối thiểu 3% tổng chi") is a target
    r"\b(?:bố trí|phân bổ|trích|cấp)\s+(?:kinh phí\s+|vốn\s+|nguồn vốn\s+)?(?:khoảng\s+|trên\s+)?"
    r"\d+(?:[.,]\d+)*\s*(?:triệu|tỷ|nghìn|ngàn)\s+(?:đồng|usd)|"
    # a description of the place, not a commitment: "diện tích tự nhiên là 496,43 ha; dân số
    # 3.861 hộ" (a population to reach has its verb: "quy mô dân số đạt 15.000 người")
    r"\bdiện tích\s+(?:đất\s+)?tự nhiên|\bdân số\s+(?:là\s+|khoảng\s+|có\s+)?\d",
    re.IGNORECASE))

# "đạt và vượt kế hoạch huyện giao", "đạt và vượt dự toán huyện giao"
PLAN_RELATIVE = folded(re.compile(r"(đạt|vượt|hoàn thành)[^.;]{0,25}(kế hoạch|chỉ tiêu|dự toán)[^.;]{0,30}"
                           r"(giao|đề ra)", re.IGNORECASE))
MILESTONE = folded(re.compile(r"được công nhận|đạt chuẩn|đạt tiêu chuẩn|đạt các tiêu chí|không có|không còn|"
                       r"vững mạnh|hoàn thành tốt nhiệm vụ|trở thành", re.IGNORECASE))

# A state denied, a milestone wherever it stands in a clause: "không có tổ chức đảng yếu kém"
DENIED_STATE = re.compile(r"^không\s+(?:có|còn|để)\b", re.IGNORECASE)

GROWTH = folded(re.compile(r"tăng bình quân|tốc độ tăng|tăng trưởng", re.IGNORECASE))
CHANGE = folded(re.compile(r"giảm bình quân|giảm \d|giảm (?:còn )?\d|có thêm|phát triển thêm|"
                    r"thành lập mới|thành lập|lắp đặt thêm|tăng gấp|cải tạo|kiên cố|"
                    r"^[-+*•]?\s*năm \d{4} có|"  # a roadmap line "+ Năm 2026 có 02 …", not "đến năm 2028 có 3 …"
                    r"(?:tăng|giảm)(?:\s+(?:trên|từ|ít nhất|tối thiểu|khoảng|hơn))?\s*$|"  # the verb right before the value: "tăng 8,5% so với năm 2025", "tăng trên 5%"
                    # "thêm", "mới" right before the value: an amount added or created ("tăng
                    # thêm 01 tiêu chí", "làm mới 3 km đường")
                    r"\b(?:thêm|mới)(?:\s+(?:ít nhất|tối thiểu|khoảng|trên|từ))?\s*$|"
                    # an amount created over the term, the verb right before the count:
                    # "Hình thành ít nhất 02 vùng", "đào tạo, bồi dưỡng 3.000 lượt", "trồng mới 500 ha"
                    r"(?:hình thành|phát triển|đào tạo|bồi dưỡng|xây dựng mới|trồng mới|xây mới)"
                    r"(?:\s+mới)?(?:\s+(?:ít nhất|tối thiểu|thêm|được|khoảng|trên|từ))*\s*$",
                    re.IGNORECASE))

GREATER = skipping(re.compile(r"(\btrên|\bhơn|>)\s*$", re.IGNORECASE))
AT_LEAST = re.compile(r"(ít nhất|tối thiểu|không dưới|từ|≥|>=)\s*$", re.IGNORECASE)
# "… 48 doanh nghiệp trở lên"; not "02 sản phẩm OCOP đạt 3 sao trở lên" (another number is nearer)
AT_LEAST_AFTER = re.compile(r"^\s*(?:[^\s,;.\d]+\s+){0,5}?trở lên", re.IGNORECASE)
LESS = re.compile(r"(dưới|<)\s*$", re.IGNORECASE)
AT_MOST = re.compile(r"(không quá|tối đa|≤|<=)\s*$", re.IGNORECASE)  # "đạt ≥ 98%", "≤ 5%"

# Indicators of a bad outcome, better when lower, whichever verb the plan uses. A class of
# meaning, not one plan's words: poverty ("hộ nghèo", "hộ cận nghèo", "tái nghèo"),
# unemployment, accidents, crime and social evils, violations, pollution, disease and death
# ("tử vong", "suy dinh dưỡng", "thấp còi", "mắc mới"), child marriage and consanguinity, a
# third child, dropping out, illiteracy, losses and arrears, makeshift housing, the farm
# workforce share and population growth (structural shifts a plan wants down)
BAD_OUTCOMES = (r"nghèo|thất nghiệp|tai nạn|tội phạm|tệ nạn|vi phạm|ô nhiễm|tử vong|"
                r"suy dinh dưỡng|thấp còi|mắc mới|nhiễm mới|tảo hôn|cận huyết|sinh con thứ ba|"
                r"bỏ học|mù chữ|tái nghiện|thất thoát|lãng phí|nợ xấu|nợ đọng|tồn đọng|"
                r"nhà tạm|dột nát|cháy nổ|thiệt hại|lao động nông nghiệp|tăng dân số|"
                r"khiếu nại|ùn tắc|ngập úng")
# "tỷ lệ hộ nghèo còn 1,5%", "giảm … xuống dưới 2%"; not the age of a group measured
# ("trẻ em dưới 01 tuổi được tiêm chủng", "dưới 6 tháng tuổi")
DECREASE = folded(re.compile(r"\bgiảm\b|\bcòn\b|(?<!không )\bdưới\b(?!\s*\d+\s*(?:tháng\s*)?tuổi)|"
                      r"\bkhông quá\b|\btối đa\b|" + BAD_OUTCOMES, re.IGNORECASE))
# Words around a bad outcome that make the indicator good: "hộ thoát nghèo", "phòng, chống tội
# phạm", "giảm nghèo bền vững" (the programme's name), "xử lý ô nhiễm"
GOOD_AROUND_BAD = re.compile(r"\b(?:thoát|giảm|xóa|xoá)\s+nghèo|\bphòng,?\s*(?:chống|ngừa)\s+\S+"
                             r"(?:\s+\S+)?|\b(?:xử lý|khắc phục|phát hiện|triệt phá)\s+\S+",
                             re.IGNORECASE)
MAINTAIN = folded(re.compile(r"duy trì|giữ vững", re.IGNORECASE))

ANNUAL = folded(re.compile(r"(?<!cây )(?:hằng năm|hàng năm)|mỗi năm", re.IGNORECASE))  # not "cây hằng năm" (a crop)
AVERAGE_ANNUAL = folded(re.compile(r"bình quân\s+(hằng|hàng)\s+năm", re.IGNORECASE))
YEAR = skipping(re.compile(r"(?:đến|vào|trong)?\s*năm\s+(?P<y>20\d{2})", re.IGNORECASE))
# The year a change is measured from, not a deadline: "tăng 8,5% so với năm 2025"
BASE_YEAR = re.compile(r"so với\s*(?:cùng kỳ\s*)?$", re.IGNORECASE)

# Words stripped from the start of an indicator
LEAD_WORDS = re.compile(rf"^(?:{ITEM}\s*|"
                        r"(?:mục tiêu|chỉ tiêu)(?: cụ thể)?\s*:\s*|trong\s+|phấn đấu\s+|"
                        r"đến năm \d{4},?\s*|đến cuối (?:nhiệm kỳ|giai đoạn|năm \d{4}),?\s*|"
                        r"(?:bình quân\s+)?(?:hằng năm|hàng năm|mỗi năm),?\s*|có\s+|"
                        r"năm \d{4}\s*:?\s*|"  # a roadmap line's year: "+ Năm 2026 có 02 …"
                        # the whole area the figure is counted over: "Toàn tỉnh có ít nhất 30
                        # điểm …", "cả nước có …" (the indicator is what is counted)
                        r"(?:toàn|cả)\s+(?:tỉnh|xã|phường|thị trấn|huyện|thành phố|nước|quốc)"
                        r"\s*,?\s+|"
                        r"(?:và|trong đó,?|giữ vững|duy trì|thêm)(?:\s+|$)|"  # "… và 100% kênh …"
                        # the verb that brings a measure to its level: "Giảm tỷ lệ hộ nghèo
                        # xuống còn 1,5%", "Nâng tỷ lệ … lên 80%"
                        r"(?:giảm|tăng|nâng|hạ)\s+(?=(?:tỷ lệ|tổng|chỉ số|mức)\b))+",
                        re.IGNORECASE)

# A yearly roadmap line: "+ Năm 2026: Đạt 30%", "- Năm 2027 đạt 130 triệu đồng",
# "+ Năm 2026 có 02 tổ dân phố đạt chuẩn …" (an amount that year)
ROADMAP = re.compile(r"^[-+*•]?\s*[Nn]ăm\s+(?P<y>20\d{2})\s*:?\s*(?:đạt|là|có(?:\s+thêm)?)?\s*"
                     r"(?:\d[\d,.]*)", re.IGNORECASE)
# A lead-in that breaks the statement before it down by year: "… đạt 140 triệu đồng. Trong đó:"
ROADMAP_BREAKDOWN = re.compile(r"^(?:trong đó|cụ thể|chia ra|theo lộ trình|lộ trình)\b",
                               re.IGNORECASE)
ROADMAP_NAME_WORDS = 3  # fewer words than this name no indicator ("Phấn đấu", "Cụ thể là")

# Where the part of a clause that belongs to one value ends: "…đạt 95%, tỷ lệ …", "… và …"
SEGMENT_END = re.compile(r",|;|\svà\s")  # also where the next value's part starts
# A number right after "năm" / "giai đoạn" is a year, not a value ("đến năm 2030 xã …")
YEAR_BEFORE = re.compile(r"(?:năm|giai đoạn|kỳ)\s*$", re.IGNORECASE)
YEAR_NUMBER = re.compile(r"^(?:19|20)\d{2}$")
# "… phấn đấu … đạt chuẩn / được công nhận / trở thành …": a milestone outside a list
STRIVE_FOR_STATE = folded(re.compile(r"phấn đấu\b.{0,80}?(?:đạt chuẩn|được công nhận|trở thành|"
                              r"không còn|đạt các tiêu chí)", re.IGNORECASE | re.DOTALL))

# Dates inside an indicator: "Thu nhập bình quân đầu người đến năm 2030" -> without the year
INDICATOR_DATES = re.compile(r"\s*,?\s*(?:(?:đến|vào|trong)\s+)?năm\s+20\d{2}\b|"
                             r"\s*,?\s*giai đoạn\s+20\d{2}\s*[-–]\s*20\d{2}", re.IGNORECASE)

# Every YEAR and INDICATOR_DATES match holds a year 20xx: text without these digits has none
YEAR_DIGITS = "20"
# Where the verb after an indicator starts ("Tỷ lệ hộ nghèo giảm …"), not "Tốc độ tăng …",
# "Tỷ lệ tăng dân số tự nhiên", "mức giảm …": a verb right after a measure's word names it
# "đạt chuẩn", "đạt danh hiệu" name a state inside the indicator: "Tỷ lệ trường đạt chuẩn quốc gia đạt 100%"
INDICATOR_VERB = re.compile(r"(?<!độ)(?<!lệ)(?<!mức)\s(?:đạt(?!\s+(?:chuẩn|tiêu chuẩn|danh hiệu|các tiêu chí|tiêu chí))|"
                            r"còn|là|tăng|giảm)\b")
# "Tỷ lệ che phủ rừng duy trì ổn định ở mức 42%": a verb of holding after a measure; before no
# measure it leads to one ("khu vực dịch vụ duy trì tốc độ tăng trưởng …") and stays
HOLD_VERB = gated(re.compile(r"\s(?:duy trì|giữ vững|giữ ổn định)\b"))
# Comparator words left at the end of an indicator head: "kết nạp ít nhất", "có từ"
# and the direction a level is brought to: "Giảm tỷ lệ hộ nghèo xuống (còn) 1,5%"
HEAD_COMPARATOR = re.compile(r"(?:\s*(?:\b(?:ít nhất|tối thiểu|không dưới|không quá|tối đa|từ|trên|"
                             r"hơn|dưới|khoảng|xuống|(?<!trở\s)lên)|[≥≤<>]=?))+\s*$", re.IGNORECASE)
COMPARATOR_LAST_WORDS = {"nhất", "thiểu", "dưới", "quá", "đa", "từ", "trên", "hơn", "khoảng",
                         "xuống", "lên", "≥", "≤", ">", "<", ">=", "<="}  # HEAD_COMPARATOR ends
# Where a sentence's work ends and its commitment starts: "Đẩy mạnh …, phấn đấu tỷ lệ … đạt 80%"
STRIVE = re.compile(r"\bphấn đấu\b", re.IGNORECASE)
# What follows a value and is no part of what is counted: "90% trở lên gia đình …", "100% các kênh"
TAIL_NOISE = re.compile(r"^(?:trở lên|trở xuống)?\s*(?:các\s+)?", re.IGNORECASE)
# Words that name a measure: a head with one of them is an indicator by itself ("Tổng đàn bò")
MEASURE_WORDS = re.compile(r"\b(?:số|tổng|tỷ lệ|chỉ số|diện tích|sản lượng|giá trị|thu nhập|đàn|"
                           r"doanh thu|năng suất|tốc độ|mức)\b", re.IGNORECASE)
# Units that measure rather than count what the indicator names ("bò 35 con", "6 km kênh")
MEASURE_UNITS = {"con", "ha", "km", "tấn", "lần", "km đường"}
# What a measure with nothing before it names: "Có 300 ha lúa chất lượng cao" -> "Diện tích
# lúa chất lượng cao", "Có 3 km đường bê tông" -> "Chiều dài đường bê tông"
MEASURED_NAMES = {"ha": "Diện tích", "km": "Chiều dài", "tấn": "Sản lượng"}
# What follows a value and names nothing it counts: "tăng 8% so với năm 2026"
TAIL_NOT_NAME = re.compile(r"^(?:so với|so|của|trở|trên|dưới|đến|từ|tại|theo|trong|cho|với|"
                           r"và|năm|vào)\b", re.IGNORECASE)
# Where what a value counts or measures ends ("… chỉ tiêu giao quân; …"), and where a list
# inside it goes on ("3 km đường giao thông và kiên cố hóa …": a measure names its first
# part; a share whose words are a list keeps its action alone as its name)
TAIL_STOP = re.compile(r"\s*[;.:(]|\s+(?:để|nhằm|trong đó|đạt|trở lên)(?:\s|$)")
ENUMERATION = re.compile(r"\s*,|\s+và(?:\s|$)")
MAX_ACTION_HEAD = 6  # "kết nạp", "giải quyết việc làm mới cho": an action with its count

# "giai đoạn 2026 - 2030" inside a target: its period
PERIOD = re.compile(r"giai đoạn\s+(?P<a>20\d{2})\s*[-–]\s*(?P<b>20\d{2})", re.IGNORECASE)

# An indicator head with nothing in it but list marks and "có" / "tăng" (thêm) / "phấn đấu"
EMPTY_HEAD = re.compile(r"^[\s\-+*•(\d).]*(?:phấn đấu\b\s*)?(?:(?:trong (?:số )?)?đó\b,?\s*)?(?:(?:có|tăng)\b\s*)?"
                        r"(?:thêm\b\s*)?$",
                        re.IGNORECASE)

# The per-year mark after a counted noun, no part of what is counted: "cho 250 lao động/năm",
# "cho 250 lao động mỗi năm" -> "lao động"
PER_YEAR_TAIL = re.compile(r"\s*/\s*năm\b.*$|\s+(?:mỗi|hằng|hàng) năm\b.*$", re.IGNORECASE)
# "500.000 lượt/năm", "15.000 lượt khách/năm": a count a year, right after the value's noun
PER_YEAR_AFTER = re.compile(r"\s*/\s*năm\b")
# "mỗi năm có ít nhất 01 sản phẩm": a yearly flow
EACH_YEAR = re.compile(r"\bmỗi năm\b", re.IGNORECASE)

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

# A heading that is only a body's name heads that body's duties: "1. Sở Y tế", "Công an tỉnh:",
# "Các sở, ban, ngành", "Ủy ban nhân dân xã, phường", "Bộ Chỉ huy Quân sự tỉnh", "Đài Phát
# thanh - Truyền hình", "Ban Xây dựng Đảng", "Phòng Văn hóa - Xã hội" (ministries to communes)
BODY_TITLE = re.compile(
    r"^(?:các\s+)?(?:sở|bộ|ủy ban|uỷ ban|ubnd|công an|ban|hội|đoàn|văn phòng|trung tâm|"
    r"ngân hàng|bảo hiểm|tòa án|toà án|viện kiểm sát|cục|chi cục|bộ chỉ huy|đài|báo|"
    r"liên đoàn|liên minh|mặt trận|phòng|kho bạc|thanh tra|tỉnh đoàn|thành đoàn|"
    r"trường|bệnh viện|công ty|tổng công ty|quỹ|hợp tác xã|đảng ủy|đảng uỷ|chi bộ|"
    r"cơ quan|đơn vị|địa phương|doanh nghiệp|chủ tịch|giám đốc|thủ trưởng)\b",
    re.IGNORECASE)
# Words that make a heading a piece of work rather than a body's name ("Phòng, chống thiên
# tai", "Ban hành văn bản", "Bảo hiểm y tế toàn dân", "Đơn vị chủ trì: …")
WORK_WORDS = re.compile(r"^(?:phòng,|phòng\s+(?:chống|ngừa)|ban hành|bảo hiểm\s+(?:y tế|xã hội)"
                        r"(?!\s+(?:tỉnh|thành phố|xã|huyện|việt nam|khu vực))|"
                        r"cơ quan\s+(?:chủ trì|phối hợp|thực hiện)|đơn vị\s+(?:chủ trì|phối hợp|"
                        r"thực hiện))|\b(?:chủ trì|phối hợp|nhiệm vụ|giải pháp|mục tiêu|chỉ tiêu|"
                        r"tăng cường|đẩy mạnh|nâng cao)\b",
                        re.IGNORECASE)

# Numbers that are references or dates, never values: "Quyết định số 15/2021/QĐ-UBND",
# "Kế hoạch số 64/KH-UBND", "Nghị quyết 21-NQ/TW", "ngày 08/7/2021", "tháng 11/2025",
# "trước ngày 30.6", "Điều 5"
REFERENCE_NUMBER = skipping(re.compile(
    r"\b\d+(?:/\d+)*/[A-ZĐ][\w&-]*(?:/[\w&-]+)*|\b\d+-[A-ZĐ][\w&]*(?:/[\w&-]+)*|"
    r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}/\d{4}\b|"
    r"(?:ngày|trước|sau|đến hết)\s+\d{1,2}[/.]\d{1,2}\b|"  # not "từ 2-3 trang trại" (a range)
    r"\bngày\s+\d{1,2}\b(?![.,]\d)|"  # "trước ngày 16 hàng tháng"
    r"\b(?:số|Số|Điều|điều|khoản|Khoản|Chỉ thị|Kết luận|Nghị định|Thông tư)\s+\d+", re.UNICODE))

# A heading that names who answers for its topic: "1.4. Cơ quan chủ trì tham mưu và tổ chức
# thực hiện", "Đơn vị chủ trì:", "Cơ quan thực hiện:" (not "Cơ quan phối hợp")
LEAD_HEADING = re.compile(r"^\s*(?:cơ quan|đơn vị|bộ phận)\s+(?:chủ trì|thực hiện|đầu mối|"
                          r"chịu trách nhiệm)", re.IGNORECASE)
# Where the body's name ends in the text under such a heading: "Phòng Kinh tế là cơ quan đầu
# mối", "UBND xã xây dựng kế hoạch", "UBND xã chịu trách nhiệm"
LEAD_CUT = re.compile(r"[,;.:(]|\s(?:là|chịu|chủ trì|có trách nhiệm|xây dựng|tham mưu|tổ chức|"
                      r"thực hiện|triển khai|hướng dẫn|theo dõi|phối hợp|giúp)\b", re.IGNORECASE)

# The horizon a list heading names: "Mục tiêu đến năm 2030", "1. Mục tiêu đến hết năm 2026",
# "Định hướng đến năm 2035", "Chỉ tiêu giai đoạn 2026 - 2030", and a year's aims: "Phần thứ
# hai: MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP NĂM 2026", "Các chỉ tiêu chủ yếu năm 2026"
HEADING_YEAR = re.compile(r"(?:đến|vào|trong)\s+(?:hết\s+|cuối\s+)?năm\s+(?P<y>20\d{2})|"
                          r"giai đoạn\s+20\d{2}\s*[-–]\s*(?P<z>20\d{2})|"
                          r"(?:mục tiêu|chỉ tiêu|phương hướng|nhiệm vụ)[^.;:]{0,60}?\bnăm\s+"
                          r"(?P<w>20\d{2})(?!\s*[-–])", re.IGNORECASE)

# Header cells of a table that restates targets with who leads them: "TT | Chỉ tiêu | Chủ trì",
# "Nội dung | Cơ quan chủ trì | Cơ quan phối hợp"
TABLE_CONTENT_HEADER = re.compile(r"^(?:tên\s+)?(?:chỉ tiêu|nội dung|nhiệm vụ|mục tiêu)\b",
                                  re.IGNORECASE)
TABLE_LEAD_HEADER = re.compile(r"^(?:cơ quan\s+|đơn vị\s+)?chủ trì\b", re.IGNORECASE)

# Where a sentence's subject (the body) ends and its duty starts: "Sở Y tế chủ trì …", "Các bộ,
# cơ quan, địa phương theo chức năng …", "UBND xã tập trung chỉ đạo …"
SUBJECT_CUT = re.compile(r"\s(?:theo|căn cứ|tiếp tục|chủ động|khẩn trương|có trách nhiệm|"
                         r"chịu trách nhiệm|chủ trì|phối hợp|thực hiện|triển khai|tập trung|"
                         r"tăng cường|đẩy mạnh|phấn đấu|xây dựng|tổ chức|hướng dẫn|bảo đảm|"
                         r"đảm bảo|rà soát|nghiên cứu|là cơ quan|được giao)\b")

# A number after these words names a level or a rank, not an amount: "dịch vụ công mức độ 4",
# "cấp 2", "loại 1", "hạng III", "khóa XVI", "top 03", "thứ 5"
ORDINAL_BEFORE = re.compile(r"(?:mức độ|mức|cấp|loại|hạng|nhóm|thứ|khóa|khoá|tầng|top|"
                            r"tốp|phiên bản|version|số)\s*$", re.IGNORECASE)

# A cheap test before REFERENCE_NUMBER: most clauses hold no reference ("số 64", "Điều 5", "15/2021")
DIGIT_REF = skipping(re.compile(r"\d[/.-]\d|\d-[A-ZĐ]|(?:số|Điều|điều|khoản|Khoản|thị|luận|định|tư)"
                                r"\s+\d"))
# Where one clause of a target's text ends and the next starts (stages/clauses.py)
CLAUSE_BOUNDARY = re.compile(
    r";"                                            # clauses of one item: "…; giảm 1,5% …"
    rf"|\.(?=\s+[{CAPITALS}(\-+*•\d])"                 # a sentence ends: "… 95%. Tỷ lệ …"
    r"|:\s*\n"                                      # a lead-in line ends: "Phấn đấu đến năm 2030:"
    rf"|\n(?=\s*{ITEM_HEAD})")                    # a new item: "\n- ", "\na, ", "\n2. "
# A value that is a part of the one before it in the same clause: "100% trường học đạt chuẩn
# quốc gia mức độ 1, trong đó 50% đạt mức độ 2", "…, trong số đó có 60% hộ …"
SUBSET_HEAD = re.compile(r"^[\s,;]*(?:trong (?:số )?)?đó\b,?\s*(?:có\b\s*)?", re.IGNORECASE)
