"""Work listed under the period it falls in (stages/task_periods.py): a work programme's
items take the end of their heading's period when they give no time of their own."""

from __future__ import annotations

from theodoi.extraction import extract

PROGRAMME = """ỦY BAN NHÂN DÂN
XÃ TÂN LẬP
Số: 07/CTr-UBND
Tân Lập, ngày 08 tháng 01 năm 2027
CHƯƠNG TRÌNH
Công tác năm 2027
I. NỘI DUNG
1. Quý I năm 2027
1.1. Xây dựng kế hoạch cải cách hành chính năm 2027. Cơ quan chủ trì: Văn phòng HĐND và UBND xã.
1.2. Tổng kết phong trào thi đua năm 2026. Cơ quan chủ trì: Văn phòng HĐND và UBND xã; thời gian hoàn thành: tháng 01/2027.
2. Quý IV năm 2027
2.1. Tổ chức diễn tập phòng thủ dân sự. Cơ quan chủ trì: Ban Chỉ huy Quân sự xã.
II. TỔ CHỨC THỰC HIỆN
Văn phòng HĐND và UBND xã đôn đốc các đơn vị thực hiện Chương trình.
"""


def test_an_item_under_a_period_heading_is_due_at_the_period_s_end() -> None:
    """An item's own time wins; the part after the list ("II. TỔ CHỨC THỰC HIỆN") is under
    no period."""
    tasks = extract(PROGRAMME.encode(), "chuong-trinh.txt")["tasks"]
    assert [(t["lead_agency"], (t["due"] or {}).get("date")) for t in tasks] == [
        ("Văn phòng HĐND và UBND xã", "2027-03-31"),
        ("Văn phòng HĐND và UBND xã", "2027-01-31"),
        ("Ban Chỉ huy Quân sự xã", "2027-12-31"),
        ("Văn phòng HĐND và UBND xã", None),
    ]
