"""Emulation (thi đua – khen thưởng) rules as data: section headings, conditions, reward forms.

Words are those of the Law on Emulation and Rewards 2022 and Decree 98/2023/NĐ-CP as plans
that launch a movement (kế hoạch phát động phong trào thi đua) write them. Patterns match
text folded to lower case with whitespace folded; the phrase each exists for is beside it.
"""

from __future__ import annotations

import re

# A plan launches a movement when its title says so ...
LAUNCH = re.compile(r"(?:phát động|tổ chức|triển khai)(?:\s+và\s+triển khai)?\s+"
                    r"(?:phong trào thi đua|đợt thi đua)")  # Kế hoạch Phát động phong trào thi đua …
# ... or when it has at least this many of the sections below.
MIN_SECTIONS = 3

# Section role -> heading pattern (matched on the folded heading title; the deepest heading
# that matches is the section, so "1. Đối tượng, hình thức khen thưởng" yields to "a) Đối tượng").
SECTIONS: dict[str, re.Pattern[str]] = {
    "slogan": re.compile(r"khẩu hiệu"),                                # II. KHẨU HIỆU THI ĐUA
    "contents": re.compile(r"nội dung (?:thi đua|phong trào|của phong trào)"),  # III. NỘI DUNG THI ĐUA
    "period": re.compile(r"thời gian (?:tổ chức |triển khai |phát động )?"
                         r"(?:phong trào|thi đua|đợt thi đua)"),       # IV. THỜI GIAN TỔ CHỨC PHONG TRÀO THI ĐUA
    "participants": re.compile(r"^(?:đối tượng)(?: thi đua| khen thưởng)?\s*:?$|"
                               r"^đối tượng(?: thi đua)?\b"),          # a) Đối tượng; 1. Đối tượng thi đua
    "rewards": re.compile(r"hình thức (?:khen thưởng|thi đua)|danh hiệu thi đua$"),  # b) Hình thức khen thưởng
    "criteria": re.compile(r"tiêu chuẩn|tiêu chí"),                  # 2. Tiêu chuẩn khen thưởng
    "dossier": re.compile(r"hồ sơ"),                                  # 3. Thủ tục, hồ sơ đề nghị khen thưởng
    "deadline": re.compile(r"thời (?:gian|hạn) (?:đề nghị|trình|gửi|nộp|xét)"),  # 4. Thời gian đề nghị xét khen thưởng
    "responsible": re.compile(r"^tổ chức thực hiện"),                 # VI. TỔ CHỨC THỰC HIỆN
}
# Sections found only inside the part on rewards (the plan's own "Đối tượng" of a task is not one).
REWARD_PART = re.compile(r"khen thưởng|thi đua")

# Which participants a line or heading speaks of.
COLLECTIVE = re.compile(r"\btập thể\b")    # Đối với tập thể; Tập thể: Các cơ quan …
INDIVIDUAL = re.compile(r"\bcá nhân\b")    # Đối với cá nhân; Cá nhân: Cán bộ, công chức …
LINE_KIND = re.compile(r"^(?:đối với\s+)?(?P<kind>tập thể|cá nhân)\s*:")  # "Tập thể: …" opens a line

# Conditions a criterion states in words -> the codes of domain.emulation.CONDITIONS.
CONDITIONS: list[tuple[str, re.Pattern[str]]] = [
    ("good_or_better", re.compile(r"hoàn thành tốt (?:\S+\s+){0,8}?trở lên")),  # Hoàn thành tốt các nhiệm vụ trong năm 2024 trở lên
    ("excellent", re.compile(r"hoàn thành xuất sắc(?: các)? nhiệm vụ")),         # Hoàn thành xuất sắc nhiệm vụ
    ("no_discipline_breach", re.compile(r"không (?:vi phạm|bị xử lý) kỷ luật|"
                                        r"thực hiện nghiêm kỷ luật")),           # không vi phạm kỷ luật, kỷ cương hành chính
    ("has_initiative", re.compile(r"có (?:những |các )?sáng kiến")),            # có sáng kiến hoặc giải pháp
    ("reports_on_time", re.compile(r"chế độ báo cáo (?:\S+\s+){0,20}?(?:đúng|kịp) thời (?:gian|hạn)")),  # Chấp hành chế độ báo cáo … đúng thời gian quy định
    ("on_time", re.compile(r"đúng (?:thời gian|thời hạn|tiến độ) quy định|đúng hạn")),  # đảm bảo chất lượng và đúng thời gian quy định
    ("min_rate", re.compile(r"đạt (?:từ )?\d+(?:[.,]\d+)?\s*% trở lên")),        # Có tỷ lệ cử tri đi bầu cử đạt từ 98% trở lên
]
MIN_RATE = re.compile(r"(?P<v>\d+(?:[.,]\d+)?)\s*%")

