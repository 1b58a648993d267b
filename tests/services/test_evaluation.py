"""Evaluation of an emulation movement (issue 21 item 3) on both databases: score sheets
pre-filled from the status engine, judged criteria, the council's vote, the chairman's
decision, the ranking of agencies.

The ground: the v1 test plan of Xã An Bình, active, its progress recorded by the office
(so no figure waits for validation). Phòng Kinh tế leads t(income) and two tasks (the
public investment plan, due 30/09/2026, done on 20/09; the yearly report, due 15/12);
Phòng VH-XH leads t(poor), t(insured) and the tourism task (due Q4/2027). As of
25/10/2026, worked out by hand:
- income 95 of a goal of 90 → vượt; poor 0,8 % of "dưới 1 %" → đạt; insured 90 of 95
  → not yet met. Kinh tế 1/1 targets = 100 %, VH-XH 1/2 = 50 %.
- tasks counted (finished or overdue): Kinh tế's investment plan, on time → 1/1 = 100 %
  (the yearly report not yet due, left out); VH-XH none → no share.
- reports of Q3/2026, due 05/10/2026 (5 days after the quarter): income recorded 02/10
  (on time), the investment task reported 20/09 (on time), the yearly report task none
  → Kinh tế 2/3 = 66,7 %; poor recorded 20/10 (late), insured 03/10 (on time), tourism
  none → VH-XH 1/3 = 33,3 %.
- explanations: one asked of insured on 01/09 and answered 10/09 → VH-XH 1/1.
- ranking: Kinh tế score (100 + 100)/2 = 100, rank 1; VH-XH 50 (its rate alone), rank 2.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from tests.services.progress_setup import active_v1
from theodoi.domain.access import Grant
from theodoi.domain.errors import BadInput, Conflict, FieldError, Forbidden, NotFound
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.emulation import council, evaluation, members, movements, papers, ranking
from theodoi.services.history import audit
from theodoi.services.progress import explanations
from theodoi.services.progress import records as progress
from theodoi.services.register import agencies, units
from theodoi.storage.models import ExplanationRequest

A = "Xã An Bình"
ON = date(2026, 10, 25)


class Ground:
    """The movement with six criteria and the two agencies taking part, and the people."""

    def __init__(self, s: Any) -> None:
        r = active_v1(s)
        self.refs = r
        unit = units.find(s, A)
        self.unit = unit.id
        kt = agencies.resolve(s, unit, "Phòng Kinh tế").id  # type: ignore[union-attr]
        vh = agencies.resolve(s, unit, "Phòng VH-XH").id  # type: ignore[union-attr]
        self.people(s, kt)
        self.progress(s, r)
        m = movements.create(s, self.office, unit.id, "Phong trào thi đua năm 2026")
        self.criteria = {}
        for key, fields in (
                ("targets", {"kind": "targets_met_share", "threshold": "50"}),
                ("tasks", {"kind": "tasks_on_time_share", "threshold": "100"}),
                ("reports", {"kind": "reports_on_time_share", "threshold": "60"}),
                ("answers", {"kind": "explanations_answered_share", "threshold": "100"}),
                ("insured", {"kind": "target_met", "target_id": r.insured}),
                ("discipline", {"kind": "judged"})):
            m = movements.get(s, self.office, m["id"])
            made = members.add_criterion(s, self.office, m["id"], m["version"],
                                         {"text": f"Tiêu chí {key}", "applies_to": "collective",
                                          **fields})
            self.criteria[key] = made["id"]
        m = movements.get(s, self.office, m["id"])
        members.add_criterion(s, self.office, m["id"], m["version"], {
            "text": "Có sáng kiến", "applies_to": "individual", "kind": "judged"})
        self.kt = self.join(s, m["id"], kt)
        self.vh = self.join(s, m["id"], vh)
        self.movement = m["id"]

    def people(self, s: Any, kt: int) -> None:
        for name in ("vanphong", "kinhte", "chutich"):
            accounts.create_user(s, name, "mat-khau-du-dai-1", full_name=name.title())
        self.office = Principal(1, "vanphong", "Văn phòng", (Grant(self.unit, "van_phong"),))
        self.agency = Principal(2, "kinhte", "Kinh tế", (Grant(self.unit, "don_vi", kt),))
        self.leader = Principal(3, "chutich", "Chủ tịch", (Grant(self.unit, "lanh_dao"),))

    def progress(self, s: Any, r: Any) -> None:
        for ref, value, day in ((r.income, "95", 2), (r.poor, "0,8", 20),
                                (r.insured, "90", 3)):
            progress.record_progress(s, ref, "Q3/2026", value, by="vanphong",
                                     at=datetime(2026, 10, day, 9))
        progress.update_task(s, r.invest, "hoan_thanh", on=date(2026, 9, 20), by="vanphong")
        asked = explanations.request_explanation(s, r.insured, "Vì sao BHYT chưa đạt?")
        explanations.answer(s, asked.id, "Đang vận động hộ cận nghèo.")
        row = s.get(ExplanationRequest, asked.id)
        row.requested_at, row.answered_at = datetime(2026, 9, 1), datetime(2026, 9, 10)
        s.flush()

    def join(self, s: Any, movement_id: int, agency_id: int) -> int:
        m = movements.get(s, self.office, movement_id)
        return int(members.add_participant(s, self.office, movement_id, m["version"], {
            "kind": "agency", "agency_id": agency_id})["id"])


@pytest.fixture
def ground(session: Any) -> Ground:
    return Ground(session)


def _line(sheet: dict[str, Any], g: Ground, key: str) -> dict[str, Any]:
    return next(x for x in sheet["criteria"] if x["criterion_id"] == g.criteria[key])


def test_the_sheet_is_pre_filled_from_the_status_engine(session: Any, ground: Ground) -> None:
    g = ground
    kt = evaluation.sheet(session, g.office, g.kt, ON)
    assert not kt["stored"] and [x["text"] for x in kt["criteria"]] == [
        "Tiêu chí targets", "Tiêu chí tasks", "Tiêu chí reports", "Tiêu chí answers",
        "Tiêu chí insured", "Tiêu chí discipline"]  # not the individuals' criterion
    counts = {k: (_line(kt, g, k)["part"], _line(kt, g, k)["whole"], _line(kt, g, k)["share"],
                  _line(kt, g, k)["passed"]) for k in g.criteria if k != "discipline"}
    assert counts == {"targets": (1, 1, 100.0, True), "tasks": (1, 1, 100.0, True),
                      "reports": (2, 3, 66.7, True), "answers": (0, 0, None, True),
                      "insured": (0, 1, 0.0, False)}
    assert [(x["ref"], x["ok"]) for x in _line(kt, g, "targets")["items"]] == [
        (g.refs.income, True)]
    tasks = _line(kt, g, "tasks")
    assert [(x["ref"], x["counted"]) for x in tasks["items"]] == [
        (g.refs.invest, True), ("k3", False)]
    assert tasks["note"] == "1 nhiệm vụ chưa đến hạn hoặc tạm dừng, chưa tính."
    assert kt["verdict"] is False  # the insured target is not met
    vh = evaluation.sheet(session, g.office, g.vh, ON)
    assert (_line(vh, g, "targets")["part"], _line(vh, g, "targets")["whole"]) == (1, 2)
    assert _line(vh, g, "targets")["passed"] is True  # 50 % against a threshold of 50
    assert (_line(vh, g, "tasks")["share"], _line(vh, g, "tasks")["passed"]) == (None, None)
    assert (_line(vh, g, "reports")["part"], _line(vh, g, "reports")["whole"],
            _line(vh, g, "reports")["passed"]) == (1, 3, False)
    assert [x["label"] for x in _line(vh, g, "reports")["items"]] == [
        "Gửi muộn", "Gửi đúng hạn", "Chưa gửi"]
    assert (_line(vh, g, "answers")["part"], _line(vh, g, "answers")["whole"]) == (1, 1)


def test_an_earlier_day_counts_what_was_known_then(session: Any, ground: Ground) -> None:
    g = ground
    early = evaluation.sheet(session, g.office, g.kt, date(2026, 9, 25))
    # before the quarter's figures the income target has none; the task was already done
    assert (_line(early, g, "targets")["part"], _line(early, g, "targets")["whole"]) == (0, 1)
    assert _line(early, g, "tasks")["part"] == 1


def test_fill_judge_vote_decide_with_roles_and_audit(session: Any, ground: Ground) -> None:
    g = ground
    with pytest.raises(Forbidden):
        evaluation.fill(session, g.leader, g.vh, ON)
    sheet = evaluation.fill(session, g.office, g.vh, ON)
    assert sheet["stored"] and sheet["can_judge"] and not sheet["can_decide"]
    sid = sheet["sheet_id"]
    with pytest.raises(BadInput, match="chưa đánh giá"):
        council.vote(session, g.office, sid, sheet["version"], 7, 9, ON, "giay_khen")
    with pytest.raises(FieldError):  # an evidence criterion is not the council's to judge
        council.judge(session, g.office, sid, sheet["version"], g.criteria["targets"], True)
    with pytest.raises(Forbidden):
        council.judge(session, g.leader, sid, sheet["version"], g.criteria["discipline"], True)
    judged = council.judge(session, g.office, sid, sheet["version"],
                           g.criteria["discipline"], True, "Không có vi phạm")
    assert _line(judged, g, "discipline")["judgement"]["note"] == "Không có vi phạm"
    with pytest.raises(Conflict):
        council.vote(session, g.office, sid, sheet["version"], 7, 9, ON, "giay_khen")
    with pytest.raises(BadInput):
        council.vote(session, g.office, sid, judged["version"], 10, 9, ON, "giay_khen")
    voted = council.vote(session, g.office, sid, judged["version"], 7, 9, ON, "giay_khen")
    assert voted["council"]["share"] == 77.8 and voted["council"]["carried"]
    assert voted["can_decide"] is False  # the office enters, it does not decide
    with pytest.raises(Conflict):  # the council has voted on these numbers
        evaluation.fill(session, g.office, g.vh, ON)
    with pytest.raises(Forbidden):
        council.decide(session, g.office, sid, voted["council"]["version"], True, ON)
    done = council.decide(session, g.leader, sid, voted["council"]["version"], True,
                          date(2026, 11, 5), number="125/QĐ-UBND")
    assert (done["council"]["decision"], done["council"]["approved_form"],
            done["council"]["decision_number"]) == ("approved", "giay_khen", "125/QĐ-UBND")
    with pytest.raises(Conflict):
        council.decide(session, g.leader, sid, done["council"]["version"], False, ON)
    fields = [e.field for e in audit.history(session, "evaluation_sheet", sid)]
    assert fields == ["created", f"criterion {g.criteria['discipline']}", "vote"]
    [decision] = audit.history(session, "council_result", done["council"]["id"])
    assert decision.new == "Phê duyệt khen thưởng: Giấy khen (QĐ số 125/QĐ-UBND)"


def test_a_refill_counts_afresh_and_keeps_the_judgements(session: Any, ground: Ground) -> None:
    g = ground
    sheet = evaluation.fill(session, g.office, g.kt, ON)
    judged = council.judge(session, g.office, sheet["sheet_id"], sheet["version"],
                           g.criteria["discipline"], False, "Có cán bộ bị nhắc nhở")
    progress.record_progress(session, g.refs.insured, "Q3/2026", "96", by="vanphong",
                             at=datetime(2026, 10, 4))
    again = evaluation.fill(session, g.office, g.kt, ON, judged["version"])
    assert _line(again, g, "insured")["passed"] is True
    assert _line(again, g, "discipline")["passed"] is False
    assert again["verdict"] is False and again["verdict_label"] == "Chưa đạt tiêu chuẩn"


def test_an_agency_sees_its_own_sheet_and_ranking_row_only(session: Any,
                                                            ground: Ground) -> None:
    g = ground
    own = evaluation.sheet(session, g.agency, g.kt, ON)
    assert own["participant"] == "Phòng Kinh tế" and not own["can_fill"]
    with pytest.raises(NotFound):
        evaluation.sheet(session, g.agency, g.vh, ON)
    sheet = evaluation.fill(session, g.office, g.vh, ON)
    with pytest.raises(NotFound):
        evaluation.by_id(session, g.agency, sheet["sheet_id"])
    rows = ranking.ranking(session, g.agency, g.movement, ON)["rows"]
    assert [(r["name"], r["rank"]) for r in rows] == [("Phòng Kinh tế", 1)]


def test_ranking_by_rate_on_time_share_and_score(session: Any, ground: Ground) -> None:
    g = ground
    rows = ranking.ranking(session, g.leader, g.movement, ON)["rows"]
    assert [(r["name"], r["rank"], r["met"], r["targets"], r["rate"], r["on_time"],
             r["tasks_counted"], r["on_time_share"], r["score"]) for r in rows] == [
        ("Phòng Kinh tế", 1, 1, 1, 100.0, 1, 1, 100.0, 100.0),
        ("Phòng Văn hóa - Xã hội", 2, 1, 2, 50.0, 0, 0, None, 50.0)]
    assert [r["tie"] for r in rows] == [None, None]


def _words(content: bytes) -> str:
    """Every paragraph and table cell of a DOCX, a line each."""
    from io import BytesIO

    from docx import Document

    doc = Document(BytesIO(content))
    lines = [p.text for p in doc.paragraphs]
    lines += [" | ".join(c.text for c in row.cells) for t in doc.tables for row in t.rows]
    return "\n".join(lines)


def test_the_papers_are_made_from_the_council_results(session: Any, ground: Ground) -> None:
    g = ground
    for part, agree in ((g.kt, 8), (g.vh, 4)):
        sheet = evaluation.fill(session, g.office, part, ON)
        sheet = council.judge(session, g.office, sheet["sheet_id"], sheet["version"],
                              g.criteria["discipline"], True)
        council.vote(session, g.office, sheet["sheet_id"], sheet["version"], agree, 9,
                     date(2026, 10, 28), "giay_khen")
    with pytest.raises(BadInput):
        papers.paper(session, g.office, g.movement, "to-trinh")
    listed = papers.paper(session, g.office, g.movement, "danh-sach")
    assert listed.filename.startswith("Danh sách đề nghị khen thưởng - Phong trào thi đua "
                                      "năm 2026 - 25-10-2026")
    words = _words(listed.content)
    assert "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH" in words and "DANH SÁCH" in words
    assert "An Bình, ngày 28 tháng 10 năm 2026" in words  # the council's meeting day
    # Kinh tế: 8 of 9 carried; VH-XH: 4 of 9 did not, so it is not on the list
    assert ("1 | Phòng Kinh tế | Tỷ lệ chỉ tiêu đạt, vượt: 1/1 (100%); Tỷ lệ nhiệm vụ hoàn "
            "thành đúng hạn: 1/1 (100%); Tỷ lệ báo cáo gửi đúng hạn: 2/3 (66,7%); Chỉ tiêu "
            "cụ thể đạt: 0/1 (0%) | 8/9 (88,9%) | Giấy khen | ") in words
    assert "Phòng Văn hóa - Xã hội" not in words
    minutes = _words(papers.paper(session, g.office, g.movement, "bien-ban").content)
    assert "BIÊN BẢN" in minutes and "Hôm nay, ngày 28/10/2026" in minutes
    assert "1 | Phòng Kinh tế | 5/6 | Chưa đạt tiêu chuẩn" in minutes
    assert "1 | Phòng Kinh tế | 8/9 | 88,9% | Giấy khen" in minutes
    assert "2 | Phòng Văn hóa - Xã hội | 4/9 | 44,4% | " in minutes  # not carried: no form
    assert "đề nghị khen thưởng 1 tập thể, cá nhân" in minutes


def test_a_restricted_plans_items_count_but_keep_their_titles_from_an_agency(
        session: Any, ground: Ground) -> None:
    """The numbers are the council's, the same for everyone; an agency user, who does not
    read the unit's restricted plans, sees no title or link of their items. The papers
    name every participant, so they are not an agency user's to download."""
    g = ground
    from theodoi.storage.models import Plan

    session.get(Plan, g.refs.plan_id).restricted = True
    session.flush()
    seen = _line(evaluation.sheet(session, g.agency, g.kt, ON), g, "targets")
    shown = _line(evaluation.sheet(session, g.office, g.kt, ON), g, "targets")
    assert (seen["part"], seen["whole"]) == (shown["part"], shown["whole"]) == (1, 1)
    assert [(x["ref"], x["title"]) for x in seen["items"]] == [
        (None, "(mục của kế hoạch lưu hành nội bộ)")]
    assert shown["items"][0]["title"] == "Thu nhập bình quân đầu người"
    with pytest.raises(Forbidden):
        papers.paper(session, g.agency, g.movement, "bien-ban", ON)
