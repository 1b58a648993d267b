"""Document header rules as data: kind words, number, place and date, signer, recipients."""

from __future__ import annotations

import re

from theodoi.domain.dates import DAY_WORDS
from theodoi.extraction.rules.letters import CAPITALS, SMALLS

# Kind word alone on its line (upper case) -> contract kind; longest first.
KIND_WORDS: list[tuple[str, str]] = [
    ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "chuong_trinh_hanh_dong"),
    ("CHƯƠNG TRÌNH", "chuong_trinh_hanh_dong"),
    ("KẾ HOẠCH", "ke_hoach"),
    ("NGHỊ QUYẾT", "nghi_quyet"),
    ("ĐỀ ÁN", "de_an"),
    ("BÁO CÁO", "bao_cao"),
    ("QUYẾT ĐỊNH", "quyet_dinh"),
]

# The unit words of a body's name: "ĐẢNG ỦY XÃ", "UBND PHƯỜNG", "THÀNH PHỐ HUẾ"
UNIT_WORDS = ("XÃ", "PHƯỜNG", "THỊ TRẤN", "HUYỆN", "TỈNH", "THÀNH PHỐ", "ĐẶC KHU")

# Symbol part of a number -> kind, when the kind word is missing ("Số 66-KH/ĐU").
SYMBOL_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[-/]KH\b"), "ke_hoach"),
    (re.compile(r"[-/]CTr\b"), "chuong_trinh_hanh_dong"),
    (re.compile(r"[-/]NQ\b"), "nghi_quyet"),
    (re.compile(r"[-/]ĐA\b"), "de_an"),
    (re.compile(r"[-/]BC\b"), "bao_cao"),
    (re.compile(r"[-/]QĐ\b"), "quyet_dinh"),
]

# "Số 66-KH/ĐU", "Số: 12/KH-UBND"
NUMBER = re.compile(r"^Số[:\s]\s*(?P<number>\d+[\w/\-–.]*[A-ZĐ][\w/\-–.]*)", re.MULTILINE)
# "Nghi Dương, ngày 30 tháng 3 năm 2026"
# (PDF/TXT exports put it on the "Số: …" line, after a wide gap: "Số: 12/KH-UBND      An Bình, ngày …";
# a PDF's text layer after one space: the two columns of the letterhead's row side by side)
BESIDE = r"(?:[^\n]*?(?:\t|[^\S\n]{3,})|Số[:\s][^\S\n]*\S+[^\S\n]+)"
PLACE_DATE = re.compile(
    rf"^{BESIDE}?[^\S\n]*(?P<place>[{CAPITALS}][^\n,\d]{{1,40}}),\s*"
    rf"{DAY_WORDS}\s*$", re.MULTILINE)
