"""Changes made on the administration pages are in the unit's history, in words (brief
h-restricted item 2): accounts made, roles given and taken back, passwords reset (never
the password itself), units made, renamed and moved, who reads restricted plans."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import PASSWORD, A, World

NEW_PASSWORD = "lua-chin-vang-dong-2026"


def _form(client: Any, path: str, **fields: str) -> Any:
    token = client.headers["X-CSRF-Token"]
    r = client.post(path, data={"csrf_token": token, **fields}, follow_redirects=False,
                    headers={"X-CSRF-Token": ""})
    assert r.status_code == 303, r.text
    return r


def _history(client: Any, unit_id: int) -> list[dict[str, Any]]:
    return list(client.get(f"/api/units/{unit_id}/audit",
                           params={"per_page": 200}).json()["entries"])


def _lines(entries: list[dict[str, Any]]) -> list[str]:
    return [f"{e['username']} | {e['entity_label']} | {e['label']}" for e in entries]


def test_people_and_roles_changed_on_the_page_are_told_in_words(
        world: World, as_user: Any) -> None:
    admin = as_user("quantri")
    unit = world.units[A]
    base = f"/don-vi/{unit}/quan-tri"
    _form(admin, f"{base}/nguoi-dung", username="hoa", full_name="Trần Thị Hoa",
          password=NEW_PASSWORD, role="xem")
    _form(admin, f"{base}/phan-quyen", username="hoa", role="van_phong")
    _form(admin, f"{base}/thu-hoi", username="hoa", role="xem")
    _form(admin, f"{base}/mat-khau", username="hoa", password="mot-mat-khau-moi-2026",
          must_change="1")
    lines = _lines(_history(admin, unit))
    for line in ("quantri | người dùng hoa | Tạo mới: — → hoa (Trần Thị Hoa)",
                 "quantri | người dùng hoa | Vai trò: — → chỉ xem",
                 "quantri | người dùng hoa | Vai trò: — → văn phòng",
                 "quantri | người dùng hoa | Vai trò: chỉ xem → —",
                 "quantri | người dùng hoa | Mật khẩu: — → đặt mật khẩu mới; "
                 "phải đổi mật khẩu khi đăng nhập"):
        assert line in lines, (line, lines)
    assert not any("mot-mat-khau" in line or NEW_PASSWORD in line for line in lines)


def test_an_agency_account_names_its_agency(world: World, as_user: Any) -> None:
    admin = as_user("quantri")
    unit = world.units[A]
    agencies = admin.get(f"/api/units/{unit}/agencies").json()["agencies"]
    economy = next(a["id"] for a in agencies if a["name"] == "Phòng Kinh tế")
    r = admin.post(f"/api/units/{unit}/users", json={
        "username": "kinhte2", "password": NEW_PASSWORD, "role": "don_vi",
        "agency_id": economy})
    assert r.status_code == 201, r.text
    assert ("quantri | người dùng kinhte2 | Vai trò: — → đơn vị (cơ quan chủ trì) — "
            "Phòng Kinh tế") in _lines(_history(admin, unit))


def test_units_made_renamed_moved_and_their_readers_are_in_the_history(
        world: World, as_user: Any) -> None:
    province = world.units["Tỉnh Mẫu"]
    from theodoi.services import uow
    from theodoi.services.accounts import users as accounts

    with uow.transaction(world.settings) as s:
        accounts.create_user(s, "qttinh", PASSWORD)
        accounts.grant(s, "qttinh", "Tỉnh Mẫu", "quan_tri")
    admin = as_user("qttinh")
    made = admin.post(f"/api/units/{province}/units", json={"name": "Xã Đông", "level": "xa"})
    assert made.status_code == 201, made.text
    new = made.json()["id"]
    _form(admin, f"/don-vi/{new}/quan-tri/doi-ten", name="Xã Đông Hòa")
    assert admin.post(f"/api/units/{new}/move",
                      json={"parent_id": world.units[A]}).status_code == 200
    r = admin.post(f"/api/units/{new}/readers", json={"roles": ["lanh_dao"]})
    assert r.status_code == 200 and r.json()["readers"] == ["lanh_dao"]
    own = _lines(_history(admin, new))
    for line in ("qttinh | đơn vị Xã Đông | Tạo mới: — → Xã Đông",
                 "qttinh | đơn vị Xã Đông Hòa | Tên: Xã Đông → Xã Đông Hòa",
                 "qttinh | đơn vị Xã Đông Hòa | Đơn vị cấp trên: Tỉnh Mẫu → Xã An Bình",
                 "qttinh | đơn vị Xã Đông Hòa | Vai trò được đọc tài liệu hạn chế: "
                 "lãnh đạo, văn phòng, quản trị → lãnh đạo"):
        assert line in own, (line, own)
    # the unit it was made under sees it made, too
    assert "qttinh | đơn vị Xã Đông | Tạo mới: — → Xã Đông" in _lines(_history(admin, province))


def test_a_bad_role_for_the_readers_changes_nothing(world: World, as_user: Any) -> None:
    admin = as_user("quantri")
    unit = world.units[A]
    r = admin.post(f"/api/units/{unit}/readers", json={"roles": ["chu_tich"]})
    assert r.status_code == 400 and "chu_tich" in r.json()["error"]["message"]
    assert not any(e["field"] == "restricted_readers" for e in _history(admin, unit))
