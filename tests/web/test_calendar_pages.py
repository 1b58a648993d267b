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


def test_two_streams_with_fixed_due_days_through_the_api(world: World, as_user: Any) -> None:
    """Quarterly to the UBND before the 15th of the quarter's last month, yearly to the Ban
    Thường vụ before 10/12; a bad second stream is refused by its number, nothing saved."""
    office = as_user("vanphong")
    plan = world.plans[A]
    saved = office.post(f"/api/plans/{plan}/calendar", json={"streams": [
        {"every": "quý", "due": "trước ngày 15 của tháng cuối quý", "to": "UBND xã"},
        {"every": "năm", "due": "10/12", "to": "Ban Thường vụ Đảng ủy"}]})
    assert saved.status_code == 200
    assert [(x["every"], x["days_after"], x["day"], x["month"], x["recipient"])
            for x in saved.json()["streams"]] == [
        ("quarter", None, 15, None, "UBND xã"), ("year", None, 10, 12, "Ban Thường vụ Đảng ủy")]
    shown = as_user("xem").get(f"/api/plans/{plan}/calendar").json()
    assert shown["due_days"] is None and len(shown["streams"]) == 2
    for row in shown["streams"][0]["coming"]:  # the 15th of March, June, September, December
        assert row["due"][5:] in ("03-15", "06-15", "09-15", "12-15")
    assert {row["due"][5:] for row in shown["streams"][1]["coming"]} == {"12-10"}
    page = as_user("xem").get(f"/ke-hoach/{plan}/lich-bao-cao").text
    assert "hạn nộp <strong>trước ngày 10/12 hằng năm</strong>" in page

    bad = office.post(f"/api/plans/{plan}/calendar", json={"streams": [
        {"every": "quý", "due": "10"}, {"every": "năm", "due": "31/2"}]})
    assert bad.status_code == 400 and bad.json()["error"]["message"].startswith(
        "luồng 2: hạn nộp '31/2' không hợp lệ")
    after = office.get(f"/api/plans/{plan}/calendar").json()
    assert after["streams"] == shown["streams"]
