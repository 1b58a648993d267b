"""The Excel progress template in a real browser (issue 18 item 1), on a desktop and on a
phone: the agency downloads its template, fills it, uploads it; a bad cell is named by
row and column and nothing is written."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import DESKTOP, PHONE, A, Site, grant_agency, shot
from tests.browser.test_progress_flow import _active_plan

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def active(site: Site, browser: Any) -> None:
    """The plan accepted and in implementation, then the agency's account granted."""
    ctx = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    clerk = ctx.new_page()
    from tests.browser.conftest import login

    login(clerk, site, "vanphong")
    _active_plan(site, clerk)
    ctx.close()
    grant_agency(site, "donvi")


def _download(page: Any, period: str) -> Any:
    page.get_by_label("Kỳ báo cáo").fill(period)
    with page.expect_download() as info:
        page.get_by_role("button", name="Tải biểu Excel").click()
    saved = info.value
    assert saved.suggested_filename.startswith("Biểu nhập số liệu")
    return load_workbook(io.BytesIO(Path(saved.path()).read_bytes()))


def _upload(page: Any, book: Any, folder: Path) -> None:
    path = folder / "bieu-da-dien.xlsx"
    book.save(path)
    page.get_by_label("Tệp Excel (.xlsx) đã điền").set_input_files(str(path))
    page.get_by_role("button", name="Nhập số liệu").click()
    page.locator("#ket-qua").wait_for()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_agency_hands_in_its_template(site: Site, open_as: Any, active: None,
                                          viewport: dict[str, int], tmp_path: Path) -> None:
    period = "Q1/2026" if viewport is DESKTOP else "Q2/2026"
    agency = open_as("donvi", viewport)
    agency.goto(f"{site.url}/don-vi/{site.units[A]}")
    agency.get_by_role("link", name="Biểu Excel nhập số liệu").click()
    book = _download(agency, period)
    tasks = book["Nhiệm vụ"]
    tasks.cell(2, 4, "Đang thực hiện")
    tasks.cell(2, 5, 250)  # a share above 100%: refused
    _upload(agency, book, tmp_path)
    problem = agency.locator("#ket-qua li").first
    assert "Trang 'Nhiệm vụ', dòng 2, cột 'Tỷ lệ hoàn thành (%)'" in problem.inner_text()
    assert "chưa ghi dòng nào" in agency.locator("#ket-qua").inner_text()
    shot(agency, "bieu-so-lieu-loi")
    assert agency.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    tasks.cell(2, 5, 50)
    _upload(agency, book, tmp_path)
    assert "Đã nhập 0 số liệu chỉ tiêu và 1 tiến độ nhiệm vụ" in " ".join(
        agency.locator("#ket-qua").inner_text().split())
    shot(agency, "bieu-so-lieu")
