"""Higher documents and target links in a real browser (issue 18 item 1): the clerk sees
the province's programme pending, links the commune's programme to it, and confirms a
suggested target link."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import PHONE, PROVINCE, A, Site, shot
from tests.services.docs import CTR_16, CTR_XA, NQ_XA, import_text
from theodoi.services import uow

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def documents(site: Site) -> dict[str, int]:
    with uow.transaction(site.settings) as s:
        return {"ctr16": import_text(s, PROVINCE, CTR_16, "ctr16.txt", activate=True),
                "nq": import_text(s, A, NQ_XA, "nq.txt", activate=True),
                "ctr": import_text(s, A, CTR_XA, "ctr.txt", activate=True)}


def test_the_clerk_links_a_programme_and_a_target(site: Site, open_as: Any,
                                                  documents: dict[str, int]) -> None:
    clerk = open_as("vanphong")
    clerk.goto(f"{site.url}/don-vi/{site.units[A]}")
    clerk.get_by_role("link", name="Văn bản cấp trên và liên kết").click()
    pending = clerk.locator("#chua-cu-the-hoa")
    assert "16-CTr/TU" in pending.inner_text()
    programme = clerk.locator(f"#ke-hoach-{documents['ctr']}")
    programme.get_by_label("Kế hoạch này cụ thể hóa").select_option(str(documents["ctr16"]))
    programme.get_by_role("button", name="Liên kết", exact=True).click()
    clerk.get_by_text("Đã ghi nhận kế hoạch cụ thể hóa văn bản cấp trên.").wait_for()
    assert "16-CTr/TU" not in clerk.locator("#chua-cu-the-hoa").inner_text()
    clerk.get_by_role("button", name="Tìm đề xuất liên kết mới").click()
    row = clerk.locator("#lien-ket-chi-tieu tr", has_text="nước sạch").first
    row.get_by_role("button", name="Xác nhận").click()
    clerk.get_by_text("Đã xác nhận liên kết chỉ tiêu.").wait_for()
    shot(clerk, "van-ban-cap-tren", full_page=True)
    phone = open_as("vanphong", PHONE)
    phone.goto(f"{site.url}/don-vi/{site.units[A]}/van-ban-cap-tren")
    assert "đã xác nhận" in phone.locator("#lien-ket-chi-tieu").inner_text()


def test_the_clerk_sets_the_reporting_calendar(site: Site, open_as: Any,
                                               documents: dict[str, int]) -> None:
    clerk = open_as("vanphong")
    clerk.goto(f"{site.url}/ke-hoach/{documents['ctr']}")
    clerk.get_by_role("link", name="Lịch báo cáo").click()
    row = clerk.locator("#sua-luong-1")  # the first stream; a blank row to add one follows
    row.get_by_label("Báo cáo theo").select_option(label="6 tháng")
    row.get_by_label("Hạn nộp").fill("15")
    clerk.get_by_role("button", name="Lưu lịch báo cáo").click()
    clerk.get_by_text("Đã lưu lịch báo cáo.").wait_for()
    said = " ".join(clerk.locator("main").inner_text().split())
    assert "Báo cáo theo 6 tháng, hạn nộp 15 ngày sau khi hết mỗi kỳ." in said
    shot(clerk, "lich-bao-cao")
