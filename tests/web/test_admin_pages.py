"""Users, roles and units managed on the web by a quan_tri (issue 18 item 1): the page's
forms and their JSON twins, each within the administrator's own units."""

from __future__ import annotations

import re
from typing import Any

from tests.web.conftest import PASSWORD, A, B, World, login
from theodoi.services import uow
from theodoi.services.accounts import users as accounts

NEW_PASSWORD = "lua-chin-vang-dong-2026"


def _form(client: Any, path: str, **fields: str) -> Any:
    """Post a page form as the browser does (the CSRF token as a field)."""
    token = client.headers["X-CSRF-Token"]
    return client.post(path, data={"csrf_token": token, **fields}, follow_redirects=False,
                       headers={"X-CSRF-Token": ""})


def _agency_id(world: World, client: Any, name: str) -> int:
    agencies = client.get(f"/api/units/{world.units[A]}/agencies").json()["agencies"]
    return next(a["id"] for a in agencies if a["name"] == name)


def test_an_agency_account_made_on_the_page_signs_in_and_must_change_its_password(
        world: World, as_user: Any) -> None:
    admin = as_user("quantri")
    unit = world.units[A]
    page = admin.get(f"/don-vi/{unit}/quan-tri")
    assert page.status_code == 200 and "Tạo người dùng" in page.text
    agency = _agency_id(world, admin, "Phòng Văn hóa - Xã hội")
    done = _form(admin, f"/don-vi/{unit}/quan-tri/nguoi-dung", username="vhxh",
                 full_name="Trần  Thị   Hoa", password=NEW_PASSWORD, role="don_vi",
                 agency_id=str(agency), must_change="1")
    assert done.status_code == 303
    assert done.headers["location"] == f"/don-vi/{unit}/quan-tri?xong=tao"
    shown = admin.get(done.headers["location"]).text
    assert "Đã tạo người dùng." in shown
    assert re.search(r"vhxh</td>\s*<td>Trần Thị Hoa</td>", shown)
    assert "đơn vị (cơ quan chủ trì) ở Xã An Bình (Phòng Văn hóa - Xã hội)" in shown
    newcomer = world.client()
    login(newcomer, "vhxh", NEW_PASSWORD)
    assert newcomer.get("/api/me").json()["must_change_password"] is True
    assert newcomer.get(f"/api/units/{unit}").status_code == 403  # must change first


def test_a_don_vi_account_needs_an_agency_and_nothing_is_made_without_one(
        world: World, as_user: Any) -> None:
    admin = as_user("quantri")
    r = admin.post(f"/api/units/{world.units[A]}/users",
                   json={"username": "thieu", "password": NEW_PASSWORD, "role": "don_vi"})
    assert r.status_code == 400
    assert "cơ quan" in r.json()["error"]["message"]
    with uow.transaction(world.settings) as s:
        assert "thieu" not in {u.username for u in accounts.list_users(s)}


def test_grant_and_revoke_through_the_api(world: World, as_user: Any) -> None:
    admin = as_user("quantri")
    unit = world.units[A]
    r = admin.post(f"/api/units/{unit}/grants", json={"username": "xem", "role": "lanh_dao"})
    assert r.status_code == 200
    assert r.json() == {"username": "xem", "unit_id": unit, "role": "lanh_dao",
                        "agency_id": None}
    leader = as_user("xem")
    assert "request_explanation" in leader.get(f"/api/units/{unit}").json()["actions"]
    gone = admin.post(f"/api/units/{unit}/revoke", json={"username": "xem",
                                                         "role": "lanh_dao"})
    assert gone.status_code == 200
    listed = admin.get(f"/api/units/{unit}/users").json()["people"]
    xem = next(p for p in listed if p["username"] == "xem")
    assert [g["role"] for g in xem["grants"]] == ["xem"]


def test_nobody_revokes_their_own_role(world: World, as_user: Any) -> None:
    admin = as_user("quantri")
    r = admin.post(f"/api/units/{world.units[A]}/revoke",
                   json={"username": "quantri", "role": "quan_tri"})
    assert r.status_code == 400
    assert "chính mình" in r.json()["error"]["message"]
    assert admin.get(f"/don-vi/{world.units[A]}/quan-tri").status_code == 200


