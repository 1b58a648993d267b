"""Issue 18's done-when: a commune with only the web app does everything the README's
*The plan register* and *Progress and status* sections list as commands, on a fresh
database with no sample data, through the pages alone.

The only thing done outside the browser is what the README's *Web* section does before
`theodoi serve`: an empty database and one administrator (`theodoi unit create`,
`theodoi user create … --role quan_tri`). Then, command by command (README name → page):

  unit create / unit list          → Quản trị: Tạo đơn vị; the home page lists the units
  import FILE                      → Tải kế hoạch lên (a DOCX of tests/data, and three TXT)
  plan list / plan show            → the unit's page; the plan's page
  plan accept / reject / accept-all→ Chấp nhận, Loại, Chấp nhận tất cả mục chờ rà soát
  plan correct / plan add          → Sửa (lead agency, value); Thêm mục máy đọc sót
  plan activate                    → Đưa vào thực hiện… then its confirmation
  plan pending / link / unlink     → Văn bản cấp trên và liên kết
  agency list / confirm / alias    → Danh mục cơ quan (Thêm tên: new with this walk)
  links suggest / confirm / group  → Tìm đề xuất liên kết mới, Xác nhận; Chỉ tiêu cùng
                                     cam kết (the target's linked group: new with this walk)
  register export / import         → Sổ bằng Excel
  plan calendar                    → Lịch báo cáo
  progress baseline                → the target page's Nhập số liệu gốc
  progress record / task           → Việc của tôi (the agency, on a phone, with files)
  progress history                 → the target page's Lịch sử số liệu (correction struck)
  progress template / import       → Biểu Excel nhập số liệu (the agency, on a phone)
  status                           → Tổng quan (counts, at risk), Sổ theo dõi by status,
                                     the target page's status and forecast
  progress missing                 → Tổng quan's Tình hình báo cáo (per agency, còn thiếu)
  explain request / answer / list  → Giải trình
  audit revert                     → Lịch sử thay đổi, Hoàn tác
  approval submit / approve / list → the task's Sản phẩm trình duyệt; Trình duyệt
  report                           → Tải DOCX on the unit page

Not walked: `db upgrade/downgrade/status` (the server's own schema, run by whoever
installs it, before any page can answer). Each step waits for what the page must show, so
a step the web cannot do fails the walk; there is no skip."""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from openpyxl import load_workbook

from tests.browser.conftest import DESKTOP, PASSWORD, PHONE, Site, login, need_chromium, shot
from tests.conftest import FIXTURES
from tests.services.docs import CTR_16, CTR_XA, NQ_XA
from tests.web.live import served
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.register import units
from theodoi.settings import Settings
from theodoi.storage import db
from theodoi.web.app import create_app

pytestmark = pytest.mark.browser
DOCX = FIXTURES / "fixtures" / "ke-hoach-ubnd.docx"
PDF = (FIXTURES / "fixtures" / "ke-hoach-ubnd.pdf").read_bytes()
PROVINCE, COMMUNE = "Tỉnh Đi Bộ", "Xã Đi Bộ"
AGENCY_PASSWORD, AGENCY_NEW = "ban-dau-kinh-te-2026", "lua-chin-vang-dong-2026"
VILLAGES = "Số thôn đạt chuẩn nông thôn mới kiểu mẫu"  # a target the DOCX assigns to nobody
OCOP = "Đề án phát triển sản phẩm OCOP"  # a task of Phòng Kinh tế


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    """An empty database: one province and its administrator, nothing else."""
    need_chromium()
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
        mp.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64,
                                                       parallelism=1))
        url = f"sqlite:///{Path(tmp) / 'walk.db'}"
        db.upgrade(url)
        settings = Settings(database_url=url, data_dir=Path(tmp) / "data")
        with uow.transaction(settings) as s:
            province = units.create(s, PROVINCE, level="tinh", code="tinh-di-bo").id
            accounts.create_user(s, "quantri", PASSWORD, full_name="Đỗ Văn Quản Trị")
            accounts.grant(s, "quantri", "tinh-di-bo", "quan_tri")
        try:
            with served(create_app(settings), lifespan="on") as base:
                yield Site(base, settings, {PROVINCE: province})
        finally:
            db.engine_for(url).dispose()


