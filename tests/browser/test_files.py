"""Files in a real browser: the agency attaches the signed plan to a task's update on the
task's page (desktop) and the office a photo to a target's value on a phone; both are listed with who and when,
and open from the link, the PDF in place, with its Vietnamese name."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import PHONE, A, Site, grant_agency, shot
from tests.browser.test_progress_flow import _active_plan
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser
PDF = FIXTURES / "fixtures" / "ke-hoach-ubnd.pdf"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def _first_own(page: Any, site: Site, kind: str) -> str:
    page.goto(f"{site.url}/don-vi/{site.units[A]}/viec-cua-toi")
    link = page.locator(f"article.viec a[href^='/{kind}/']").first
    return str(link.get_attribute("href"))


def test_a_product_file_and_a_photo_open_from_the_item_page(site: Site, open_as: Any) -> None:
    _active_plan(site, open_as("vanphong"))
    grant_agency(site, "donvi")
    agency = open_as("donvi")
    task = _first_own(agency, site, "nhiem-vu")
    agency.goto(f"{site.url}{task}")
    agency.get_by_label("Trạng thái").select_option(label="Hoàn thành")
    agency.get_by_label("Sản phẩm", exact=True).fill("Kế hoạch đã ký")
    agency.get_by_label(re.compile("Tệp kèm theo")).set_input_files(
        {"name": "Kế hoạch đã ký.pdf", "mimeType": "application/pdf",
         "buffer": PDF.read_bytes()})
    agency.get_by_role("button", name="Ghi tiến độ").click()
    link = agency.locator("ul.tep a", has_text="Kế hoạch đã ký.pdf")
    link.wait_for()
    assert "— donvi," in agency.locator("ul.tep li").first.inner_text()
    shot(agency, "nhiem-vu-tep", full_page=True)
    opened = agency.request.get(site.url + str(link.get_attribute("href")))
    assert opened.status == 200 and opened.body() == PDF.read_bytes()
    assert opened.headers["content-disposition"].startswith("inline;")

    phone = open_as("vanphong", PHONE)  # the office records any item's value
    target = _first_own(phone, site, "chi-tieu")
    phone.goto(f"{site.url}{target}")
    phone.get_by_label("Giá trị thực hiện").fill("70")
    phone.get_by_label("Tệp minh chứng", exact=True).set_input_files(
        {"name": "Ảnh hội nghị.png", "mimeType": "image/png", "buffer": PNG})
    phone.get_by_role("button", name="Ghi số liệu").click()
    photo = phone.locator("ul.tep a", has_text="Ảnh hội nghị.png")
    photo.wait_for()
    photo.scroll_into_view_if_needed()
    shot(phone, "chi-tieu-tep")
    answer = phone.request.get(site.url + str(photo.get_attribute("href")))
    assert answer.headers["content-type"] == "image/png"


def test_a_co_agency_adds_its_part_on_a_phone(site: Site, open_as: Any) -> None:
    """Văn phòng HĐND và UBND xã co-ordinates the plan's investment task (Phòng Kinh tế
    leads); its user finds the task under 'Cơ quan của bạn phối hợp' and adds its part."""
    from tests.browser.conftest import USERS

    USERS["phoihop"] = ("Đỗ Thị Phối Hợp", A, "don_vi", "Văn phòng HĐND và UBND xã")
    from theodoi.services import uow
    from theodoi.services.accounts import users as accounts

    with uow.transaction(site.settings) as s:
        accounts.create_user(s, "phoihop", "mat-khau-123", full_name="Đỗ Thị Phối Hợp")
    grant_agency(site, "phoihop")
    for size, name in ((PHONE, "dien-thoai-phoi-hop"), (None, "phoi-hop")):
        page = open_as("phoihop", size) if size else open_as("phoihop")
        page.goto(f"{site.url}/don-vi/{site.units[A]}/viec-cua-toi")
        page.locator("ul.phoi-hop a").first.click()
        page.wait_for_url(re.compile(r"/(nhiem-vu|chi-tieu)/"))
        assert page.get_by_role("button", name="Ghi tiến độ").count() == 0
        page.get_by_label("Nội dung phối hợp").fill(f"Thẩm định hồ sơ ({name})")
        page.get_by_label("Tệp kèm theo").set_input_files(
            {"name": "Tờ trình.pdf", "mimeType": "application/pdf", "buffer": PDF.read_bytes()})
        page.get_by_role("button", name="Ghi phần phối hợp").click()
        page.locator("#tb-phoi-hop", has_text="Đã ghi phần phối hợp").wait_for()
        page.locator("td", has_text=f"Thẩm định hồ sơ ({name})").wait_for()
        shot(page, name, full_page=True)
