"""Commune-level and district-level bodies, their canonical names and the ways plans write them.

Patterns are matched against the name folded to lower case with modern tone placement
("uỷ" -> "ủy") and whitespace folded. One body a line; the phrase it exists for in a comment.
"""

from __future__ import annotations

import re

from theodoi.extraction.rules.labels import ITEM_HEAD

_UNIT = r"(?:\s+(?:xã|phường|thị trấn|đặc khu))?"

AGENCIES: list[tuple[str, str]] = [
    ("Văn phòng HĐND và UBND", r"văn phòng (?:hđnd|hội đồng nhân dân)\s*(?:và|-|,)\s*(?:ubnd|ủy ban nhân dân)"),  # Văn phòng HĐND và UBND xã
    ("Văn phòng Đảng ủy", r"văn phòng đảng ủy|vpđu"),                    # Văn phòng Đảng ủy
    ("Ban Thường vụ Đảng ủy", r"ban thường vụ(?: đảng ủy)?|btv đảng ủy"),  # Ban Thường vụ Đảng ủy xã
    ("Ban Chấp hành Đảng bộ", r"ban chấp hành(?: đảng bộ)?|bch đảng bộ"),  # BCH Đảng bộ xã
    ("Ban Xây dựng Đảng", r"ban xây dựng đảng"),                         # Ban Xây dựng Đảng Đảng ủy xã
    ("Ủy ban Kiểm tra Đảng ủy", r"ủy ban kiểm tra|ubkt"),                # Ủy ban Kiểm tra Đảng ủy
    ("Đảng ủy xã", r"đảng ủy" + _UNIT),                                  # Đảng ủy UBND xã, Đảng ủy xã
    ("UBND xã", r"(?:ủy ban nhân dân|ubnd)" + _UNIT),                    # Ủy ban nhân dân xã Ngọc Liên
    ("HĐND xã", r"(?:hội đồng nhân dân|hđnd)" + _UNIT),                  # HĐND xã
    ("Phòng Kinh tế", r"phòng (?:kinh tế|kt\b)"),                                 # Phòng Kinh tế (hạ tầng và đô thị)
    ("Phòng Văn hóa - Xã hội", r"phòng (?:văn hóa\s*-\s*xã hội|vh\s*-?\s*xh)"),  # Phòng VH-XH
    ("Công an xã", r"công an" + _UNIT),                                  # Công an xã
    ("Ban Chỉ huy Quân sự", r"ban chỉ huy quân sự|bchqs|bch quân sự"),    # Ban CHQS xã
    ("Ủy ban MTTQ Việt Nam", r"(?:cơ quan )?(?:ủy ban |ub)?(?:mặt trận tổ quốc|mttq)"),  # Ủy ban MTTQ
    ("Hội Nông dân", r"hội nông dân"),                                   # Hội Nông dân xã
    ("Đoàn Thanh niên", r"đoàn thanh niên|đoàn tncs|đoàn tn"),            # Đoàn TNCS Hồ Chí Minh
    ("Hội Liên hiệp Phụ nữ", r"hội (?:liên hiệp )?phụ nữ|hội lhpn"),      # Hội LHPN xã
    ("Hội Cựu chiến binh", r"hội cựu chiến binh|hội ccb"),               # Hội CCB
    ("Trung tâm Phục vụ hành chính công", r"trung tâm phục vụ hành chính công"),
    ("Trạm Y tế", r"trạm y tế"),                                         # Trạm Y tế xã
    # the HĐND xã's committees and the commune's public service centre (Luật Tổ chức chính
    # quyền địa phương 2025: two-level government)
    ("Ban Kinh tế - Ngân sách HĐND", r"ban kinh tế\s*-\s*ngân sách"),    # Ban KT-NS HĐND xã
    ("Ban Văn hóa - Xã hội HĐND", r"ban văn hóa\s*-\s*xã hội"),         # Ban VH-XH HĐND xã
    ("Ban Pháp chế HĐND", r"ban pháp chế"),                             # Ban Pháp chế HĐND xã
    ("Trung tâm Dịch vụ tổng hợp", r"trung tâm dịch vụ tổng hợp"),      # Trung tâm DVTH xã
    ("Trung tâm Văn hóa, Thể thao và Truyền thông",                      # Trung tâm VH-TT&TT
     r"trung tâm văn hóa\s*[,-]?\s*thể thao\s*,?\s*(?:và|&)\s*truyền thông"),
    ("Phòng Nội vụ", r"phòng nội vụ"),                                   # Phòng Nội vụ huyện
    ("Tổ dân phố", r"(?:tổ trưởng )?tổ dân phố|tdp"),                    # Tổ trưởng tổ dân phố
    ("Thôn", r"(?:trưởng )?thôn"),                                       # các thôn
    ("Chi bộ, đảng bộ trực thuộc", r"(?:các )?chi(?:,| -)? đảng bộ|chi bộ"),  # Các chi, đảng bộ trực thuộc
    ("Công chức chuyên môn", r"công chức"),                              # Công chức Văn hóa - xã hội
    ("Các phòng, ban, đơn vị", r"(?:các )?phòng(?: chuyên môn|, ban)|(?:các )?cơ quan, đơn vị"),
]

