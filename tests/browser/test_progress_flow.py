"""Progress in a real browser: the clerk activates a plan, the agency records a task's
progress on 'Việc của tôi', the leader sees the status change on the dashboard and opens a
target's page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import PHONE, A, Site, grant_agency, shot
from tests.conftest import FIXTURES
from theodoi.services import uow
from theodoi.services.register import importing

pytestmark = pytest.mark.browser
PLAN = FIXTURES / "plans" / "ke-hoach-v2.txt"


def _active_plan(site: Site, clerk: Any) -> int:
    with uow.transaction(site.settings) as s:
        plan_id = importing.import_plan(s, A, PLAN.read_bytes(), PLAN.name,
                                        max_bytes=20 * 1024 * 1024).plan_id
    clerk.goto(f"{site.url}/ke-hoach/{plan_id}")
    clerk.get_by_role("button", name="Chấp nhận tất cả mục chờ rà soát").click()
    clerk.wait_for_load_state()
    clerk.get_by_role("link", name="Đưa vào thực hiện…").click()
    clerk.get_by_role("button", name="Xác nhận đưa vào thực hiện").click()
    clerk.wait_for_url(f"{site.url}/ke-hoach/{plan_id}")
    return plan_id


def _agency_counts(page: Any) -> dict[str, int]:
    """Phòng Kinh tế's row of the per-agency table, by status code (every status a column,
    a zero shown as a dim dash)."""
    table = page.locator("table.dem", has=page.get_by_text("Cơ quan chủ trì"))
    row = table.locator("tr", has_text="Phòng Kinh tế").first
    cells = row.locator("td[data-ma]")
    return {cells.nth(i).get_attribute("data-ma"): int(cells.nth(i).inner_text().replace("–", "0"))
            for i in range(cells.count())}


def test_agency_progress_shows_on_the_leaders_dashboard(site: Site, open_as: Any) -> None:
    clerk = open_as("vanphong")
    _active_plan(site, clerk)
    clerk.goto(f"{site.url}/don-vi/{site.units[A]}/viec-cua-toi")
    target_page = clerk.locator("article.viec a[href^='/chi-tieu/']").first.get_attribute("href")
    clerk.goto(f"{site.url}{target_page}")
    clerk.get_by_label("Giá trị năm gốc").fill("65,5")
    clerk.get_by_label("Năm gốc", exact=True).fill("2025")
    clerk.get_by_role("button", name="Lưu số liệu gốc").click()
    clerk.locator("#tb-so-lieu-goc", has_text="(năm 2025)").wait_for()  # beside the form
    shot(clerk, "chi-tieu-so-lieu-goc")
    grant_agency(site, "donvi")
    leader = open_as("lanhdao")
    leader.goto(f"{site.url}/don-vi/{site.units[A]}/tong-quan")
    before = _agency_counts(leader)

    agency = open_as("donvi")
    agency.goto(f"{site.url}/don-vi/{site.units[A]}")
    agency.get_by_role("link", name="Việc của tôi").first.click()
    agency.wait_for_url(re.compile(r"/viec-cua-toi"))
    shot(agency, "viec-cua-toi")
    task = agency.locator("article.viec.chua-bao-cao[id^=viec-k]").first
    ref = str(task.get_attribute("id")).removeprefix("viec-")
    task.get_by_label("Trạng thái").select_option(label="Hoàn thành")
    task.get_by_label("Tỷ lệ hoàn thành (%)").fill("100")
    day = task.get_by_label("Ngày hoàn thành")
    assert day.get_attribute("placeholder") == "dd/mm/yyyy"
    day.fill("15/03/2026")
    assert day.evaluate("e => e.checkValidity()")  # the pattern compiles and admits it
    task.get_by_label("Sản phẩm").fill("Chuỗi liên kết sản xuất lúa hữu cơ")
    task.get_by_role("button", name="Ghi tiến độ").click()
    agency.locator(f"#tb-{ref}", has_text="Đã ghi tiến độ").wait_for()  # beside its form
    shot(agency, "viec-cua-toi-da-ghi")

    leader.reload()
    leader.get_by_role("heading", name=re.compile("Theo cơ quan chủ trì")).wait_for()
    after = _agency_counts(leader)
    assert after != before and after["hoan_thanh_dung_han"] >= 1, (before, after)
    shot(leader, "tong-quan")
    shot(leader, "tong-quan-ca-trang", full_page=True)
    leader.goto(f"{site.url}{target_page}")
    leader.locator("svg").first.wait_for()
    shot(leader, "chi-tieu")

    leader.goto(f"{site.url}/don-vi/{site.units[A]}/so-theo-doi")
    leader.locator("tbody tr").first.locator("a.lien-muc").click()  # the item's own page
    leader.wait_for_url(re.compile(r"/(chi-tieu|nhiem-vu)/[tk]\d+$"))
    leader.locator("p .tt").first.wait_for()  # its status
    shot(leader, "so-theo-doi-mo-muc")

    phone = open_as("lanhdao", PHONE)
    phone.goto(f"{site.url}/don-vi/{site.units[A]}/tong-quan")
    shot(phone, "tong-quan")
    phone_agency = open_as("donvi", PHONE)
    phone_agency.goto(f"{site.url}/don-vi/{site.units[A]}/viec-cua-toi")
    shot(phone_agency, "viec-cua-toi")
