"""Approval by the receiving body's own leader (issue 20 item 2's leftover): the commune
names who approves for "Ban Thường vụ Đảng ủy"; a product submitted to it is then approved
or returned by them only (the Chủ tịch, a leader of the commune, no longer); a product
submitted to another body is still the leaders'. Naming is the administrator's, audited.
Both databases."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.services.progress_setup import active_v1
from theodoi.domain.errors import BadInput, Forbidden
from theodoi.services.accounts import users
from theodoi.services.accounts.access import Principal
from theodoi.services.approval import bodies, flow
from theodoi.storage.models import AuditEntry, Notice

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MAX = 1_000_000
A = "Xã An Bình"
BTV = "Ban Thường vụ Đảng ủy"


def _people(s: Any) -> dict[str, Principal]:
    roles = {"kinhte": ("don_vi", "Phòng Kinh tế"), "chutich": ("lanh_dao", None),
             "bithu": ("lanh_dao", None), "vanphong": ("van_phong", None),
             "quantri": ("quan_tri", None), "xem": ("xem", None)}
    for name, (role, agency) in roles.items():
        users.create_user(s, name, "mật khẩu đủ dài 123")
        users.grant(s, name, A, role, agency)
    return {name: users.principal_for(s, name) for name in roles}


def _unit(s: Any) -> int:
    from theodoi.services.register import units
    return units.find(s, A).id


def test_only_the_named_approver_decides_for_the_body(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    unit = _unit(session)
    named = bodies.set_approvers(session, who["quantri"], unit, "  ban thường vụ  Đảng ủy ",
                                 ["bithu"])
    assert named["users"] == ["bithu"]
    flow.submit(session, who["kinhte"], r.invest, ("du-thao.pdf", PDF), on=date(2026, 9, 20),
                max_bytes=MAX, to_body=BTV)
    told = session.query(Notice).filter(Notice.key.like("product/%")).all()
    assert [n.user_id for n in told] == [who["bithu"].user_id]  # not the other leader
    assert flow.product(session, who["chutich"], r.invest, date(2026, 9, 21))[
        "can_decide"] is False
    assert flow.product(session, who["bithu"], r.invest, date(2026, 9, 21))["can_decide"]
    with pytest.raises(Forbidden, match="chỉ bithu được giao duyệt"):
        flow.decide(session, who["chutich"], r.invest, "duyet", on=date(2026, 9, 22))
    with pytest.raises(Forbidden):
        flow.decide(session, who["chutich"], r.invest, "tra_lai", on=date(2026, 9, 22),
                    reason="Sửa")
    back = flow.decide(session, who["bithu"], r.invest, "tra_lai", on=date(2026, 9, 22),
                       reason="Bổ sung nguồn vốn")
    assert back["state"] == "tra_lai"
    # submitted again, to the UBND this time: the commune's leaders decide as before
    flow.submit(session, who["kinhte"], r.invest, ("du-thao-2.pdf", PDF), on=date(2026, 9, 25),
                max_bytes=MAX, to_body="UBND xã")
    done = flow.decide(session, who["chutich"], r.invest, "duyet", on=date(2026, 9, 26))
    assert done["state"] == "da_duyet"


def test_a_named_office_clerk_decides_and_an_unnamed_body_goes_back_to_the_leaders(
        session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    unit = _unit(session)
    bodies.set_approvers(session, who["quantri"], unit, BTV, ["vanphong"])
    flow.submit(session, who["kinhte"], r.invest, ("du-thao.pdf", PDF), on=date(2026, 9, 20),
                max_bytes=MAX, to_body=BTV)
    # the naming is the grant: a clerk without APPROVE decides for the body it is named for
    assert flow.decide(session, who["vanphong"], r.invest, "duyet",
                       on=date(2026, 9, 21))["state"] == "da_duyet"
    r2 = r.tourism
    bodies.set_approvers(session, who["quantri"], unit, BTV, [])  # back to the leaders
    assert bodies.listing(session, who["chutich"], unit)["bodies"] == []
    flow.submit(session, who["vanphong"], r2, ("kh.pdf", PDF), on=date(2026, 9, 20),
                max_bytes=MAX, to_body=BTV)
    assert flow.decide(session, who["chutich"], r2, "duyet",
                       on=date(2026, 9, 21))["state"] == "da_duyet"
    entries = session.query(AuditEntry).filter(AuditEntry.field == "approvers") \
        .order_by(AuditEntry.id).all()
    assert [(e.old, e.new, e.username) for e in entries] == [
        ("lãnh đạo đơn vị", "vanphong", "quantri"), ("vanphong", "lãnh đạo đơn vị", "quantri")]


def test_naming_is_the_administrators_and_only_of_deciders(session: Any) -> None:
    active_v1(session)
    who = _people(session)
    unit = _unit(session)
    for name in ("chutich", "vanphong", "kinhte"):
        with pytest.raises(Forbidden):
            bodies.set_approvers(session, who[name], unit, BTV, ["bithu"])
    for name in ("xem", "kinhte", "khong-co"):  # a viewer, an agency, nobody
        with pytest.raises(BadInput, match=f"'{name}' không phải lãnh đạo"):
            bodies.set_approvers(session, who["quantri"], unit, BTV, [name])
    with pytest.raises(BadInput, match="cần ghi tên cơ quan"):
        bodies.set_approvers(session, who["quantri"], unit, "  ", ["bithu"])
    assert bodies.listing(session, who["xem"], unit) == {
        "unit": {"id": unit, "name": A}, "can_edit": False, "bodies": []}
