"""A save's message and a form's error appear beside the form, inside the window, on a
desktop (1366×768) and a phone (390×844) (issue 17, item 6).

The plan is sample 000 (38 targets, 11 tasks), so 'Việc của tôi' and a target's page are
long: a message at the top of the page would be thousands of pixels away from the form.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE, A, Site, shot
from tests.conftest import SAMPLES
from theodoi.services import uow
from theodoi.services.register import importing
from theodoi.services.register import review_decisions as review

pytestmark = pytest.mark.browser
SIZES = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
# the element is on screen: inside the window, not just inside the page
IN_VIEW = """e => { const r = e.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight
         && r.right <= window.innerWidth; }"""


@pytest.fixture(scope="module")
def long_plan(site: Site) -> dict[str, str]:
    """Sample 000 in force at commune A: the refs of its last target and last task."""
    sample = sorted(SAMPLES.glob("000_*.txt"))[0]
    with uow.transaction(site.settings) as s:
        plan_id = importing.import_plan(s, A, sample.read_bytes(), sample.name,
                                        max_bytes=20 * 1024 * 1024).plan_id
        review.activate(s, plan_id, accept_rest=True)
        plan = review.get_plan(s, plan_id)
        numbered = [t for t in plan.targets if t.value is not None]
        return {"target": f"t{numbered[-1].id}", "task": f"k{plan.tasks[-1].id}"}


def _in_view(page: Any, selector: str) -> bool:
    found = page.locator(selector)
    found.wait_for()
    return bool(found.evaluate(IN_VIEW))


@pytest.mark.parametrize("size", SIZES)
def test_a_saved_value_is_confirmed_beside_its_form(site: Site, open_as: Any,
                                                    long_plan: dict[str, str],
                                                    size: dict[str, int]) -> None:
    clerk = open_as("vanphong", size)
    ref = long_plan["target"]
    clerk.goto(f"{site.url}/chi-tieu/{ref}")
    form = clerk.locator(f"form[data-thong-bao='tb-{ref}']")
    form.get_by_label("Giá trị thực hiện").fill("50")
    form.get_by_role("button", name="Ghi số liệu").click()  # no htmx here: a new page
    clerk.wait_for_url(f"**/chi-tieu/{ref}?da_ghi={ref}#tb-{ref}")
    assert _in_view(clerk, f"#tb-{ref} .thanh-cong")
    assert clerk.evaluate("document.scrollingElement.scrollHeight") > size["height"]
    assert clerk.locator(f"#tb-{ref}").evaluate("e => e === document.activeElement")
    shot(clerk, "chi-tieu-da-ghi")


@pytest.mark.parametrize("size", SIZES)
def test_a_bad_date_is_shown_beside_the_form_on_my_work(site: Site, open_as: Any,
                                                        long_plan: dict[str, str],
                                                        size: dict[str, int]) -> None:
    clerk = open_as("vanphong", size)
    ref = long_plan["task"]
    clerk.goto(f"{site.url}/don-vi/{site.units[A]}/viec-cua-toi")
    item = clerk.locator(f"#viec-{ref}")
    if not item.locator("details").evaluate("e => e.open"):
        item.locator("summary").click()
    item.get_by_label("Ngày hoàn thành").fill("31/02/2026")  # the pattern admits it
    item.get_by_role("button", name="Ghi tiến độ").click()
    assert _in_view(clerk, f"#tb-{ref} .loi")
    assert "Ngày hoàn thành" in clerk.locator(f"#tb-{ref}").inner_text()
    assert clerk.locator("#thong-bao").inner_text() == ""  # not at the page's top
    shot(clerk, "viec-cua-toi-ngay-sai")
    item.get_by_label("Ngày hoàn thành").fill("15/03/2026")
    item.get_by_label("Trạng thái").select_option(label="Hoàn thành")
    item.get_by_role("button", name="Ghi tiến độ").click()
    assert _in_view(clerk, f"#tb-{ref} .thanh-cong")
    assert "Đã ghi tiến độ" in clerk.locator(f"#tb-{ref}").inner_text()


@pytest.mark.parametrize("size", SIZES)
def test_a_bad_date_without_htmx_leads_back_to_the_page(site: Site, open_as: Any,
                                                        long_plan: dict[str, str],
                                                        size: dict[str, int]) -> None:
    clerk = open_as("vanphong", size)
    ref = long_plan["task"]
    clerk.goto(f"{site.url}/nhiem-vu/{ref}")
    clerk.get_by_label("Ngày hoàn thành").fill("31/02/2026")
    clerk.get_by_role("button", name="Ghi tiến độ").click()
    assert _in_view(clerk, "p.loi")
    assert "Ngày hoàn thành" in clerk.locator("p.loi").inner_text()
    back = clerk.get_by_role("link", name="Quay lại trang trước")
    assert back.get_attribute("href") == f"/nhiem-vu/{ref}"
    back.click()
    clerk.wait_for_url(f"**/nhiem-vu/{ref}")