def said(page: Any, where: str = "main") -> str:
    return " ".join(page.locator(where).inner_text().split())


def _create_commune(admin: Any, site: Site) -> int:
    """`theodoi unit create` and `unit list`: the province's administrator makes the commune."""
    admin.goto(f"{site.url}/don-vi/{site.units[PROVINCE]}")
    admin.get_by_role("link", name="Quản trị").click()
    form = admin.locator("form", has=admin.get_by_role("button", name="Tạo đơn vị"))
    form.get_by_label("Tên", exact=True).fill(COMMUNE)
    form.get_by_label("Cấp").select_option(value="xa")
    form.get_by_role("button", name="Tạo đơn vị").click()
    admin.goto(f"{site.url}/")
    admin.get_by_role("link", name=COMMUNE).first.click()
    admin.wait_for_url(re.compile(r"/don-vi/\d+$"))
    return int(admin.url.rsplit("/", 1)[1])


def _upload(page: Any, site: Site, unit_id: int, path: Path) -> int:
    """`theodoi import FILE`: the upload page, the job, then the draft's review page."""
    page.goto(f"{site.url}/don-vi/{unit_id}")
    page.get_by_role("link", name="Tải kế hoạch lên").click()
    page.get_by_label(re.compile("Tệp văn bản")).set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và đọc văn bản").click()
    page.wait_for_url(re.compile(r"/tac-vu/\d+$"))
    page.wait_for_url(re.compile(r"/ke-hoach/\d+$"), timeout=60000)
    return int(page.url.rsplit("/", 1)[1])


def _accept_all_and_activate(page: Any, site: Site, plan_id: int) -> None:
    """`plan accept-all` and `plan activate`, through the confirmation page."""
    page.goto(f"{site.url}/ke-hoach/{plan_id}")
    if page.get_by_role("button", name="Chấp nhận tất cả mục chờ rà soát").count():
        page.get_by_role("button", name="Chấp nhận tất cả mục chờ rà soát").click()
        page.wait_for_load_state()
    assert page.locator("article.muc-proposed").count() == 0
    page.get_by_role("link", name="Đưa vào thực hiện…").click()
    page.wait_for_url(re.compile(r"/dua-vao-thuc-hien$"))
    page.get_by_role("button", name="Xác nhận đưa vào thực hiện").click()
    page.wait_for_url(f"{site.url}/ke-hoach/{plan_id}")
    assert page.get_by_role("link", name="Đưa vào thực hiện…").count() == 0


def _item(page: Any, words: str) -> Any:
    return page.locator("article.muc", has_text=words).first


def _review_the_docx(page: Any, site: Site, plan_id: int) -> dict[str, str]:
    """`plan accept`, `reject`, `correct`, `add` on the DOCX draft; returns refs by name."""
    page.goto(f"{site.url}/ke-hoach/{plan_id}")
    page.get_by_role("heading", name="Chỉ tiêu (4)").wait_for()
    refs = {name: _item(page, name).locator("a.ma").inner_text()
            for name in ("Thu nhập bình quân", VILLAGES, OCOP, "chuyển đổi số")}
    _item(page, "Thu nhập bình quân").get_by_role("button", name="Chấp nhận").click()
    page.locator(f"article.muc-accepted#muc-{refs['Thu nhập bình quân']}").wait_for()
    _item(page, "chuyển đổi số").get_by_role("button", name="Loại").click()
    page.locator(f"article.muc-rejected#muc-{refs['chuyển đổi số']}").wait_for()

    villages = page.locator(f"#muc-{refs[VILLAGES]}")
    villages.locator("summary", has_text=re.compile("^Sửa$")).click()
    villages.get_by_label("Giá trị (hoặc giá trị thấp của khoảng)").fill("6")
    villages.get_by_label("Cơ quan chủ trì").fill("Phòng Kinh tế")
    villages.get_by_role("button", name="Lưu").click()
    page.locator(f"#muc-{refs[VILLAGES]}.muc-corrected", has_text="Phòng Kinh tế").wait_for()
    ocop = page.locator(f"#muc-{refs[OCOP]}")
    ocop.locator("summary", has_text=re.compile("^Sửa$")).click()
    ocop.get_by_label("Trình, gửi đến").fill("UBND xã")
    ocop.get_by_role("button", name="Lưu").click()
    page.locator(f"#muc-{refs[OCOP]}.muc-corrected").wait_for()

    page.locator("#them-muc summary").click()
    added = page.locator("#them-muc")
    added.get_by_label("Loại mục").select_option(value="target")
    added.get_by_label("Tên chỉ tiêu hoặc nhiệm vụ").fill("Số hợp tác xã thành lập mới")
    added.get_by_label("Giá trị (chỉ tiêu)").fill("4")
    added.get_by_label("Đơn vị tính (chỉ tiêu)").fill("hợp tác xã")
    added.get_by_label("Năm hoàn thành (chỉ tiêu)").fill("2030")
    added.get_by_label("Cơ quan chủ trì").fill("Phòng Kinh tế")
    added.get_by_role("button", name="Thêm mục").click()
    page.get_by_role("heading", name="Chỉ tiêu (5)").wait_for()
    assert page.locator("article.muc-added", has_text="hợp tác xã").count() == 1
    shot(page, "di-bo-ra-soat")
    return refs


