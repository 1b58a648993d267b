"""Every correction of the review page walked in a browser, on a desktop and a phone:
a target's range, field, roadmap and co-agencies (a bad range first: its message stands
beside the field, on screen); a task's kind, people, due date and submit-to; split and
merge; a missed item added by selecting its words in the source; the plan's number and
date; deleting a draft after confirmation. Screenshots feed the user guide (docs/anh/)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, A, Site, shot
from tests.services.conftest import PLANS
from theodoi.services import uow
from theodoi.services.register import importing

pytestmark = pytest.mark.browser
TXT = PLANS / "ke-hoach-v1.txt"
TITLE = "Phát triển kinh tế - xã hội giai đoạn 2026 - 2030"  # not read as an item


def _plan(site: Site, tag: str, number: int) -> int:
    """A draft of its own for each walk: another document number, since the same plan
    again in another file is refused as a duplicate whatever order the walks run in."""
    text = TXT.read_text(encoding="utf-8").replace("Số: 12/KH-UBND", f"Số: {number}/KH-UBND")
    data = (text + f"\nGhi chú: bản thử {tag}.\n").encode()
    with uow.transaction(site.settings) as s:
        return importing.import_plan(s, A, data, f"ke-hoach-{tag}.txt",
                                     max_bytes=1 << 20).plan_id


def _open(item: Any, summary: str) -> None:
    details = item.locator("details", has=item.page.locator(f"summary:text-is('{summary}')"))
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()


def _target(page: Any) -> None:
    item = page.locator("article.muc", has_text="hộ nghèo").first
    ref = item.locator("a.ma").inner_text()
    _open(item, "Sửa")
    item.get_by_label("So sánh").select_option(label="từ … đến …")
    item.get_by_label("Giá trị (hoặc giá trị thấp của khoảng)").fill("1")
    item.get_by_label("Giá trị cao của khoảng").fill("0,5")
    item.get_by_role("button", name="Lưu").click()
    error = page.locator(f"#loi-{ref}-value_max")
    expect(error).to_contain_text("không nhỏ hơn giá trị thấp")
    expect(error).to_be_in_viewport()
    shot(page, "ra-soat-loi-truong")
    item = page.locator(f"#muc-{ref}")
    expect(item.get_by_label("Giá trị cao của khoảng")).to_be_focused()  # settled
    item.get_by_label("Giá trị cao của khoảng").fill("1,5")
    item.get_by_label("Lĩnh vực").select_option(label="Văn hóa - Xã hội")
    item.get_by_label("Lộ trình theo năm").fill("2026: 1,5; 2028: 1")
    item.get_by_label("Cơ quan phối hợp").fill("Phòng Kinh tế; Hội Nông dân xã")
    item.get_by_role("button", name="Lưu").click()
    expect(page.locator(f"#muc-{ref}.muc-corrected")).to_contain_text("từ 1 đến 1,5")
    expect(page.locator(f"#muc-{ref}")).to_contain_text("Phòng Kinh tế; Hội Nông dân xã")


def _task(page: Any) -> str:
    item = page.locator("article.muc", has_text="du lịch cộng đồng").first
    ref = item.locator("a.ma").inner_text()
    _open(item, "Sửa")
    item.get_by_label("Loại", exact=True).select_option(label="đề án")
    item.get_by_label("Người chủ trì").fill("Phó Chủ tịch UBND xã")
    item.get_by_label("Cơ quan tham mưu").fill("Phòng VH-XH")
    item.get_by_label("Ngày đến hạn").fill("31/12/2027")
    item.get_by_label("Trình, gửi đến").fill("HĐND xã")
    shot(page, "ra-soat-sua-nhiem-vu")
    item.get_by_role("button", name="Lưu").click()
    saved = page.locator(f"#muc-{ref}.muc-corrected")
    expect(saved.get_by_label("Người chủ trì")).to_have_value("Phó Chủ tịch UBND xã")
    expect(saved.get_by_label("Ngày đến hạn")).to_have_value("31/12/2027")
    return ref


def _split_and_merge(page: Any, ref: str) -> None:
    item = page.locator(f"#muc-{ref}")
    _open(item, "Tách, gộp")
    item.get_by_label(re.compile("đoạn mở đầu mục thứ hai")).fill("du lịch cộng đồng")
    item.get_by_role("button", name="Tách").click()
    page.wait_for_url(re.compile(r"\?muc=k\d+#muc-k\d+$"))
    new_ref = page.url.rsplit("#muc-", 1)[1]
    expect(page.locator(f"#muc-{new_ref}.muc-added")).to_contain_text("du lịch cộng đồng")
    item = page.locator(f"#muc-{ref}")
    _open(item, "Tách, gộp")
    item.get_by_label(re.compile("mã mục")).fill(new_ref)
    item.get_by_role("button", name="Gộp").click()
    expect(page.locator(f"#muc-{new_ref}.muc-rejected")).to_be_attached()
    expect(page.locator(f"#muc-{ref} p.noi-dung")).to_contain_text("du lịch cộng đồng")


def _select(page: Any, words: str) -> None:
    """Select `words` in the shown source, as a person drags over them."""
    found = page.evaluate("""words => {
      const source = document.querySelector('.nguon');
      const walk = document.createTreeWalker(source, NodeFilter.SHOW_TEXT);
      for (let node = walk.nextNode(); node; node = walk.nextNode()) {
        const at = node.data.indexOf(words);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + words.length);
        getSelection().removeAllRanges(); getSelection().addRange(range);
        return true;
      }
      return false;
    }""", words)
    assert found


def _add_from_selection(page: Any) -> None:
    source = page.locator("details.van-ban")
    if not source.evaluate("d => d.open"):
        source.locator("summary").click()
    _select(page, TITLE)
    form = page.locator("#them-muc")
    expect(form.get_by_label("Tên chỉ tiêu hoặc nhiệm vụ")).to_have_value(TITLE)
    expect(form.locator("[data-doan-chon]")).to_contain_text("Đoạn đã chọn: ký tự")
    shot(page, "ra-soat-them-muc")
    form.get_by_label("Loại mục").select_option(label="Nhiệm vụ")
    form.get_by_label("Cơ quan chủ trì").fill("Phòng Kinh tế")
    before = page.url
    form.get_by_role("button", name="Thêm mục").click()
    page.wait_for_url(lambda url: url != before and re.search(r"\?muc=k\d+#", url))
    ref = page.url.rsplit("#muc-", 1)[1]
    expect(page.locator(f"mark#nguon-{ref}")).to_have_text(TITLE)  # the span, exactly


def _plan_facts(page: Any) -> None:
    facts = page.locator("#thong-tin-van-ban")
    facts.locator("summary").click()
    facts.get_by_label("Ngày ban hành").fill("30/02/2026")
    facts.get_by_role("button", name="Lưu thông tin văn bản").click()
    expect(page.locator("#loi-vb-issued_on")).to_be_in_viewport()
    # the cursor goes to the bad field once htmx has settled; typing before that would
    # let the focus move away mid-word
    expect(page.locator("#vb-issued_on")).to_be_focused()
    facts = page.locator("#thong-tin-van-ban")
    facts.get_by_label("Số hiệu văn bản").fill("21/KH-UBND")
    facts.get_by_label("Ngày ban hành").fill("16/01/2026")
    facts.get_by_role("button", name="Lưu thông tin văn bản").click()
    expect(page.locator("main p.mo").first).to_contain_text("Số 21/KH-UBND · 16/01/2026")


def _delete(page: Any, site: Site) -> None:
    page.get_by_role("link", name="Xóa bản nháp").click()
    page.wait_for_url(re.compile(r"/xoa$"))
    expect(page.get_by_text("3 chỉ tiêu và 3 nhiệm vụ")).to_be_visible()
    shot(page, "xoa-ban-nhap")
    page.get_by_role("button", name="Xác nhận xóa bản nháp").click()
    page.wait_for_url(f"{site.url}/don-vi/{site.units[A]}")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_correction_on_the_review_page(site: Site, open_as: Any,
                                             viewport: dict[str, int]) -> None:
    plan_id = _plan(site, f"sua-{viewport['width']}", viewport["width"])
    page = open_as("vanphong", viewport)
    page.goto(f"{site.url}/ke-hoach/{plan_id}")
    _target(page)
    shot(page, "ra-soat-sua-chi-tieu")
    ref = _task(page)
    _split_and_merge(page, ref)
    _add_from_selection(page)
    _plan_facts(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_draft_deleted_after_its_confirmation(site: Site, open_as: Any,
                                                viewport: dict[str, int]) -> None:
    plan_id = _plan(site, f"xoa-{viewport['width']}", viewport["width"] + 1)
    page = open_as("vanphong", viewport)
    page.goto(f"{site.url}/ke-hoach/{plan_id}")
    _delete(page, site)
    assert page.goto(f"{site.url}/ke-hoach/{plan_id}").status == 404
