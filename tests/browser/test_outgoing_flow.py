"""A quarterly report leaves the commune in a real browser (issue 20 item 4): the commune's
clerk numbers it at a desk, uploads the signed PDF (its digital signature detected, not
called valid) and sends it; the province's reader finds it in Văn bản đến and in the
table of reports received, opens the file; another commune's clerk cannot."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PASSWORD, PHONE, PROVINCE, A, Site, shot
from tests.conftest import ROOT
from tests.services.pdf_bytes import signed_pdf
from theodoi.domain.periods import quarter
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.register import importing
from theodoi.services.register import review_decisions as review

pytestmark = pytest.mark.browser
PLAN = ROOT / "tests" / "data" / "plans" / "ke-hoach-v1.txt"  # quarterly, due 5 days after


def _plan_and_province_reader(site: Site) -> None:
    with uow.transaction(site.settings) as s:
        plan_id = importing.import_plan(s, A, PLAN.read_bytes(), PLAN.name,
                                        max_bytes=20 * 1024 * 1024).plan_id
        review.activate(s, plan_id, accept_rest=True)
        accounts.create_user(s, "tinh", PASSWORD, full_name="Đỗ Thị Tỉnh")
        accounts.grant(s, "tinh", PROVINCE, "xem")


def test_the_commune_numbers_signs_and_sends_and_the_province_sees_it(
        site: Site, open_as: Any) -> None:
    _plan_and_province_reader(site)
    today = date.today()
    q = (today.month - 1) // 3 + 1  # the quarter under way: sent today is never late
    clerk = open_as("vanphong", DESKTOP)
    clerk.goto(f"{site.url}/don-vi/{site.units[A]}/van-ban-di")
    clerk.get_by_label("Kỳ báo cáo").fill(f"Q{q}/{today.year}")
    clerk.get_by_role("button", name="Vào sổ và cấp số").click()
    entry = clerk.locator("section.vua-ghi")
    entry.locator("h3", has_text="Số 1/BC-UBND ngày").wait_for()
    assert "đã vào sổ, chưa gửi" in entry.inner_text()
    entry.get_by_label("Bản đã ký (PDF)").set_input_files(
        files=[{"name": "bao-cao-da-ky.pdf", "mimeType": "application/pdf",
                "buffer": signed_pdf()}])
    entry.get_by_role("button", name="Tải bản đã ký lên").click()
    entry = clerk.locator("section.vua-ghi")
    entry.locator(".chu-ky", has_text="có chữ ký số (Nguyễn Văn An): đã phát hiện chữ ký "
                  "số, chưa kiểm tra tính hợp lệ").wait_for()
    shot(clerk, "van-ban-di-da-ky", full_page=True)
    entry.get_by_role("button", name=f"Gửi lên {PROVINCE}").click()
    entry = clerk.locator("section.vua-ghi")
    entry.locator(".trang-thai-vb", has_text="đã gửi").wait_for()
    assert f"gửi {PROVINCE} ngày {today:%d/%m/%Y}" in entry.inner_text()
    assert entry.get_by_role("button").count() == 0  # a sent report is final
    doc_href = entry.get_by_role("link", name="Bản đã ký (PDF)").get_attribute("href")

    province = open_as("tinh", DESKTOP)
    province.goto(f"{site.url}/don-vi/{site.units[PROVINCE]}/van-ban-den")
    row = province.locator("tbody tr", has_text=A)
    assert "1/BC-UBND" in row.inner_text() and today.strftime("%d/%m/%Y") in row.inner_text()
    shot(province, "van-ban-den")
    got = province.request.get(site.url + doc_href)
    assert got.status == 200 and got.body() == signed_pdf()
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-disposition"].startswith('inline; filename="')

    province.set_viewport_size(PHONE)
    province.goto(f"{site.url}/don-vi/{site.units[PROVINCE]}/bao-cao-cap-duoi")
    cells = province.locator("tbody tr", has_text=A).locator("td")
    sent = cells.nth(q - 1)
    assert "đã gửi đúng hạn" in sent.inner_text()
    assert sent.get_by_role("link", name="Số 1/BC-UBND").get_attribute("href") == doc_href
    shot(province, "bao-cao-cap-duoi", full_page=True)
    due = quarter(today.year, q).end
    assert f"hạn {date.fromordinal(due.toordinal() + 5):%d/%m/%Y}" in sent.inner_text()

    other = open_as("khac", DESKTOP)
    assert other.request.get(site.url + doc_href).status == 404
