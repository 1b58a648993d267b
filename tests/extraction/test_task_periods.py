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


def test_a_part_named_by_months_is_a_heading_of_the_outline() -> None:
    """'2. 6 tháng cuối năm 2027': a numbered part whose title opens with a count of months
    heads the items under it (their section), and dates those with no time of their own."""
    text = ("ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nSố: 50/CTr-UBND\nTân Lập, ngày 05 tháng 01 năm 2027\n"
            "CHƯƠNG TRÌNH CÔNG TÁC\nnăm 2027\n\nI. NỘI DUNG CÔNG TÁC\n1. 6 tháng đầu năm 2027\n"
            "- Xây dựng kế hoạch phòng, chống thiên tai. Đơn vị chủ trì: Phòng Kinh tế.\n"
            "2. 6 tháng cuối năm 2027\n- Tổng kết công tác năm 2027. Đơn vị chủ trì: Văn phòng "
            "HĐND và UBND xã.\n")
    got = extract(text.encode(), filename="ct.txt")
    titles = {h["id"]: h["title"] for h in got["outline"]}
    assert [(titles.get(t["section"]), (t["due"] or {}).get("date")) for t in got["tasks"]] == [
        ("6 tháng đầu năm 2027", "2027-06-30"), ("6 tháng cuối năm 2027", "2027-12-31")]
