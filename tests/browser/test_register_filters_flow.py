"""The register's filters in a real browser (issue 18 item 4), desktop and phone: the office
narrows a commune's register to the Party's resolution and one field, the choices stay in
the address and in the selects. The desktop picture feeds the user guide (docs/anh/)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import DESKTOP, PHONE, A, Site, shot
from tests.conftest import FIXTURES
from theodoi.services import uow
from theodoi.services.register import importing

pytestmark = pytest.mark.browser
PLANS = (FIXTURES / "plans" / "ke-hoach-v1.txt", FIXTURES / "plans" / "nghi-quyet-dang-uy.txt")


@pytest.fixture(scope="module")
def plans(site: Site) -> list[int]:
    """A Kế hoạch of the UBND (3 targets, 3 tasks) and a Nghị quyết of the Đảng ủy (1
    target, 3 tasks) in the same commune."""
    with uow.transaction(site.settings) as s:
        return [importing.import_plan(s, A, path.read_bytes(), path.name,
                                      max_bytes=20 * 1024 * 1024).plan_id for path in PLANS]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_office_narrows_the_register_by_issuer_and_field(site: Site, open_as: Any,
                                                             plans: list[int],
                                                             viewport: dict[str, int]) -> None:
    office = open_as("vanphong", viewport)
    office.goto(f"{site.url}/don-vi/{site.units[A]}/so-theo-doi")
    # each select under its Vietnamese label (a label wraps its select and options)
    for label in ("Loại", "Lĩnh vực", "Cơ quan ban hành", "Loại văn bản"):
        assert office.locator("form.bo-loc label", has_text=label).count() >= 1
    assert "10 / 10 mục" in office.locator("p.mo").first.inner_text()
    office.locator("select[name=issuer]").select_option(label="Đảng ủy")
    office.locator("select[name=field]").select_option(label="Quốc phòng - An ninh")
    office.get_by_role("button", name="Lọc").click()
    office.wait_for_url(lambda u: "issuer=dang_uy" in u)
    query = parse_qs(urlparse(office.url).query)
    assert query["issuer"] == ["dang_uy"] and query["field"] == ["quoc_phong_an_ninh"]
    assert "1 / 10 mục" in office.locator("p.mo").first.inner_text()
    rows = office.locator("table.so-muc tbody tr")
    assert rows.count() == 1 and "thao trường huấn luyện dân quân" in rows.first.inner_text()
    assert rows.first.locator('td[data-nhan="Lĩnh vực"]').inner_text() == "Quốc phòng - An ninh"
    # the choices stay selected on the narrowed page, and combine with the document kind
    assert office.locator("select[name=issuer]").input_value() == "dang_uy"
    office.locator("select[name=field]").select_option(label="tất cả")
    office.locator("select[name=doc_kind]").select_option(label="Nghị quyết")
    office.locator("select[name=kind]").select_option(label="nhiệm vụ")
    office.get_by_role("button", name="Lọc").click()
    office.wait_for_url(lambda u: "doc_kind=nghi_quyet" in u)
    assert "3 / 10 mục" in office.locator("p.mo").first.inner_text()
    shot(office, "so-theo-doi-loc")
    assert office.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
