"""An agency's figures wait for the office or a leader before they count (issue 20 item 3),
on both backends: status unchanged until accepted, returned with the reason and seen by
the agency, plausibility warnings for the validator, locked periods refuse, the office's
figures count at once, every step audited and revertible."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.services.progress_setup import active_v1
from theodoi.domain.errors import BadInput, Conflict, Forbidden
from theodoi.services.accounts import users
from theodoi.services.accounts.access import Principal
from theodoi.services.history import undo
from theodoi.services.progress import locks, status
from theodoi.services.progress import records as progress
from theodoi.services.register import units
from theodoi.services.validation import figures, queue
from theodoi.services.views import my_work
from theodoi.storage.models import AuditEntry, Notice, ProgressRecord

A = "Xã An Bình"
ON = date(2026, 10, 3)
MAX = 1_000_000


def _people(s: Any) -> dict[str, Principal]:
    roles = {"kinhte": ("don_vi", "Phòng Kinh tế"), "vhxh": ("don_vi", "Phòng VH-XH"),
             "chutich": ("lanh_dao", None), "vanphong": ("van_phong", None)}
    for name, (role, agency) in roles.items():
        users.create_user(s, name, "mật khẩu đủ dài 123")
        users.grant(s, name, A, role, agency)
    return {name: users.principal_for(s, name) for name in roles}


def _send(s: Any, p: Principal, ref: str, period: str, value: str) -> dict[str, Any]:
    return my_work.record_value(s, p, ref, period, value, max_evidence_bytes=MAX, on=ON)


def _actual(s: Any, ref: str) -> float | None:
    found = status.status_of_unit(s, A, date(2026, 10, 5))
    return next(r.actual for r in found.targets if r.ref == ref)


def _entries(s: Any, kind: str, entity_id: int | None = None) -> list[AuditEntry]:
    found = s.query(AuditEntry).filter(AuditEntry.entity_kind == kind)
    if entity_id is not None:
        found = found.filter(AuditEntry.entity_id == entity_id)
    return list(found.order_by(AuditEntry.id))


def _unit(s: Any) -> int:
    return units.find(s, A).id


def test_an_agency_figure_counts_only_once_accepted(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    sent = _send(session, who["kinhte"], r.income, "Q3/2026", "61,5")
    assert (sent["waiting"], sent["state"], sent["state_label"]) == (
        True, "cho_xac_nhan", "chờ xác nhận")
    assert _actual(session, r.income) is None  # waiting: status does not see it
    assert session.query(ProgressRecord).count() == 0
    assert queue.waiting_count(session, _unit(session)) == 1
    done = figures.accept(session, who["vanphong"], sent["id"])
    assert (done["state"], done["decided_by"]) == ("da_xac_nhan", "vanphong")
    assert _actual(session, r.income) == 61.5
    record = session.get(ProgressRecord, done["record_id"])
    assert (record.recorded_by, record.period_key) == ("kinhte", "2026-Q3")
    assert queue.waiting_count(session, _unit(session)) == 0
    assert [(e.old, e.new, e.username) for e in _entries(session, "figure", sent["id"])
            ] == [(None, "chờ xác nhận", "kinhte"), ("chờ xác nhận", "đã xác nhận", "vanphong")]


def test_a_returned_figure_reaches_its_agency_with_the_reason(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    sent = _send(session, who["kinhte"], r.income, "Q3/2026", "610")
    with pytest.raises(BadInput, match="lý do"):
        figures.return_(session, who["chutich"], sent["id"], "  ", on=ON)
    figures.return_(session, who["chutich"], sent["id"], "Sai đơn vị: ghi triệu đồng",
                    on=ON)
    seen = queue.pending(session, who["kinhte"], _unit(session))
    assert seen["waiting"] == []
    assert [(x["ref"], x["value_text"], x["reason"], x["decided_by"])
            for x in seen["returned"]] == [
        (r.income, "610", "Sai đơn vị: ghi triệu đồng", "chutich")]
    told = session.query(Notice).filter(Notice.key == f"figure/{sent['id']}/returned").all()
    assert [n.subject for n in told] == [
        f"Số liệu mục {r.income} bị trả lại: Sai đơn vị: ghi triệu đồng"]
    # another agency does not see it; the corrected figure replaces the returned one
    assert queue.pending(session, who["vhxh"], _unit(session))["returned"] == []
    _send(session, who["kinhte"], r.income, "Q3/2026", "61")
    again = queue.pending(session, who["kinhte"], _unit(session))
    assert ([x["value_text"] for x in again["waiting"]], again["returned"]) == (["61"], [])
    assert _actual(session, r.income) is None


def test_validators_are_told_when_a_figure_waits(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    sent = _send(session, who["vhxh"], r.insured, "Q3/2026", "92")
    told = session.query(Notice).filter(Notice.key == f"figure/{sent['id']}/waiting").all()
    assert [(n.user_id, n.subject) for n in told] == [
        (who["vanphong"].user_id, f"Số liệu mục {r.insured} chờ xác nhận (Quý III/2026: 92)")]


def test_only_the_units_validators_up_the_tree_are_told(session: Any) -> None:
    """The rule's role (văn phòng) at the unit or a unit above it, active users only: not
    a validator of another commune, not a leader, not a deactivated account."""
    r = active_v1(session)
    who = _people(session)
    province = units.create(session, "Tỉnh Thử", level="tinh")
    units.create(session, "Xã Khác", parent="Tỉnh Thử")
    units.find(session, A).parent_id = province.id
    for name, unit in (("vp-tinh", "Tỉnh Thử"), ("vp-khac", "Xã Khác"), ("vp-nghi", A)):
        users.create_user(session, name, "mật khẩu đủ dài 123")
        users.grant(session, name, unit, "van_phong")
    users.get_user(session, "vp-nghi").active = False
    session.flush()
    sent = _send(session, who["vhxh"], r.insured, "Q3/2026", "92")
    told = session.query(Notice).filter(Notice.key == f"figure/{sent['id']}/waiting")
    assert sorted(n.user_id for n in told) == [
        who["vanphong"].user_id, users.get_user(session, "vp-tinh").id]


def test_the_validator_sees_plausibility_warnings(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    _send(session, who["vhxh"], r.insured, "Q3/2026", "135")  # BHYT in %
    progress.record_progress(session, r.income, "Q2/2026", "40", by="vanphong")
    _send(session, who["kinhte"], r.income, "Q3/2026", "30")  # year-to-date fell
    seen = queue.pending(session, who["vanphong"], _unit(session))
    warned = {x["ref"]: [w["code"] for w in x["warnings"]] for x in seen["waiting"]}
    assert warned == {r.insured: ["ty_le_ngoai_0_100"], r.income: ["luy_ke_giam"]}
    income = next(x for x in seen["waiting"] if x["ref"] == r.income)
    assert income["warnings"][0]["message"] == (
        "số lũy kế 30 thấp hơn 40 của Quý II/2026; số lũy kế không giảm.")
    assert seen["can_validate"] is True
    assert queue.pending(session, who["kinhte"], _unit(session))["can_validate"] is False


def test_a_jump_and_a_plausible_figure(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    progress.record_progress(session, r.income, "Q2/2026", "40", by="vanphong")
    _send(session, who["kinhte"], r.income, "Q3/2026", "130")  # more than 3 × 40
    _send(session, who["vhxh"], r.insured, "Q3/2026", "93,5")
    seen = queue.pending(session, who["vanphong"], _unit(session))
    warned = {x["ref"]: [w["code"] for w in x["warnings"]] for x in seen["waiting"]}
    assert warned == {r.income: ["tang_dot_bien"], r.insured: []}


def test_a_locked_period_refuses_until_reopened(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    unit = _unit(session)
    sent = _send(session, who["kinhte"], r.income, "Q3/2026", "61")
    with pytest.raises(Forbidden):
        locks.set_state(session, who["kinhte"], unit, "Q3/2026", "locked", on=ON)
    locks.set_state(session, who["vanphong"], unit, "Q3/2026", "locked", on=ON)
    with pytest.raises(Conflict, match="đã chốt"):
        _send(session, who["kinhte"], r.income, "Q3/2026", "62")
    with pytest.raises(Conflict, match="đã chốt"):
        figures.accept(session, who["vanphong"], sent["id"])
    with pytest.raises(Conflict, match="đã chốt"):
        progress.record_progress(session, r.income, "Q3/2026", "62", by="vanphong")
    _send(session, who["kinhte"], r.income, "Q4/2026", "80")  # another period is open
    with pytest.raises(BadInput, match="lý do"):
        locks.set_state(session, who["chutich"], unit, "Q3/2026", "reopened", on=ON)
    locks.set_state(session, who["chutich"], unit, "Q3/2026", "reopened", on=ON,
                    reason="Đính chính số liệu theo Cục Thống kê")
    assert figures.accept(session, who["vanphong"], sent["id"])["state"] == "da_xac_nhan"
    entries = _entries(session, "period_lock")
    assert [(e.old, e.new, e.username) for e in entries] == [
        ("đã mở lại", "đã chốt", "vanphong"), ("đã chốt", "đã mở lại", "chutich")]


def test_the_office_figures_count_at_once_and_a_unit_may_switch_off(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    typed = _send(session, who["vanphong"], r.income, "Q3/2026", "61")
    assert typed["waiting"] is False and _actual(session, r.income) == 61
    with pytest.raises(Forbidden):
        queue.set_validation(session, who["kinhte"], _unit(session), False)
    queue.set_validation(session, who["vanphong"], _unit(session), False)
    own = _send(session, who["vhxh"], r.insured, "Q3/2026", "92")
    assert own["waiting"] is False and _actual(session, r.insured) == 92


def test_accept_and_return_are_for_validators_only(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    sent = _send(session, who["kinhte"], r.income, "Q3/2026", "61")
    with pytest.raises(Forbidden):
        figures.accept(session, who["kinhte"], sent["id"])
    figures.accept(session, who["chutich"], sent["id"])
    with pytest.raises(BadInput, match="không còn chờ xác nhận"):
        figures.return_(session, who["vanphong"], sent["id"], "Sai", on=ON)


def test_undo_puts_an_accepted_figure_back_to_waiting_and_keeps_one_current(
        session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    progress.record_progress(session, r.income, "Q3/2026", "58", by="vanphong")
    sent = _send(session, who["kinhte"], r.income, "Q3/2026", "61")
    figures.accept(session, who["vanphong"], sent["id"])
    assert _actual(session, r.income) == 61
    accepted = _entries(session, "figure", sent["id"])[-1]
    undo.revert(session, who["vanphong"], accepted.id)
    assert _actual(session, r.income) == 58  # the corrected record counts again
    current = session.query(ProgressRecord).filter(ProgressRecord.superseded.is_(False)).all()
    assert [c.value for c in current] == [58]
    seen = queue.pending(session, who["vanphong"], _unit(session))
    assert [x["id"] for x in seen["waiting"]] == [sent["id"]]
    assert figures.accept(session, who["vanphong"], sent["id"])["state"] == "da_xac_nhan"
    assert _actual(session, r.income) == 61


def test_undo_of_a_figure_sent_withdraws_it(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    first = _send(session, who["kinhte"], r.income, "Q3/2026", "61")
    second = _send(session, who["kinhte"], r.income, "Q3/2026", "62")
    sent = _entries(session, "figure", second["id"])[0]
    undo.revert(session, who["kinhte"], sent.id)
    seen = queue.pending(session, who["vanphong"], _unit(session))
    assert [x["id"] for x in seen["waiting"]] == [first["id"]]  # the one it replaced


def test_undo_of_a_lock_reopens_the_period(session: Any) -> None:
    r = active_v1(session)
    who = _people(session)
    unit = _unit(session)
    locks.set_state(session, who["vanphong"], unit, "Q3/2026", "locked", on=ON)
    entry = _entries(session, "period_lock")[0]
    undo.revert(session, who["vanphong"], entry.id)
    assert not locks.is_locked(session, unit, "2026-Q3")
    assert _send(session, who["kinhte"], r.income, "Q3/2026", "61")["waiting"] is True
