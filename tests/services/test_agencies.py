"""The agency directory: one body per name, proposals for the unknown, merge and confirm."""

from __future__ import annotations

from typing import Any

import pytest

from theodoi.domain.errors import BadInput, NotFound
from theodoi.services.register import agencies, units
from theodoi.storage.models import Agency, Assignment


@pytest.fixture
def unit(session: Any) -> Any:
    return units.create(session, "Xã An Bình")


@pytest.mark.parametrize("spelling", ["Phòng VH-XH", "Phòng Văn hóa - Xã hội", "phòng văn hoá-xã hội",
                                      "Phòng  VH - XH"])
def test_spellings_of_one_body_resolve_to_one_agency(session: Any, unit: Any,
                                                     spelling: str) -> None:
    first = agencies.resolve(session, unit, "Phòng Văn hóa - Xã hội")
    assert agencies.resolve(session, unit, spelling).id == first.id
    assert first.status == "active" and first.name == "Phòng Văn hóa - Xã hội"
    assert session.query(Agency).count() == 1


def test_an_unknown_name_becomes_one_proposal_not_a_duplicate(session: Any, unit: Any) -> None:
    a = agencies.resolve(session, unit, "Hợp tác xã Nông nghiệp Đông Hòa")
    b = agencies.resolve(session, unit, "Hợp tác xã nông nghiệp  Đông Hoà")
    assert a.id == b.id and a.status == "proposed"
    assert [r.name for r in agencies.directory(session, unit, "proposed")] == [
        "Hợp tác xã Nông nghiệp Đông Hòa"]


def test_a_phrase_that_names_no_body_proposes_nothing(session: Any, unit: Any) -> None:
    assert agencies.resolve_if_body(session, unit, "đơn vị liên quan căn cứ chức năng") is None
    assert agencies.resolve_if_body(session, unit, "ban") is None
    assert agencies.resolve_if_body(session, unit, "Trường Tiểu học An Bình").status == "proposed"
    assert session.query(Agency).count() == 1


def test_merge_turns_a_proposal_into_an_alias_and_moves_its_items(session: Any, unit: Any) -> None:
    from tests.services.conftest import PLANS, load
    from theodoi.storage.models import Plan

    plan = session.get(Plan, load(session, PLANS / "ke-hoach-v1.txt", unit="Xã An Bình").plan_id)
    lead = next(a for a in plan.tasks[0].assignments if a.role == "lead")
    real = agencies.resolve(session, unit, "Văn phòng HĐND và UBND xã")
    odd = agencies.resolve(session, unit, "VP UBND xã An Bình")
    assert odd.status == "proposed" and odd.id != real.id
    lead.agency_id = odd.id
    session.flush()
    agencies.merge(session, unit, odd.id, real.id)
    session.expire_all()
    assert session.get(Assignment, lead.id).agency_id == real.id
    assert agencies.resolve(session, unit, "VP UBND xã An Bình").id == real.id
    assert session.get(Agency, odd.id) is None


def test_confirm_and_alias(session: Any, unit: Any) -> None:
    odd = agencies.resolve(session, unit, "Tổ công nghệ số cộng đồng")
    agencies.confirm(session, unit, odd.id, "Tổ Công nghệ số cộng đồng xã")
    assert odd.status == "active" and odd.name == "Tổ Công nghệ số cộng đồng xã"
    agencies.add_alias(session, unit, odd.id, "Tổ CNSCĐ")
    assert agencies.resolve(session, unit, "tổ cnscđ").id == odd.id
    police = agencies.resolve(session, unit, "Công an xã")
    with pytest.raises(BadInput, match="đã là của cơ quan"):
        agencies.add_alias(session, unit, police.id, "Tổ CNSCĐ")
    with pytest.raises(BadInput, match="chính nó"):
        agencies.merge(session, unit, police.id, police.id)


def test_agencies_of_another_unit_are_out_of_reach(session: Any, unit: Any) -> None:
    other = units.create(session, "Xã Bình Minh")
    theirs = agencies.resolve(session, other, "Công an xã")
    assert agencies.resolve(session, unit, "Công an xã").id != theirs.id
    with pytest.raises(NotFound):
        agencies.confirm(session, unit, theirs.id)
