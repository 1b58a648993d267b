"""Which unit issued a document, from its issuer and place."""

from __future__ import annotations

import pytest

from theodoi.extraction.units import guess_unit


@pytest.mark.parametrize(("issuer", "place", "unit"), [
    ("Ủy ban nhân dân thị trấn Cổ Lễ", None, ("Thị trấn Cổ Lễ", "thi_tran")),
    ("Ban Chấp hành Đảng bộ xã Thái Tân", None, ("Xã Thái Tân", "xa")),
    ("Ban Thường vụ Đảng ủy xã", "Nghi Dương", ("Xã Nghi Dương", "xa")),
    ("ỦY BAN NHÂN DÂN PHƯỜNG Bến Thành", None, ("Phường Bến Thành", "phuong")),
    ("Đảng ủy đặc khu Côn Đảo", None, ("Đặc khu Côn Đảo", "dac_khu")),
    ("UBND xã Ea Kao về việc", None, ("Xã Ea Kao", "xa")),
    ("Hội đồng nhân dân phường 12", None, ("Phường 12", "phuong")),  # wards of a city are numbered
    ("Ủy ban nhân dân tỉnh Thanh Hóa", "Thanh Hóa", None),
    (None, "An Bình", None),
])
def test_guess_unit(issuer: str | None, place: str | None, unit: tuple[str, str] | None) -> None:
    assert guess_unit({"issuer": issuer, "place": place}) == unit
