"""The register as a workbook in a real browser (issue 18 item 1), desktop and phone: the
office downloads the register, edits a target in Excel and brings it back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE, A, Site, shot
from tests.conftest import FIXTURES
from tests.services.test_excel import Sheet
from theodoi.services import uow
from theodoi.services.register import importing

pytestmark = pytest.mark.browser
PLAN = FIXTURES / "plans" / "ke-hoach-v2.txt"


@pytest.fixture(scope="module")
def plan(site: Site) -> int:
    with uow.transaction(site.settings) as s:
        return importing.import_plan(s, A, PLAN.read_bytes(), PLAN.name,
                                     max_bytes=20 * 1024 * 1024).plan_id


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_office_edits_the_register_in_excel(site: Site, open_as: Any, plan: int,
                                                viewport: dict[str, int],
                                                tmp_path: Path) -> None:
    office = open_as("vanphong", viewport)
    office.goto(f"{site.url}/don-vi/{site.units[A]}")
    office.get_by_role("link", name="Sổ bằng Excel").click()
    with office.expect_download() as info:
        office.get_by_role("link", name="Tải sổ kế hoạch (.xlsx)").click()
    assert info.value.suggested_filename == "Sổ kế hoạch - Xã Hòa Bình.xlsx"
    book = Sheet(Path(info.value.path()).read_bytes())
    number = f"{viewport['width']}/KH-UBND"
    book.set("Kế hoạch", plan, "Số hiệu", number)
    path = tmp_path / "so.xlsx"
    path.write_bytes(book.bytes())
    office.get_by_label("Tệp sổ kế hoạch (.xlsx)").set_input_files(str(path))
    office.get_by_role("button", name="Nhập vào sổ").click()
    result = office.locator("#ket-qua")
    result.wait_for()
    assert "Kế hoạch: thêm 0, sửa 1" in " ".join(result.inner_text().split())
    shot(office, "so-excel")
    assert office.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    office.goto(f"{site.url}/don-vi/{site.units[A]}")
    assert number in office.locator("table").first.inner_text()
