"""The reminder rules: when a due day puts a line in a digest, the leaders' escalation,
grouping by urgency, quiet days and hours, keys and back-off. Expected days are counted
by hand on the calendar."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from theodoi.domain import reminders as r
from theodoi.domain.errors import BadInput

REPORT = r.rules_for({})["report_due"]  # 7/3/1 days before, then weekly once overdue


def due(day: date, ref: str = "t1", trigger: str = "report_due") -> r.Due:
    return r.Due(trigger, ref, "Thu ngân sách nhà nước", "Báo cáo Quý IV/2026", 10, day,
                 f"/chi-tieu/{ref}")


@pytest.mark.parametrize(("as_of", "urgency", "phrase"), [
    (date(2026, 12, 29), "sap_den_han", "còn 7 ngày"),
    (date(2026, 12, 30), None, None),
    (date(2027, 1, 2), "sap_den_han", "còn 3 ngày"),
    (date(2027, 1, 4), "sap_den_han", "còn 1 ngày"),
    (date(2027, 1, 5), "hom_nay", "đến hạn hôm nay"),
    (date(2027, 1, 6), "qua_han", "quá hạn 1 ngày"),
    (date(2027, 1, 7), None, None),  # not daily once overdue ...
    (date(2027, 1, 12), None, None),
    (date(2027, 1, 13), "qua_han", "quá hạn 8 ngày"),  # ... but a week later
    (date(2027, 1, 20), "qua_han", "quá hạn 15 ngày"),
])
def test_a_report_due_on_5_january_is_reminded_before_on_and_weekly_after(
        as_of: date, urgency: str | None, phrase: str | None) -> None:
    line = r.fires(due(date(2027, 1, 5)), REPORT, as_of)
    assert (line.urgency, line.phrase) == (urgency, phrase) if line else urgency is None


def test_a_unit_may_change_the_days_or_turn_a_trigger_off() -> None:
    rules = r.rules_for({"report_due": {"before_days": [10], "overdue_every_days": 3}})
    day = date(2027, 1, 5)
    assert r.fires(due(day), rules["report_due"], date(2026, 12, 26)).phrase == "còn 10 ngày"
    assert r.fires(due(day), rules["report_due"], date(2026, 12, 29)) is None
    assert r.fires(due(day), rules["report_due"], date(2027, 1, 9)).phrase == "quá hạn 4 ngày"
    off = r.rules_for({"report_due": {"enabled": False}})["report_due"]
    assert r.fires(due(day), off, day) is None


@pytest.mark.parametrize(("trigger", "params", "message"), [
    ("bao_cao", {}, "không có loại nhắc việc 'bao_cao'"),
    ("report_due", {"moi_ngay": True}, "không có tham số moi_ngay"),
    ("report_due", {"before_days": [0]}, "'before_days' là danh sách"),
    ("report_due", {"before_days": "7"}, "'before_days' là danh sách"),
    ("report_due", {"overdue_every_days": 0}, "'overdue_every_days' là số ngày từ 1"),
    ("escalation", {"after_days": -1}, "'after_days' là số ngày từ 0"),
    ("escalation", {"roles": ["don_vi"]}, "'roles' chỉ gồm"),
    ("plan_activated", {"enabled": "có"}, "'enabled' phải là true hoặc false"),
])
def test_a_bad_rule_is_refused_in_vietnamese(trigger: str, params: dict[str, object],
                                             message: str) -> None:
    with pytest.raises(BadInput, match=message):
        r.check_rule(trigger, params)


def test_news_is_told_the_day_after_it_happened_only() -> None:
    activated = r.Due("plan_activated", "kh1", "Kế hoạch 12", "Kế hoạch mới", 10,
                      date(2027, 1, 5), "/ke-hoach/1")
    rule = r.rules_for({})["plan_activated"]
    assert r.news(activated, rule, date(2027, 1, 6)).urgency == "thong_tin"
    assert r.news(activated, rule, date(2027, 1, 5)) is None
    assert r.news(activated, rule, date(2027, 1, 7)) is None


def test_the_leader_hears_of_everything_overdue_when_something_is_due_a_reminder() -> None:
    rules = r.rules_for({"escalation": {"after_days": 3}})
    items = [due(date(2027, 1, 5), "t1"), due(date(2026, 12, 30), "t2"),
             due(date(2027, 1, 20), "t3")]
    # 13/01: t1 8 days late (its weekly reminder), t2 14 days late (listed, more than 3)
    listed = r.escalation(items, rules["escalation"], date(2027, 1, 13), rules)
    assert [(ln.ref, ln.phrase) for ln in listed] == [("t2", "quá hạn 14 ngày"),
                                                     ("t1", "quá hạn 8 ngày")]
    # 15/01: no overdue item has a reminder that day (t1 9 days, t2 16: theirs were the
    # 13th and the 14th)
    assert r.escalation(items, rules["escalation"], date(2027, 1, 15), rules) == []
    # 06/01: t1 one day late is not more than 3 days; t2 (7 days) has no reminder today
    assert r.escalation(items, rules["escalation"], date(2027, 1, 6), rules) == []


def test_a_digest_is_grouped_most_urgent_first_and_lists_an_item_once() -> None:
    today = date(2027, 1, 5)
    lines = [r.fires(due(date(2027, 1, 8), "t3"), REPORT, today),
             r.fires(due(date(2027, 1, 5), "t2"), REPORT, today),
             r.fires(due(date(2027, 1, 4), "t1"), REPORT, today),
             r.fires(due(date(2027, 1, 4), "t1"), REPORT, today)]
    groups = r.grouped(ln for ln in lines if ln)
    assert [(u, [ln.ref for ln in chosen]) for u, _, chosen in groups] == [
        ("qua_han", ["t1"]), ("hom_nay", ["t2"]), ("sap_den_han", ["t3"])]
    assert [label for _, label, _ in groups] == ["Đã quá hạn", "Đến hạn hôm nay",
                                                 "Sắp đến hạn"]


QUIET = r.Quiet(frozenset({6}), time(21, 0), time(7, 0))  # Sundays, 21:00-07:00


@pytest.mark.parametrize(("now", "quiet"), [
    (datetime(2027, 1, 6, 8, 0), False),   # Wednesday morning
    (datetime(2027, 1, 6, 6, 59), True),   # before seven
    (datetime(2027, 1, 6, 21, 0), True),   # from nine in the evening
    (datetime(2027, 1, 10, 12, 0), True),  # a Sunday
])
def test_quiet_days_and_hours(now: datetime, quiet: bool) -> None:
    assert r.is_quiet(now, QUIET) is quiet


def test_what_is_made_in_quiet_hours_goes_when_they_end() -> None:
    assert r.quiet_ends(datetime(2027, 1, 6, 22, 10), QUIET) == datetime(2027, 1, 7, 7, 0)
    # Saturday night: Sunday is quiet all day, so Monday at seven
    assert r.quiet_ends(datetime(2027, 1, 9, 23, 0), QUIET) == datetime(2027, 1, 11, 7, 0)
    assert r.quiet_ends(datetime(2027, 1, 6, 9, 30), QUIET) == datetime(2027, 1, 6, 9, 30)


@pytest.mark.parametrize(("typed", "clock"), [("21:00", time(21)), ("7h", time(7)),
                                              ("6 giờ 30", time(6, 30))])
def test_a_time_of_day_as_typed(typed: str, clock: time) -> None:
    assert r.parse_clock(typed) == clock


def test_a_bad_time_of_day_is_refused() -> None:
    with pytest.raises(BadInput, match="giờ '25:00' không hợp lệ"):
        r.parse_clock("25:00")


def test_one_key_per_person_day_and_channel_and_a_growing_wait() -> None:
    assert r.message_key(7, date(2027, 1, 6), "email") == "7/2027-01-06/email"
    assert [r.retry_after(n) for n in (1, 2, 3)] == [timedelta(minutes=1),
                                                     timedelta(minutes=5),
                                                     timedelta(minutes=30)]
    assert r.retry_after(r.MAX_ATTEMPTS - 1) == timedelta(hours=6)
    assert r.retry_after(r.MAX_ATTEMPTS) is None


@pytest.mark.parametrize(("text", "names"), [
    ("Đề nghị @vanphong kiểm tra; @KinhTe.AnBinh nắm.", ["vanphong", "kinhte.anbinh"]),
    ("gửi kinhte@anbinh.gov.vn và @kinhte", ["kinhte"]),  # an address is no mention
    ("@ab @vanphong @vanphong", ["vanphong"]),  # too short a name; once each
])
def test_the_people_a_comment_mentions(text: str, names: list[str]) -> None:
    assert r.mentions(text) == names
