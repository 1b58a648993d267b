"""A new version of a plan uploaded in a real browser, on a desktop and a phone: the job's
page shows what the new file changes and stores nothing until the person confirms; then
the new draft opens, and the unit page shows one row for the document with the old version
under it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE, Site, shot
from tests.services.conftest import PLANS
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.register import importing, units

pytestmark = pytest.mark.browser
V1, V2 = PLANS / "ke-hoach-v1.txt", PLANS / "ke-hoach-v2.txt"


def _unit_with_v1(site: Site, name: str) -> int:
    """A commune of its own for this run, the clerk 'khac' its office, v1 in its register."""
    with uow.transaction(site.settings) as s:
        unit = units.create(s, name, parent="tinh-thu")
        accounts.grant(s, "khac", name, "van_phong")
        importing.import_plan(s, name, V1.read_bytes(), V1.name, max_bytes=20 << 20)
        return unit.id


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_new_version_is_shown_before_it_is_stored(site: Site, open_as: Any,
                                                    viewport: dict[str, int]) -> None:
    unit_id = _unit_with_v1(site, f"Xã Phiên Bản {viewport['width']}")
    clerk = open_as("khac", viewport)
    clerk.goto(f"{site.url}/don-vi/{unit_id}/tai-len")
    clerk.get_by_label(re.compile("Tệp văn bản")).set_input_files(str(V2))
    clerk.get_by_role("button", name="Tải lên và đọc văn bản").click()
    clerk.wait_for_url(re.compile(r"/tac-vu/\d+$"))
    clerk.locator("#so-sanh").wait_for()
    said = clerk.locator("#so-sanh").inner_text()
    assert "1 mục mới, 1 mục thay đổi, 4 mục giữ nguyên, 1 mục bỏ" in said
    assert "Chưa có gì được lưu" in said
    shot(clerk, "phien-ban-moi")
    clerk.goto(f"{site.url}/don-vi/{unit_id}")
    assert clerk.locator("tbody tr").count() == 1  # nothing stored yet
    clerk.go_back()
    clerk.get_by_role("button", name="Lưu thành phiên bản mới (bản nháp)").click()
    clerk.wait_for_url(re.compile(r"/ke-hoach/\d+$"))  # the new draft, once read
    clerk.goto(f"{site.url}/don-vi/{unit_id}")
    assert clerk.locator("tbody tr").count() == 2
    assert clerk.locator("tr.phien-ban-cu").count() == 1
    shot(clerk, "don-vi-phien-ban")
