"""Between levels in a real browser (issue 22): a commune's office confirms the suggested
link of its poverty target to the province's on Liên kết giữa các cấp; the province's
reader sees each commune's figure and the mean on the target's roll-up page and on its
dashboard; the commune closes the province's instruction on Chỉ đạo cấp dưới and the
province sees it acted; the commune's public page is not there until its quan_tri opts
in, then shows the plan's target and figure without any person's name. The desktop
pictures of the roll-up and the instructions feed the user guide (docs/anh/)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PASSWORD, PROVINCE, USERS, A, B, Site, shot
from tests.conftest import ROOT
from tests.services.docs import plan_text
from tests.services.test_instructions import LATE_PLAN, PROVINCE_CTR
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.progress import records
from theodoi.services.register import importing, units
from theodoi.services.register import review_decisions as review
from theodoi.services.rollup import matching
from theodoi.storage.models import Plan

pytestmark = pytest.mark.browser
V1 = ROOT / "tests" / "data" / "plans" / "ke-hoach-v1.txt"  # "Tỷ lệ hộ nghèo giảm còn dưới 1%."
TINH = plan_text("30-KH/UBND", "10 tháng 01 năm 2026", kind="KẾ HOẠCH",
                 title="phát triển kinh tế - xã hội giai đoạn 2026 - 2030",
                 targets=["Tỷ lệ hộ nghèo giảm còn dưới 1,5%.",
                          "Trồng mới 500 ha rừng sản xuất."])
MAX = 20 * 1024 * 1024
DAY = "15/07/2026"  # after both communes' Q2/2026 figures
CODE = "tinh-thu.xa-hoa-binh"  # the code Xã Hòa Bình gets under tinh-thu
NAMES = [full for full, *_ in USERS.values()] + ["Đỗ Thị Tỉnh", "Hoàng Văn Quản Trị",
                                                 "vanphong", "Nguyễn Văn An"]


def _import(s: Any, unit: str, text: bytes, name: str, *, activate: bool = True) -> int:
    plan_id = importing.import_plan(s, unit, text, name, max_bytes=MAX).plan_id
    if activate:
        review.activate(s, plan_id, accept_rest=True)
    return plan_id


def _poor(s: Any, plan_id: int) -> str:
    return next(f"t{t.id}" for t in s.get(Plan, plan_id).targets if "nghèo" in t.indicator)


def _levels(site: Site) -> dict[str, str]:
    """The province's plan (poverty under 1,5%) and programme 16-CTr/TU (the communes build
    their plans by 31/3/2026); both communes' plans active; Xã Yên Lạc's plan implementing
    the programme (issued 10/4/2026, late) and its poverty target linked to the province's
    with a figure of 1,8; Xã Hòa Bình's figure of 1,2 recorded by its office. Returns the
    poverty targets' refs."""
    with uow.transaction(site.settings) as s:
        refs = {PROVINCE: _poor(s, _import(s, PROVINCE, TINH.encode(), "tinh.txt"))}
        _import(s, PROVINCE, PROVINCE_CTR.encode(), "ctr16.txt")
        for unit in (A, B):
            refs[unit] = _poor(s, _import(s, unit, V1.read_bytes(), V1.name))
        _import(s, B, LATE_PLAN.encode(), "kh07.txt", activate=False)
        [link] = [r for r in matching.suggest(s, units.find(s, B))
                  if r["upper"]["ref"] == refs[PROVINCE] and r["lower"]["ref"] == refs[B]]
        matching.decide(s, matching.get(s, link["id"]), "confirmed", "rate", "khac")
        records.record_progress(s, refs[A], "Q2/2026", "1,2", by="vanphong")
        records.record_progress(s, refs[B], "Q2/2026", "1,8", by="khac")
        accounts.create_user(s, "tinhxem", PASSWORD, full_name="Đỗ Thị Tỉnh")
        accounts.grant(s, "tinhxem", PROVINCE, "xem")
        accounts.create_user(s, "quantri", PASSWORD, full_name="Hoàng Văn Quản Trị")
        accounts.grant(s, "quantri", A, "quan_tri")
    return refs


def _confirm_the_link(site: Site, office: Any, province_ref: str) -> None:
    office.goto(f"{site.url}/don-vi/{site.units[A]}/lien-ket-cap")
    office.get_by_text("Chưa có liên kết nào với cấp trên hay cấp dưới.").wait_for()
    office.get_by_role("button", name="Tìm đề xuất liên kết với cấp trên và cấp dưới").click()
    office.get_by_role("status").filter(has_text="Có 1 đề xuất liên kết mới.").wait_for()
    row = office.locator("#lien-ket-cap tbody tr")
    assert row.count() == 1  # the poverty rate; the province's forest has no match in v1
    assert f"{PROVINCE}: {province_ref}" in row.inner_text()
    assert "cùng đơn vị %" in row.inner_text() and "đề xuất" in row.inner_text()
    row.get_by_label("Quan hệ").select_option(label="cùng tỷ lệ")
    row.get_by_role("button", name="Xác nhận").click()
    office.get_by_role("status").filter(
        has_text="Đã xác nhận liên kết chỉ tiêu giữa các cấp.").wait_for()
    decided = office.locator("#lien-ket-cap tbody tr").inner_text()
    assert "đã xác nhận (cùng tỷ lệ) — vanphong" in decided  # who decided, by username
    assert office.locator("#lien-ket-cap").get_by_role("button").count() == 0


