"""A restricted document in a browser (issue 18 item 5): the office marks a live plan as
"Tài liệu hạn chế" in the review page's document facts on a desktop; the plan is marked
on the review page and in the unit's list of plans; the agency that leads one of its
tasks, on a phone, then gets the same 404 as for an id that does not exist, for the plan
and for that task, where it read them a moment before. Screenshots feed the user guide."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, A, Site, grant_agency, shot
from tests.services.conftest import PLANS
from theodoi.services import uow
from theodoi.services.register import importing
from theodoi.services.register import review_decisions as review
from theodoi.storage.models import Assignment

pytestmark = pytest.mark.browser
TXT = PLANS / "ke-hoach-v1.txt"


def _live_plan(site: Site) -> tuple[int, str]:
    """A's plan of its own (number 77), accepted and in force; the ref of the task
    Phòng Kinh tế leads (the plan's first task: "Cơ quan chủ trì: Phòng Kinh tế")."""
    text = TXT.read_text(encoding="utf-8").replace("Số: 12/KH-UBND", "Số: 77/KH-UBND")
    with uow.transaction(site.settings) as s:
        plan_id = importing.import_plan(s, A, text.encode(), "ke-hoach-77.txt",
                                        max_bytes=1 << 20).plan_id
        review.accept_all(s, plan_id)
        review.activate(s, plan_id)
        plan = review.get_plan(s, plan_id)
        led = [k for k in plan.tasks for a in k.assignments
               if a.role == "lead" and isinstance(a, Assignment) and a.name == "Phòng Kinh tế"]
        return plan_id, f"k{led[0].id}"


def test_the_office_restricts_a_plan_and_the_agency_loses_it(site: Site,
                                                             open_as: Any) -> None:
    plan_id, task = _live_plan(site)
    grant_agency(site, "donvi")
    agency = open_as("donvi", PHONE)
    assert agency.goto(f"{site.url}/nhiem-vu/{task}").status == 200  # it leads the task

    office = open_as("vanphong", DESKTOP)
    office.goto(f"{site.url}/ke-hoach/{plan_id}")
    facts = office.locator("#thong-tin-van-ban")
    facts.locator("summary").click()
    facts.get_by_label("Người được đọc").select_option(label=(
        "Tài liệu hạn chế (tài liệu Đảng, lưu hành nội bộ, mật)"))
    shot(office, "tai-lieu-han-che")
    facts.get_by_role("button", name="Lưu thông tin văn bản").click()
    expect(office.locator("main p.mo").first).to_contain_text("Tài liệu hạn chế")
    office.goto(f"{site.url}/don-vi/{site.units[A]}")
    expect(office.locator("tr", has_text="77/KH-UBND")).to_contain_text("tài liệu hạn chế")

    for path in (f"/nhiem-vu/{task}", f"/ke-hoach/{plan_id}"):
        answer = agency.goto(f"{site.url}{path}")
        assert answer is not None and answer.status == 404, path
    expect(agency.locator("main")).to_contain_text(f"Không có kế hoạch số {plan_id}.")
    assert agency.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
