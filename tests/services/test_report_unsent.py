"""Issue 19's "báo cáo chưa gửi" trigger: a commune's periodic report to the level above
not yet sent N days before its due day (3 and 1 by default), on it, the day after and then
weekly, in the digest of the commune's office and leaders; nobody else's. The due day is
the plans' reporting streams' (plan v1: quarterly, 5 days after the quarter). Both
databases."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.services.pdf_bytes import unsigned_pdf
from tests.services.test_outgoing import MAX, PROVINCE, Q1, A, B, make_world, who
from theodoi.services import reminders
from theodoi.services.accounts import users as accounts
from theodoi.services.outgoing import register
from theodoi.services.reminders import digest


@pytest.fixture
def world(session: Any) -> dict[str, Any]:
    """Tỉnh Mẫu over Xã An Bình and Xã Bình Minh, plan v1 active in each (test_outgoing)."""
    return make_world(session)


def _people(s: Any) -> None:
    for name, unit, role, agency in (("chutich_a", A, "lanh_dao", None),
                                     ("kinhte_a", A, "don_vi", "Phòng Kinh tế"),
                                     ("lanhdao_tinh", PROVINCE, "lanh_dao", None)):
        accounts.create_user(s, name, "mat-khau-dai-123")
        accounts.grant(s, name, unit, role, agency)


def _unsent(s: Any, day: date) -> dict[str, list[tuple[str, str, str, str]]]:
    """Per person, the report_unsent lines of the day (text, what, phrase, link)."""
    planned, _ = digest.plan_digests(s, day)
    return {p.username: sorted((ln.text, ln.what, ln.phrase, ln.link) for _, ln in p.lines
                               if ln.trigger == "report_unsent") for p in planned
            if any(ln.trigger == "report_unsent" for _, ln in p.lines)}


def test_the_office_and_the_leader_hear_of_a_quarter_not_sent(session: Any,
                                                              world: Any) -> None:
    s = session
    _people(s)
    soon = _unsent(s, date(2026, 4, 2))  # due 05/04/2026: three days before
    line = ("Báo cáo quý I/2026", f"Chưa gửi báo cáo lên {PROVINCE}", "còn 3 ngày",
            f"/don-vi/{world[A]}/van-ban-di")
    assert soon == {"vp_a": [line], "chutich_a": [line],
                    "vp_b": [(*line[:3], f"/don-vi/{world[B]}/van-ban-di")]}
    assert _unsent(s, date(2026, 4, 3)) == {}  # two days before: not a reminder day
    assert set(_unsent(s, date(2026, 4, 4))) == {"vp_a", "chutich_a", "vp_b"}
    # Xã An Bình numbers its report: numbered is not sent, the line stays
    p = who(s, "vp_a")
    doc = register.enter(s, p, world[A], Q1, date(2026, 4, 4))
    assert _unsent(s, date(2026, 4, 5))["vp_a"][0][2] == "đến hạn hôm nay"
    register.upload_signed(s, p, doc["id"], ("ky.pdf", unsigned_pdf()), max_bytes=MAX)
    register.send(s, p, doc["id"], date(2026, 4, 5))
    late = _unsent(s, date(2026, 4, 6))
    assert set(late) == {"vp_b"} and late["vp_b"][0][2] == "quá hạn 1 ngày"
    assert _unsent(s, date(2026, 4, 7)) == {}  # then weekly, not daily
    assert late == {"vp_b": [(*x[:2], "quá hạn 1 ngày", *x[3:])
                             for x in _unsent(s, date(2026, 4, 13))["vp_b"]]}
    assert "quá hạn 8 ngày" in _unsent(s, date(2026, 4, 13))["vp_b"][0]


def test_the_rule_is_data_per_unit_and_each_person_may_mute_it(session: Any,
                                                               world: Any) -> None:
    s = session
    _people(s)
    reminders.set_unit_rule(s, who(s, "vp_a"), world[A], "report_unsent",
                            {"roles": ["van_phong"], "before_days": [2]})
    assert _unsent(s, date(2026, 4, 2)) == {"vp_b": [
        ("Báo cáo quý I/2026", f"Chưa gửi báo cáo lên {PROVINCE}", "còn 3 ngày",
         f"/don-vi/{world[B]}/van-ban-di")]}
    assert set(_unsent(s, date(2026, 4, 3))) == {"vp_a"}  # only the office, two days before
    prefs = reminders.preferences(s, who(s, "vp_a"))
    reminders.save_preferences(s, who(s, "vp_a"), {
        **{k: prefs[k] for k in ("email", "phone", "zalo_id", "channels") if k in prefs},
        "muted": ["report_unsent"]})
    assert _unsent(s, date(2026, 4, 3)) == {}


def test_a_half_year_and_a_year_report_are_owed_too(session: Any, world: Any) -> None:
    s = session
    _people(s)
    # Q4 and the year 2026 are due 05/01/2027: one day left; 6 months (due 05/07/2026)
    # is 183 days late, a weekly day (1 + 26 × 7); 9 months (due 05/10/2026, 91 days
    # late) is not on its weekly day
    at_year_end = _unsent(s, date(2027, 1, 4))
    assert sorted(x[:3] for x in at_year_end["vp_a"]) == [
        ("Báo cáo 6 tháng đầu năm 2026", f"Chưa gửi báo cáo lên {PROVINCE}", "quá hạn 183 ngày"),
        ("Báo cáo năm 2026", f"Chưa gửi báo cáo lên {PROVINCE}", "còn 1 ngày"),
        ("Báo cáo quý IV/2026", f"Chưa gửi báo cáo lên {PROVINCE}", "còn 1 ngày")]
    assert [x[:3] for x in _unsent(s, date(2026, 10, 6))["vp_a"]] == [
        ("Báo cáo 9 tháng năm 2026", f"Chưa gửi báo cáo lên {PROVINCE}", "quá hạn 1 ngày"),
        ("Báo cáo quý III/2026", f"Chưa gửi báo cáo lên {PROVINCE}", "quá hạn 1 ngày")]
    # the province has no unit above: its leader is never told of its own reports
    assert "lanhdao_tinh" not in at_year_end
    assert "kinhte_a" not in at_year_end  # an agency sends nothing up