def _province_reads_the_roll_up(site: Site, reader: Any, ref: str) -> None:
    reader.goto(f"{site.url}/chi-tieu/{ref}/tong-hop?ngay={DAY}")
    reader.get_by_role("heading", name="Tổng hợp từ các đơn vị: Tỷ lệ hộ nghèo").wait_for()
    rows = reader.locator("#cac-don-vi tbody tr")
    assert rows.count() == 2
    assert A in rows.nth(0).inner_text() and "1,2" in rows.nth(0).inner_text()
    assert B in rows.nth(1).inner_text() and "1,8" in rows.nth(1).inner_text()
    assert "cùng tỷ lệ" in rows.nth(0).inner_text()
    method = reader.locator("#cach-tong-hop").inner_text()
    assert "bình quân cộng (2 đơn vị)" in method and "(mặc định)" in method
    assert "1,5" in reader.locator("#so-tong-hop").inner_text()  # (1,2 + 1,8) / 2
    assert "30/06/2026" in reader.locator("#so-tong-hop").inner_text()  # end of Q2
    assert reader.get_by_text("Chọn cách tổng hợp").count() == 0  # a reader cannot choose
    shot(reader, "tong-hop-cap-duoi", full_page=True)
    reader.goto(f"{site.url}/don-vi/{site.units[PROVINCE]}/tong-quan?ngay={DAY}")
    section = reader.locator("#tong-hop-cap-duoi")
    section.get_by_role("heading", name="Tổng hợp chỉ tiêu từ các đơn vị trực thuộc").wait_for()
    line = section.locator(f"#th-{ref}").inner_text()
    assert "Tỷ lệ hộ nghèo" in line and "1,5" in line and "2 / 2" in line
    assert "bình quân cộng" in line


def _commune_closes_its_instruction(site: Site, office: Any, reader: Any) -> None:
    board = f"{site.url}/don-vi/{site.units[PROVINCE]}/chi-dao?ngay=15/04/2026"
    reader.goto(board)
    given = reader.locator("#da-giao article")
    given.get_by_role("heading", name="Các đảng ủy xã, phường").wait_for()
    assert "1/2 đơn vị đã thực hiện" in " ".join(given.locator("p").first.inner_text().split())
    assert "Quá hạn, chưa thực hiện" in given.locator("tr", has_text=A).inner_text()
    office.goto(f"{site.url}/don-vi/{site.units[A]}/chi-dao")
    mine = office.locator("#duoc-giao tbody tr", has_text=A)
    assert "Đã thực hiện" not in mine.inner_text()
    mine.get_by_label("Báo cáo, giải trình của đơn vị").fill(
        "Đảng ủy xã đã ban hành Công văn 15-CV/ĐU triển khai Chương trình.")
    mine.get_by_label("Ngày").fill("25/03/2026")
    mine.get_by_role("button", name="Đóng mục").click()  # htmx replaces the row
    mine = office.locator("#duoc-giao tbody tr", has_text=A)
    mine.get_by_text("Đã thực hiện đúng hạn").wait_for()
    assert "25/03/2026" in mine.inner_text() and "Công văn 15-CV/ĐU" in mine.inner_text()
    assert office.locator("#duoc-giao").get_by_text(B).count() == 0  # its own item only
    reader.goto(board)
    given = reader.locator("#da-giao article")
    given.get_by_text("2/2").wait_for()
    summary = " ".join(given.locator("p").first.inner_text().split())
    assert "2/2 đơn vị đã thực hiện (1 đúng hạn, 1 trễ hạn)" in summary
    ours, theirs = given.locator("tr", has_text=A), given.locator("tr", has_text=B)
    assert "Đã thực hiện đúng hạn" in ours.inner_text() and "25/03/2026" in ours.inner_text()
    assert "Đã thực hiện trễ hạn" in theirs.inner_text() and "10/04/2026" in theirs.inner_text()
    assert "07-KH/ĐU" in theirs.inner_text()  # closed by the plan linked, not by a report
    shot(reader, "chi-dao-cap-duoi", full_page=True)


def _public_page(site: Site, browser: Any, admin: Any) -> None:
    visitor = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    try:
        page = visitor.new_page()
        gone = page.goto(f"{site.url}/cong-khai/{CODE}")
        assert gone is not None and gone.status == 404
        admin.goto(f"{site.url}/don-vi/{site.units[A]}/trao-doi")
        admin.get_by_text("Chưa công khai.").wait_for()
        admin.get_by_role("button", name="Bật trang công khai").click()
        admin.get_by_role("link", name=f"/cong-khai/{CODE}").wait_for()
        shown = page.goto(f"{site.url}/cong-khai/{CODE}")
        assert shown is not None and shown.status == 200
        page.get_by_role("heading", name=f"{A}: kế hoạch đang thực hiện").wait_for()
        plan = page.locator("section.cong-khai-ke-hoach", has_text="Số 12/KH-UBND")
        assert "Phát triển kinh tế - xã hội giai đoạn 2026 - 2030" in plan.inner_text()
        poor = plan.locator("tr", has_text="Tỷ lệ hộ nghèo")
        assert "1,2" in poor.inner_text()  # the figure its office recorded
        text = page.locator("body").inner_text()
        assert [n for n in NAMES if n in text] == []
        assert page.get_by_role("link", name="Đăng xuất").count() == 0
        shot(page, "cong-khai", full_page=True)
    finally:
        visitor.close()


def test_a_commune_links_reports_and_acts_and_the_province_sees_it(
        site: Site, open_as: Any, browser: Any) -> None:
    refs = _levels(site)
    office = open_as("vanphong", DESKTOP)
    _confirm_the_link(site, office, refs[PROVINCE])
    reader = open_as("tinhxem", DESKTOP)
    _province_reads_the_roll_up(site, reader, refs[PROVINCE])
    _commune_closes_its_instruction(site, office, reader)
    _public_page(site, browser, open_as("quantri", DESKTOP))
