"""A plan's reporting calendar on the web (issue 18 item 1): the office sets how often and
how many days after each period the plan is reported on; readers see the coming dues."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import A, World

# the report of a quarter, due ten days after it ends, by hand
DUE_AFTER_QUARTER = {"Q1": (0, "04-10"), "Q2": (0, "07-10"), "Q3": (0, "10-10"),
                     "Q4": (1, "01-10")}


def test_the_office_sets_quarterly_reports_due_ten_days_after(world: World,
                                                              as_user: Any) -> None:
    office = as_user("vanphong")
    plan = world.plans[A]
    token = office.headers["X-CSRF-Token"]
    done = office.post(f"/ke-hoach/{plan}/lich-bao-cao", follow_redirects=False,
                       data={"csrf_token": token, "every": "quarter", "due_days": "10"},
                       headers={"X-CSRF-Token": ""})
    assert done.status_code == 303
    page = office.get(done.headers["location"]).text
    assert "Đã lưu lịch báo cáo." in page
    assert "Báo cáo theo <strong>quý</strong>, hạn nộp <strong>10 ngày</strong>" in page
    shown = as_user("xem").get(f"/api/plans/{plan}/calendar").json()
    assert (shown["every"], shown["due_days"], shown["can_edit"]) == ("quarter", 10, False)
    assert len(shown["coming"]) == 4
    for row in shown["coming"]:
        year, quarter = row["period"].split("-")
        later, day = DUE_AFTER_QUARTER[quarter]
        assert row["due"] == f"{int(year) + later}-{day}"


def test_a_bad_calendar_changes_nothing(world: World, as_user: Any) -> None:
    office = as_user("vanphong")
    plan = world.plans[A]
    before = office.get(f"/api/plans/{plan}/calendar").json()
    late = office.post(f"/api/plans/{plan}/calendar", json={"every": "year", "due_days": 200})
    assert late.status_code == 400
    assert "hạn báo cáo 200 ngày không hợp lệ" in late.json()["error"]["message"]
    weekly = office.post(f"/api/plans/{plan}/calendar", json={"every": "tuần", "due_days": 5})
    assert weekly.status_code == 400 and "lịch báo cáo 'tuần' không có" in \
        weekly.json()["error"]["message"]
    after = office.get(f"/api/plans/{plan}/calendar").json()
    assert (after["every"], after["due_days"]) == (before["every"], before["due_days"])


def test_only_the_office_changes_it(world: World, as_user: Any) -> None:
    plan = world.plans[A]
    reader = as_user("lanhdao")
    r = reader.post(f"/api/plans/{plan}/calendar", json={"every": "year", "due_days": 5})
    assert r.status_code == 403
    assert "Lưu lịch báo cáo" not in reader.get(f"/ke-hoach/{plan}/lich-bao-cao").text
    assert as_user("khac").get(f"/ke-hoach/{plan}/lich-bao-cao").status_code == 404