# A PDF text layer whose two header columns merged: the date's year went to a later line
# ("ĐẢNG ỦY Tân Hưng, ngày 30 tháng 3 năm" … "Số 12-CTr/ĐU 2026"); the year is the first
# 20xx that ends one of the next lines
PLACE_DATE_OPEN = re.compile(
    rf"^{BESIDE}?[^\S\n]*(?P<place>[{CAPITALS}][^\n,\d]{{1,60}}),\s*ngày\s+"
    r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm[^\S\n]*$", re.MULTILINE)
YEAR_AT_END = re.compile(r"(?:^|\s)(?P<y>20\d{2})[^\S\n]*$", re.MULTILINE)
YEAR_LINES = 3  # the year stands at most this many lines below the rest of the date
# The letterhead beside the place when columns merged: "ĐẢNG ỦY Tân Hưng" -> "Tân Hưng"
# (two or more words in capitals before a name written in title case)
LETTERHEAD_PREFIX = re.compile(rf"^(?:[{CAPITALS}]{{2,}}\.?\s+){{2,}}(?=[{CAPITALS}][{SMALLS}])")
# Cells of a header written as a table row in a text export ("… | Số: 310/KH-UBND | Hà Nội,
# ngày 24 tháng 11 năm 2025 |"): each cell is read as a line of its own
HEADER_CELL_SEP = re.compile(r"[^\S\n]*\|[^\S\n]*")

# "nhiệm kỳ 2025 - 2030", "giai đoạn 2026 – 2030"
TERM = re.compile(r"(?:nhiệm kỳ|giai đoạn)\s*(?P<a>(?:19|20)\d{2})\s*[-–—]\s*(?P<b>(?:19|20)\d{2})",
                  re.IGNORECASE)
ONE_YEAR = re.compile(r"\bnăm\s+(?P<y>(?:19|20)\d{2})\b")

# Lines that open the body rather than continue the title.
BODY_OPENERS = re.compile(r"^(Căn cứ|Tại |Để |Nhằm |Trên cơ sở|Thực hiện .{120,})")
SECOND_OPENER = re.compile(r"^Thực hiện\b")  # a second "Thực hiện" line starts the body
MAX_TITLE_LINES = 6
MAX_TITLE_LINE = 140

# The authority line under a decision's or resolution's title (NĐ 30/2020: "thẩm quyền ban
# hành"), in capitals: "ỦY BAN NHÂN DÂN TỈNH SƠN LA", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …",
# "THỦ TƯỚNG CHÍNH PHỦ", "HỘI ĐỒNG NHÂN DÂN XÃ ĐÔNG SƠN" and its "KHÓA I, KỲ HỌP THỨ NĂM"
AUTHORITY_LINE = re.compile(
    r"^(?:(?:CHỦ TỊCH|BỘ TRƯỞNG|GIÁM ĐỐC|THỦ TRƯỞNG)\s+)?(?:[ỦU][YỶ] BAN NHÂN DÂN|"
    r"HỘI ĐỒNG NHÂN DÂN|THỦ TƯỚNG CHÍNH PHỦ|CHÍNH PHỦ|BAN CHẤP HÀNH|BAN THƯỜNG VỤ|"
    r"ĐẢNG [ỦU][YỶ]|BỘ\s)|^KHÓA\s+\S+\s+KỲ HỌP")

# "CỦA BAN THƯỜNG VỤ ĐẢNG ỦY" under the kind word names the issuer
ISSUER_OF = re.compile(rf"^CỦA\s+(?P<issuer>[{CAPITALS} ]+)$")
# The same in lower case, before what the resolution is about on its line: "của Ban Chấp
# hành Đảng bộ xã về xây dựng nông thôn mới …" is titled "Về xây dựng nông thôn mới …"
OF_ISSUER_BEFORE = re.compile(r"^của\s+(?:Ban|Đảng|Hội đồng|Ủy ban|Uỷ ban)\b[^,;:]{2,80}?\s(?=về\s)")

# Signature: "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
ON_BEHALF = re.compile(rf"^(?P<mark>T/M|TM\.?|KT\.?|TL\.?|TUQ\.?|Q\.)\s*(?P<body>[{CAPITALS}][{CAPITALS} ]+)$")
POSITION = re.compile(rf"^[{CAPITALS}][{CAPITALS} ]{{2,40}}$")
PERSON = re.compile(rf"^(?:[{CAPITALS}][{SMALLS}]+\s+){{1,4}}[{CAPITALS}][{SMALLS}]+$")

RECIPIENTS_START = re.compile(r"^Nơi nhận\s*:?", re.IGNORECASE)

# Where the bases are named: "Căn cứ …", "Thực hiện …"
BASIS_OPENER = re.compile(r"^(Căn cứ|Thực hiện)\s+", re.IGNORECASE)
DOC_WORDS = (r"(?:Chương trình hành động|Chương trình|Kế hoạch|Nghị quyết|Quyết định|Kết luận|"
             r"Chỉ thị|[Cc]ông văn|Hướng dẫn|Thông báo|Nghị định|Thông tư|Luật)")
BASIS_REF = re.compile(DOC_WORDS + r"\s+(?:số\s+)?[^;]+")
# ", Ban Thường vụ Đảng ủy xã ban hành …" ends the reference
# The body that issued a plan: "… Đảng bộ xã Thái Tân", "… thị trấn Cổ Lễ" after its name
LOCALITY = (r"(?:\s+Đảng (?:bộ|ủy))?(?:\s+(?:xã|thị trấn|phường|huyện|tỉnh|thành phố|đặc khu)"
            rf"(?:\s+[{CAPITALS}][{SMALLS}]*)*)?")
# compiled once: its wide letter classes take milliseconds to compile, once per document
# when it was compiled together with each document's issuer
LOCALITY_AFTER = re.compile(LOCALITY)
# "… xây dựng Kế hoạch", "… ban hành kế hoạch": the sentence where the issuer names itself
ISSUING_VERB = re.compile(r"\s+(?:xây dựng|ban hành)\b")

# "…; Ủy ban nhân dân xã ban hành Kế hoạch … như sau:": the plan itself, named after its
# issuer's verb, is no basis of its own
ISSUES_THIS = re.compile(r"\s(?:ban hành|xây dựng)\s+$")
BASIS_TAIL = re.compile(rf"[,.]\s+[{CAPITALS}][^,]{{0,80}}?\b(?:xây dựng|ban hành)\b.*$")

# Upper-case phrases and their written form (the rest is lower case after the first letter).
CASE_PHRASES: dict[str, str] = {
    "BAN THƯỜNG VỤ": "Ban Thường vụ",          # T/M BAN THƯỜNG VỤ
    "BAN CHẤP HÀNH": "Ban Chấp hành",          # T/M BAN CHẤP HÀNH
    "ỦY BAN NHÂN DÂN": "Ủy ban nhân dân",       # TM. ỦY BAN NHÂN DÂN
    "HỘI ĐỒNG NHÂN DÂN": "Hội đồng nhân dân",   # TM. HỘI ĐỒNG NHÂN DÂN
    "ĐẢNG ỦY": "Đảng ủy",                      # ĐẢNG ỦY XÃ …
    "PHÓ BÍ THƯ": "Phó Bí thư",
    "BÍ THƯ": "Bí thư",
    "PHÓ CHỦ TỊCH": "Phó Chủ tịch",
    "CHỦ TỊCH": "Chủ tịch",
}

# A letterhead's parts that stand on lines of their own (NĐ 30/2020; Party documents' HD
# 36): the motto, which nothing goes on from; the motto, the number and the place and date,
# none of which goes on from the line above (a PDF line that is one starts a paragraph,
# however narrow the column it was printed in; a date's year may still wrap below it).
MOTTO = re.compile(r"\s*Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc")
HEADER_PART = re.compile(rf"\s*(?:Độc lập\s*[-–]\s*Tự do|Số\s*:|Số\s+\d"
                         rf"|[{CAPITALS}][^\n,\d]{{1,40}},\s*ngày\b)")

# A page's number printed at its top or bottom: "3", "- 3 -", "Trang 3", "3/12"
PAGE_NUMBER = re.compile(r"^\s*(?:Trang\s*)?-?\s*\d{1,4}\s*-?\s*(?:/\s*\d{1,4})?\s*$",
                         re.IGNORECASE)

# A table that lays out the letterhead (Quốc hiệu or the Party's name beside the issuer) or
# the signature ("Nơi nhận" beside "TM. ỦY BAN NHÂN DÂN"), not a table of content: a PDF's
# bordered grid holding one is read as its lines, as a borderless one is
LAYOUT_TABLE = re.compile(r"CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM|"
                          r"Nơi nhận\s*:")

# Letterhead lines that name an issuing body ("ỦY BAN NHÂN DÂN", "ĐẢNG ỦY XÃ …"); "ĐẢNG BỘ …" is
# the body above the issuer in Party letterheads, used only when nothing else is there.
ISSUING_BODY = re.compile(r"^(?:ỦY BAN NHÂN DÂN|UBND|ĐẢNG ỦY|HỘI ĐỒNG NHÂN DÂN|BAN THƯỜNG VỤ|"
                          r"BAN CHẤP HÀNH|ỦY BAN KIỂM TRA|VĂN PHÒNG|PHÒNG|ĐẢNG BỘ)")
# Two columns of a letterhead or signature laid out on one line (a tab or a wide gap between):
# "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI …", "Nơi nhận:          TM. ỦY BAN NHÂN DÂN"
COLUMN_GAP = re.compile(r"\t+|[^\S\n]{3,}")
UNIT_LINE = re.compile(r"^(?:XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN|TỈNH|THÀNH PHỐ|ĐẶC KHU)\b")

# Marks that restrict who may read the document (document.restricted). Each pattern must match
# a whole line standing alone as a notice, never a phrase of the body ("bảo vệ bí mật nhà
# nước", "mối quan hệ mật thiết", "văn bản không mật", "bảo vệ chính trị nội bộ").
# Each comes with words that every line it matches holds (in some case, for an IGNORECASE
# rule, whose words are lower case): a text that lacks them is not scanned line start by
# line start (folded.may_hold).
RESTRICTED_MARKS: list[tuple[str, re.Pattern[str]]] = [
    # the footer the Party's document system prints on its documents (seed 001):
    # "Tài liệu này thuộc sở hữu của các cơ quan Đảng. Việc phát tán, sử dụng trái phép …"
    ("sở hữu của",
     re.compile(r"^Tài liệu này thuộc (?:quyền )?sở hữu của (?:các )?cơ quan Đảng\b.*$",
                re.IGNORECASE | re.MULTILINE)),
    # "LƯU HÀNH NỘI BỘ", "(Lưu hành nội bộ)": printed for internal circulation only
    ("lưu hành nội bộ",
     re.compile(r"^[(\[]?\s*(?:tài liệu\s+)?lưu hành nội bộ\s*[)\]]?\.?$",
                re.IGNORECASE | re.MULTILINE)),
    # "TÀI LIỆU MẬT", "(Tài liệu mật)": a cover line
    ("tài liệu mật",
     re.compile(r"^[(\[]?\s*tài liệu mật\s*[)\]]?\.?$", re.IGNORECASE | re.MULTILINE)),
    # the classification stamps of Luật Bảo vệ bí mật nhà nước 2018 (độ mật), written in
    # capitals alone on a line: "MẬT", "TỐI MẬT", "TUYỆT MẬT"
    ("MẬT", re.compile(r"^(?:TUYỆT |TỐI )?MẬT$", re.MULTILINE)),
]
