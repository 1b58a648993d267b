"""A task's product through trình, trả lại, trình, duyệt (issue 20 item 2), on both
backends: the file kept, the reason required, rights by role, every step audited."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.services.progress_setup import active_v1
from theodoi.domain.errors import BadInput, Forbidden, NotFound
from theodoi.services.accounts import users
from theodoi.services.accounts.access import Principal
from theodoi.services.approval import flow
from theodoi.services.history import audit
from theodoi.services.register import units
from theodoi.storage.models import ProductStep

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MAX = 1_000_000


def _people(s: Any) -> dict[str, Principal]:
    roles = {"kinhte": ("don_vi", "Phòng Kinh tế"), "vhxh": ("don_vi", "Phòng VH-XH"),
             "chutich": ("lanh_dao", None), "vanphong": ("van_phong", None)}
    for name, (role, agency) in roles.items():
        users.create_user(s, name, "mật khẩu đủ dài 123")
        users.grant(s, name, "Xã An Bình", role, agency)
    return {name: users.principal_for(s, name) for name in roles}


def test_submit_return_submit_approve_keeps_every_step(session: Any) -> None:
    r = active_v1(session)  # invest: Kế hoạch đầu tư công, Phòng Kinh tế, due 30/09/2026
    who = _people(session)
    first = flow.submit(session, who["kinhte"], r.invest, ("du-thao.pdf", PDF),
                        on=date(2026, 9, 20), max_bytes=MAX, to_body="UBND xã")
    assert (first["state"], first["standing"]) == ("da_trinh", "cho_duyet")
    assert first["can_decide"] is False  # the agency cannot approve its own product
    back = flow.decide(session, who["chutich"], r.invest, "tra_lai", on=date(2026, 9, 25),
                       reason="Bổ sung nguồn vốn từng năm")
    assert (back["state"], back["standing"]) == ("tra_lai", "tra_lai")
    flow.submit(session, who["kinhte"], r.invest, ("du-thao-2.pdf", PDF), on=date(2026, 10, 2),
                max_bytes=MAX)
    done = flow.decide(session, who["chutich"], r.invest, "duyet", on=date(2026, 10, 5))
    assert (done["state"], done["state_label"], done["standing"]) == (
        "da_duyet", "đã duyệt", "da_duyet")
    assert [(st["action"], st["state"], st["file_name"], st["reason"], st["by"])
            for st in done["steps"]] == [
        ("trinh", "da_trinh", "du-thao.pdf", None, "kinhte"),
        ("tra_lai", "tra_lai", None, "Bổ sung nguồn vốn từng năm", "chutich"),
        ("trinh", "da_trinh", "du-thao-2.pdf", None, "kinhte"),
        ("duyet", "da_duyet", None, None, "chutich")]
    assert [(e.old, e.new, e.username) for st in done["steps"]
            for e in audit.history(session, "product_step", st["id"])] == [
        ("đang soạn", "đã trình", "kinhte"), ("đã trình", "trả lại", "chutich"),
        ("trả lại", "đã trình", "kinhte"), ("đã trình", "đã duyệt", "chutich")]
    step = done["steps"][2]["id"]
    assert flow.step_file(session, who["chutich"], r.invest, step).content == PDF


def test_a_waiting_product_stands_apart_from_one_not_submitted(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    late = date(2026, 10, 10)  # after 30/09/2026
    assert flow.product(session, who["vanphong"], r.invest, late)["standing"] == (
        "qua_han_chua_trinh")
    flow.submit(session, who["vanphong"], r.invest, ("kh.pdf", PDF), on=date(2026, 9, 29),
                max_bytes=MAX)
    view = flow.product(session, who["vanphong"], r.invest, late)
    assert (view["standing"], view["standing_label"]) == (
        "cho_duyet", "đã trình đúng hạn, chờ duyệt")


def test_refusals_store_nothing(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    with pytest.raises(NotFound):  # another agency's task does not exist for it
        flow.submit(session, who["vhxh"], r.invest, ("kh.pdf", PDF), on=date(2026, 9, 1),
                    max_bytes=MAX)
    with pytest.raises(Forbidden):
        flow.submit(session, who["chutich"], r.invest, ("kh.pdf", PDF), on=date(2026, 9, 1),
                    max_bytes=MAX)
    with pytest.raises(BadInput, match="rỗng"):
        flow.submit(session, who["kinhte"], r.invest, ("kh.pdf", b""), on=date(2026, 9, 1),
                    max_bytes=MAX)
    with pytest.raises(BadInput, match="đang soạn"):
        flow.decide(session, who["chutich"], r.invest, "duyet", on=date(2026, 9, 1))
    flow.submit(session, who["kinhte"], r.invest, ("kh.pdf", PDF), on=date(2026, 9, 1),
                max_bytes=MAX)
    with pytest.raises(BadInput, match="lý do"):
        flow.decide(session, who["chutich"], r.invest, "tra_lai", on=date(2026, 9, 2))
    with pytest.raises(Forbidden):
        flow.decide(session, who["vanphong"], r.invest, "duyet", on=date(2026, 9, 2))
    with pytest.raises(BadInput, match="chỉ tiêu"):
        flow.product(session, who["chutich"], r.income, date(2026, 9, 2))
    assert session.query(ProductStep).count() == 1


def test_the_unit_lists_products_waiting_and_returned_each_to_its_own(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    unit = units.find(session, "Xã An Bình").id
    flow.submit(session, who["kinhte"], r.invest, ("kh.pdf", PDF), on=date(2026, 10, 3),
                max_bytes=MAX)  # due 30/09/2026: late
    flow.submit(session, who["vhxh"], r.tourism, ("da.pdf", PDF), on=date(2026, 5, 1),
                max_bytes=MAX)
    flow.decide(session, who["chutich"], r.tourism, "tra_lai", on=date(2026, 5, 4),
                reason="Làm rõ kinh phí")
    seen = flow.open_products(session, who["chutich"], unit, date(2026, 10, 5))
    assert [(x["ref"], x["standing"]) for x in seen["waiting"]] == [
        (r.invest, "cho_duyet_tre_han")]
    assert [(x["ref"], x["reason"], x["lead_agency"]) for x in seen["returned"]] == [
        (r.tourism, "Làm rõ kinh phí", "Phòng Văn hóa - Xã hội")]
    own = flow.open_products(session, who["kinhte"], unit, date(2026, 10, 5))
    assert [x["ref"] for x in own["waiting"]] == [r.invest] and own["returned"] == []
    flow.decide(session, who["chutich"], r.invest, "duyet", on=date(2026, 10, 6))
    assert flow.open_products(session, who["chutich"], unit, date(2026, 10, 6))["waiting"] == []


def test_a_co_agency_sees_the_product_but_only_the_lead_submits_it(session: Any) -> None:
    """Sample 003: the co-agency answers for its part, the lead for the product; a user of
    Phòng VH-XH co-ordinating Phòng Kinh tế's plan task may read it, not submit it."""
    from theodoi.services.register import review_decisions as review

    r = active_v1(session, activate=False)
    review.correct(session, r.invest, {"co_agencies": "Phòng VH-XH"})
    review.activate(session, r.plan_id, accept_rest=True)
    who = _people(session)
    seen = flow.product(session, who["vhxh"], r.invest, date(2026, 9, 20))
    assert (seen["state"], seen["can_submit"]) == ("dang_soan", False)
    with pytest.raises(Forbidden):
        flow.submit(session, who["vhxh"], r.invest, ("du-thao.pdf", PDF), on=date(2026, 9, 20),
                    max_bytes=MAX)
    assert session.query(ProductStep).count() == 0
    assert flow.product(session, who["kinhte"], r.invest, date(2026, 9, 20))["can_submit"]


def test_each_step_tells_the_right_people(session: Any) -> None:
    """Submitted: the unit's leaders are told; returned or approved: the lead agency's
    users (rule `product_step`); the office and the other agency hear nothing."""
    from theodoi.storage.models import Notice

    r = active_v1(session)
    who = _people(session)
    sent = flow.submit(session, who["kinhte"], r.invest, ("kh.pdf", PDF), on=date(2026, 9, 20),
                       max_bytes=MAX)
    back = flow.decide(session, who["chutich"], r.invest, "tra_lai", on=date(2026, 9, 25),
                       reason="Bổ sung nguồn vốn")

    def told(step_id: int) -> list[tuple[int, str]]:
        return [(n.user_id, n.subject) for n in
                session.query(Notice).filter(Notice.key == f"product/{step_id}")]

    assert told(sent["steps"][0]["id"]) == [
        (who["chutich"].user_id, f"Sản phẩm nhiệm vụ {r.invest}: Sản phẩm đã trình")]
    assert told(back["steps"][1]["id"]) == [
        (who["kinhte"].user_id,
         f"Sản phẩm nhiệm vụ {r.invest}: Sản phẩm đã trả lại: Bổ sung nguồn vốn")]