# Reward forms -> codes of domain.emulation.REWARD_FORMS; longest names first.
REWARD_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("tap_the_lao_dong_xuat_sac", re.compile(r"tập thể lao động xuất sắc")),
    ("tap_the_lao_dong_tien_tien", re.compile(r"tập thể lao động tiên tiến")),
    ("chien_si_thi_dua_toan_quoc", re.compile(r"chiến s[ĩỹ] thi đua toàn quốc")),
    ("chien_si_thi_dua_cap_tinh", re.compile(r"chiến s[ĩỹ] thi đua (?:cấp tỉnh|cấp bộ, ban, ngành, tỉnh)")),
    ("chien_si_thi_dua_co_so", re.compile(r"chiến s[ĩỹ] thi đua cơ sở")),  # công nhận chiến sỹ thi đua cơ sở
    ("lao_dong_tien_tien", re.compile(r"(?<!tập thể )lao động tiên tiến")),
    ("co_thi_dua", re.compile(r"cờ thi đua")),
    ("huan_chuong", re.compile(r"huân chương")),
    ("bang_khen", re.compile(r"bằng khen")),                              # Bằng khen của Chủ tịch UBND tỉnh
    ("giay_khen", re.compile(r"giấy khen")),                              # Giấy khen của Chủ tịch UBND thị trấn
]
# Who awards: "<form> của X" or "đề nghị X tặng / công nhận <form>".
AWARDED_BY_AFTER = re.compile(r"^\s*của\s+(?P<by>.+?)\s*(?:[.:]|\bđối với\b|\bcho\b|$)")
AWARDED_BY_BEFORE = re.compile(r"đề nghị\s+(?P<by>.+?)\s+(?:tặng|công nhận|khen thưởng)\b")
PROPOSED = re.compile(r"\bđề nghị\b")  # Xét đề nghị Chủ tịch UBND huyện tặng giấy khen
FOR_KIND = re.compile(r"\bđối với\s+(?P<kind>tập thể|cá nhân)")

# Dossier papers -> kind code; the form a paper follows ("theo mẫu … số 03 … Nghị định …").
DOSSIER_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("council_minutes", re.compile(r"biên bản (?:họp|xét)[^.;]*hội đồng thi đua")),  # Biên bản họp Hội đồng Thi đua - Khen thưởng
    ("review_minutes", re.compile(r"biên bản (?:bình xét|họp xét|xét)")),             # Biên bản bình xét khen thưởng
    ("achievement_report", re.compile(r"báo cáo thành tích")),                         # Báo cáo thành tích của các tập thể, cá nhân
    ("proposal", re.compile(r"tờ trình|văn bản đề nghị|công văn đề nghị")),           # Văn bản đề nghị kèm theo Danh sách …
    ("list", re.compile(r"^danh sách")),
    ("other", re.compile(r"văn bản liên quan|tài liệu")),                             # Các văn bản liên quan (nếu có)
]
FORM_REF = re.compile(r"(?:theo\s+)?mẫu[^;)]*?(?:số\s+\S+)?[^;)]*?(?:nghị định|thông tư)\s+số\s+"
                      r"[\d/]+\s*/?\s*[A-ZĐa-zđ]+(?:\s*-\s*[A-Z]+)?", re.IGNORECASE)  # mẫu … số 03 … Nghị định số 98/2023/NĐ-CP
# Deadline and receiving office: "gửi về UBND thị trấn (qua Văn phòng - thống kê) trước ngày 10/11/2024".
SEND_TO = re.compile(r"(?:gửi|nộp)\s+(?:về\s+)?(?P<to>[^()]+?)\s*(?:\(\s*qua\s+(?P<via>[^)]+?)\s*\))?\s*"
                     r"(?:trước|chậm nhất|trong|hạn chót)", re.IGNORECASE)
# Responsible bodies: the words that open the duty after the body's name.
RESPONSIBLE_LEAD = re.compile(r"^(?:đề nghị|giao)\s+", re.IGNORECASE)
DUTY_START = re.compile(r"\s(?:có trách nhiệm|chịu trách nhiệm|tăng cường|phối hợp|chủ trì|"
                        r"tham mưu|căn cứ|chỉ đạo|hướng dẫn|theo dõi)\b")  # not "tổ chức": "các tổ chức chính trị - xã hội"
# Bullets that open an item of a list in running text.
# "NĐ- CP" where a PDF line broke inside a document number
BROKEN_NUMBER = re.compile(r"(?<=[A-ZĐ])\s*-\s+(?=[A-Z])")
BULLET = re.compile(r"(?m)^[ \t]*[-–+•*][ \t]+")
# Where the body of the plan ends: "Trên đây là Kế hoạch …", "Nơi nhận:".
BODY_END = re.compile(r"\n\s*(?:Trên đây là|Nơi nhận)", re.IGNORECASE)
# The movement's name inside the title: "… phát động phong trào thi đua “Dân vận khéo” …".
NAME_QUOTED = re.compile(r"phong trào thi đua\s*[“\"](?P<q>[^”\"]+)[”\"]", re.IGNORECASE)
NAME_FROM = re.compile(r"(?:phong trào|đợt) thi đua\b", re.IGNORECASE)
# The period: "từ ngày UBND thị trấn ban hành kế hoạch đến hết năm 2024",
# "từ tháng 10 năm 2025 đến hết tháng 3 năm 2026", "từ ngày 01/3/2025 đến ngày 30/11/2025".
PERIOD_FROM_ISSUE = re.compile(r"từ (?:ngày )?(?:\S+\s+){0,4}?ban hành")
PERIOD_FROM = re.compile(r"từ\s+(?:ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})|"
                         r"tháng\s+(?P<mm>\d{1,2})\s*(?:/|\s+năm\s+)(?P<my>\d{4})|"
                         r"năm\s+(?P<yy>\d{4}))")
PERIOD_TO = re.compile(r"đến\s+(?:hết\s+)?(?:ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})|"
                       r"tháng\s+(?P<mm>\d{1,2})\s*(?:/|\s+năm\s+)(?P<my>\d{4})|"
                       r"năm\s+(?P<yy>\d{4}))")
DEADLINE_DAY = re.compile(r"(?:trước|chậm nhất(?: là)?|hạn chót|trong)\s+(?:ngày\s+)?"
                          r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
