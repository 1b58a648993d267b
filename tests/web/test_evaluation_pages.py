"""The evaluation pages and their JSON twins (issue 21 item 3): an agency reads its own
score sheet pre-filled from the register, the office fills it, enters the council's
judgement and vote, a leader decides, anyone reading the unit sees the ranking and
downloads the papers.

Ground (worked out by hand): the v1 plan of Xã An Bình, active, with Phòng Kinh tế made
the lead of the income target (90 triệu by 2030), recorded at 95 for Q3/2026 (vượt), and
its public investment task (due Q3/2026) finished on 20/09/2026: as of 25/10/2026 its
targets are 1/1 = 100 % met and its tasks 1/1 on time. Phòng VH-XH leads only the tourism
task, due in 2027: nothing of it is counted yet, so it is not ranked."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.web.conftest import A, World
from tests.web.test_emulation_pages import _form
from theodoi.services import uow
from theodoi.services.progress import records
from theodoi.services.register import review_decisions as review

DAY = "2026-10-25"


def _ground(w: World) -> tuple[str, str]:
    income = next(r for r, i in w.items[A].items() if i["kind"] == "target"
                  and "Thu nhập" in (i.get("indicator") or i.get("text") or ""))
    invest = next(r for r, i in w.items[A].items() if i["kind"] == "task"
                  and "đầu tư" in (i.get("title") or ""))
    with uow.transaction(w.settings) as s:
        review.correct(s, income, {"lead_agency": "Phòng Kinh tế"})
        review.accept_all(s, w.plans[A])
        review.activate(s, w.plans[A])
        records.record_progress(s, income, "Q3/2026", "95", by="vanphong")
        records.update_task(s, invest, "hoan_thanh", on=date(2026, 9, 20), by="vanphong")
    return income, invest


def _movement(w: World, office: Any) -> tuple[int, int, int, int]:
    unit = w.units[A]
    m = office.post(f"/api/units/{unit}/movements", json={"name": "Thi đua năm 2026"}).json()
    for fields in ({"text": "Chỉ tiêu đạt", "kind": "targets_met_share", "threshold": 100},
                   {"text": "Không vi phạm kỷ luật", "kind": "judged"}):
        version = office.get(f"/api/movements/{m['id']}").json()["version"]
        made = office.post(f"/api/movements/{m['id']}/criteria",
                           json={"version": version, "applies_to": "collective", **fields})
        assert made.status_code == 201
    judged = made.json()["id"]
    agencies = {a["name"]: a["id"] for a in
                office.get(f"/api/units/{unit}/agencies").json()["agencies"]}
    parts = []
    for name in ("Phòng Kinh tế", "Phòng Văn hóa - Xã hội"):
        version = office.get(f"/api/movements/{m['id']}").json()["version"]
        parts.append(office.post(f"/api/movements/{m['id']}/participants", json={
            "version": version, "kind": "agency", "agency_id": agencies[name]}).json()["id"])
    return m["id"], judged, parts[0], parts[1]


def test_sheet_council_decision_ranking_and_papers(world: World, as_user: Any) -> None:
    income, _invest = _ground(world)
    office, agency, leader = as_user("vanphong"), as_user("donvi"), as_user("lanhdao")
    movement, judged, kt, vh = _movement(world, office)
    page = agency.get(f"/doi-tuong/{kt}/bang-diem?ngay={DAY}").text
    assert "Bản xem trước" in page and "1/1 = 100%" in page
    assert f'href="/chi-tieu/{income}"' in page and "Lập bảng điểm</button>" not in page
    assert agency.get(f"/doi-tuong/{vh}/bang-diem?ngay={DAY}").status_code == 404
    assert _form(agency, f"/doi-tuong/{kt}/bang-diem", ngay=DAY).status_code == 403
    assert _form(office, f"/doi-tuong/{kt}/bang-diem", ngay=DAY).status_code == 303
    sheet = office.get(f"/api/participants/{kt}/sheet?as_of={DAY}").json()
    assert sheet["stored"] and sheet["verdict"] is None  # the judged criterion waits
    sid = sheet["sheet_id"]
    assert _form(office, f"/bang-diem/{sid}/danh-gia", version=str(sheet["version"]),
                 criterion_id=str(judged), met="1", note="Không có vi phạm").status_code == 303
    sheet = office.get(f"/api/score-sheets/{sid}").json()
    assert sheet["verdict_label"] == "Đạt tiêu chuẩn"
    assert _form(office, f"/bang-diem/{sid}/bo-phieu", version=str(sheet["version"]),
                 agree="7", total="9", voted_on="2026-10-28",
                 reward_form="giay_khen").status_code == 303
    vote = office.get(f"/api/score-sheets/{sid}").json()["council"]
    assert (vote["agree"], vote["total"], vote["proposed_form"]) == (7, 9, "giay_khen")
    assert _form(office, f"/bang-diem/{sid}/quyet-dinh", version=str(vote["version"]),
                 approved="1").status_code == 403
    assert _form(leader, f"/bang-diem/{sid}/quyet-dinh", version=str(vote["version"]),
                 approved="1", number="12/QĐ-UBND",
                 decided_on="2026-11-02").status_code == 303
    page = agency.get(f"/doi-tuong/{kt}/bang-diem?ngay={DAY}").text
    assert "Phê duyệt khen thưởng</strong>: Giấy khen, Quyết định số 12/QĐ-UBND ngày " \
           "02/11/2026" in page
    ranked = as_user("xem").get(f"/api/movements/{movement}/ranking?as_of={DAY}").json()
    assert [(r["name"], r["rank"], r["score"]) for r in ranked["rows"]] == [
        ("Phòng Kinh tế", 1, 100.0), ("Phòng Văn hóa - Xã hội", None, None)]
    page = as_user("xem").get(f"/thi-dua/{movement}/binh-xet?ngay={DAY}").text
    assert "Chưa có chỉ tiêu, nhiệm vụ để xếp hạng" in page and "Biên bản họp" in page
    page = agency.get(f"/thi-dua/{movement}/binh-xet?ngay={DAY}").text
    assert "Phòng Văn hóa - Xã hội" not in page and "Biên bản họp" not in page
    assert agency.get(f"/thi-dua/{movement}/giay-to/bien-ban").status_code == 403
    got = as_user("xem").get(f"/thi-dua/{movement}/giay-to/danh-sach")
    assert got.status_code == 200 and got.content[:2] == b"PK"
    assert "attachment" in got.headers["content-disposition"]
