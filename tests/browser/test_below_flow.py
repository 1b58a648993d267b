"""Below the commune in a real browser (issue 22 item 4): the commune's office splits its
"tổ dân phố đạt chuẩn văn hóa" target into its two tổ dân phố on the target's roll-up
page; the head of Tổ dân phố số 1 signs in, sees his own target and not his neighbour's,
records "đạt"; the office validates it and the commune's roll-up page and dashboard say
1 of 2. The desktop picture of the split feeds the user guide (docs/anh/giao-cap-duoi)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PASSWORD, A, Site, shot
from tests.services.docs import plan_text
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.register import importing, units
from theodoi.services.register import review_decisions as review
from theodoi.storage.models import Plan

pytestmark = pytest.mark.browser
TDP = ("Tổ dân phố số 1", "Tổ dân phố số 2")
XA = plan_text("09/KH-UBND", "15 tháng 01 năm 2026", kind="KẾ HOẠCH",
               title="xây dựng đời sống văn hóa năm 2026",
               targets=["Có 2 tổ dân phố đạt chuẩn văn hóa."])
DAY = "15/07/2026"


def _below(site: Site) -> str:
    """Xã Hòa Bình's plan active, its two tổ dân phố and the head of the first; the
    culture target's ref."""
    with uow.transaction(site.settings) as s:
        plan_id = importing.import_plan(s, A, XA.encode(), "van-hoa.txt",
                                        max_bytes=20 * 1024 * 1024).plan_id
        review.activate(s, plan_id, accept_rest=True)
        for name in TDP:
            units.create(s, name, level="to_dan_pho", parent=A)
        accounts.create_user(s, "totruong", PASSWORD, full_name="Vũ Văn Tổ Trưởng")
        accounts.grant(s, "totruong", TDP[0], "truong")
        return next(f"t{t.id}" for t in s.get(Plan, plan_id).targets)


def _split(site: Site, office: Any, ref: str) -> tuple[str, str]:
    office.goto(f"{site.url}/chi-tieu/{ref}/tong-hop?ngay={DAY}")
    section = office.locator("#giao-cap-duoi")
    section.get_by_role("heading", name="Giao chỉ tiêu cho thôn, tổ dân phố, chi bộ").wait_for()
    assert section.locator("#form-giao-phan").count() == 0  # a count is not shared out
    for name in TDP:
        section.locator("#form-giao-dem").get_by_label(name).check()
    section.get_by_role("button", name="Giao theo số đơn vị đạt").click()
    office.get_by_role("status").filter(
        has_text="Đã giao chỉ tiêu cho các đơn vị cấp dưới.").wait_for()
    rows = office.locator("#da-giao tbody tr")
    assert rows.count() == 2
    given = [rows.nth(i).get_by_role("link").first.inner_text() for i in range(2)]
    assert "số đơn vị đạt (0/2 đơn vị)" in office.locator("#cach-tong-hop").inner_text()
    return given[0], given[1]


def _head_records(site: Site, head: Any, mine: str, other: str) -> None:
    gone = head.goto(f"{site.url}/chi-tieu/{other}")
    assert gone is not None and gone.status == 404  # the neighbour's target
    head.goto(f"{site.url}/chi-tieu/{mine}")
    head.get_by_role("heading", name="đạt chuẩn văn hóa").wait_for()
    assert "Tổ dân phố số 1 · Chỉ tiêu giao theo:" in head.locator("body").inner_text()
    head.get_by_label("Kỳ báo cáo").fill("Quý II/2026")
    head.get_by_label("Giá trị thực hiện").fill("đạt")
    head.get_by_role("button", name="Ghi số liệu").click()
    head.locator(f"#tb-{mine}", has_text=f"Đã gửi số liệu của mục {mine}").wait_for()
    assert head.get_by_text("Chưa có số liệu.").is_visible()  # it waits for the commune
    assert head.get_by_role("heading", name="Số liệu đã gửi, chưa tính").is_visible()


def _office_validates_and_reads(site: Site, office: Any, ref: str) -> None:
    office.on("dialog", lambda d: d.accept())  # the hx-confirm question, answered yes
    office.goto(f"{site.url}/don-vi/{site.units[TDP[0]]}/so-lieu-cho-xac-nhan")
    office.get_by_role("button", name="Xác nhận", exact=True).click()
    office.locator("#cho-xac-nhan", has_text="số liệu được tính từ nay").wait_for()
    office.goto(f"{site.url}/chi-tieu/{ref}/tong-hop?ngay={DAY}")
    assert "số đơn vị đạt (1/2 đơn vị)" in office.locator("#cach-tong-hop").inner_text()
    assert "1/2 đơn vị đạt" in office.locator("#ghi-chu-tong-hop").inner_text()
    rows = office.locator("#cac-don-vi tbody tr")
    assert "Tổ dân phố số 1" in rows.nth(0).inner_text() and "Đạt" in rows.nth(0).inner_text()
    shot(office, "giao-cap-duoi", full_page=True)
    office.goto(f"{site.url}/don-vi/{site.units[A]}/tong-quan?ngay={DAY}")
    line = office.locator(f"#th-{ref}").inner_text()
    assert "1 / 2" in line and "số đơn vị đạt" in line


def test_a_commune_splits_a_target_and_a_tdp_head_records_it(site: Site,
                                                             open_as: Any) -> None:
    ref = _below(site)
    with uow.transaction(site.settings) as s:
        site.units[TDP[0]] = units.find(s, TDP[0]).id
    office = open_as("vanphong", DESKTOP)
    mine, other = _split(site, office, ref)
    _head_records(site, open_as("totruong", DESKTOP), mine, other)
    _office_validates_and_reads(site, office, ref)
