"""Figures validated before they count, in a real browser (issue 20 item 3): the agency
sends a share on a phone, the office at a desk sees the warning and returns it with the
reason, the agency reads the reason and sends it again, the office accepts it and the
figure counts."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE, A, Site, grant_agency, shot
from tests.conftest import FIXTURES
from theodoi.services import uow
from theodoi.services.register import importing
from theodoi.services.register import review_decisions as review
from theodoi.storage.models import Plan

pytestmark = pytest.mark.browser
PLAN = FIXTURES / "plans" / "ke-hoach-v2.txt"  # (3) BHYT 95%


def _share_of_the_agency(site: Site) -> str:
    """Import and activate the plan with its BHYT target given to Phòng Kinh tế; its ref."""
    with uow.transaction(site.settings) as s:
        plan_id = importing.import_plan(s, A, PLAN.read_bytes(), PLAN.name,
                                        max_bytes=20 * 1024 * 1024).plan_id
        target = next(t for t in s.get(Plan, plan_id).targets if "bảo hiểm" in t.indicator)
        review.correct(s, f"t{target.id}", {"lead_agency": "Phòng Kinh tế"})
        review.activate(s, plan_id, accept_rest=True)
        return f"t{target.id}"


def _send(agency: Any, site: Site, ref: str, value: str) -> None:
    agency.goto(f"{site.url}/don-vi/{site.units[A]}/viec-cua-toi")
    item = agency.locator(f"#viec-{ref}")
    if not item.get_by_label("Giá trị thực hiện").is_visible():
        item.locator("summary", has_text="Ghi số liệu").click()
    item.get_by_label("Kỳ báo cáo").fill("Quý III/2026")
    item.get_by_label("Giá trị thực hiện").fill(value)
    item.get_by_role("button", name="Ghi số liệu").click()
    agency.locator(f"#tb-{ref}", has_text="chờ văn phòng hoặc lãnh đạo xác nhận").wait_for()


def test_agency_on_a_phone_office_at_a_desk(site: Site, open_as: Any) -> None:
    ref = _share_of_the_agency(site)
    grant_agency(site, "donvi")
    agency = open_as("donvi", PHONE)
    _send(agency, site, ref, "135")
    shot(agency, "so-lieu-da-gui")

    office = open_as("vanphong", DESKTOP)
    office.on("dialog", lambda d: d.accept())  # the hx-confirm question, answered yes
    pending = f"{site.url}/don-vi/{site.units[A]}/so-lieu-cho-xac-nhan"
    office.goto(f"{site.url}/don-vi/{site.units[A]}/tong-quan")
    office.get_by_role("link", name="1 số liệu chờ xác nhận").click()
    office.wait_for_url(re.compile("/so-lieu-cho-xac-nhan"))
    assert office.get_by_text("Cần xem lại: tỷ lệ 135% nằm ngoài khoảng 0–100%.").is_visible()
    shot(office, "so-lieu-cho-xac-nhan", full_page=True)
    office.get_by_label("Lý do trả lại").fill("Tỷ lệ không quá 100%, xem lại số dân")
    office.get_by_role("button", name="Trả lại").click()
    office.locator("#cho-xac-nhan", has_text="Đã trả lại số liệu").wait_for()

    agency.goto(pending)
    assert agency.get_by_text("Lý do: Tỷ lệ không quá 100%, xem lại số dân").is_visible()
    assert agency.get_by_role("button", name="Xác nhận", exact=True).count() == 0
    shot(agency, "so-lieu-bi-tra-lai", full_page=True)
    _send(agency, site, ref, "93,5")

    office.goto(pending)
    assert office.locator("p.canh-bao").count() == 0  # 93,5 % raises nothing
    office.get_by_role("button", name="Xác nhận", exact=True).click()
    office.locator("#cho-xac-nhan", has_text="số liệu được tính từ nay").wait_for()
    assert office.get_by_text("Không có số liệu nào chờ xác nhận.").is_visible()
    office.goto(f"{site.url}/chi-tieu/{ref}")
    assert office.get_by_text("93,5").first.is_visible()
