"""Issue 20's leftovers on outgoing reports: numbering a periodic report locks the period
it reports on (with its number as the reason; cancelling the number reopens only a lock it
made), every step is in the audit history, and the receiving unit gives each report its
own incoming number, counted per year. Both databases."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.services.pdf_bytes import unsigned_pdf
from tests.services.test_outgoing import MAX, PROVINCE, Q1, A, B, make_world, who
from theodoi.domain.errors import Conflict
from theodoi.services.outgoing import received, register
from theodoi.services.progress import locks
from theodoi.services.progress import records as progress
from theodoi.services.views import audit_view
from theodoi.storage.models import AuditEntry, Plan, Target


@pytest.fixture
def world(session: Any) -> dict[str, Any]:
    """Tỉnh Mẫu over Xã An Bình and Xã Bình Minh, plan v1 active in each (test_outgoing)."""
    return make_world(session)


def _income(s: Any, unit_id: int) -> str:
    """The ref of the commune's "Thu nhập bình quân" target (plan v1)."""
    found = (s.query(Target).join(Plan, Plan.id == Target.plan_id)
             .filter(Plan.unit_id == unit_id, Target.indicator.contains("Thu nhập")).one())
    return f"t{found.id}"


def _entries(s: Any, kind: str) -> list[tuple[str, str | None, str | None]]:
    rows = s.query(AuditEntry).filter(AuditEntry.entity_kind == kind).order_by(AuditEntry.id)
    return [(e.field, e.old, e.new) for e in rows]


def test_numbering_a_quarter_locks_its_figures_and_its_months_only(session: Any,
                                                                   world: Any) -> None:
    s, p = session, who(session, "vp_a")
    ref = _income(s, world[A])
    doc = register.enter(s, p, world[A], Q1, date(2026, 4, 2))
    [held] = locks.locked_periods(s, world[A])
    assert (held["period"], held["state"], held["by"], held["outgoing_id"]) == (
        "2026-Q1", "locked", "vp_a", doc["id"])
    assert held["reason"] == "báo cáo số 1/BC-UBND đã vào sổ ngày 02/04/2026"
    with pytest.raises(Conflict, match=r"Quý I/2026 đã chốt.*1/BC-UBND"):
        progress.record_progress(s, ref, "Q1/2026", "61", by="vp_a")
    with pytest.raises(Conflict, match="Tháng 2/2026 nằm trong kỳ Quý I/2026 đã chốt"):
        progress.record_progress(s, ref, "2/2026", "61", by="vp_a")
    progress.record_progress(s, ref, "Q2/2026", "62", by="vp_a")  # the next quarter is open
    progress.record_progress(s, ref, "2026", "63", by="vp_a")  # the year is not inside Q1
    assert locks.locked_periods(s, world[B]) == []  # the other commune's register is its own


def test_a_half_year_report_locks_the_quarters_it_reads(session: Any, world: Any) -> None:
    s, p = session, who(session, "vp_a")
    ref = _income(s, world[A])
    register.enter(s, p, world[A], register.Entry("6_thang", "6 tháng 2026",
                                                   date(2026, 7, 3)), date(2026, 7, 3))
    for period in ("Q1/2026", "Q2/2026", "6/2026"):
        with pytest.raises(Conflict, match="nằm trong kỳ 6 tháng đầu năm 2026 đã chốt"):
            progress.record_progress(s, ref, period, "61", by="vp_a")
    progress.record_progress(s, ref, "Q3/2026", "61", by="vp_a")


def test_cancelling_the_number_reopens_the_lock_it_made(session: Any, world: Any) -> None:
    s, p = session, who(session, "vp_a")
    ref = _income(s, world[A])
    doc = register.enter(s, p, world[A], Q1, date(2026, 4, 2))
    register.cancel(s, p, doc["id"], "Sai số liệu", date(2026, 4, 3))
    assert locks.locked_periods(s, world[A]) == []
    progress.record_progress(s, ref, "Q1/2026", "61", by="vp_a")
    assert _entries(s, "period_lock") == [("state", "đã mở lại", "đã chốt"),
                                          ("state", "đã chốt", "đã mở lại")]
    reopened = s.query(AuditEntry).filter(AuditEntry.entity_kind == "period_lock") \
        .order_by(AuditEntry.id.desc()).first()
    assert '"reason": "hủy số báo cáo 1/BC-UBND"' in reopened.detail
    # numbered again: a new number and a new lock from it
    again = register.enter(s, p, world[A], Q1, date(2026, 4, 4))
    assert again["number_text"] == "2/BC-UBND"
    assert locks.locked_periods(s, world[A])[0]["outgoing_id"] == again["id"]


def test_a_lock_not_made_by_the_number_survives_its_cancel(session: Any, world: Any) -> None:
    s, p = session, who(session, "vp_a")
    locks.set_state(s, p, world[A], "Q1/2026", "locked", on=date(2026, 4, 1))
    doc = register.enter(s, p, world[A], Q1, date(2026, 4, 2))
    [held] = locks.locked_periods(s, world[A])
    assert held["outgoing_id"] is None  # the hand-made lock stays the one in force
    register.cancel(s, p, doc["id"], "", date(2026, 4, 3))
    assert [x["period"] for x in locks.locked_periods(s, world[A])] == ["2026-Q1"]
    # reopened by hand with a reason, locked by hand again: the number's cancel leaves it
    second = register.enter(s, p, world[A], Q1, date(2026, 4, 4))
    locks.set_state(s, p, world[A], "Q1/2026", "reopened", on=date(2026, 4, 5),
                    reason="Cục Thống kê đính chính")
    locks.set_state(s, p, world[A], "Q1/2026", "locked", on=date(2026, 4, 6))
    register.cancel(s, p, second["id"], "", date(2026, 4, 7))
    assert [x["outgoing_id"] for x in locks.locked_periods(s, world[A])] == [None]


