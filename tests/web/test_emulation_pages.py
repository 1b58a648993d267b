"""The emulation pages and their JSON twins (issue 21 item 2): sample 002 imported into a
commune proposes its movement on /don-vi/N/thi-dua; the office creates it and adds an
agency; that agency's user writes and signs its registration; a reader sees no form."""

from __future__ import annotations

from typing import Any

from tests.conftest import SAMPLES
from tests.services.conftest import MAX
from tests.web.conftest import A, World
from theodoi.services import uow
from theodoi.services.register import importing

S002 = SAMPLES / "002_d2b9d9a47977116e.txt"
NAME = "Phong trào thi đua thực hiện nhiệm vụ công tác Cải cách hành chính thị trấn Cổ Lễ năm 2024"


def _form(client: Any, path: str, **fields: str) -> Any:
    """Post a page form as the browser does (the CSRF token as a field)."""
    token = client.headers["X-CSRF-Token"]
    return client.post(path, data={"csrf_token": token, **fields}, follow_redirects=False,
                       headers={"X-CSRF-Token": ""})


def test_office_creates_agency_registers_and_signs(world: World, as_user: Any) -> None:
    with uow.transaction(world.settings) as s:
        plan = importing.import_plan(s, A, S002.read_bytes(), S002.name, max_bytes=MAX).plan_id
    unit = world.units[A]
    office = as_user("vanphong")
    page = office.get(f"/don-vi/{unit}/thi-dua").text
    assert NAME in page and "Tạo phong trào từ kế hoạch này" in page
    [offer] = office.get(f"/api/units/{unit}/movements").json()["proposals"]
    r = _form(office, f"/ke-hoach/{plan}/thi-dua", version=str(offer["version"]))
    assert r.status_code == 303
    movement = int(r.headers["location"].split("/")[-1])
    page = office.get(f"/thi-dua/{movement}").text
    assert "Hoàn thành tốt nhiệm vụ trở lên" in page and "10/11/2024" in page
    assert "Tỷ lệ nhiệm vụ hoàn thành đúng hạn ≥ 100%" in page
    m = office.get(f"/api/movements/{movement}").json()
    agencies = office.get(f"/api/units/{unit}/agencies").json()["agencies"]
    kinh_te = next(a["id"] for a in agencies if a["name"] == "Phòng Kinh tế")
    assert _form(office, f"/thi-dua/{movement}/doi-tuong", version=str(m["version"]),
                 kind="agency", agency_id=str(kinh_te)).status_code == 303
    agency = as_user("donvi")
    [part] = agency.get(f"/api/movements/{movement}").json()["participants"]
    assert part["name"] == "Phòng Kinh tế" and part["can_sign"]
    r = _form(agency, f"/doi-tuong/{part['id']}/dang-ky",
              version=str(part["registration"]["version"]),
              commitments="Giải quyết 100% hồ sơ đúng hạn\n\nCó 01 sáng kiến")
    assert r.status_code == 303
    reg = agency.get(f"/api/participants/{part['id']}/registration").json()
    assert reg["participant"]["registration"]["commitments"] == [
        "Giải quyết 100% hồ sơ đúng hạn", "Có 01 sáng kiến"]
    version = str(reg["participant"]["registration"]["version"])
    assert _form(office, f"/doi-tuong/{part['id']}/ky", version=version).status_code == 403
    assert _form(agency, f"/doi-tuong/{part['id']}/ky", version=version).status_code == 303
    page = as_user("xem").get(f"/thi-dua/{movement}").text
    assert "Đã ký đăng ký (Donvi)" in page
    assert "Thêm tiêu chí" not in page and "Lưu bản đăng ký" not in page


def test_an_agency_does_not_see_another_agencys_registration(world: World,
                                                             as_user: Any) -> None:
    office = as_user("vanphong")
    created = office.post(f"/api/units/{world.units[A]}/movements",
                          json={"name": "Phong trào thi đua “Dân vận khéo”"})
    assert created.status_code == 201
    m = created.json()
    agencies = office.get(f"/api/units/{world.units[A]}/agencies").json()["agencies"]
    van_hoa = next(a["id"] for a in agencies if a["name"] == "Phòng Văn hóa - Xã hội")
    part = office.post(f"/api/movements/{m['id']}/participants",
                       json={"version": m["version"], "kind": "agency", "agency_id": van_hoa})
    assert part.status_code == 201
    agency = as_user("donvi")
    assert agency.get(f"/api/movements/{m['id']}").json()["participants"] == []
    hidden = agency.get(f"/api/participants/{part.json()['id']}/registration")
    assert hidden.status_code == 404
    assert hidden.json()["error"]["message"] == (
        f"không có đối tượng thi đua số {part.json()['id']}.")


def test_the_plans_page_offers_then_links_its_movement(world: World, as_user: Any) -> None:
    with uow.transaction(world.settings) as s:
        plan = importing.import_plan(s, A, S002.read_bytes(), S002.name, max_bytes=MAX).plan_id
    office = as_user("vanphong")
    page = office.get(f"/ke-hoach/{plan}").text
    assert f"Kế hoạch này phát động <strong>{NAME}</strong>" in page
    assert "Tạo phong trào thi đua" in page
    assert "Tạo phong trào thi đua" not in as_user("lanhdao").get(f"/ke-hoach/{plan}").text
    version = office.get(f"/api/units/{world.units[A]}/movements").json()["proposals"][0]
    r = _form(office, f"/ke-hoach/{plan}/thi-dua", version=str(version["version"]))
    page = office.get(f"/ke-hoach/{plan}").text
    assert f'<a href="{r.headers["location"]}">Xem phong trào</a>' in page
    assert "thi-dua" not in office.get(f"/ke-hoach/{world.plans[A]}").text  # plan v1: none
