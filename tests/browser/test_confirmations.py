"""Confirmation steps in a real browser, on a desktop and a phone: activating a plan,
rejecting an item of the live plan and closing the plan each open a page that says what
will change, with the confirm button and the way back in view without scrolling."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE, B, Site, shot
from tests.services.conftest import PLANS
from theodoi.services import uow
from theodoi.services.register import importing

pytestmark = pytest.mark.browser
TXT = PLANS / "ke-hoach-v1.txt"


def _draft(site: Site, copy: int) -> int:
    """A draft of the second commune, its own for this test (the other tests use the first);
    `copy` blank lines make other bytes, so each run has its own plan (the one before is
    closed by then, so no duplicate of an open plan)."""
    with uow.transaction(site.settings) as s:
        return importing.import_plan(s, B, TXT.read_bytes() + b"\n" * copy, TXT.name,
                                     max_bytes=20 << 20).plan_id


def _in_view(page: Any, locator: Any) -> None:
    box = locator.bounding_box()
    assert box is not None and box["y"] + box["height"] <= page.viewport_size["height"]


def _confirm(page: Any, button: str, name: str) -> None:
    confirm = page.get_by_role("button", name=button)
    page.locator("#se-thay-doi").wait_for()
    _in_view(page, confirm)
    _in_view(page, page.get_by_role("link", name="Thôi, quay lại"))
    shot(page, name)
    confirm.click()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_activate_reject_and_close_ask_first(site: Site, open_as: Any,
                                             viewport: dict[str, int]) -> None:
    plan_id = _draft(site, 1 if viewport is PHONE else 0)
    clerk = open_as("khac", viewport)
    clerk.goto(f"{site.url}/ke-hoach/{plan_id}")
    clerk.get_by_role("button", name="Chấp nhận tất cả mục chờ rà soát").click()
    clerk.wait_for_load_state()
    clerk.get_by_role("link", name="Đưa vào thực hiện…").click()
    clerk.wait_for_url(re.compile(r"/dua-vao-thuc-hien$"))
    assert "bắt đầu nhận báo cáo" in clerk.locator("#se-thay-doi").inner_text()
    _confirm(clerk, "Xác nhận đưa vào thực hiện", "xac-nhan-dua-vao-thuc-hien")
    clerk.wait_for_url(f"{site.url}/ke-hoach/{plan_id}")

    first = clerk.locator("article.muc").first
    ref = first.locator("a.ma").inner_text()
    first.get_by_role("button", name="Loại").click()  # htmx: sent to the confirmation
    clerk.wait_for_url(re.compile(rf"/muc/{ref}/loai$"))
    assert "bị loại khỏi kế hoạch số" in clerk.locator("#se-thay-doi").inner_text()
    _confirm(clerk, "Xác nhận loại mục", "xac-nhan-loai-muc")
    clerk.wait_for_url(re.compile(rf"/ke-hoach/{plan_id}#muc-{ref}$"))
    assert "đã loại" in clerk.locator(f"#muc-{ref}").inner_text()

    clerk.get_by_role("link", name="Đóng kế hoạch…").click()
    assert "thôi nhận báo cáo" in clerk.locator("#se-thay-doi").inner_text()
    _confirm(clerk, "Xác nhận đóng kế hoạch", "xac-nhan-dong-ke-hoach")
    clerk.wait_for_url(f"{site.url}/ke-hoach/{plan_id}")
    assert "đã đóng" in clerk.locator("main p.mo").first.inner_text()
