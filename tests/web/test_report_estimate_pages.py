"""The office's estimate of a target's whole year from the target page and its API twin:
the office types it, it shows on the page and in the next report; others may not."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.web.conftest import World
from tests.web.progress_world import implement


@pytest.fixture
def items(world: World, as_user: Any) -> dict[str, dict[str, dict[str, Any]]]:
    return implement(as_user, world)


def test_the_office_types_it_on_the_target_page_and_the_report_shows_it(
        world: World, as_user: Any, items: Any) -> None:
    office = as_user("vanphong")
    page = office.get("/chi-tieu/t1")
    assert 'action="/chi-tieu/t1/uoc-nam"' in page.text
    r = office.post("/chi-tieu/t1/uoc-nam", follow_redirects=False,
                    data={"year": "2026", "value": "72,5",
                          "csrf_token": office.headers["X-CSRF-Token"]})
    assert r.status_code == 303
    assert r.headers["location"] == "/chi-tieu/t1?da_ghi=uoc-nam#tb-uoc-nam"
    shown = office.get(r.headers["location"].split("#")[0]).text
    assert "Đã lưu số ước thực hiện cả năm của chỉ tiêu t1." in shown
    assert "<li>Năm 2026: 72,5 triệu đồng/năm</li>" in shown
    assert [(e["year"], e["value"]) for e in office.get("/api/items/t1").json()["estimates"]] \
        == [(2026, 72.5)]
    book = office.get(f"/api/units/{world.units['Xã An Bình']}/report",
                      params={"kind": "quy", "period": "Q3/2026", "format": "xlsx"})
    ws = load_workbook(BytesIO(book.content))["Chỉ tiêu"]
    heads = [c.value for c in ws[5]]
    assert heads[7] == "Ước thực hiện năm 2026"
    row = next(r for r in ws.iter_rows(min_row=6) if r[7].value is not None)
    assert row[7].value == 72.5 and row[-1].value == "(*) số ước do Văn phòng nhập"
    # the API twin replaces it, and a blank value clears it
    assert office.put("/api/items/t1/estimate", json={"year": 2026, "value": "70"}).json() \
        == {"ref": "t1", "year": 2026, "value": 70.0, "text": "70 triệu đồng/năm"}
    assert office.put("/api/items/t1/estimate", json={"year": 2026, "value": ""}).json()[
        "value"] is None
    assert office.get("/api/items/t1").json()["estimates"] == []


def test_only_the_office_on_targets_and_bad_input_changes_nothing(
        world: World, as_user: Any, items: Any) -> None:
    body = {"year": 2026, "value": "60"}
    assert as_user("lanhdao").put("/api/items/t1/estimate", json=body).status_code == 403
    assert as_user("donvi").put("/api/items/t1/estimate", json=body).status_code == 403
    assert as_user("khac").put("/api/items/t1/estimate", json=body).status_code == 404
    assert "uoc-nam" not in as_user("lanhdao").get("/chi-tieu/t1").text
    office = as_user("vanphong")
    for bad, words in (({"year": 2026, "value": "nhiều"}, "không đọc được"),
                       ({"year": 1800, "value": "60"}, "năm '1800' không hợp lệ"),
                       ({"year": 2026, "value": "-5"}, "không được âm")):
        r = office.put("/api/items/t1/estimate", json=bad)
        assert r.status_code == 400 and words in r.json()["error"]["message"]
    task = office.put("/api/items/k1/estimate", json=body)
    assert task.status_code == 400 and "là nhiệm vụ" in task.json()["error"]["message"]
    assert office.get("/api/items/t1").json()["estimates"] == []


def test_a_new_estimate_changes_the_target_pages_etag(world: World, as_user: Any,
                                                      items: Any) -> None:
    """The page (and its JSON) seen before an estimate was typed is not answered 304."""
    office = as_user("vanphong")
    for path in ("/chi-tieu/t1?ngay=2026-10-08", "/api/items/t1?as_of=2026-10-08"):
        tag = office.get(path).headers["etag"]
        assert office.get(path, headers={"If-None-Match": tag}).status_code == 304
        value = "71" if path.startswith("/chi") else "73"
        assert office.put("/api/items/t1/estimate",
                          json={"year": 2026, "value": value}).status_code == 200
        after = office.get(path, headers={"If-None-Match": tag})
        assert after.status_code == 200 and after.headers["etag"] != tag
        assert (f"Năm 2026: {value} triệu đồng/năm" in after.text) if path.startswith("/chi") \
            else after.json()["estimates"][0]["value"] == float(value)
