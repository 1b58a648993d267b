"""The chain a commune lives through, in a real browser: sign in, upload the DOCX plan,
review and accept, activate, an agency records progress, the leader sees it; and another
commune's user who opens the plan gets the not-found page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE, A, Site, grant_agency, shot
from tests.conftest import FIXTURES
from tests.services.conftest import PLANS
from theodoi.services import uow
from theodoi.services.register import importing

pytestmark = pytest.mark.browser
DOCX = FIXTURES / "fixtures" / "ke-hoach-ubnd.docx"
MAX = 20 * 1024 * 1024
TXT = PLANS / "ke-hoach-v1.txt"


def _txt_plan(site: Site) -> int:
    """A draft plan of the first commune, imported through the service (the same file twice
    is the same plan, so the tests below may run in any order, on any worker)."""
    with uow.transaction(site.settings) as s:
        return importing.import_plan(s, A, TXT.read_bytes(), TXT.name, max_bytes=MAX).plan_id


def _upload(page: Any, site: Site) -> int:
    page.goto(f"{site.url}/don-vi/{site.units[A]}")
    page.get_by_role("link", name="Tải kế hoạch lên").click()
    page.wait_for_url(re.compile(r"/tai-len$"))
    shot(page, "tai-len")
    page.get_by_label(re.compile("Tệp văn bản")).set_input_files(str(DOCX))
    page.get_by_role("button", name="Tải lên và đọc văn bản").click()
    page.wait_for_url(re.compile(r"/tac-vu/\d+$"))  # the job's page, which opens the plan
    page.wait_for_url(re.compile(r"/ke-hoach/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def _review_and_activate(page: Any) -> None:
    page.get_by_role("heading", name="Chỉ tiêu (4)").wait_for()
    assert page.locator("mark[id^=nguon-]").count() >= 4  # spans highlighted in the source
    shot(page, "ra-soat")
    page.get_by_role("button", name="Chấp nhận tất cả mục chờ rà soát").click()
    page.wait_for_load_state()
    assert page.locator("article.muc-proposed").count() == 0
    assert page.locator("article.muc-accepted").count() == 8
    page.get_by_role("link", name="Đưa vào thực hiện…").click()
    page.wait_for_url(re.compile(r"/dua-vao-thuc-hien$"))  # what will change, first
    page.get_by_role("button", name="Xác nhận đưa vào thực hiện").click()
    page.wait_for_url(re.compile(r"/ke-hoach/\d+$"))
    assert "Đang thực hiện" in page.locator("main p.mo").first.inner_text() or \
        page.get_by_role("button", name="Đưa vào thực hiện").count() == 0
    shot(page, "ra-soat-da-duyet")


def test_from_upload_to_the_leaders_view(site: Site, open_as: Any) -> None:
    clerk = open_as("vanphong")
    shot(clerk, "trang-chu")
    plan_id = _upload(clerk, site)
    _review_and_activate(clerk)
    clerk.goto(f"{site.url}/don-vi/{site.units[A]}/so-theo-doi?plan={plan_id}")
    clerk.get_by_text("8 / 8 mục").wait_for()
    shot(clerk, "so-theo-doi")

    grant_agency(site, "donvi")
    agency = open_as("donvi")
    agency.goto(f"{site.url}/don-vi/{site.units[A]}/so-theo-doi?plan={plan_id}")
    agency.get_by_text("2 / 2 mục").wait_for()  # only Phòng Kinh tế's own tasks
    shot(agency, "so-theo-doi-don-vi")

    leader = open_as("lanhdao")
    leader.goto(f"{site.url}/ke-hoach/{plan_id}")
    assert leader.get_by_role("button", name="Chấp nhận tất cả mục chờ rà soát").count() == 0


def test_login_page_and_a_wrong_password(site: Site, browser: Any) -> None:
    for viewport in (DESKTOP, PHONE):
        ctx = browser.new_context(viewport=viewport, locale="vi-VN")
        page = ctx.new_page()
        page.goto(site.url + "/")
        page.wait_for_url(re.compile(r"/dang-nhap"))
        shot(page, "dang-nhap")
        page.get_by_label("Tên đăng nhập").fill("vanphong")
        page.get_by_label("Mật khẩu").fill("sai-mat-khau")
        page.get_by_role("button", name="Đăng nhập").click()
        assert page.get_by_role("alert").inner_text()
        shot(page, "dang-nhap-sai")
        ctx.close()


def test_another_communes_user_gets_not_found(site: Site, open_as: Any) -> None:
    plan_id = _txt_plan(site)
    other = open_as("khac")
    response = other.goto(f"{site.url}/ke-hoach/{plan_id}")
    assert response is not None and response.status == 404
    assert other.get_by_role("heading", name="Không thực hiện được").is_visible()
    assert other.get_by_role("alert").inner_text()
    shot(other, "khong-tim-thay")
    assert other.goto(f"{site.url}/don-vi/{site.units[A]}").status == 404


def test_review_and_register_on_a_phone(site: Site, open_as: Any) -> None:
    plan_id = _txt_plan(site)
    phone = open_as("vanphong", PHONE)
    phone.goto(f"{site.url}/ke-hoach/{plan_id}")
    phone.get_by_role("heading", name="Văn bản gốc").wait_for()
    first = phone.locator("article.muc").first
    assert first.bounding_box()["y"] < phone.locator("details.van-ban").bounding_box()["y"]
    assert first.bounding_box()["y"] < PHONE["height"]  # an item is on the first screen
    assert not phone.locator("details.van-ban").evaluate("d => d.open")  # source folded
    shot(phone, "ra-soat")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    ref = first.locator("a.ma").inner_text()
    first.locator("a.ma").click()  # the item's code opens the source at its span
    phone.locator(f"mark#nguon-{ref}").wait_for(state="visible")
    shot(phone, "ra-soat-van-ban")
    phone.goto(f"{site.url}/don-vi/{site.units[A]}/so-theo-doi")
    shot(phone, "so-theo-doi")


def test_each_item_can_be_accepted_in_place(site: Site, open_as: Any) -> None:
    plan_id = _txt_plan(site)
    page = open_as("vanphong")
    page.goto(f"{site.url}/ke-hoach/{plan_id}")
    first = page.locator("article.muc-proposed").first
    item_id = first.get_attribute("id")
    first.get_by_role("button", name="Chấp nhận").click(timeout=3000)  # htmx swap in place
    page.locator(f"article.muc-accepted#{item_id}").wait_for()