def _directory(page: Any, site: Site, commune: int) -> None:
    """`agency list`, `agency confirm`, `agency alias`."""
    page.goto(f"{site.url}/don-vi/{commune}/co-quan")
    while page.get_by_role("button", name="Xác nhận").count():
        page.get_by_role("button", name="Xác nhận").first.click()
        page.wait_for_load_state()
    assert "đề xuất" not in [t.strip() for t in page.locator("tbody td:nth-child(3)")
                             .all_inner_texts()]
    row = page.locator("tbody tr", has=page.locator("td", has_text=re.compile(
        "^Phòng Kinh tế$")))
    row.get_by_label("Tên gọi khác").fill("Phòng KT xã")
    row.get_by_role("button", name="Thêm tên").click()
    page.get_by_text("Đã thêm tên gọi khác.").wait_for()
    row = page.locator("tbody tr", has=page.locator("td", has_text=re.compile(
        "^Phòng Kinh tế$")))
    assert "Phòng KT xã" in row.locator("td").nth(3).inner_text()


def _cascade(page: Any, site: Site, commune: int, plans: dict[str, int]) -> None:
    """`plan pending`, `plan link`, `plan unlink`, `links suggest`, `links confirm`."""
    page.goto(f"{site.url}/don-vi/{commune}")
    page.get_by_role("link", name="Văn bản cấp trên và liên kết").click()
    assert "16-CTr/TU" in page.locator("#chua-cu-the-hoa").inner_text()
    ours = page.locator(f"#ke-hoach-{plans['docx']}")
    ours.get_by_label("Kế hoạch này cụ thể hóa").select_option(str(plans["ctr16"]))
    ours.get_by_role("button", name="Liên kết", exact=True).click()
    page.get_by_text("Đã ghi nhận kế hoạch cụ thể hóa văn bản cấp trên.").wait_for()
    assert "16-CTr/TU" not in page.locator("#chua-cu-the-hoa").inner_text()
    page.locator(f"#ke-hoach-{plans['docx']}").get_by_role("button", name="Bỏ liên kết").click()
    page.get_by_text("Đã bỏ liên kết.").wait_for()
    assert "16-CTr/TU" in page.locator("#chua-cu-the-hoa").inner_text()
    page.get_by_role("button", name="Tìm đề xuất liên kết mới").click()
    row = page.locator("#lien-ket-chi-tieu tr", has_text="nước sạch").first
    row.get_by_role("button", name="Xác nhận").click()
    page.get_by_text("Đã xác nhận liên kết chỉ tiêu.").wait_for()
    shot(page, "di-bo-van-ban-cap-tren", full_page=True)


def _linked_group(page: Any, site: Site, plan_id: int) -> None:
    """`links group`: from the target's page to the targets confirmed as the same."""
    page.goto(f"{site.url}/ke-hoach/{plan_id}")
    ref = _item(page, "nước sạch").locator("a.ma").inner_text()
    page.goto(f"{site.url}/chi-tieu/{ref}")
    page.get_by_role("link", name="Chỉ tiêu cùng cam kết ở văn bản khác").click()
    group = page.locator("#nhom-lien-ket")
    assert "01-NQ/ĐU" in group.inner_text() and "nước sạch" in group.inner_text()


