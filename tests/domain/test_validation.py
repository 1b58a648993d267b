"""The plausibility rules and who waits for validation (domain/validation.py): each rule
fires on the case it exists for and stays quiet on its neighbour."""

from __future__ import annotations

import pytest

from theodoi.domain import access
from theodoi.domain import validation as v

PLAIN = v.Facts(share=False, flow=False, cumulative=False, count=False, previous=None,
                previous_label=None, baseline=None)


def _codes(f: v.Facts, value: float) -> list[str]:
    return [w.code for w in v.warnings(f, value)]


@pytest.mark.parametrize(("facts", "value", "codes"), [
    # "tỷ lệ bao phủ BHYT 135%"
    (v.Facts(True, False, False, False, None, None, None), 135, ["ty_le_ngoai_0_100"]),
    (v.Facts(True, False, False, False, None, None, None), 100, []),
    (v.Facts(True, False, False, False, None, None, None), -1, ["ty_le_ngoai_0_100"]),
    # "thu ngân sách lũy kế quý III 30 tỷ, quý II đã 40 tỷ"
    (v.Facts(False, True, False, False, 40, "Quý II/2026", None), 30, ["luy_ke_giam"]),
    (v.Facts(False, True, False, False, 40, "Quý II/2026", None), 55, []),
    # "xây mới 12 tuyến đường": counted to date over the term, never falls
    (v.Facts(False, False, True, False, 7, "Năm 2026", None), 6, ["luy_ke_giam"]),
    # a level may fall (tỷ lệ hộ nghèo 1,8% → 1,2%)
    (v.Facts(False, False, False, False, 1.8, "Năm 2026", None), 1.2, []),
    # "số doanh nghiệp 12 → 120": beyond 3 times, either way
    (v.Facts(False, False, False, False, 12, "Năm 2026", None), 120, ["tang_dot_bien"]),
    (v.Facts(False, False, False, False, 120, "Năm 2026", None), 12, ["tang_dot_bien"]),
    (v.Facts(False, False, False, False, 12, "Năm 2026", None), 36, []),
    # "số trường đạt chuẩn 3, năm gốc đã 5"
    (v.Facts(False, False, False, True, None, None, 5), 3, ["duoi_so_goc"]),
    (v.Facts(False, False, False, True, None, None, 5), 5, []),
    (PLAIN, 1_000_000, []),
])
def test_each_rule_fires_on_its_case(facts: v.Facts, value: float, codes: list[str]) -> None:
    assert _codes(facts, value) == codes


def test_a_warning_says_what_to_look_at_in_vietnamese() -> None:
    f = v.Facts(False, True, False, False, 40, "Quý II/2026", None)
    assert v.warnings(f, 30.5)[0].message == (
        "số lũy kế 30,5 thấp hơn 40 của Quý II/2026; số lũy kế không giảm.")


@pytest.mark.parametrize(("role", "validates", "waits"), [
    ("don_vi", True, True), ("don_vi", False, False), ("van_phong", True, False),
    ("quan_tri", True, False), ("lanh_dao", True, False),
])
def test_only_an_agency_waits_and_only_where_the_unit_validates(
        role: str, validates: bool, waits: bool) -> None:
    assert v.must_wait(validates, access.PERMISSIONS[role]) is waits


def test_the_office_and_leaders_validate_an_agency_does_not() -> None:
    assert [r for r in access.ROLES if v.may_validate(access.PERMISSIONS[r])] == [
        "quan_tri", "lanh_dao", "van_phong"]
