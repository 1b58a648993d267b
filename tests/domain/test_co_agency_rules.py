"""Who sees and who reports an item with co-agencies, and which targets add up."""

from __future__ import annotations

from theodoi.domain import access
from theodoi.domain.measures import adds_up

CHAIN = (7, 1)  # a commune under its province
KINH_TE = access.Grant(7, "don_vi", agency_id=3)


def test_a_co_agency_sees_but_does_not_lead() -> None:
    assert access.sees_item([KINH_TE], CHAIN, lead_agency_id=5, co_agency_ids={3, 9})
    assert not access.leads_item([KINH_TE], CHAIN, lead_agency_id=5)
    assert not access.sees_item([KINH_TE], CHAIN, lead_agency_id=5, co_agency_ids={9})
    assert access.leads_item([access.Grant(7, "van_phong")], CHAIN, lead_agency_id=5)


def test_sums_are_amounts_and_counts() -> None:
    assert adds_up("level", "tỷ đồng", None, "Thu ngân sách nhà nước trên địa bàn")
    assert adds_up("change", "tuyến", None, "Xây mới đường giao thông nông thôn")
    assert not adds_up("level", "%", None, "Tỷ lệ hộ nghèo")
    assert not adds_up("level", "triệu đồng/năm", None, "Thu nhập bình quân đầu người")
    assert not adds_up("level", "trường", 12, "Số trường đạt chuẩn quốc gia")
    assert not adds_up("growth_rate", "%", None, "Tốc độ tăng trưởng kinh tế")
    assert not adds_up("milestone", None, None, "Đạt chuẩn nông thôn mới nâng cao")
