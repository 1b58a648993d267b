"""'Việc của tôi' and recording progress through pages and API: who may record on what,
CSRF, Vietnamese errors with nothing stored, and the dashboard changing after a report."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import A, B, World
from tests.web.progress_world import LATE, counting_at_once, implement
from theodoi.services import uow
from theodoi.services.progress import records as progress

HX = {"HX-Request": "true"}


@pytest.fixture
def items(world: World, as_user: Any) -> dict[str, dict[str, dict[str, Any]]]:
    return implement(as_user, world)


def _history(world: World, ref: str) -> list[Any]:
    with uow.transaction(world.settings) as s:
        if ref.startswith("t"):
            return progress.history(s, ref)
        return progress.task_history(s, ref)


def _dashboard_code(client: Any, world: World, ref: str, as_of: str = LATE.isoformat()) -> str:
    data = client.get(f"/api/units/{world.units[A]}/dashboard",
                      params={"as_of": as_of}).json()
    found = client.get(f"/api/items/{ref}", params={"as_of": as_of}).json()
    assert data["totals"]["targets"] >= 1
    return str(found["status"]["code"])


def test_an_agency_records_a_value_for_its_own_target_and_the_dashboard_changes(
        world: World, as_user: Any, items: Any) -> None:
    agency, leader = as_user("donvi"), as_user("lanhdao")
    before = leader.get(f"/don-vi/{world.units[A]}/tong-quan", params={"ngay": "2027-01-15"})
    assert before.status_code == 200 and "Chưa có số liệu" in before.text
    assert _dashboard_code(leader, world, "t1") == "chua_co_so_lieu"
    page = agency.get(f"/don-vi/{world.units[A]}/viec-cua-toi")
    assert page.status_code == 200 and 'id="viec-t1"' in page.text
    r = agency.post("/muc/t1/so-lieu", data={"period": "2026", "value": "60",
                                             "note": "theo số liệu thống kê",
                                             "tiep": f"/don-vi/{world.units[A]}/viec-cua-toi"},
                    files={"evidence": ("bao-cao.pdf", b"%PDF-1.4 minh chung", "application/pdf")},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    # back to the form's own notice area, where the page says it was sent, not recorded:
    # the unit validates its agencies' figures
    assert r.headers["location"] == f"/don-vi/{world.units[A]}/viec-cua-toi?da_gui=t1#tb-t1"
    shown = agency.get(r.headers["location"].split("#")[0]).text
    assert '<div class="thong-bao-form" id="tb-t1" tabindex="-1" aria-live="polite" autofocus>' \
        '<p class="thanh-cong" role="status">Đã gửi số liệu của mục t1; chờ văn phòng hoặc ' \
        'lãnh đạo xác nhận, chưa được tính.</p>' in shown
    # the agency's figure waits for the office (issue 20): nothing counts until accepted
    assert _history(world, "t1") == []
    assert _dashboard_code(leader, world, "t1") == "chua_co_so_lieu"
    office = as_user("vanphong")
    [waiting] = office.get(f"/api/units/{world.units[A]}/pending-figures").json()["waiting"]
    assert office.post(f"/api/figures/{waiting['id']}/accept").status_code == 200
    [row] = _history(world, "t1")
    assert row.value == 60 and row.recorded_by == "donvi" and row.evidence
    # the first value starts the line to 90 in 2030: on track until the next one
    assert _dashboard_code(leader, world, "t1") == "dung_tien_do"
    after = leader.get(f"/don-vi/{world.units[A]}/tong-quan", params={"ngay": "2027-01-15"})
    on_track = '<td class="so" data-ma="dung_tien_do">1</td>'  # every status is a column
    assert on_track in after.text and on_track not in before.text
    # a later year-to-date figure far below its share of the year is behind: from 60 in
    # 2026 to the roadmap's 80 in 2028, 2027 should bring 70, and 17 by March
    r = agency.post("/api/items/t1/progress", json={"period": "Q1/2027", "value": "8"})
    assert r.status_code == 201
    assert office.post(f"/api/figures/{r.json()['id']}/accept").status_code == 200
    assert _dashboard_code(leader, world, "t1", "2027-04-15") == "cham_tien_do"
    after = leader.get(f"/don-vi/{world.units[A]}/tong-quan", params={"ngay": "2027-04-15"})
    assert "Chậm tiến độ" in after.text and "/chi-tieu/t1" in after.text


def test_an_htmx_report_answers_with_a_notice(world: World, as_user: Any, items: Any) -> None:
    counting_at_once(world)
    agency = as_user("donvi")
    mine = f"/don-vi/{world.units[A]}/viec-cua-toi"
    r = agency.post("/muc/t1/so-lieu", data={"period": "Q1/2026", "value": "72,5"}, headers=HX)
    assert r.status_code == 200 and "Đã ghi số liệu t1 kỳ Quý I/2026: 72,5" in r.text
    assert "hx-swap-oob" not in r.text  # from the target page: only the notice
    period = agency.get(f"/api/units/{world.units[A]}/my-work").json()["targets"][0]
    r = agency.post("/muc/t1/so-lieu", data={"period": period["period_label"], "value": "73",
                                             "tiep": mine}, headers=HX)
    assert r.status_code == 200 and 'id="viec-t1" hx-swap-oob="outerHTML"' in r.text
    assert "đã báo cáo" in r.text  # the item redrawn: reported for the period
    r = agency.post("/muc/k1/tien-do", data={"state": "dang_thuc_hien", "percent": "40",
                                             "product": "dự thảo"}, headers=HX)
    assert r.status_code == 200 and "Đang thực hiện" in r.text
    [update] = _history(world, "k1")
    assert update.state == "dang_thuc_hien" and update.percent == 40
    assert update.recorded_by == "donvi"


def test_an_agency_gets_not_found_for_another_agencys_or_communes_items(
        world: World, as_user: Any, items: Any) -> None:
    agency = as_user("donvi")
    other_commune_target = next(r for r in items[B] if r.startswith("t"))
    for ref in ("k2", other_commune_target):
        page = agency.post(f"/muc/{ref}/tien-do" if ref.startswith("k") else
                           f"/muc/{ref}/so-lieu",
                           data={"state": "hoan_thanh", "period": "2026", "value": "1"})
        assert page.status_code == 404, (ref, page.text)
        api = agency.post(f"/api/items/{ref}/progress", json={"period": "2026", "value": 1})
        assert api.status_code == 404 and api.json()["error"]["message"] == \
            f"không có mục {ref}."
        assert agency.get(f"/api/items/{ref}").status_code == 404
        assert _history(world, ref) == []
    assert agency.get(f"/api/units/{world.units[B]}/my-work").status_code == 404
    mine = agency.get(f"/api/units/{world.units[A]}/my-work").json()
    assert {e["ref"] for e in mine["targets"] + mine["tasks"]} == {"t1", "k1", "k3"}


def test_the_office_records_for_any_item_of_its_unit(world: World, as_user: Any,
                                                     items: Any) -> None:
    office = as_user("vanphong")
    r = office.post("/api/items/t2/progress", json={"period": "2026", "value": "0,8",
                                                    "note": "báo cáo giấy của Phòng VH-XH"})
    assert r.status_code == 201 and r.json()["value"] == 0.8
    r = office.post("/api/items/k2/update", json={"state": "Hoàn thành",
                                                  "completed_on": "20/11/2026"})
    assert r.status_code == 201 and r.json()["state"] == "hoan_thanh"
    mine = office.get(f"/api/units/{world.units[A]}/my-work").json()
    assert len(mine["targets"]) == 3 and len(mine["tasks"]) == 3
    assert office.post(f"/api/items/{next(iter(items[B]))}/progress",
                       json={"period": "2026", "value": 1}).status_code == 404


@pytest.mark.parametrize("user", ["xem", "lanhdao", "tinh"])
def test_readers_cannot_record(world: World, as_user: Any, items: Any, user: str) -> None:
    reader = as_user(user)
    assert reader.post("/api/items/t1/progress",
                       json={"period": "2026", "value": 70}).status_code == 403
    assert reader.post("/muc/k1/tien-do", data={"state": "hoan_thanh"}).status_code == 403
    assert reader.get(f"/don-vi/{world.units[A]}/viec-cua-toi").status_code == 403
    assert reader.get("/chi-tieu/t1").status_code == 200
    assert _history(world, "t1") == [] and _history(world, "k1") == []


def test_csrf_is_required(world: World, as_user: Any, items: Any) -> None:
    agency = as_user("donvi")
    token = agency.headers.pop("X-CSRF-Token")
    r = agency.post("/muc/t1/so-lieu", data={"period": "2026", "value": "70"})
    assert r.status_code == 403 and "CSRF" in r.text
    r = agency.post("/api/items/t1/progress", json={"period": "2026", "value": 70})
    assert r.status_code == 403
    r = agency.post("/muc/t1/so-lieu", data={"period": "2026", "value": "70",
                                             "csrf_token": "sai"})
    assert r.status_code == 403
    assert _history(world, "t1") == []
    r = agency.post("/muc/t1/so-lieu", data={"period": "2026", "value": "70",
                                             "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303


@pytest.mark.parametrize(("path", "data", "words"), [  # as the page shows them: capitalised
    ("/muc/t1/so-lieu", {"period": "2026", "value": "đang thực hiện"}, "không phải là số"),
    ("/muc/t1/so-lieu", {"period": "2026", "value": " "}, "Hãy nhập giá trị"),
    ("/muc/t1/so-lieu", {"period": "quý 5/2026", "value": "70"}, "Kỳ báo cáo"),
    ("/muc/t1/so-lieu", {"period": "2026", "value": "70", "unit": "con gà"}, "đơn vị"),
    ("/muc/k1/tien-do", {"state": "xong rồi"}, "Trạng thái nhiệm vụ"),
    ("/muc/k1/tien-do", {"state": "dang_thuc_hien", "percent": "150"}, "từ 0 đến 100"),
    ("/muc/k1/tien-do", {"state": "hoan_thanh", "completed_on": "31/02/2026"},
     "Ngày hoàn thành"),
    ("/muc/t1/tien-do", {"state": "hoan_thanh"}, "là chỉ tiêu"),
])
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_stored(
        world: World, as_user: Any, items: Any, path: str, data: dict[str, str],
        words: str) -> None:
    agency = as_user("donvi")
    page = agency.post(path, data=data)
    assert page.status_code == 400 and words in page.text, page.text
    hx = agency.post(path, data=data, headers=HX)
    assert hx.status_code == 400 and hx.headers["HX-Retarget"] == "#thong-bao"
    assert words in hx.text and 'class="loi"' in hx.text
    # from the form, which answers into its own notice area: the error is shown there
    ref = path.split("/")[2]
    beside = agency.post(path, data=data, headers={**HX, "HX-Target": f"tb-{ref}"})
    assert beside.status_code == 400 and beside.headers["HX-Retarget"] == f"#tb-{ref}"
    assert _history(world, "t1") == [] and _history(world, "k1") == []


def test_bad_input_through_the_api(world: World, as_user: Any, items: Any) -> None:
    agency = as_user("donvi")
    r = agency.post("/api/items/t1/progress", json={"period": "2026", "value": "nhiều"})
    assert r.status_code == 400 and "không phải là số" in r.json()["error"]["message"]
    r = agency.post("/api/items/t1/progress", json={"period": "2026", "value": 1,
                                                    "evidence": {"name": "a.pdf",
                                                                 "content_base64": "%%"}})
    assert r.status_code == 400 and "base64" in r.json()["error"]["message"]
    assert _history(world, "t1") == []