# Before a name: a group's quantifier ("các", "một số", "những": "một số cơ quan, đơn vị có
# liên quan") or a person's title
_BEFORE = r"^(?:các\s+|một số\s+|những\s+|đồng chí\s+|đ/c\s+)?"
COMPILED: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(_BEFORE + r"(?:" + p + r")\b"))
                                               for name, p in AGENCIES]
# Matches where any of COMPILED does: one test rules out the many names that start with no
# body the table knows, before the patterns are tried one by one
ANY_KNOWN = re.compile(_BEFORE + r"(?:" + "|".join(f"(?:{p})" for _, p in AGENCIES) + r")\b")

# Where a list of bodies ends and the rest of the sentence starts: "phối hợp với các phòng, ban,
# đơn vị liên quan căn cứ chức năng, nhiệm vụ …", "… có trách nhiệm …", "… theo dõi …"
NAME_END = re.compile(r"\s(?:căn cứ|có trách nhiệm|chịu trách nhiệm|chủ động|theo|trong|để|nhằm|"
                      r"xây dựng|tổ chức|thực hiện|triển khai|rà soát|hoàn thành|tham mưu|"
                      r"hướng dẫn|tuyên truyền|theo dõi|kiểm tra|giám sát)\b", re.IGNORECASE)

# Words a body's name starts with, followed by what it is of, for names the table above does not know: a phrase that
# starts otherwise ("đơn vị liên quan căn cứ chức năng") is not proposed as a new agency.
BODY_HEADS = re.compile(
    r"^(?:các\s+)?(?:phòng|ban|văn phòng|ủy ban|ubnd|hđnd|hội|đoàn|công an|trung tâm|trạm|"
    r"trường|chi bộ|đảng ủy|đảng bộ|chi hội|hợp tác xã|htx|tổ|thôn|bản|ấp|khu phố|"
    r"thường trực|bảo hiểm|bệnh viện|kho bạc|chi cục|cục|sở|quỹ|ngân hàng|bưu điện|điện lực|mặt trận|mttq|"
    r"bch|bchqs|ubkt|công đoàn|liên đoàn|cơ quan|đội|doanh nghiệp|công ty)\s+\S")  # a head word alone ("ban") names nothing

# An assignment in a target's sentence (stages/target_agencies.py):
# "Giao cho X chủ trì, phối hợp với Y …" / "Giao X chủ trì …": the body named before "chủ trì"
ASSIGN = re.compile(r"[Gg](?<!\w[Gg])iao\s+(?:cho\s+)?(?P<lead>[^,;.:\n]{3,120}?)\s+chủ trì"
                    r"(?:\s*,?\s*(?:và\s+)?phối hợp(?:\s+với)?\s+(?P<co>[^;.:]{3,300}))?")
# Where the sentence an assignment stands in ends: a lead-in ends at ':', a new item at its label
SENTENCE_END = re.compile(rf"[.;:](?=\s)|[.;:]$|\n(?=\s*{ITEM_HEAD})")
# What follows the co-agencies in an assignment and is the work, not a body ("… tham mưu …")
CO_END = re.compile(r"\s(?:tham mưu|tổ chức|triển khai|thực hiện|theo dõi|xây dựng|hướng dẫn|"
                    r"đôn đốc|chỉ đạo|phấn đấu|bảo đảm|đảm bảo)\b")
# The same assignment where the work follows it, to compare the bodies two statements of one
# target name (stages/target_merge.py): "Giao Phòng Kinh tế chủ trì, phối hợp với các thôn
# triển khai …" (split_bodies cuts the co-agencies)
ASSIGN_BEFORE_WORK = re.compile(
    r"[Gg]iao\s+(?:cho\s+)?(?P<lead>[^,;.:]{3,80}?)\s+chủ trì"
    r"(?:\s*,?\s*phối hợp(?:\s+với)?\s+(?P<co>[^;.:]{3,200}))?"
    r"(?=\s+(?:triển khai|tổ chức|thực hiện|xây dựng|tham mưu|theo dõi)|[;.:]|$)")
