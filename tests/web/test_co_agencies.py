"""Co-agencies take part: a don_vi user of a cơ quan phối hợp sees the items it
co-ordinates, adds its part (a note, its share of a target that adds up, a file), is listed
on the item, and never reports the item's figure, which stays the lead agency's.

In Xã An Bình, k1 is led by Phòng Kinh tế with Văn phòng HĐND và UBND xã; here Phòng Kinh
tế (the `donvi` user) is also made co-agency of k2 (led by Phòng VH-XH), of t2, turned
into a count ("Số hộ được hỗ trợ làm nhà ở", 40 hộ, led by Phòng VH-XH), and of t3 (a
rate: "Tỷ lệ dân số tham gia bảo hiểm y tế", 95 %).
"""

from __future__ import annotations

import html
from typing import Any

import pytest

from tests.conftest import FIXTURES
from tests.web.conftest import A, World
from tests.web.progress_world import implement

PDF = (FIXTURES / "fixtures" / "ke-hoach-ubnd.pdf").read_bytes()


def _correct(office: Any, world: World, ref: str, changes: dict[str, Any]) -> None:
    review = office.get(f"/api/plans/{world.plans[A]}/review").json()
    item = next(i for i in [*review["targets"], *review["tasks"]] if i["ref"] == ref)
    r = office.post(f"/api/items/{ref}/correct",
                    json={"version": item["version"], "changes": changes})
    assert r.status_code == 200, r.text


@pytest.fixture
def agency(world: World, as_user: Any) -> Any:
    office = as_user("vanphong")
    _correct(office, world, "k2", {"co_agencies": "Phòng Kinh tế"})
    _correct(office, world, "t2", {"indicator": "Số hộ được hỗ trợ làm nhà ở", "unit": "hộ",
                                   "value": "40", "lead_agency": "Phòng VH-XH",
                                   "co_agencies": "Phòng Kinh tế"})
    _correct(office, world, "t3", {"co_agencies": "Phòng Kinh tế"})  # a rate, in %
    implement(as_user, world)
    return as_user("donvi")


def test_a_co_agency_sees_the_items_it_co_ordinates(world: World, agency: Any) -> None:
    assert agency.get("/api/items/k2").status_code == 200
    page = html.unescape(agency.get("/nhiem-vu/k2").text)
    assert "Phối hợp</dt><dd>Phòng Kinh tế" in page
    assert "Ghi phần phối hợp" in page and "Ghi tiến độ</button>" not in page
    work = agency.get(f"/api/units/{world.units[A]}/my-work").json()
    assert {e["ref"] for e in work["shared"]} == {"k2", "t2", "t3"}
    assert "k2" not in {e["ref"] for e in work["tasks"]}