def _calendar(page: Any, site: Site, plan_id: int) -> None:
    """`plan calendar N --stream …`: quarterly to the UBND before the 15th of the quarter's
    last month, and yearly to the Ban Thường vụ before 10/12; then the second dropped."""
    page.goto(f"{site.url}/ke-hoach/{plan_id}")
    page.get_by_role("link", name="Lịch báo cáo").click()
    first, added = page.locator("#sua-luong-1"), page.locator("#sua-luong-2")
    first.get_by_label("Báo cáo theo").select_option(label="Quý")
    first.get_by_label("Hạn nộp").fill("trước ngày 15 của tháng cuối quý")
    first.get_by_label("Gửi đến").fill("UBND xã")
    added.get_by_label("Báo cáo theo").select_option(label="Năm")
    added.get_by_label("Hạn nộp").fill("10/12 hằng năm")
    added.get_by_label("Gửi đến").fill("Ban Thường vụ Đảng ủy")
    page.get_by_role("button", name="Lưu lịch báo cáo").click()
    page.get_by_text("Đã lưu lịch báo cáo.").wait_for()
    assert ("Báo cáo theo quý gửi UBND xã, hạn nộp trước ngày 15 của tháng cuối kỳ."
            in said(page, "#luong-1"))
    assert ("Báo cáo theo năm gửi Ban Thường vụ Đảng ủy, hạn nộp trước ngày 10/12 hằng năm."
            in said(page, "#luong-2"))
    year = date.today().year  # the coming dues, by the rules: 10/12 of next year, and
    quarter_ends = [(y, q) for y in (year, year + 1) for q in (1, 2, 3, 4)]
    y, q = next((y, q) for y, q in quarter_ends if date(y, 3 * q, 15) >= date.today())
    assert f"Năm {year + 1} 10/12/{year + 1}" in said(page, "#luong-2")
    assert f"Quý {['I', 'II', 'III', 'IV'][q - 1]}/{y} 15/{3 * q:02d}/{y}" in said(page, "#luong-1")
    shot(page, "lich-bao-cao-hai-luong", full_page=True)
    page.locator("#sua-luong-1").get_by_label("Hạn nộp").fill("10")
    page.locator("#sua-luong-2").get_by_label("Báo cáo theo").select_option(
        label="— bỏ luồng này —")
    page.get_by_role("button", name="Lưu lịch báo cáo").click()
    page.get_by_text("Đã lưu lịch báo cáo.").wait_for()
    assert "hạn nộp 10 ngày sau khi hết mỗi kỳ" in said(page)
    assert page.locator("#luong-2").count() == 0


def _agency_account(page: Any, site: Site, commune: int) -> None:
    """`user create … --role don_vi --agency …` with must-change, from the commune's page."""
    page.goto(f"{site.url}/don-vi/{commune}/quan-tri")
    form = page.locator("form", has=page.get_by_role("button", name="Tạo người dùng"))
    form.get_by_label(re.compile("^Tên đăng nhập")).fill("kinhte")
    form.get_by_label("Họ và tên").fill("Lê Văn Kinh Tế")
    form.get_by_label(re.compile("Mật khẩu ban đầu")).fill(AGENCY_PASSWORD)
    form.get_by_label("Vai trò").select_option(value="don_vi")
    form.get_by_label(re.compile("^Cơ quan")).select_option(label="Phòng Kinh tế")
    form.get_by_role("button", name="Tạo người dùng").click()
    page.get_by_text("Đã tạo người dùng.").wait_for()


def _baseline(page: Any, site: Site, ref: str) -> None:
    """`progress baseline REF --value 2 --year 2025`."""
    page.goto(f"{site.url}/chi-tieu/{ref}")
    page.get_by_label("Giá trị năm gốc").fill("2")
    page.get_by_label("Năm gốc", exact=True).fill("2025")
    page.get_by_role("button", name="Lưu số liệu gốc").click()
    page.locator("#tb-so-lieu-goc", has_text="(năm 2025)").wait_for()


