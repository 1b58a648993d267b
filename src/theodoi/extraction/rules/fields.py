"""Areas of work (field) from words in a target or its section heading; first match wins."""

from __future__ import annotations

import re

from theodoi.extraction.folded import Folded, folded
from theodoi.extraction.line_rules import line_rule

# searched in lower-cased text first (extraction/folded.py: the same matches, fewer steps)
FIELDS: list[tuple[str, Folded]] = [
    ("xay_dung_dang", folded(re.compile(r"đảng viên|tổ chức đảng|xây dựng đảng|đảng bộ|chi bộ|kết nạp", re.I))),
    ("quoc_phong_an_ninh", folded(re.compile(r"quốc phòng|an ninh|quân sự|tuyển quân|nhập ngũ|ma túy|ma tuý|trật tự", re.I))),
    ("moi_truong", folded(re.compile(r"môi trường|rác|chất thải|nước sạch|hợp vệ sinh|cây xanh|che phủ rừng", re.I))),
    ("chinh_quyen", folded(re.compile(r"chính quyền|hành chính|thủ tục|hồ sơ|chuyển đổi số|văn bản|tiếp cận pháp luật", re.I))),
    ("van_hoa_xa_hoi", folded(re.compile(r"văn hóa|văn hoá|xã hội|giáo dục|trường|y tế|bảo hiểm|hộ nghèo|lao động|dân số|học sinh|tiêm chủng", re.I))),
    ("kinh_te", folded(re.compile(r"kinh tế|thu nhập|sản xuất|ngân sách|doanh nghiệp|sản phẩm|nông nghiệp|thương mại|dịch vụ|đầu tư|giá trị|ocop|tăng trưởng", re.I))),
]

# --- a task's field from the section it stands in (stages/task_fields.py) ---
# compounds whose words mislead, dropped before the field words are looked for: "phát triển
# kinh tế - xã hội" is the whole of a plan's work, not one field; "các tổ chức chính trị -
# xã hội" are bodies (Mặt trận, đoàn thể), not social work
BROAD = re.compile(r"kinh tế\s*[-–,]?\s*(?:văn hóa|văn hoá)?\s*[-–,]?\s*xã hội"
                   r"|chính trị\s*[-–]\s*xã hội", re.I)
# names whose field the FIELDS order would get wrong, looked at first
SECTION_FIELDS: list[tuple[str, Folded]] = [
    # "Về cải thiện môi trường đầu tư kinh doanh": the business climate, not the environment
    ("kinh_te", folded(re.compile(r"môi trường (?:đầu tư|kinh doanh|sản xuất)", re.I))),
]
# a section's name ends where a remark or a sentence begins:
# "Phát triển kinh tế tư nhân (Thực hiện theo Kế hoạch số 18-KH/ĐU …)"
NAME_END = re.compile(r"[(:;]|(?<=[^\W\d_])\.\s")
# the list mark before a name, when it came with it: "2.4. ", "II. ", "a) "
NAME_LABEL = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]?\s+")
# longer than this, a numbered "heading" is a paragraph of duties ("Văn phòng Đảng ủy chủ
# trì, phối hợp với các cơ quan … theo dõi, đôn đốc …"), not the name of an area of work
NAME_WORDS = 14
# a group row of a table or an appendix, between numbered rows: "I Về phát triển kinh tế",
# "II. VĂN HÓA - XÃ HỘI", "B. LĨNH VỰC QUỐC PHÒNG, AN NINH", "| III | Về y tế |", and a
# bulleted "Về …" row ("* Về văn hóa, thể thao", a sub-group of an appendix table)
GROUP_ROW = line_rule(re.compile(
    r"^[ \t|]*(?:(?:[IVX]{1,5}|[A-E])\.?[ \t|]+|[*•+-][ \t]*(?=Về\s))"
    r"(?P<name>[^\W\d_][^\n|]{2,100}?)[ \t|*]*$", re.M))
