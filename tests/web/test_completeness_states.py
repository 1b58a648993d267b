"""The dashboard's completeness tells sent, validated and returned apart (issue 20 item 3):
Phòng Kinh tế's target of Xã An Bình (t1; the plan reports quarterly, so Quý IV/2026 is
owed on 15/01/2027) goes sent → returned → sent again → accepted, and the row and the
totals follow each step, in JSON and on the page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import A, World
from tests.web.progress_world import implement

HX = {"HX-Request": "true"}
KEYS = ("expected", "reported", "submitted", "validated", "pending", "returned")


@pytest.fixture
def items(world: World, as_user: Any) -> dict[str, dict[str, dict[str, Any]]]:
    return implement(as_user, world)


def _row(client: Any, unit: int) -> tuple[dict[str, int], dict[str, int]]:
    """(Phòng Kinh tế's row, the totals) of the dashboard's completeness, on 15/01/2027."""
    found = client.get(f"/api/units/{unit}/dashboard", params={"as_of": "2027-01-15"}).json()
    done = found["completeness"]
    [row] = [a for a in done["agencies"] if a["agency"] == "Phòng Kinh tế"]
    return {k: row[k] for k in KEYS}, {k: done[k] for k in KEYS}


def test_sent_returned_resent_accepted(world: World, as_user: Any, items: Any) -> None:
    agency, office = as_user("donvi"), as_user("vanphong")
    unit = world.units[A]
    row, total = _row(office, unit)
    owed = row["expected"]  # t1 and the tasks the plan gives Phòng Kinh tế
    assert row == {"expected": owed, "reported": 0, "submitted": 0, "validated": 0,
                   "pending": 0, "returned": 0} and owed >= 1
    expected_all = total["expected"]
    sent = agency.post("/api/items/t1/progress", json={"period": "Q4/2026", "value": "600"})
    assert sent.status_code == 201 and sent.json()["waiting"] is True
    assert _row(office, unit) == (
        {"expected": owed, "reported": 0, "submitted": 1, "validated": 0, "pending": 1,
         "returned": 0},
        {"expected": expected_all, "reported": 0, "submitted": 1, "validated": 0,
         "pending": 1, "returned": 0})
    waiting = office.get(f"/api/units/{unit}/pending-figures").json()["waiting"][0]["id"]
    back = office.post(f"/api/figures/{waiting}/return", json={"reason": "Sai đơn vị"})
    assert back.status_code == 200
    row, total = _row(office, unit)
    assert (row["submitted"], row["pending"], row["returned"], row["validated"]) == (1, 0, 1, 0)
    page = office.get(f"/don-vi/{unit}/tong-quan", params={"ngay": "2027-01-15"}).text
    assert "<th class=\"so\">Bị trả lại</th>" in page
    assert (f"Cơ quan đã gửi 1 / {expected_all} mục: đã xác nhận 0, chờ xác nhận 0, bị trả "
            "lại 1.") in page
    assert agency.post("/api/items/t1/progress",
                       json={"period": "Q4/2026", "value": "60"}).status_code == 201
    row, _ = _row(office, unit)
    assert (row["submitted"], row["pending"], row["returned"]) == (1, 1, 0)
    again = office.get(f"/api/units/{unit}/pending-figures").json()["waiting"][0]["id"]
    assert office.post(f"/api/figures/{again}/accept").status_code == 200
    assert _row(office, unit)[0] == {"expected": owed, "reported": 1, "submitted": 1,
                                     "validated": 1, "pending": 0, "returned": 0}
    # the agency reads its own row with the same counts
    mine = agency.get(f"/api/units/{unit}/dashboard", params={"as_of": "2027-01-15"}).json()
    assert [(a["agency"], a["validated"]) for a in mine["completeness"]["agencies"]] == [
        ("Phòng Kinh tế", 1)]