def _agency_reports(phone: Any, admin: Any, site: Site, commune: int,
                    refs: dict[str, str]) -> None:
    """The agency on a phone: first sign-in changes the password, then `progress record`
    (with a photo, then a correction), each figure sent and counted once the office
    accepts it (`progress pending` / `progress accept`), and `progress task` (with the
    signed file)."""
    phone.goto(site.url + "/doi-mat-khau")
    phone.get_by_label("Mật khẩu hiện tại").fill(AGENCY_PASSWORD)
    phone.get_by_label(re.compile("^Mật khẩu mới")).fill(AGENCY_NEW)
    phone.get_by_label("Nhập lại mật khẩu mới").fill(AGENCY_NEW)
    phone.get_by_role("button", name="Đổi mật khẩu").click()
    phone.get_by_text("Đã đổi mật khẩu.").wait_for()
    for value in ("3", "4"):  # the same period again is a correction
        phone.goto(f"{site.url}/don-vi/{commune}/viec-cua-toi")
        target = phone.locator(f"#viec-{refs[VILLAGES]}")
        target.get_by_label("Kỳ báo cáo").fill("Q3/2026")
        target.get_by_label("Giá trị thực hiện").fill(value)
        target.get_by_label("Tệp minh chứng").set_input_files(
            {"name": f"Biên bản kiểm tra {value}.pdf", "mimeType": "application/pdf",
             "buffer": PDF})
        target.get_by_role("button", name="Ghi số liệu").click()
        phone.locator(f"#tb-{refs[VILLAGES]}", has_text="chờ văn phòng hoặc lãnh đạo xác nhận"
                      ).wait_for()
        _accept_figure(admin, site, commune)
    phone.goto(f"{site.url}/don-vi/{commune}/viec-cua-toi")
    task = phone.locator(f"#viec-{refs[OCOP]}")
    task.get_by_label("Trạng thái").select_option(label="Hoàn thành")
    task.get_by_label("Tỷ lệ hoàn thành (%)").fill("100")
    task.get_by_label("Ngày hoàn thành").fill("20/09/2026")
    task.get_by_label("Sản phẩm").fill("Đề án OCOP đã ban hành")
    task.get_by_label(re.compile("Tệp kèm theo")).set_input_files(
        {"name": "Đề án OCOP.pdf", "mimeType": "application/pdf", "buffer": PDF})
    task.get_by_role("button", name="Ghi tiến độ").click()
    phone.locator(f"#tb-{refs[OCOP]}", has_text="Đã ghi tiến độ").wait_for()
    shot(phone, "di-bo-viec-cua-toi")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _accept_figure(admin: Any, site: Site, commune: int) -> None:
    """The office accepts the one figure waiting (the hx-confirm question answered yes)."""
    admin.goto(f"{site.url}/don-vi/{commune}/so-lieu-cho-xac-nhan")
    admin.once("dialog", lambda d: d.accept())
    admin.get_by_role("button", name="Xác nhận", exact=True).click()
    admin.locator("#cho-xac-nhan", has_text="số liệu được tính từ nay").wait_for()


def _history(page: Any, site: Site, ref: str) -> None:
    """`progress history`: both records, the first struck as corrected, the files linked."""
    page.goto(f"{site.url}/chi-tieu/{ref}")
    rows = page.locator("h2:text('Lịch sử số liệu') + div tbody tr")
    assert rows.count() == 2
    assert "đã được đính chính" in " ".join(rows.all_inner_texts())
    assert page.get_by_role("link", name="Biên bản kiểm tra 4.pdf").count() >= 1


def _template(phone: Any, site: Site, commune: int, folder: Path) -> None:
    """`progress template` and `progress import`: the agency's sheet, filled, handed in."""
    phone.goto(f"{site.url}/don-vi/{commune}")
    phone.get_by_role("link", name="Biểu Excel nhập số liệu").click()
    phone.get_by_label(re.compile("^Kỳ báo cáo")).fill("Q4/2026")
    with phone.expect_download() as info:
        phone.get_by_role("button", name="Tải biểu Excel").click()
    book = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    tasks = book["Nhiệm vụ"]
    assert "xây dựng chuỗi" in str(tasks.cell(2, 2).value) + str(tasks.cell(2, 3).value)
    tasks.cell(2, 4, "Đang thực hiện")
    tasks.cell(2, 5, 60)
    path = folder / "bieu.xlsx"
    book.save(path)
    phone.get_by_label("Tệp Excel (.xlsx) đã điền").set_input_files(str(path))
    phone.get_by_role("button", name="Nhập số liệu").click()
    assert "Đã nhập 0 số liệu chỉ tiêu và 1 tiến độ nhiệm vụ" in said(phone, "#ket-qua")


