"""Reminders in a real browser: the leader writes a direction mentioning the office on a
target's page, the office chases the lead agency from the same page, and the agency sees
both in its inbox, the badge in the navigation bar counting them until they are read."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import PHONE, A, Site, grant_agency, shot
from tests.conftest import FIXTURES
from theodoi.services import uow
from theodoi.services.register import importing
from theodoi.services.register import review_decisions as review
from theodoi.storage.models import Plan

pytestmark = pytest.mark.browser
PLAN = FIXTURES / "plans" / "ke-hoach-v2.txt"


def _target_of_phong_kinh_te(site: Site) -> str:
    """The plan's first target, given to Phòng Kinh tế, the plan activated."""
    with uow.transaction(site.settings) as s:
        plan_id = importing.import_plan(s, A, PLAN.read_bytes(), PLAN.name,
                                        max_bytes=20 * 1024 * 1024).plan_id
        target = s.get(Plan, plan_id).targets[0]
        review.correct(s, f"t{target.id}", {"lead_agency": "Phòng Kinh tế"})
        review.activate(s, plan_id, accept_rest=True)
        return f"t{target.id}"


def _badge(page: Any) -> str:
    link = page.locator("header a[href='/thong-bao']")
    link.wait_for()
    page.wait_for_load_state("networkidle")  # htmx has loaded the count
    return str(link.inner_text()).replace("Thông báo", "").strip()


def test_a_direction_and_a_chase_reach_the_agency_s_inbox(site: Site, open_as: Any) -> None:
    ref = _target_of_phong_kinh_te(site)
    grant_agency(site, "donvi")
    leader = open_as("lanhdao")
    leader.goto(f"{site.url}/chi-tieu/{ref}")
    leader.get_by_label("Ý kiến").fill("Đề nghị @vanphong đôn đốc, báo cáo trước 15/01.")
    leader.get_by_role("button", name="Gửi ý kiến").click()
    leader.get_by_text("Đề nghị @vanphong đôn đốc").wait_for()
    assert leader.locator("article.chi-dao").count() == 1
    shot(leader, "y-kien-chi-dao")

    clerk = open_as("vanphong")
    clerk.goto(f"{site.url}/chi-tieu/{ref}")
    assert _badge(clerk) == "1"  # the leader mentioned the office
    clerk.get_by_text("Đôn đốc cơ quan chủ trì").click()
    clerk.get_by_label("Lời nhắn").fill("Đề nghị gửi số liệu quý này.")
    clerk.get_by_role("button", name="Đôn đốc", exact=True).click()
    clerk.get_by_text("Đã đôn đốc (1 người nhận)").wait_for()

    agency = open_as("donvi", PHONE)
    agency.goto(f"{site.url}/don-vi/{site.units[A]}")
    assert _badge(agency) == "2"  # told of the direction (its item) and of the chase
    agency.locator("header a[href='/thong-bao']").click()
    agency.get_by_role("heading", name="Thông báo", exact=True).wait_for()
    assert agency.locator("article.chua-doc").count() == 2
    agency.get_by_text("Lời nhắn: Đề nghị gửi số liệu quý này.").wait_for()
    agency.get_by_text("Đôn đốc của Trần Thị Văn Phòng").first.wait_for()
    shot(agency, "thong-bao")
    agency.get_by_role("button", name="Đánh dấu đã đọc tất cả (2)").click()
    agency.wait_for_load_state("networkidle")
    assert agency.locator("article.chua-doc").count() == 0 and _badge(agency) == ""
    agency.locator(f"a[href='/chi-tieu/{ref}']").first.click()
    agency.get_by_text("Đề nghị @vanphong đôn đốc").wait_for()  # the link works
