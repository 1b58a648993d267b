"""Areas of work (field) from words in a target or its section heading; first match wins."""

from __future__ import annotations

import re

FIELDS: list[tuple[str, re.Pattern[str]]] = [
    ("xay_dung_dang", re.compile(r"đảng viên|tổ chức đảng|xây dựng đảng|đảng bộ|chi bộ|kết nạp", re.I)),
    ("quoc_phong_an_ninh", re.compile(r"quốc phòng|an ninh|quân sự|tuyển quân|nhập ngũ|ma túy|ma tuý|trật tự", re.I)),
    ("moi_truong", re.compile(r"môi trường|rác|chất thải|nước sạch|hợp vệ sinh|cây xanh|che phủ rừng", re.I)),
    ("chinh_quyen", re.compile(r"chính quyền|hành chính|thủ tục|hồ sơ|chuyển đổi số|văn bản|tiếp cận pháp luật", re.I)),
    ("van_hoa_xa_hoi", re.compile(r"văn hóa|văn hoá|xã hội|giáo dục|trường|y tế|bảo hiểm|hộ nghèo|lao động|dân số|học sinh|tiêm chủng", re.I)),
    ("kinh_te", re.compile(r"kinh tế|thu nhập|sản xuất|ngân sách|doanh nghiệp|sản phẩm|nông nghiệp|thương mại|dịch vụ|đầu tư|giá trị|OCOP|tăng trưởng", re.I)),
]
