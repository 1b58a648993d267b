"""The cascade on SQLite and PostgreSQL: bases linked both ways, pending documents, manual links."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.services.docs import (
    CTR_16,
    KH_20,
    KH_21,
    PARTY_SAMPLE,
    STATE_SAMPLE,
    import_sample,
    import_text,
    plan_text,
    setup_units,
)
from theodoi.domain.errors import BadInput, NotFound
from theodoi.services.register import cascade, units
from theodoi.services.register.review_decisions import get_plan


@pytest.fixture
def s(session: Any) -> Any:
    setup_units(session)
    return session


def _basis(s: Any, plan_id: int) -> Any:
    return get_plan(s, plan_id).bases[0]


def test_a_commune_plan_links_to_the_province_programme_already_stored(s: Any) -> None:
    province = import_text(s, "Tỉnh Thử", CTR_16, "ctr16.txt")
    commune = import_sample(s, PARTY_SAMPLE)
    basis = _basis(s, commune)
    assert (basis.ref_kind, basis.ref_number, basis.ref_date) == (
        "chuong_trinh_hanh_dong", "16-CTr/TU", date(2026, 2, 12))
    assert basis.linked_plan_id == province


def test_a_province_plan_imported_later_is_linked_retroactively(s: Any) -> None:
    commune = import_sample(s, PARTY_SAMPLE)
    assert _basis(s, commune).linked_plan_id is None
    province = import_text(s, "Tỉnh Thử", CTR_16, "ctr16.txt")
    s.commit()
    assert _basis(s, commune).linked_plan_id == province


def test_a_different_date_is_a_different_document(s: Any) -> None:
    import_text(s, "Tỉnh Thử", plan_text("16-CTr/TU", "12 tháng 02 năm 2021"), "cu.txt")
    commune = import_sample(s, PARTY_SAMPLE)
    assert _basis(s, commune).linked_plan_id is None


def test_the_province_above_wins_over_another_province_with_the_same_number(s: Any) -> None:
    units.create(s, "Tỉnh Khác", level="tinh")
    import_text(s, "Tỉnh Khác", CTR_16, "khac.txt")
    ours = import_text(s, "Tỉnh Thử", CTR_16.replace("nước sạch", "nước hợp vệ sinh"), "ta.txt")
    commune = import_sample(s, PARTY_SAMPLE)
    assert _basis(s, commune).linked_plan_id == ours


def test_the_same_number_in_two_unrelated_units_is_left_to_a_person(s: Any) -> None:
    for name in ("Tỉnh Một", "Tỉnh Hai"):
        units.create(s, name, level="tinh")
        import_text(s, name, CTR_16.replace("50 ha", f"50 ha {name}"), f"{name}.txt")
    commune = import_sample(s, PARTY_SAMPLE)
    assert _basis(s, commune).linked_plan_id is None


def test_a_plan_of_an_unrelated_unit_is_linked_when_it_is_the_only_one(s: Any) -> None:
    units.create(s, "Tỉnh Khác", level="tinh")
    other = import_text(s, "Tỉnh Khác", CTR_16, "khac.txt")
    commune = import_sample(s, PARTY_SAMPLE)
    assert _basis(s, commune).linked_plan_id == other


def test_pending_lists_exactly_the_province_plans_not_yet_implemented(s: Any) -> None:
    ctr = import_text(s, "Tỉnh Thử", CTR_16, "ctr16.txt", activate=True)
    kh20 = import_text(s, "Tỉnh Thử", KH_20, "kh20.txt", activate=True)
    import_text(s, "Tỉnh Thử", KH_21, "kh21.txt")  # a draft is not yet there to implement
    import_sample(s, PARTY_SAMPLE)
    result = cascade.pending(s, "Xã Thử")
    assert [p["id"] for p in result.plans] == [kh20]
    assert ctr not in [p["id"] for p in result.plans]
    assert result.missing == []


def test_pending_lists_bases_naming_documents_not_stored_once_each(s: Any) -> None:
    plan = import_sample(s, STATE_SAMPLE)
    import_sample(s, STATE_SAMPLE, unit="Xã Thử")  # same bytes: nothing new
    missing = cascade.pending(s, "Xã Thử").missing
    assert [m["number"] for m in missing] == ["125/KH-UBND", "25/KH-UBND", "08/KH-UBND"]
    assert all(m["cited_by"] == [plan] and m["kind"] == "ke_hoach" for m in missing)
    assert missing[0]["date"] == date(2021, 10, 28)


def test_a_manual_link_implements_and_unlink_undoes_it(s: Any) -> None:
    kh20 = import_text(s, "Tỉnh Thử", KH_20, "kh20.txt", activate=True)
    commune = import_sample(s, STATE_SAMPLE)
    basis = cascade.link(s, commune, kh20)
    assert basis.text.startswith(cascade.MANUAL_MARK) and basis.ref_number == "20-KH/TU"
    assert cascade.link(s, commune, kh20).id == basis.id  # twice is once
    assert cascade.pending(s, "Xã Thử").plans == []
    assert cascade.unlink(s, commune, kh20) == 1
    assert [p["id"] for p in cascade.pending(s, "Xã Thử").plans] == [kh20]
    assert len(get_plan(s, commune).bases) == 3  # the manual basis is gone, the read ones stay
    with pytest.raises(NotFound, match="không liên kết"):
        cascade.unlink(s, commune, kh20)


def test_unlinking_a_read_basis_keeps_it_as_not_linked(s: Any) -> None:
    province = import_text(s, "Tỉnh Thử", CTR_16, "ctr16.txt", activate=True)
    commune = import_sample(s, PARTY_SAMPLE)
    cascade.unlink(s, commune, province)
    assert _basis(s, commune).linked_plan_id is None
    assert [p["id"] for p in cascade.pending(s, "Xã Thử").plans] == [province]
    assert cascade.link(s, commune, province).id == _basis(s, commune).id  # relinks the read one


def test_link_refuses_itself_and_plans_of_unrelated_units(s: Any) -> None:
    units.create(s, "Xã Bên", level="xa", parent="Tỉnh Thử")
    neighbour = import_text(s, "Xã Bên", KH_20, "ben.txt")
    commune = import_sample(s, STATE_SAMPLE)
    with pytest.raises(BadInput, match="chính nó"):
        cascade.link(s, commune, commune)
    with pytest.raises(BadInput, match="Xã Bên"):
        cascade.link(s, commune, neighbour)
    with pytest.raises(NotFound):
        cascade.link(s, commune, 9999)


def test_implementing_the_replaced_version_still_counts(s: Any) -> None:
    v1 = import_text(s, "Tỉnh Thử", CTR_16, "v1.txt", activate=True)
    import_sample(s, PARTY_SAMPLE)
    v2 = import_text(s, "Tỉnh Thử", CTR_16.replace("95%", "97%"), "v2.txt", activate=True)
    assert get_plan(s, v2).revises_id == v1 and get_plan(s, v1).status == "closed"
    assert cascade.pending(s, "Xã Thử").plans == []


def test_pending_for_an_unknown_unit_is_not_found(s: Any) -> None:
    with pytest.raises(NotFound):
        cascade.pending(s, "Xã Không Có")
