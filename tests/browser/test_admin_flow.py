"""Administration in a real browser (issue 18 item 1): a commune's quan_tri makes an
account from the unit page, the newcomer is sent to change the password, and the page
works on a phone as on a desktop."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PASSWORD, PHONE, A, Site, login, shot
from theodoi.services import uow
from theodoi.services.accounts import users as accounts

pytestmark = pytest.mark.browser
NEWCOMER_PASSWORD = "dong-lua-que-huong-2026"


@pytest.fixture(scope="module")
def admin_of_a(site: Site) -> str:
    with uow.transaction(site.settings) as s:
        accounts.create_user(s, "quantri", PASSWORD, full_name="Đỗ Văn Quản Trị")
        accounts.grant(s, "quantri", A, "quan_tri")
    return "quantri"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_admin_makes_an_account_that_must_change_its_password(
        site: Site, open_as: Any, browser: Any, admin_of_a: str,
        viewport: dict[str, int]) -> None:
    username = f"thukho{viewport['width']}"
    admin = open_as(admin_of_a, viewport)
    admin.goto(f"{site.url}/don-vi/{site.units[A]}")
    admin.get_by_role("link", name="Quản trị").click()
    admin.get_by_role("heading", name="Tạo người dùng").wait_for()
    form = admin.locator("form", has=admin.get_by_role("button", name="Tạo người dùng"))
    form.get_by_label("Tên đăng nhập").fill(username)
    form.get_by_label("Họ và tên").fill("Vũ Thị Thủ Kho")
    form.get_by_label("Mật khẩu ban đầu").fill(NEWCOMER_PASSWORD)
    form.get_by_label("Vai trò").select_option(label="chỉ xem")
    assert form.get_by_label("Bắt đổi mật khẩu ở lần đăng nhập đầu").is_checked()
    form.get_by_role("button", name="Tạo người dùng").click()
    admin.get_by_text("Đã tạo người dùng.").wait_for()
    row = admin.locator("tr", has_text=username)
    assert "chỉ xem ở Xã Hòa Bình" in row.inner_text()
    shot(admin, "quan-tri")
    assert admin.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    ctx = browser.new_context(viewport=viewport, locale="vi-VN")
    newcomer = ctx.new_page()
    login(newcomer, site, username, NEWCOMER_PASSWORD)
    newcomer.wait_for_url(lambda u: "/doi-mat-khau" in u)
    ctx.close()

    row.get_by_role("button", name="Thu hồi").click()
    admin.get_by_text("Đã thu hồi vai trò.").wait_for()
    assert admin.locator("tr", has_text=username).count() == 0  # no role here: not listed
    mine = admin.locator("tr", has_text="Đỗ Văn Quản Trị")
    assert mine.get_by_role("button", name="Thu hồi").count() == 0  # never one's own
