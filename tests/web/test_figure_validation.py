"""'Số liệu chờ xác nhận' through pages and JSON: an agency's figure waits (the dashboard
says so and does not count it), the office sees the warning, returns it with the reason
(the agency sees why), the agency sends it again and the office accepts it; a locked
period refuses; another commune's figure is not there."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import A, B, World
from tests.web.progress_world import implement

HX = {"HX-Request": "true"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def items(world: World, as_user: Any) -> dict[str, dict[str, dict[str, Any]]]:
    return implement(as_user, world)


def _code(client: Any, as_of: str = "2027-01-15") -> str:
    return str(client.get("/api/items/t1", params={"as_of": as_of}).json()["status"]["code"])


def test_agency_sends_office_returns_agency_resends_office_accepts(
        world: World, as_user: Any, items: Any) -> None:
    agency, office = as_user("donvi"), as_user("vanphong")
    unit = world.units[A]
    r = agency.post("/muc/t1/so-lieu", data={"period": "2026", "value": "600", "tiep":
                                             f"/don-vi/{unit}/viec-cua-toi"}, headers=HX,
                    files={"evidence": ("bien-ban.pdf", PDF, "application/pdf")})
    assert r.status_code == 200
    assert "Đã gửi số liệu t1 kỳ Năm 2026: 600 triệu đồng/năm; chờ văn phòng hoặc lãnh đạo " \
        "xác nhận." in r.text
    assert _code(office) == "chua_co_so_lieu"  # not counted while it waits
    board = office.get(f"/api/units/{unit}/dashboard", params={"as_of": "2027-01-15"}).json()
    assert board["waiting_figures"] == 1
    page = office.get(f"/don-vi/{unit}/tong-quan", params={"ngay": "2027-01-15"}).text
    assert "1 số liệu chờ xác nhận</a> (chưa tính vào trạng thái)" in page
    home = office.get(f"/don-vi/{unit}").text
    assert "Số liệu chờ xác nhận (1)</a>" in home
    assert "1 số liệu chờ xác nhận chưa được tính trong báo cáo" in home
    listed = office.get(f"/api/units/{unit}/pending-figures").json()
    assert listed["waiting"][0]["evidence"] == "bien-ban.pdf"
    assert office.get(f"/tep/{listed['waiting'][0]['evidence_id']}").content == PDF
    [figure] = listed["waiting"]
    assert (figure["ref"], figure["value_text"], figure["sent_by"]) == ("t1", "600", "donvi")
    shown = office.get(f"/don-vi/{unit}/so-lieu-cho-xac-nhan").text
    assert 'hx-confirm="Xác nhận số liệu t1 Năm 2026: 600?' in shown
    back = office.post(f"/don-vi/{unit}/so-lieu-cho-xac-nhan/{figure['id']}/tra-lai",
                       data={"reason": "Nhầm đơn vị: ghi theo triệu đồng"}, headers=HX)
    assert back.status_code == 200
    assert "Đã trả lại số liệu t1 Năm 2026 cho Phòng Kinh tế." in back.text
    mine = agency.get(f"/don-vi/{unit}/so-lieu-cho-xac-nhan").text
    assert "Lý do: Nhầm đơn vị: ghi theo triệu đồng" in mine and "Xác nhận</button>" not in mine
    again = agency.post("/api/items/t1/progress", json={"period": "2026", "value": "60"})
    assert again.status_code == 201 and again.json()["waiting"] is True
    ok = office.post(f"/api/figures/{again.json()['id']}/accept")
    assert ok.status_code == 200 and ok.json()["state"] == "da_xac_nhan"
    assert _code(office) == "dung_tien_do"
    assert office.get(f"/api/units/{unit}/dashboard",
                      params={"as_of": "2027-01-15"}).json()["waiting_figures"] == 0
    history = " ".join(office.get(f"/don-vi/{unit}/lich-su").text.split())
    assert f"số liệu chờ xác nhận số {figure['id']}" in history
    assert "trạng thái xác nhận" in history and "bị trả lại" in history


def test_a_figure_sent_from_the_target_page_is_said_to_wait_not_to_be_recorded(
        world: World, as_user: Any, items: Any) -> None:
    agency, office = as_user("donvi"), as_user("vanphong")
    unit = world.units[A]
    sent = agency.post("/muc/t1/so-lieu", data={"period": "2026", "value": "600",
                                                "tiep": "/chi-tieu/t1"},
                       follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == "/chi-tieu/t1?da_gui=t1#tb-t1"
    page = " ".join(agency.get(sent.headers["location"]).text.split())
    assert "Đã gửi số liệu của mục t1; số liệu chờ văn phòng hoặc lãnh đạo xác nhận, chưa " \
        "được tính" in page
    assert "Đã ghi số liệu của mục" not in page
    assert "<h2 id=\"da-gui\">Số liệu đã gửi, chưa tính</h2>" in page
    assert "<td>Năm 2026</td><td class=\"so\">600 triệu đồng/năm</td> <td>donvi</td>" in page
    assert "<td>chờ xác nhận</td>" in page
    mine = " ".join(agency.get(f"/don-vi/{unit}/viec-cua-toi?da_gui=t1").text.split())
    assert "Đã gửi số liệu của mục t1; chờ văn phòng hoặc lãnh đạo xác nhận" in mine
    [figure] = office.get(f"/api/units/{unit}/pending-figures").json()["waiting"]
    office.post(f"/api/figures/{figure['id']}/return", json={"reason": "Thiếu biên bản"})
    back = " ".join(agency.get("/chi-tieu/t1").text.split())
    assert "<td>bị trả lại. Lý do: Thiếu biên bản</td>" in back
    again = agency.post("/api/items/t1/progress", json={"period": "2026", "value": "610"})
    office.post(f"/api/figures/{again.json()['id']}/accept")
    done = agency.get("/chi-tieu/t1").text
    assert "Số liệu đã gửi, chưa tính" not in done  # counted now: in the history instead
    assert "Lịch sử số liệu" in done and "610" in done


def test_the_validator_sees_the_warning_and_the_agency_cannot_accept(
        world: World, as_user: Any, items: Any) -> None:
    agency, office = as_user("donvi"), as_user("vanphong")
    unit = world.units[A]
    assert office.post("/api/items/t1/progress",
                       json={"period": "Q2/2026", "value": "40"}).json()["waiting"] is False
    sent = agency.post("/api/items/t1/progress", json={"period": "Q3/2026", "value": "20"})
    page = office.get(f"/don-vi/{unit}/so-lieu-cho-xac-nhan").text
    assert "Cần xem lại: số lũy kế 20 thấp hơn 40 của Quý II/2026; số lũy kế không giảm." \
        in page
    refused = agency.post(f"/api/figures/{sent.json()['id']}/accept")
    assert refused.status_code == 403 and "văn phòng hoặc lãnh đạo" in refused.json()[
        "error"]["message"]
    other = as_user("khac")  # another commune: the figure does not exist for it
    assert other.post(f"/api/figures/{sent.json()['id']}/accept").status_code == 404
    assert other.get(f"/api/units/{world.units[B]}/pending-figures").json()["waiting"] == []


def test_a_locked_period_refuses_the_agency_and_the_office(
        world: World, as_user: Any, items: Any) -> None:
    agency, office = as_user("donvi"), as_user("vanphong")
    unit = world.units[A]
    r = office.post(f"/don-vi/{unit}/chot-ky", data={"period": "2026"}, headers=HX)
    assert r.status_code == 200 and "Đã chốt Năm 2026." in r.text
    for client in (agency, office):
        refused = client.post("/api/items/t1/progress", json={"period": "2026", "value": "60"})
        assert refused.status_code == 409 and "đã chốt" in refused.json()["error"]["message"]
    no_reason = office.post(f"/api/units/{unit}/period-locks/reopen", json={"period": "2026"})
    assert no_reason.status_code == 400
    opened = office.post(f"/api/units/{unit}/period-locks/reopen",
                         json={"period": "2026", "reason": "Cục Thống kê đính chính"})
    assert opened.status_code == 201 and opened.json()["state"] == "reopened"
    assert agency.post("/api/items/t1/progress",
                       json={"period": "2026", "value": "60"}).status_code == 201


def test_the_periods_waiting_figures_count_under_their_lead_agency_in_completeness(
        world: World, as_user: Any, items: Any) -> None:
    """The commune's completeness counts a figure waiting for its period under the
    target's lead agency (two statements however many wait), and one of another period
    nowhere."""
    agency, office = as_user("donvi"), as_user("vanphong")
    unit = world.units[A]
    for period in ("Q4/2026", "Q3/2026"):
        sent = agency.post("/api/items/t1/progress", json={"period": period, "value": "600"})
        assert sent.status_code == 201 and sent.json()["waiting"] is True
    lead = sent.json()["lead_agency"]
    board = office.get(f"/api/units/{unit}/dashboard", params={"as_of": "2027-01-15"}).json()
    done = board["completeness"]
    assert done["period"] == "2026-Q4" and done["waiting"] == 1
    assert [(a["agency"], a["waiting"]) for a in done["agencies"] if a["waiting"]] == [(lead, 1)]
