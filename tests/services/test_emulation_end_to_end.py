"""Emulation end to end (issue 21 item 6) on both databases, on the samples of Thị trấn Cổ
Lễ: sample 002 launches the 2024 administrative-reform movement, sample 000 is the town's
plan whose tasks the agency carries out. The office gives Văn phòng - thống kê two of 000's
tasks and one of its targets, the agency registers and signs, its progress is recorded, the
sheet is counted as of 01/11/2024, the council judges and votes, the chairman approves, and
the proposal list and the báo cáo thành tích say what the register holds.

Expected values worked out by hand from the two documents:
- 002's criteria for collectives are its two sentences under "a) Đối với tập thể" (both
  judged: "hoàn thành tốt các nhiệm vụ", "triển khai thực hiện tốt …"); the office adds one
  measured from the register, tasks done on time at 100 %.
- 000's tasks "Lắp biển cảnh giới giao thông và sơn gờ giảm tốc …" (due 2025) and "Lắp
  đặt biển chỉ dẫn …" (due 2026): the first done on 20/10/2024, the second half done.
  As of 01/11/2024 the first counts (done on time), the second is not due: 1/1 = 100 %.
- 000's target "tỷ lệ lao động phi nông nghiệp đạt 95%" (by 2030), 96 recorded for quarter
  III/2024 on 05/10/2024 (a period ended before the evaluation day).
- The council: 8 of 9 agree (88,9 %), Giấy khen proposed; approved by decision
  15/QĐ-UBND of 08/11/2024.
"""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from typing import Any

from docx import Document

from tests.services.conftest import SAMPLES, load
from theodoi.domain.access import Grant
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.emulation import (
    achievements,
    council,
    evaluation,
    members,
    movements,
    papers,
    registrations,
)
from theodoi.services.progress import records
from theodoi.services.register import agencies, units
from theodoi.services.register import review_decisions as review
from theodoi.storage.models import Plan

CO_LE = "Thị trấn Cổ Lễ"
ON = date(2024, 11, 1)
SIGNS = "lắp biển cảnh giới giao thông"
GUIDES = "lắp đặt biển chỉ dẫn"
LABOUR = "lao động phi nông nghiệp"


def _words(content: bytes) -> str:
    """Every paragraph and table cell of a DOCX, a line each."""
    doc = Document(BytesIO(content))
    lines = [p.text for p in doc.paragraphs]
    lines += [" | ".join(c.text for c in row.cells) for t in doc.tables for row in t.rows]
    return "\n".join(lines)


def _people(s: Any, unit_id: int, agency_id: int) -> tuple[Principal, Principal, Principal]:
    made = [accounts.create_user(s, name, "mat-khau-du-dai-1", full_name=full)
            for name, full in (("vanphong", "Văn phòng"), ("vptk", "Công chức VP-TK"),
                               ("chutich", "Chủ tịch"))]
    return (Principal(made[0].id, "vanphong", "Văn phòng", (Grant(unit_id, "van_phong"),)),
            Principal(made[1].id, "vptk", "Công chức VP-TK",
                      (Grant(unit_id, "don_vi", agency_id),)),
            Principal(made[2].id, "chutich", "Chủ tịch", (Grant(unit_id, "lanh_dao"),)))


def _town_plan(s: Any, agency: str) -> dict[str, str]:
    """Sample 000 imported, two tasks and one target given to `agency`, activated."""
    plan = s.get(Plan, load(s, SAMPLES / "000_bc70259db3d54841.txt", CO_LE).plan_id)
    refs = {SIGNS: next(f"k{k.id}" for k in plan.tasks if SIGNS in k.title.lower()),
            GUIDES: next(f"k{k.id}" for k in plan.tasks if GUIDES in k.title.lower()),
            LABOUR: next(f"t{t.id}" for t in plan.targets if LABOUR in t.indicator.lower())}
    for ref in refs.values():
        review.correct(s, ref, {"lead_agency": agency})
    review.activate(s, plan.id, accept_rest=True)
    return refs