def test_each_step_is_in_the_history_and_the_province_numbers_what_it_receives(
        session: Any, world: Any) -> None:
    s = session
    sent = {}
    for unit, day in ((A, date(2026, 4, 3)), (B, date(2026, 4, 6))):
        p = who(s, "vp_a" if unit == A else "vp_b")
        doc = register.enter(s, p, world[unit], Q1, date(2026, 4, 2))
        register.upload_signed(s, p, doc["id"], ("ky.pdf", unsigned_pdf()), max_bytes=MAX)
        sent[unit] = register.send(s, p, doc["id"], day)
    assert (sent[A]["incoming_number"], sent[B]["incoming_number"]) == (1, 2)
    assert sent[B]["incoming_text"] == "số đến 2/2026, ngày đến 06/04/2026"
    p = who(s, "vp_a")
    late = register.enter(s, p, world[A], register.Entry("quy", "Q4/2026", date(2027, 1, 4)),
                          date(2027, 1, 4))
    register.upload_signed(s, p, late["id"], ("ky.pdf", unsigned_pdf()), max_bytes=MAX)
    assert register.send(s, p, late["id"], date(2027, 1, 5))["incoming_text"] == \
        "số đến 1/2027, ngày đến 05/01/2027"  # the incoming register starts again each year
    inbox = received.inbox(s, who(s, "tinh"), world[PROVINCE])["documents"]
    assert [(d["unit"]["name"], d["incoming_number"], d["incoming_year"]) for d in inbox] == [
        (A, 1, 2027), (B, 2, 2026), (A, 1, 2026)]
    commune = audit_view.unit_history(s, p, world[A])["entries"]
    lines = [(e["entity_label"], e["label"]) for e in commune
             if e["entity_kind"] == "outgoing"][::-1]
    assert lines[:3] == [
        ("văn bản đi 1/BC-UBND", "Sổ văn bản đi: — → đã vào sổ, chưa gửi"),
        ("văn bản đi 1/BC-UBND", "Bản đã ký: — → không phát hiện chữ ký số (có thể là bản "
                                 "scan có dấu đỏ)"),
        ("văn bản đi 1/BC-UBND", "Sổ văn bản đi: đã vào sổ, chưa gửi → đã gửi")]
    assert [e["revertible"] for e in commune if e["entity_kind"] == "outgoing"] == [False] * 6
    locked = [e["entity_label"] for e in commune if e["entity_kind"] == "period_lock"]
    assert locked[-1] == ("kỳ báo cáo Quý I/2026 (báo cáo số 1/BC-UBND đã vào sổ ngày "
                          "02/04/2026)")
    province = audit_view.unit_history(s, who(s, "tinh"), world[PROVINCE])["entries"]
    assert [(e["entity_label"], e["label"]) for e in province
            if e["entity_kind"] == "incoming"][::-1] == [
        (f"văn bản đến 1/BC-UBND của {A}", "Sổ văn bản đến: — → số đến 1/2026, ngày đến "
                                           "03/04/2026"),
        (f"văn bản đến 1/BC-UBND của {B}", "Sổ văn bản đến: — → số đến 2/2026, ngày đến "
                                           "06/04/2026"),
        (f"văn bản đến 1/BC-UBND của {A}", "Sổ văn bản đến: — → số đến 1/2027, ngày đến "
                                           "05/01/2027")]


def test_a_cancel_is_in_the_history_with_its_reason(session: Any, world: Any) -> None:
    s, p = session, who(session, "vp_a")
    doc = register.enter(s, p, world[A], Q1, date(2026, 4, 2))
    register.cancel(s, p, doc["id"], "Ghi nhầm kỳ", date(2026, 4, 3))
    rows = s.query(AuditEntry).filter(AuditEntry.entity_kind == "outgoing") \
        .order_by(AuditEntry.id).all()
    assert [(e.old, e.new, e.username) for e in rows] == [
        (None, "đã vào sổ, chưa gửi", "vp_a"), ("đã vào sổ, chưa gửi", "đã hủy số", "vp_a")]
    assert '"reason": "Ghi nhầm kỳ"' in rows[-1].detail


def test_the_period_stays_locked_while_another_report_of_it_stands(session: Any,
                                                                   world: Any) -> None:
    s, p = session, who(session, "vp_a")
    plan_id = s.query(Plan.id).filter(Plan.unit_id == world[A]).scalar()
    every = register.enter(s, p, world[A], Q1, date(2026, 4, 2))  # all the plans
    one = register.enter(s, p, world[A], register.Entry("quy", "Q1/2026", date(2026, 4, 3),
                                                         plan_id), date(2026, 4, 3))
    assert [x["outgoing_id"] for x in locks.locked_periods(s, world[A])] == [every["id"]]
    register.cancel(s, p, every["id"], "", date(2026, 4, 4))
    assert [x["outgoing_id"] for x in locks.locked_periods(s, world[A])] == [every["id"]]
    register.cancel(s, p, one["id"], "", date(2026, 4, 5))  # the last one: reopened
    assert locks.locked_periods(s, world[A]) == []
