"""A task's field (lĩnh vực) from the section it stands in: headings and group rows."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES
from theodoi.extraction import extract
from theodoi.extraction.stages.task_fields import section_field

PLAN = """KẾ HOẠCH
Thực hiện nhiệm vụ năm 2026
Hưng Lộc, ngày 5 tháng 1 năm 2026
I. NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI
- Năm 2026: Hoàn thành việc rà soát các nhiệm vụ trọng tâm của xã.
1. Lĩnh vực kinh tế
- Năm 2026: Hoàn thành việc cứng hóa 3 km đường giao thông nông thôn.
2. Về cải thiện môi trường đầu tư kinh doanh
- Năm 2027: Hoàn thành việc công khai quy hoạch sử dụng đất.
II. VĂN HÓA - XÃ HỘI
- Năm 2026: Hoàn thành việc sửa chữa nhà văn hóa thôn Đông.
III. Về quốc phòng, an ninh
- Năm 2028: Hoàn thành việc xây dựng thao trường huấn luyện dân quân.
IV. TỔ CHỨC THỰC HIỆN
1. Các cơ quan chuyên trách tham mưu, giúp việc của Đảng ủy
- Năm 2026: Hoàn thành việc sơ kết thực hiện kế hoạch.
Trên đây là Kế hoạch thực hiện nhiệm vụ năm 2026.
"""


def test_each_task_takes_the_field_of_its_nearest_named_section() -> None:
    tasks = extract(PLAN.encode(), filename="kh.txt")["tasks"]
    got = [(t["title"].split(":")[0], t["field"]) for t in tasks]
    assert got == [
        ("Năm 2026", None),  # "kinh tế - xã hội" is the whole plan, not one field
        ("Năm 2026", "kinh_te"),  # "1. Lĩnh vực kinh tế"
        ("Năm 2027", "kinh_te"),  # the business climate, not the environment
        ("Năm 2026", "van_hoa_xa_hoi"),  # "II. VĂN HÓA - XÃ HỘI"
        ("Năm 2028", "quoc_phong_an_ninh"),  # "III. Về quốc phòng, an ninh"
        ("Năm 2026", None),  # "chuyên trách" holds "rác" but names no environment work
    ]


def _fields(seed: str) -> dict[str, str | None]:
    path = next(SAMPLES.glob(f"{seed}_*.txt"))
    return {t["title"][:40]: t["field"] for t in extract(path)["tasks"]}


def test_appendix_rows_take_the_field_of_their_group_row() -> None:
    """Sample 004's appendix groups its rows: "I Về phát triển kinh tế", then bulleted
    sub-groups "* Về văn hóa, thể thao", "* Về quản lý tài nguyên và bảo vệ môi trường";
    the duties of Tổ chức thực hiện stand under no field."""
    got = _fields("004")
    assert got["Kế hoạch đầu tư công trung hạn giai đoạn"] == "kinh_te"
    assert got["Kế hoạch phát triển sản phẩm OCOP giai đ"] == "kinh_te"
    # its group row: "* Về cải thiện môi trường đầu tư kinh doanh"
    assert got["Kế hoạch hành động thực hiện đột phá về "] == "kinh_te"
    assert got["Kế hoạch nâng cao chất lượng trường chuẩ"] == "van_hoa_xa_hoi"
    assert got["Kế hoạch giảm nghèo"] == "van_hoa_xa_hoi"
    assert got["Xây dựng quy hoạch sử dụng đất xã thời k"] == "moi_truong"
    assert got["Giao Văn phòng HĐND và UBND xã thường xu"] is None


def test_a_task_that_is_itself_a_numbered_section_takes_its_own_name() -> None:
    """Sample 003: "1. Phát triển kinh tế tư nhân (Thực hiện theo Kế hoạch số 18-KH/ĐU …)"
    and "2. Phát triển thương mại - dịch vụ" are tasks with sub-sections of their own."""
    got = _fields("003")
    assert got["Phát triển kinh tế tư nhân (Thực hiện th"] == "kinh_te"
    assert got["Phát triển thương mại - dịch vụ"] == "kinh_te"
    assert got["Nhiệm vụ về điều chỉnh Quy hoạch xã Nghi"] is None


def test_dated_works_under_a_ve_heading() -> None:
    """Sample 000: the dated works ("Năm 2025: Hoàn thành việc lắp biển cảnh giới …") stand
    under "1. Về phát triển kinh tế" inside "2. Nhiệm vụ, giải pháp"."""
    got = _fields("000")
    assert got["Năm 2025: Hoàn thành việc lắp biển cảnh "] == "kinh_te"
    assert got["Năm 2029: Các trục đường chính có điện c"] == "kinh_te"


@pytest.mark.parametrize(("name", "field"), [
    ("1. Lĩnh vực kinh tế", "kinh_te"),
    ("II. VĂN HÓA - XÃ HỘI", "van_hoa_xa_hoi"),
    ("Về quốc phòng, an ninh", "quoc_phong_an_ninh"),
    ("Về Quốc phòng - an ninh", "quoc_phong_an_ninh"),
    ("Về công tác xây dựng Đảng và hệ thống chính trị", "xay_dung_dang"),
    ("Về quản lý tài nguyên và bảo vệ môi trường.", "moi_truong"),
    ("Về y tế", "van_hoa_xa_hoi"),
    ("Phát triển kinh tế tư nhân (Thực hiện theo Kế hoạch số 18-KH/ĐU)", "kinh_te"),
    ("NHIỆM VỤ, GIẢI PHÁP PHÁT TRIỂN KINH TẾ - XÃ HỘI", None),
    ("Mặt trận Tổ quốc và các tổ chức chính trị - xã hội", None),
    ("Các cơ quan chuyên trách tham mưu, giúp việc của Đảng ủy", None),
    ("TỔ CHỨC THỰC HIỆN", None),
    # a numbered paragraph of duties is no section name, whatever words it holds
    ("Văn phòng UBND xã chủ trì, phối hợp với các cơ quan, đơn vị theo dõi, đôn đốc việc "
     "thực hiện kế hoạch phát triển kinh tế của xã", None),
])
def test_section_field(name: str, field: str | None) -> None:
    assert section_field(name) == field