def test_a_reset_password_ends_the_persons_sessions(world: World, as_user: Any) -> None:
    admin = as_user("quantri")
    before = as_user("vanphong")
    done = _form(admin, f"/don-vi/{world.units[A]}/quan-tri/mat-khau", username="vanphong",
                 password=NEW_PASSWORD)
    assert done.headers["location"].endswith("?xong=mat-khau")
    assert before.get("/api/me").status_code == 401
    after = world.client()
    login(after, "vanphong", NEW_PASSWORD)
    assert after.get("/api/me").json()["must_change_password"] is False


def test_must_change_alone_keeps_the_password(world: World, as_user: Any) -> None:
    admin = as_user("quantri")
    r = admin.post(f"/api/units/{world.units[A]}/users/xem/password",
                   json={"must_change": True})
    assert r.json() == {"username": "xem", "must_change_password": True}
    again = world.client()
    login(again, "xem", PASSWORD)
    assert again.get("/api/me").json()["must_change_password"] is True
    empty = admin.post(f"/api/units/{world.units[A]}/users/xem/password", json={})
    assert empty.status_code == 400


def test_a_commune_admin_cannot_reset_someone_who_also_works_elsewhere(
        world: World, as_user: Any) -> None:
    with uow.transaction(world.settings) as s:
        accounts.create_user(s, "haixa", PASSWORD)
        accounts.grant(s, "haixa", A, "xem")
        accounts.grant(s, "haixa", B, "van_phong")
    admin = as_user("quantri")
    unit = world.units[A]
    r = admin.post(f"/api/units/{unit}/users/haixa/password",
                   json={"password": NEW_PASSWORD})
    assert r.status_code == 400
    assert "không quản trị" in r.json()["error"]["message"]
    province = admin.post(f"/api/units/{unit}/users/tinh/password",
                          json={"password": NEW_PASSWORD})
    assert province.status_code == 404  # no role at this commune: not one of its people
    login(world.client(), "haixa", PASSWORD)  # the password did not change


def test_units_are_made_renamed_and_moved_within_the_admins_units(
        world: World, as_user: Any) -> None:
    admin = as_user("quantri")
    unit = world.units[A]
    made = [admin.post(f"/api/units/{unit}/units", json={"name": name, "level": "xa"})
            for name in ("Thôn Đông", "Thôn Tây")]
    assert [m.status_code for m in made] == [201, 201]
    dong, tay = (m.json() for m in made)
    assert dong["code"] == f"{world_code(admin, unit)}.thon-dong"
    renamed = _form(admin, f"/don-vi/{dong['id']}/quan-tri/doi-ten", name="Thôn  Đông  Hòa")
    assert renamed.status_code == 303
    assert admin.get(f"/api/units/{dong['id']}").json()["unit"]["name"] == "Thôn Đông Hòa"
    moved = admin.post(f"/api/units/{tay['id']}/move", json={"parent_id": dong["id"]})
    assert moved.json()["parent_id"] == dong["id"]
    loop = admin.post(f"/api/units/{dong['id']}/move", json={"parent_id": tay["id"]})
    assert loop.status_code == 400 and "cấp dưới" in loop.json()["error"]["message"]
    away = admin.post(f"/api/units/{unit}/move", json={"parent_id": world.units[B]})
    assert away.status_code == 404  # the other commune is not the admin's to use
    assert admin.get(f"/api/units/{unit}").json()["unit"]["parent"] == "Tỉnh Mẫu"


def world_code(client: Any, unit_id: int) -> str:
    return str(client.get(f"/api/units/{unit_id}").json()["unit"]["code"])


def test_only_an_admin_of_the_unit_opens_the_page(world: World, as_user: Any) -> None:
    unit = world.units[A]
    assert as_user("vanphong").get(f"/don-vi/{unit}/quan-tri").status_code == 403
    assert as_user("khac").get(f"/don-vi/{unit}/quan-tri").status_code == 404
    office = as_user("vanphong").get(f"/don-vi/{unit}").text
    assert "/quan-tri" not in office
    assert f"/don-vi/{unit}/quan-tri" in as_user("quantri").get(f"/don-vi/{unit}").text
