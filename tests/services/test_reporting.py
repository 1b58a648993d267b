"""A unit's report from the register and the status service, on both backends."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.services.progress_setup import active_v1
from theodoi.domain.errors import BadInput, NotFound
from theodoi.reports.pdf import PdfUnavailable
from theodoi.services.progress import explanations
from theodoi.services.progress import records as progress
from theodoi.services.register import review_decisions as review
from theodoi.services.reporting import report_data as reporting

UNIT = "Xã An Bình"


def _sample(s: Any) -> Any:
    r = active_v1(s)
    progress.record_progress(s, r.poor, "Q3/2026", "1,8")
    progress.record_progress(s, r.poor, "Q4/2026", "1,5")
    progress.record_progress(s, r.insured, "Q4/2026", "93,5")
    progress.update_task(s, r.invest, "dang_thuc_hien", on=date(2026, 9, 1), percent=60)
    progress.update_task(s, r.tourism, "dang_thuc_hien", on=date(2026, 12, 1), percent=10)
    asked = explanations.request_explanation(s, r.invest, "Vì sao chậm?",
                                             period_text="Q4/2026")
    explanations.answer(s, asked.id, "Chờ phân bổ vốn của tỉnh")
    return r


def test_quarter_report_of_a_unit(session: Any) -> None:
    r = _sample(session)
    report = reporting.build_report(session, reporting.Request(UNIT, "quy", "Q4/2026",
                                                               number="7"))
    assert report.issuer.body == "Ủy ban nhân dân xã An Bình" and not report.issuer.party
    assert report.number_line == "Số: 7/BC-UBND"
    # the title says the plan's subject, the opening cites its number and date
    assert report.summary == ("Kết quả thực hiện Kế hoạch phát triển kinh tế - xã hội giai "
                              "đoạn 2026 - 2030 quý IV năm 2026 và phương hướng, nhiệm vụ "
                              "quý I năm 2027")
    assert report.opening.startswith("Thực hiện Kế hoạch số 12/KH-UBND ")
    assert report.opening.endswith(", Ủy ban nhân dân xã An Bình báo cáo kết quả thực hiện "
                                   "quý IV năm 2026 như sau:")
    rows = {t.ref: t for t in report.targets}
    assert set(rows) == {r.income, r.poor, r.insured}
    # a rate is a level: no increment of its own in the period, no share of the plan
    assert (rows[r.poor].in_period, rows[r.poor].cumulative) == (None, 1.5)
    assert rows[r.insured].percent is None and rows[r.insured].planned == 95
    assert rows[r.income].agency == "Phòng Kinh tế" and rows[r.income].cumulative is None
    overdue = [t for a in report.agencies for t in a.overdue]
    reasons = {t.ref: t.reason for t in overdue}
    assert reasons[r.invest] == "Chờ phân bổ vốn của tỉnh"
    assert r.tourism not in reasons  # due Quý IV/2027
    assert any(s.ref == r.invest and s.cause for s in report.shortcomings)
    assert any("đầu tư công" in d.text for d in report.directions)  # overdue: carried over
    assert report.signature.position == "Chủ tịch"


def test_a_year_report_drafted_in_december_judges_the_year_as_under_way(session: Any) -> None:
    """Real year reports are drafted mid-December ("tính đến ngày …"): a yearly target
    short of its goal on 06/12 is behind, not missed, and the cut-off is printed."""
    r = active_v1(session)
    review.correct(session, r.insured, {"recurrence": "annual"})  # "hằng năm đạt 95%"
    progress.record_progress(session, r.insured, "Q3/2026", "93,5")
    early = reporting.build_report(session, reporting.Request(
        UNIT, "nam", "2026", today=date(2026, 12, 6)))
    [row] = [t for t in early.targets if t.ref == r.insured]
    assert row.status not in ("khong_dat", "dat", "vuot")  # the year is not over
    assert early.cut_off == "Số liệu tính đến ngày 06/12/2026"
    text = "\n".join(p.text for p in Document(BytesIO(reporting.render(early, "docx")))
                     .paragraphs)
    assert "(Số liệu tính đến ngày 06/12/2026)" in text
    cut = reporting.build_report(session, reporting.Request(
        UNIT, "nam", "2026", cut_off=date(2026, 11, 30), today=date(2026, 12, 6)))
    assert cut.cut_off == "Số liệu tính đến ngày 30/11/2026"
    late = reporting.build_report(session, reporting.Request(
        UNIT, "nam", "2026", today=date(2027, 1, 10)))
    [row] = [t for t in late.targets if t.ref == r.insured]
    assert row.status == "khong_dat" and late.cut_off == ""  # the year is over: missed


def test_every_kind_comes_out_as_docx_and_xlsx(session: Any, tmp_path: Path) -> None:
    r = _sample(session)
    for kind, period in (("quy", "Q3/2026"), ("6_thang", "6 tháng 2026"),
                         ("9_thang", "9 tháng 2026"), ("nam", "2026"),
                         ("so_ket", "2026-2030"), ("tong_ket", "2026-2030")):
        req = reporting.Request(UNIT, kind, period, plan_id=r.plan_id)
        out = tmp_path / f"{kind}.docx"
        report = reporting.write_report(session, req, "docx", out)
        doc = Document(BytesIO(out.read_bytes()))
        # python-docx reads Word's non-breaking hyphen (between a term's years) as "-"
        assert report.summary.replace("\u2011", "-") in [p.text for p in doc.paragraphs]
        assert reporting.render(report, "xlsx")[:2] == b"PK"


def test_sơ_kết_directions_hold_the_next_milestones(session: Any) -> None:
    r = _sample(session)
    report = reporting.build_report(session, reporting.Request(UNIT, "so_ket", "2026-2030"))
    income = [d for d in report.directions if "Thu nhập" in d.text]
    assert income and income[0].due == "năm 2030" and "90 triệu đồng" in income[0].text
    assert r.plan_id


def test_bad_requests(session: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    r = _sample(session)
    with pytest.raises(NotFound):
        reporting.build_report(session, reporting.Request(UNIT, "quy", "Q4/2026",
                                                          plan_id=r.plan_id + 99))
    with pytest.raises(BadInput, match="không khớp"):
        reporting.build_report(session, reporting.Request(UNIT, "nam", "Q4/2026"))
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "bc.pdf"
    with pytest.raises(PdfUnavailable):
        reporting.write_report(session, reporting.Request(UNIT, "quy", "Q4/2026"), "pdf", out)
    assert not out.exists()


def test_an_in_year_report_holds_the_year_s_plan_and_the_period_s_own_increment(
        session: Any) -> None:
    """Income (a yearly flow, reported year-to-date) with a 2026 milestone of 70: the Quý
    III report compares with 70, shows Quý III's own 20 beside the 50 to date, and a share
    of the plan; the poverty rate (below 1 % by 2030) is a bound in words with no share."""
    r = active_v1(session)
    review.correct(session, r.income, {"milestones": "2026: 70"})
    progress.record_progress(session, r.income, "Q2/2026", "30")
    progress.record_progress(session, r.income, "Q3/2026", "50")
    progress.record_progress(session, r.poor, "Q3/2026", "1,8")
    report = reporting.build_report(session, reporting.Request(UNIT, "quy", "Q3/2026"))
    rows = {t.ref: t for t in report.targets}
    income = rows[r.income]
    assert (income.planned, income.in_period, income.cumulative) == (70, 20, 50)
    assert income.percent == pytest.approx(50 / 70 * 100) and income.plan_year is None
    poor = rows[r.poor]
    # its goal is for 2030, with no figure for 2026: said so
    assert poor.cells() == ("dưới 1 (năm 2030)", None, 1.8) and poor.percent is None
    assert report.plan_heading == "Kế hoạch năm"
    # no milestone for 2027 and a 2030 goal: the term goal with the year it is for
    later = reporting.build_report(session, reporting.Request(UNIT, "nam", "2027"))
    income = next(t for t in later.targets if t.ref == r.income)
    assert (income.planned, income.plan_year) == (90, 2030)
    assert income.cells()[0] == "90 (năm 2030)" and income.percent is None
    term = reporting.build_report(session, reporting.Request(UNIT, "so_ket", "2026-2030"))
    assert term.plan_heading == "Mục tiêu nhiệm kỳ"
    income = next(t for t in term.targets if t.ref == r.income)
    assert (income.planned, income.in_period, income.plan_year) == (90, None, None)


def test_kiến_nghị_from_answers_and_no_stale_task_in_the_next_period(session: Any) -> None:
    """An answer asking the province for something becomes a kiến nghị; a task overdue
    since 2024 is a stale entry, not next quarter's work; one overdue since Quý III is."""
    r = active_v1(session)
    progress.update_task(session, r.invest, "dang_thuc_hien", on=date(2026, 9, 1), percent=60)
    asked = explanations.request_explanation(session, r.invest, "Vì sao chậm?",
                                             period_text="Q4/2026")
    explanations.answer(session, asked.id, "Khách quan: vốn tỉnh chưa phân bổ. Đề nghị UBND "
                                           "tỉnh sớm phân bổ vốn đầu tư công")
    review.correct(session, r.tourism, {"due_date": "30/06/2024"})
    report = reporting.build_report(session, reporting.Request(UNIT, "quy", "Q4/2026"))
    assert report.proposals == ["Đề nghị UBND tỉnh sớm phân bổ vốn đầu tư công."]
    assert [s.heading for s in report.causes] == ["Nguyên nhân khách quan"]
    lines = [line for s in report.next_tasks for line in s.lines]
    assert any(line.startswith("Tập trung hoàn thành ") and "đầu tư công" in line
               for line in lines)  # overdue since Quý III/2026: carried over, first
    assert not any("du lịch" in line for line in lines)  # due 2024: stale
    quiet = reporting.build_report(session, reporting.Request(UNIT, "quy", "Q3/2026"))
    assert quiet.proposals == ["Không."]  # the answer is about Quý IV
