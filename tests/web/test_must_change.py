"""A user given a password to replace is sent to the password page until they change it."""

from __future__ import annotations

from tests.web.conftest import PASSWORD, World, login
from theodoi.services import uow
from theodoi.services.accounts import users as accounts


def test_a_user_who_must_change_the_password_is_sent_to_the_password_page(
        world: World) -> None:
    with uow.transaction(world.settings) as s:
        accounts.set_password(s, "xem", PASSWORD, must_change_password=True)
    client = world.client()
    login(client, "xem")
    page = client.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/doi-mat-khau"
    api = client.get(f"/api/units/{world.units['Xã An Bình']}")
    assert api.status_code == 403 and api.json()["error"]["code"] == "E430"
    assert client.get("/doi-mat-khau").status_code == 200
    assert client.get("/api/me").json()["must_change_password"] is True
    r = client.post("/doi-mat-khau", data={"current": PASSWORD, "new": "mat-khau-moi-1",
                                           "repeat": "mat-khau-moi-1"})
    assert r.status_code == 200 and "Đã đổi mật khẩu" in r.text
    assert client.get("/", follow_redirects=False).status_code == 200