def _explanation(admin: Any, phone: Any, site: Site, commune: int, ref: str) -> None:
    """`explain request`, `explain answer`, `explain list`."""
    admin.goto(f"{site.url}/muc/{ref}/giai-trinh")
    admin.get_by_label("Câu hỏi").fill("Vì sao quý III mới có 4 thôn đạt chuẩn?")
    admin.get_by_role("button", name="Gửi yêu cầu").click()
    admin.get_by_text("Vì sao quý III mới có 4 thôn đạt chuẩn?").first.wait_for()
    phone.goto(f"{site.url}/don-vi/{commune}/giai-trinh")
    phone.get_by_label("Nội dung giải trình").fill("Hai thôn chờ thẩm định hồ sơ của huyện.")
    phone.get_by_role("button", name="Gửi giải trình").click()
    phone.wait_for_load_state()
    admin.goto(f"{site.url}/don-vi/{commune}/giai-trinh")
    assert "Hai thôn chờ thẩm định hồ sơ của huyện." in said(admin)


def _product(admin: Any, phone: Any, site: Site, commune: int, ref: str) -> None:
    """`approval submit` by the agency, `approval list` and `approval approve` by the office."""
    phone.goto(f"{site.url}/nhiem-vu/{ref}")
    phone.get_by_label("Tệp sản phẩm").set_input_files(
        files=[{"name": "Đề án OCOP.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    phone.locator("#san-pham button[type=submit]").first.click()
    phone.locator("#san-pham", has_text="Đã ghi. Trạng thái sản phẩm: đã trình").wait_for()
    admin.goto(f"{site.url}/don-vi/{commune}")
    admin.get_by_role("link", name="Trình duyệt").first.click()
    admin.get_by_role("link", name=re.compile("OCOP")).first.click()
    admin.get_by_role("button", name="Duyệt").click()
    admin.locator("#san-pham strong", has_text="đã duyệt").wait_for()


def _status(admin: Any, site: Site, commune: int, ref: str) -> None:
    """`status` and `progress missing`: the target's status and forecast, the dashboard's
    counts and reporting completeness, the register filtered by status."""
    admin.goto(f"{site.url}/chi-tieu/{ref}")
    badge = admin.locator("main > p .tt").first
    status_label = badge.inner_text().strip()
    assert status_label
    assert "năm 2030" in admin.locator("main > p").nth(1).inner_text()  # the forecast
    assert "thực hiện 4 thôn" in said(admin, "dl.thong-tin")
    admin.goto(f"{site.url}/don-vi/{commune}/tong-quan")
    admin.get_by_role("heading", name=re.compile("Theo cơ quan chủ trì")).wait_for()
    completeness = admin.locator("section", has=admin.get_by_role(
        "heading", name=re.compile("^Tình hình báo cáo")))
    assert "Phòng Kinh tế" in completeness.inner_text()
    shot(admin, "di-bo-tong-quan", full_page=True)
    admin.goto(f"{site.url}/don-vi/{commune}/so-theo-doi")
    admin.get_by_label("Trạng thái").select_option(label=status_label)
    admin.get_by_role("button", name="Lọc").click()
    admin.wait_for_url(re.compile(r"status="))
    assert admin.locator(f"tbody a[href='/chi-tieu/{ref}']").count() >= 1


def _revert(admin: Any, site: Site, commune: int, ref: str) -> None:
    """`audit revert`: the correction of the value undone, the first record current again."""
    admin.goto(f"{site.url}/don-vi/{commune}/lich-su")
    row = admin.locator("tbody tr", has_text="giá trị thực hiện").filter(
        has_text=VILLAGES).first  # newest first: the correction
    row.get_by_role("link", name="Hoàn tác").click()
    admin.get_by_role("button", name="Xác nhận hoàn tác").click()
    admin.wait_for_load_state()
    admin.goto(f"{site.url}/chi-tieu/{ref}")
    assert "thực hiện 3 thôn" in said(admin, "dl.thong-tin")


def _register_book(admin: Any, site: Site, commune: int, added: str, folder: Path) -> None:
    """`register export` and `register import`: a value changed in Excel comes back."""
    from tests.services.test_excel import Sheet

    admin.goto(f"{site.url}/don-vi/{commune}")
    admin.get_by_role("link", name="Sổ bằng Excel").click()
    with admin.expect_download() as info:
        admin.get_by_role("link", name="Tải sổ kế hoạch (.xlsx)").click()
    assert info.value.suggested_filename == f"Sổ kế hoạch - {COMMUNE}.xlsx"
    book = Sheet(Path(info.value.path()).read_bytes())
    book.set("Chỉ tiêu", int(added.removeprefix("t")), "Giá trị", 5)
    path = folder / "so.xlsx"
    path.write_bytes(book.bytes())
    admin.get_by_label("Tệp sổ kế hoạch (.xlsx)").set_input_files(str(path))
    admin.get_by_role("button", name="Nhập vào sổ").click()
    assert "Chỉ tiêu: thêm 0, sửa 1" in said(admin, "#ket-qua")
    admin.goto(f"{site.url}/chi-tieu/{added}")
    assert "5 hợp tác xã" in said(admin, "dl.thong-tin")


def _report(admin: Any, site: Site, commune: int) -> None:
    """`theodoi report`: the quarter's DOCX from the unit page."""
    admin.goto(f"{site.url}/don-vi/{commune}")
    form = admin.locator("form.bao-cao")
    form.get_by_label("Loại báo cáo").select_option(value="quy")
    form.get_by_label("Kỳ báo cáo").fill("Q3/2026")
    with admin.expect_download() as info:
        form.get_by_role("button", name="Tải DOCX").click()
    assert info.value.suggested_filename == f"Báo cáo quý III-2026 - {COMMUNE}.docx"
    assert Path(info.value.path()).read_bytes()[:2] == b"PK"


def test_the_readme_walked_on_the_web(site: Site, open_as: Any, browser: Any,
                                      tmp_path: Path) -> None:
    for name, text in (("ctr16.txt", CTR_16), ("nq.txt", NQ_XA), ("ctr.txt", CTR_XA)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    admin = open_as("quantri", DESKTOP)
    commune = _create_commune(admin, site)
    plans = {"ctr16": _upload(admin, site, site.units[PROVINCE], tmp_path / "ctr16.txt")}
    _accept_all_and_activate(admin, site, plans["ctr16"])
    plans["docx"] = _upload(admin, site, commune, DOCX)
    refs = _review_the_docx(admin, site, plans["docx"])
    added = admin.locator("article.muc-added", has_text="hợp tác xã").locator("a.ma")
    refs["added"] = added.inner_text()
    _accept_all_and_activate(admin, site, plans["docx"])
    for key in ("nq", "ctr"):
        plans[key] = _upload(admin, site, commune, tmp_path / f"{key}.txt")
        _accept_all_and_activate(admin, site, plans[key])
    admin.goto(f"{site.url}/don-vi/{commune}")  # plan list: the commune's three documents
    assert admin.locator("tbody tr").count() == 3
    _directory(admin, site, commune)
    _cascade(admin, site, commune, plans)
    _linked_group(admin, site, plans["ctr"])
    _calendar(admin, site, plans["docx"])
    _agency_account(admin, site, commune)
    _baseline(admin, site, refs[VILLAGES])

    ctx = browser.new_context(viewport=PHONE, locale="vi-VN")
    phone = ctx.new_page()
    login(phone, site, "kinhte", AGENCY_PASSWORD)
    phone.wait_for_url(lambda u: "/doi-mat-khau" in u)  # must change first
    _agency_reports(phone, admin, site, commune, refs)
    _history(admin, site, refs[VILLAGES])
    _template(phone, site, commune, tmp_path)
    _explanation(admin, phone, site, commune, refs[VILLAGES])
    _product(admin, phone, site, commune, refs[OCOP])
    _status(admin, site, commune, refs[VILLAGES])
    _revert(admin, site, commune, refs[VILLAGES])
    _register_book(admin, site, commune, refs["added"], tmp_path)
    _report(admin, site, commune)
    ctx.close()