def test_sample_002_evaluated_from_sample_000s_register(session: Any) -> None:
    s = session
    launch = load(s, SAMPLES / "002_d2b9d9a47977116e.txt", CO_LE).plan_id
    unit = units.find(s, CO_LE)
    vptk = agencies.resolve(s, unit, "Văn phòng - thống kê")
    assert vptk is not None
    office, agency, leader = _people(s, unit.id, vptk.id)
    refs = _town_plan(s, vptk.name)
    records.update_task(s, refs[SIGNS], "hoan_thanh", on=date(2024, 10, 20), by="vanphong")
    records.update_task(s, refs[GUIDES], "dang_thuc_hien", on=date(2024, 10, 20),
                        percent="50", by="vanphong")
    records.record_progress(s, refs[LABOUR], "Q3/2024", "96", by="vanphong",
                            at=datetime(2024, 10, 5, 9))

    [offer] = movements.proposals(s, office, unit.id)
    m = movements.create_from_plan(s, office, launch, offer["version"])
    m = movements.get(s, office, m["id"])
    measured = members.add_criterion(s, office, m["id"], m["version"], {
        "text": "Hoàn thành các nhiệm vụ được giao đúng thời hạn", "applies_to": "collective",
        "kind": "tasks_on_time_share", "threshold": "100"})
    m = movements.get(s, office, m["id"])
    part = members.add_participant(s, office, m["id"], m["version"],
                                   {"kind": "agency", "agency_id": vptk.id})["id"]
    reg = registrations.get(s, agency, part)["participant"]["registration"]
    reg = registrations.save(s, agency, part, reg["version"], [
        "Hoàn thành đúng hạn các nhiệm vụ CCHC năm 2024"])["participant"]["registration"]
    signed = registrations.sign(s, agency, part, reg["version"])
    assert signed["participant"]["registration"]["state"] == "signed"

    sheet = evaluation.fill(s, office, part, ON)
    lines = {x["criterion_id"]: x for x in sheet["criteria"]}
    judged = [c for c, x in lines.items() if x["kind"] == "judged"]
    assert len(lines) == 3 and len(judged) == 2  # 002's two for collectives, and ours
    mine = lines[measured["id"]]
    assert (mine["part"], mine["whole"], mine["share"], mine["passed"]) == (1, 1, 100.0, True)
    for criterion in judged:
        sheet = council.judge(s, office, sheet["sheet_id"], sheet["version"], criterion, True)
    voted = council.vote(s, office, sheet["sheet_id"], sheet["version"], 8, 9,
                         date(2024, 11, 5), "giay_khen")
    assert voted["council"]["carried"] and voted["council"]["share"] == 88.9
    done = council.decide(s, leader, sheet["sheet_id"], voted["council"]["version"], True,
                          date(2024, 11, 8), number="15/QĐ-UBND")
    assert done["council"]["approved_form"] == "giay_khen"

    listed = _words(papers.paper(s, office, m["id"], "danh-sach", ON).content)
    assert "DANH SÁCH" in listed
    row = next(ln for ln in listed.splitlines() if ln.startswith("1 | "))
    assert vptk.name in row and "8/9 (88,9%)" in row and "Giấy khen" in row
    assert "Tỷ lệ nhiệm vụ hoàn thành đúng hạn: 1/1 (100%)" in row

    _name, content = achievements.document(s, agency, part, ON)
    report = _words(content)
    assert "Hoàn thành đúng hạn các nhiệm vụ CCHC năm 2024" in report  # its commitment
    assert "Chủ trì 1 chỉ tiêu" in report
    labour = next(ln for ln in report.splitlines() if LABOUR in ln.lower() and " | " in ln)
    assert "| 95 |" in labour and "| 96 |" in labour  # the goal and the figure recorded
    assert ("Chủ trì 2 nhiệm vụ; đã hoàn thành 1 (đúng hạn 1, trễ hạn 0); quá hạn 0; "
            "đang thực hiện, chưa đến hạn 1.") in report
