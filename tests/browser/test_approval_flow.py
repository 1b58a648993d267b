"""Trình and duyệt in a real browser (issue 20 item 2): the agency submits a task's product
with its file on a phone, the leader returns it with a reason at a desk, the agency submits it again
and the leader approves it; desktop and phone widths."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE, A, Site, grant_agency, shot
from tests.conftest import FIXTURES
from theodoi.services import uow
from theodoi.services.register import importing

pytestmark = pytest.mark.browser
PLAN = FIXTURES / "plans" / "ke-hoach-v2.txt"  # its task "… báo cáo UBND xã" goes to UBND xã
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _task_going_to_a_body(site: Site, clerk: Any) -> str:
    """Import and activate the plan; the ref of its task that reports to UBND xã."""
    with uow.transaction(site.settings) as s:
        plan_id = importing.import_plan(s, A, PLAN.read_bytes(), PLAN.name,
                                        max_bytes=20 * 1024 * 1024).plan_id
    clerk.goto(f"{site.url}/ke-hoach/{plan_id}")
    clerk.get_by_role("button", name="Chấp nhận tất cả mục chờ rà soát").click()
    clerk.wait_for_load_state()
    clerk.get_by_role("link", name="Đưa vào thực hiện…").click()  # what will change, first
    clerk.get_by_role("button", name="Xác nhận đưa vào thực hiện").click()
    clerk.wait_for_load_state()
    review = clerk.request.get(f"{site.url}/api/plans/{plan_id}/review").json()
    return next(k["ref"] for k in review["tasks"] if k["submit_to"] == ["UBND xã"])


def _submit(page: Any, url: str, name: str) -> None:
    page.goto(url)
    page.get_by_label("Tệp sản phẩm").set_input_files(
        files=[{"name": name, "mimeType": "application/pdf", "buffer": PDF}])
    page.locator("#san-pham button[type=submit]").first.click()
    page.locator("#san-pham", has_text="Đã ghi. Trạng thái sản phẩm: đã trình").wait_for()


def test_submit_return_submit_approve(site: Site, open_as: Any) -> None:
    ref = _task_going_to_a_body(site, open_as("vanphong"))
    grant_agency(site, "donvi")
    url = f"{site.url}/nhiem-vu/{ref}"
    agency = open_as("donvi", PHONE)  # the agency on a phone, the leader at a desk
    _submit(agency, url, "bao-cao-lan-1.pdf")
    shot(agency, "san-pham-da-trinh")

    leader = open_as("lanhdao", DESKTOP)
    leader.goto(url)
    assert leader.get_by_role("link", name="bao-cao-lan-1.pdf").is_visible()
    leader.get_by_label("Lý do trả lại").fill("Bổ sung số liệu quý III")
    leader.get_by_role("button", name="Trả lại").click()
    leader.locator("#san-pham", has_text="Đã ghi. Trạng thái sản phẩm: trả lại").wait_for()
    shot(leader, "san-pham-tra-lai", full_page=True)

    agency.goto(url)
    assert agency.locator("#san-pham", has_text="Bổ sung số liệu quý III").is_visible()
    assert agency.get_by_role("button", name="Trình lại").is_visible()
    _submit(agency, url, "bao-cao-lan-2.pdf")

    leader.goto(url)
    leader.get_by_role("button", name="Duyệt").click()
    section = leader.locator("#san-pham")
    section.locator("strong", has_text="đã duyệt").wait_for()
    assert section.get_by_role("button").count() == 0  # nothing left to do
    rows = section.locator("tbody tr")
    assert [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())] == [
        "Trình", "Trả lại", "Trình", "Duyệt"]
    shot(leader, "san-pham-da-duyet", full_page=True)
    leader.set_viewport_size(PHONE)  # the same page read on a phone: the state still in view
    leader.reload()
    assert leader.locator("#san-pham strong", has_text="đã duyệt").is_visible()
    shot(leader, "san-pham-da-duyet", full_page=True)
