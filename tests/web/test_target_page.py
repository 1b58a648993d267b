"""The target page (trajectory chart as inline SVG, history with corrections, status and
forecast) and the task page (due, lead, updates, status), with their JSON twins."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from tests.web.conftest import World
from tests.web.progress_world import implement
from theodoi.domain import trajectory as tr
from theodoi.services import uow
from theodoi.services.progress import records as progress
from theodoi.services.progress import status
from theodoi.web import chart

SEEN = "2028-01-20"


@pytest.fixture
def items(world: World, as_user: Any) -> dict[str, dict[str, dict[str, Any]]]:
    found = implement(as_user, world)
    with uow.transaction(world.settings) as s:
        progress.set_baseline(s, "t1", 60, 2025)
    office = as_user("vanphong")
    for period, value in (("2026", "66"), ("2026", "68"), ("2027", "73")):  # 66 corrected
        assert office.post("/api/items/t1/progress",
                           json={"period": period, "value": value}).status_code == 201
    return found


def test_the_json_twin_carries_the_trajectory(world: World, as_user: Any, items: Any) -> None:
    data = as_user("lanhdao").get("/api/items/t1", params={"as_of": SEEN}).json()
    assert data["kind"] == "target" and data["item"]["lead_agency"] == "Phòng Kinh tế"
    assert data["milestones"] == [{"year": 2028, "value": 80.0}]
    with uow.transaction(world.settings) as s:
        from theodoi.services.register import items as item_service

        facts = status.target_facts(item_service.get_item(s, "t1"))  # type: ignore[arg-type]
    known = [tr.Actual(date(2026, 12, 31), 68.0), tr.Actual(date(2027, 12, 31), 73.0)]
    expected = [[2026.0, 60.0]] + [[float(y + 1), tr.expected(facts, date(y, 12, 31), known)]
                                   for y in range(2025, 2031)]
    assert data["chart"]["expected"] == expected
    assert data["chart"]["milestones"] == [[2029.0, 80.0]]
    assert [(p["x"], p["y"]) for p in data["chart"]["actuals"]] == [(2027.0, 68.0),
                                                                    (2028.0, 73.0)]
    outlook = tr.forecast(facts, known)
    assert outlook is not None
    assert data["forecast"]["value"] == pytest.approx(outlook.value)
    assert data["chart"]["forecast"] == [[2028.0, 73.0], [2031.0, outlook.value]]
    assert data["chart"]["goal"] == 90.0
    assert data["status"]["code"] == "co_nguy_co"  # 73 against 73,3 on the roadmap to 80
    history = data["history"]
    assert [(r["period"], r["value"], r["current"]) for r in history] == [
        ("2026", 66.0, False), ("2026", 68.0, True), ("2027", 73.0, True)]
    assert history[1]["corrects"] == history[0]["id"]


def test_the_page_draws_the_chart_as_inline_svg(world: World, as_user: Any,
                                                items: Any) -> None:
    client = as_user("lanhdao")
    data = client.get("/api/items/t1", params={"as_of": SEEN}).json()
    page = client.get("/chi-tieu/t1", params={"ngay": SEEN})
    assert page.status_code == 200
    text = page.text
    drawn = chart.svg(data["chart"])
    assert drawn is not None
    [expected] = re.findall(r'<polyline class="ky-vong" points="([^"]+)"', text)
    assert expected == drawn.expected and len(expected.split()) == 7
    [dashed] = re.findall(r'<polyline class="du-bao" points="([^"]+)"', text)
    assert dashed == drawn.forecast and 'stroke-dasharray="6 4"' in text
    circles = re.findall(r'<circle class="thuc-hien" cx="([\d.]+)" cy="([\d.]+)"', text)
    assert circles == [(str(a["cx"]), str(a["cy"])) for a in drawn.actuals] and len(circles) == 2
    # every figure with the target's unit, in the chart too
    assert "<title>Thực hiện Năm 2026: 68 triệu đồng/năm</title>" in text
    assert "<title>Thực hiện Năm 2027: 73 triệu đồng/năm</title>" in text
    assert "<title>Lộ trình năm 2028: 80 triệu đồng/năm</title>" in text
    assert "<title>Mục tiêu: 90 triệu đồng/năm</title>" in text
    assert "<td class=\"so\">73 triệu đồng/năm</td>" in text
    assert "<script" not in text.split("</head>")[1]  # no script in the body: SVG only
    assert 'class="tt tt-co_nguy_co">Có nguy cơ không đạt' in text
    assert "dự kiến" in text and "đã được đính chính" in text
    # the goal in words and the forecast with its unit and basis, no '=' in front of people
    assert "<dt>Mục tiêu</dt><dd>đạt 90 triệu đồng/năm (đến năm 2030)</dd>" in text
    assert " triệu đồng/năm năm 2030</span>" in text
    assert "(theo xu hướng, từ số liệu năm 2026, 2027 và năm gốc 2025)" in text
    x0, y0 = drawn.actuals[0]["cx"], drawn.actuals[0]["cy"]
    assert x0 < drawn.actuals[1]["cx"] and y0 > drawn.actuals[1]["cy"]  # later and higher
    # a reader has no form; the agency and the office do
    assert 'action="/muc/t1/so-lieu"' not in text
    assert 'action="/muc/t1/so-lieu"' in as_user("donvi").get("/chi-tieu/t1").text


def test_the_chart_geometry_maps_years_and_values_into_the_box() -> None:
    drawn = chart.svg({"x_min": 2026.0, "x_max": 2031.0, "goal": 100.0,
                       "expected": [[2026.0, 0.0], [2031.0, 100.0]], "milestones": [],
                       "actuals": [{"x": 2028.5, "y": 50.0, "label": "Năm 2028"}],
                       "forecast": None})
    assert drawn is not None
    left, right = chart.LEFT, chart.WIDTH - chart.RIGHT
    start, end = (tuple(map(float, p.split(","))) for p in drawn.expected.split())
    assert start[0] == left and end[0] == right and start[1] > end[1]
    assert drawn.actuals[0]["cx"] == round((left + right) / 2, 1)
    assert drawn.forecast == "" and chart.svg(None) is None


def test_the_task_page_shows_due_lead_and_its_updates(world: World, as_user: Any,
                                                      items: Any) -> None:
    agency = as_user("donvi")
    assert agency.post("/api/items/k1/update", json={"state": "dang_thuc_hien",
                                                     "percent": 50}).status_code == 201
    assert agency.post("/api/items/k1/update", json={"state": "hoan_thanh",
                                                     "product": "Kế hoạch đã trình"}
                       ).status_code == 201
    data = agency.get("/api/items/k1", params={"as_of": SEEN}).json()
    assert data["kind"] == "task" and data["status"]["due"] == "2026-09-30"
    assert [u["state_label"] for u in data["history"]] == ["Đang thực hiện", "Hoàn thành"]
    done = data["status"]["code"]
    assert done == ("hoan_thanh_tre_han" if date.today() > date(2026, 9, 30)
                    else "hoan_thanh_dung_han")
    page = agency.get("/nhiem-vu/k1", params={"ngay": SEEN})
    assert page.status_code == 200
    assert "30/09/2026" in page.text and "Phòng Kinh tế" in page.text
    assert "Kế hoạch đã trình" in page.text and f"tt tt-{done}" in page.text
    assert '<option value="hoan_thanh" selected>Hoàn thành</option>' in page.text


def test_item_pages_follow_the_access_rules(world: World, as_user: Any, items: Any) -> None:
    agency, other = as_user("donvi"), as_user("khac")
    assert agency.get("/nhiem-vu/k2").status_code == 404
    assert agency.get("/api/items/k2").status_code == 404
    assert other.get("/chi-tieu/t1").status_code == 404
    assert other.get("/api/items/t1").json()["error"]["message"] == "không có mục t1."
    assert as_user("xem").get("/nhiem-vu/k2").status_code == 200
    assert as_user("xem").get("/api/items/t1", params={"as_of": "15/13/2027"}
                              ).status_code == 400