def test_its_part_is_listed_on_the_item_with_its_file(agency: Any) -> None:
    assert agency.get("/api/items/k2").json()["contributions"] == []  # the page is cached
    r = agency.post("/muc/k2/phoi-hop", data={"note": "Khảo sát 3 thôn", "period": "Q1/2026"},
                    files={"evidence": ("Biên bản khảo sát.pdf", PDF, "application/pdf")},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    item = agency.get("/api/items/k2").json()
    (part,) = item["contributions"]
    assert (part["agency"], part["note"], part["period_label"], part["recorded_by"]) == (
        "Phòng Kinh tế", "Khảo sát 3 thôn", "Quý I/2026", "donvi")
    assert part["evidence"] == "Biên bản khảo sát.pdf"
    assert agency.get(f"/tep/{part['evidence_id']}").content == PDF
    assert item["history"] == []  # the task's own reports are untouched


def test_a_share_of_a_target_that_adds_up(agency: Any) -> None:
    r = agency.post("/api/items/t2/contributions", json={"value": "12", "note": "Thôn Đông"})
    assert r.status_code == 201, r.text
    assert r.json()["value"] == 12 and r.json()["unit"] == "hộ"
    item = agency.get("/api/items/t2").json()
    assert item["status"]["actual"] is None  # the lead reports the figure, not the parts


def test_no_share_of_a_rate_only_a_note(agency: Any, as_user: Any) -> None:
    r = agency.post("/api/items/t3/contributions", json={"value": "5"})
    assert r.status_code == 400
    assert r.json()["error"]["message"] == ("mục t3 không tính bằng tổng các phần; hãy ghi "
                                            "nội dung phối hợp, không ghi giá trị.")
    assert agency.post("/api/items/t3/contributions",
                       json={"note": "Tuyên truyền ở 5 thôn"}).status_code == 201
    page = html.unescape(agency.get("/chi-tieu/t3").text)
    assert "Tuyên truyền ở 5 thôn" in page and "Phần giá trị của cơ quan" not in page
    office = as_user("vanphong")  # no co-agency: it records the figure itself
    assert office.post("/api/items/t3/contributions", json={"note": "x"}).status_code == 403


def test_a_co_agency_does_not_report_the_figure(agency: Any) -> None:
    r = agency.post("/api/items/k2/update", json={"state": "hoan_thanh"})
    assert r.status_code == 403
    assert "cơ quan chủ trì" in r.json()["error"]["message"]
    r = agency.post("/api/items/t2/progress", json={"period": "2026", "value": "30"})
    assert r.status_code == 403


def test_a_lead_agency_adds_no_part_and_an_outsider_sees_nothing(agency: Any,
                                                                as_user: Any) -> None:
    assert agency.post("/api/items/k1/contributions", json={"note": "x"}).status_code == 403
    assert as_user("khac").post("/api/items/k2/contributions",
                                json={"note": "x"}).status_code == 404
    empty = agency.post("/api/items/k2/contributions", json={})
    assert empty.status_code == 400
    assert agency.get("/api/items/k2").json()["contributions"] == []


def test_the_report_lists_its_part_in_its_appendix(world: World, agency: Any) -> None:
    import io
    from datetime import date

    import docx

    assert agency.post("/api/items/k2/contributions",
                       json={"note": "Khảo sát 3 thôn"}).status_code == 201
    assert agency.post("/api/items/t2/contributions", json={"value": "12"}).status_code == 201
    quarter = (date.today().month - 1) // 3 + 1
    r = agency.get(f"/api/units/{world.units[A]}/report?kind=quy&period=Q{quarter}/"
                   f"{date.today().year}&format=docx")
    assert r.status_code == 200, r.text
    book = docx.Document(io.BytesIO(r.content))
    lines = [p.text for p in book.paragraphs]
    assert "PHẦN PHỐI HỢP CỦA CÁC CƠ QUAN PHỐI HỢP" in lines  # a Biểu of its own
    rows = [[c.text for c in row.cells] for t in book.tables for row in t.rows]
    lead = "Phòng Văn hóa - Xã hội"  # the directory's name of "Phòng VH-XH"
    assert ["1", "Phòng Kinh tế", "Xây dựng Đề án phát triển du lịch cộng đồng", lead,
            "Khảo sát 3 thôn"] in rows
    assert ["2", "Phòng Kinh tế", "Số hộ được hỗ trợ làm nhà ở", lead,
            "phần giá trị 12 hộ"] in rows


def test_a_co_agency_neither_answers_for_the_lead_nor_undoes_its_report(
        world: World, agency: Any, as_user: Any) -> None:
    office, leader = as_user("vanphong"), as_user("lanhdao")
    assert office.post("/api/items/k2/update", json={"state": "dang_thuc_hien"}
                       ).status_code == 201
    asked = leader.post("/api/items/k2/explanations", json={"question": "Vì sao chậm?"})
    assert asked.status_code == 201, asked.text
    seen = agency.get("/api/items/k2/explanations").json()
    assert seen["can_answer"] is False
    answer = agency.post(f"/api/explanations/{asked.json()['id']}/answer",
                         json={"text": "Đang làm", "version": asked.json()["version"]})
    assert answer.status_code == 403
    entries = office.get(f"/api/units/{world.units[A]}/audit").json()["entries"]
    update = next(e for e in entries if e["entity_kind"] == "task_update")
    undo = agency.post(f"/api/audit/{update['id']}/revert", json={})
    assert undo.status_code == 403
    assert agency.get("/api/items/k2").json()["status"]["state"] == "dang_thuc_hien"
