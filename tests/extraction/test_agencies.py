"""Agency names as plans write them -> the canonical body; unknown names are warned."""

from __future__ import annotations

import pytest

from theodoi.extraction import extract
from theodoi.extraction.agencies import normalise_agency


@pytest.mark.parametrize(("written", "canonical"), [
    ("UBND xã", "UBND xã"),
    ("Uỷ ban nhân dân xã Ngọc Liên", "UBND xã"),
    ("Ủy ban nhân dân phường", "UBND xã"),
    ("Phòng VH-XH", "Phòng Văn hóa - Xã hội"),
    ("Phòng Văn hoá - Xã hội", "Phòng Văn hóa - Xã hội"),
    ("Văn phòng HĐND và UBND xã", "Văn phòng HĐND và UBND"),
    ("Văn phòng Đảng uỷ", "Văn phòng Đảng ủy"),
    ("Ban Xây dựng Đảng Đảng ủy xã", "Ban Xây dựng Đảng"),
    ("Uỷ ban Kiểm tra Đảng uỷ", "Ủy ban Kiểm tra Đảng ủy"),
    ("Ủy ban MTTQ Việt Nam xã", "Ủy ban MTTQ Việt Nam"),
    ("Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội", "Ủy ban MTTQ Việt Nam"),
    ("Đoàn TNCS Hồ Chí Minh xã", "Đoàn Thanh niên"),
    ("Hội LHPN xã", "Hội Liên hiệp Phụ nữ"),
    ("Hội CCB", "Hội Cựu chiến binh"),
    ("Ban CHQS xã".replace("CHQS", "Chỉ huy Quân sự"), "Ban Chỉ huy Quân sự"),
    ("Công an xã", "Công an xã"),
    ("Tổ trưởng tổ dân phố", "Tổ dân phố"),
    ("Các thôn", "Thôn"),
    ("Ban Kinh tế - Ngân sách HĐND xã", "Ban Kinh tế - Ngân sách HĐND"),
    ("Ban Văn hoá - Xã hội HĐND xã", "Ban Văn hóa - Xã hội HĐND"),
    ("Ban Pháp chế", "Ban Pháp chế HĐND"),
    ("Trung tâm Dịch vụ tổng hợp xã", "Trung tâm Dịch vụ tổng hợp"),
    ("Ban Kinh tế", None),  # no such body of a commune under the 2025 law: said to the clerk
    ("Đồng chí Chủ tịch UBND xã", None),   # a person, not a body
    ("Hợp tác xã Thành Công", None),
])
def test_normalise(written: str, canonical: str | None) -> None:
    assert normalise_agency(written) == canonical


def test_the_item_keeps_the_documents_wording_and_unknown_bodies_are_warned() -> None:
    text = ("KẾ HOẠCH\nPhòng cháy năm 2026\nI. TỔ CHỨC THỰC HIỆN\n"
            "1. Phòng VH-XH chủ trì tuyên truyền phòng cháy.\n"
            "2. Hợp tác xã Thành Công chủ trì diễn tập phòng cháy.\n")
    result = extract(text.encode(), filename="kh.txt")
    first, second = result["tasks"]
    assert (first["lead_agency"], first["lead_agency_normalised"]) == (
        "Phòng VH-XH", "Phòng Văn hóa - Xã hội")
    assert second["lead_agency_normalised"] is None
    w401 = [w for w in result["warnings"] if w["code"] == "W401"]
    assert len(w401) == 1 and "Hợp tác xã Thành Công" in w401[0]["message"]
    assert w401[0]["span"] == second["span"]


@pytest.mark.parametrize(("text", "bodies"), [
    ("Văn phòng HĐND và UBND xã", ["Văn phòng HĐND và UBND xã"]),  # a known name holds its "và"
    ("Văn phòng HĐND và UBND xã, Công an xã", ["Văn phòng HĐND và UBND xã", "Công an xã"]),
    ("UBND xã, Công an xã và Đoàn Thanh niên", ["UBND xã", "Công an xã", "Đoàn Thanh niên"]),
    ("các phòng, ban, đơn vị liên quan căn cứ chức năng, nhiệm vụ được giao có trách nhiệm",
     ["Các phòng, ban, đơn vị liên quan"]),
    # "một số", like "các", opens a group that holds its commas
    ("Ban Xây dựng Đảng, Văn phòng Đảng uỷ và một số cơ quan, đơn vị có liên quan",
     ["Ban Xây dựng Đảng", "Văn phòng Đảng uỷ", "Một số cơ quan, đơn vị có liên quan"]),
    ("Phòng Kinh tế, Trung tâm Văn hóa, Thể thao và Truyền thông, Công an xã",
     ["Phòng Kinh tế", "Trung tâm Văn hóa, Thể thao và Truyền thông", "Công an xã"]),
])
def test_split_bodies_keeps_known_names_whole(text: str, bodies: list[str]) -> None:
    from theodoi.extraction.agencies import split_bodies

    assert split_bodies(text) == bodies
