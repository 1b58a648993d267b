"""Ước thực hiện cả năm in a report of a period inside a year, from the register: worked
out from yearly figures, or typed by the office and kept for the year's later reports."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.services.progress_setup import active_v1
from theodoi.domain.errors import BadInput
from theodoi.reports.xlsx import HEADER_ROW
from theodoi.services.estimates import office
from theodoi.services.progress import records as progress
from theodoi.services.register import review_decisions as review
from theodoi.services.reporting import report_data as reporting

UNIT = "Xã An Bình"
Q3 = reporting.Request(UNIT, "quy", "Q3/2026")


def _ground(s: Any) -> Any:
    """Income (a yearly flow, 70 planned for 2026): 60 in the base year 2024, 66 for 2025,
    52 for the first nine months of 2026; the poverty rate only 1,8 in Quý III."""
    r = active_v1(s)
    review.correct(s, r.income, {"milestones": "2026: 70"})
    progress.set_baseline(s, r.income, "60", 2024)
    progress.record_progress(s, r.income, "2025", "66")
    progress.record_progress(s, r.income, "Q3/2026", "52")
    progress.record_progress(s, r.poor, "Q3/2026", "1,8")
    return r


def test_the_year_is_estimated_from_whole_years_and_left_empty_without_them(
        session: Any) -> None:
    r = _ground(session)
    report = reporting.build_report(session, Q3)
    assert report.estimate_heading == "Ước thực hiện năm 2026"
    rows = {t.ref: t for t in report.targets}
    # 60 (2024) and 66 (2025): 6 a year more, so 72 in 2026 = 102,9 % of the 70 planned
    assert rows[r.income].estimate == pytest.approx(72.0)
    assert rows[r.income].estimate_percent == pytest.approx(72 / 70 * 100)
    assert rows[r.income].estimate_basis == ("theo xu hướng, từ số liệu năm 2025 và năm "
                                             "gốc 2024")
    # one figure of this year, no base year: no honest estimate, the cell stays empty
    assert rows[r.poor].estimate is None and rows[r.insured].estimate is None


def test_the_offices_estimate_is_kept_for_the_years_later_reports(session: Any) -> None:
    r = _ground(session)
    reporting.store_estimates(session, Q3, [(r.insured, "94,5")], by="Văn phòng")
    again = reporting.build_report(session, Q3)  # typed with an earlier run, not this one
    insured = next(t for t in again.targets if t.ref == r.insured)
    assert (insured.estimate, insured.estimate_by_office) == (94.5, True)
    assert insured.estimate_basis == "số ước do Văn phòng nhập"
    assert insured.estimate_percent is None  # a rate: no share of the plan
    nine = reporting.build_report(session, reporting.Request(UNIT, "9_thang", "9 tháng 2026"))
    assert next(t for t in nine.targets if t.ref == r.insured).estimate == 94.5
    year = reporting.build_report(session, reporting.Request(UNIT, "nam", "2026"))
    assert year.estimate_year is None and year.estimate_heading == ""
    # the office's figure stands in place of the one worked out: typed for income too
    office.set_estimate(session, r.income, 2026, "75")
    income = next(t for t in reporting.build_report(session, Q3).targets if t.ref == r.income)
    assert (income.estimate, income.estimate_by_office) == (75.0, True)
    office.set_estimate(session, r.income, 2026, " ")  # cleared: the worked-out one again
    income = next(t for t in reporting.build_report(session, Q3).targets if t.ref == r.income)
    assert (income.estimate, income.estimate_by_office) == (pytest.approx(72.0), False)


def test_the_docx_and_xlsx_carry_the_column_and_say_what_each_estimate_rests_on(
        session: Any) -> None:
    r = _ground(session)
    reporting.store_estimates(session, Q3, [(r.insured, "94,5")])
    report = reporting.build_report(session, Q3)
    doc = Document(BytesIO(reporting.render(report, "docx")))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "TT"
                 and "Ước thực hiện năm 2026" in [c.text for c in t.rows[0].cells])
    head = [c.text for c in table.rows[0].cells]
    assert head[6:9] == ["% so với kế hoạch", "Ước thực hiện năm 2026",
                         "% ước so với kế hoạch năm"]
    rows = {row.cells[1].text: [c.text for c in row.cells] for row in table.rows[1:]}
    income = next(v for k, v in rows.items() if k.startswith("Thu nhập"))
    # no figure before Quý III this year: the period's own is the 52 to date
    assert income[3:9] == ["70", "52", "52", "74,3%", "72", "102,9%"]
    insured = next(v for k, v in rows.items() if "bảo hiểm y tế" in k)
    assert insured[7:9] == ["94,5 (*)", ""]
    poor = next(v for k, v in rows.items() if "hộ nghèo" in k)
    assert poor[7:9] == ["", ""]
    text = [p.text for p in doc.paragraphs]
    start = text.index("Căn cứ ước thực hiện năm 2026:")
    numbers = {t.ref: n for n, t in enumerate(report.targets, start=1)}
    assert text[start + 1:start + 4] == [
        f"- TT {numbers[r.income]} (Thu nhập bình quân đầu người): theo xu hướng, từ số "
        "liệu năm 2025 và năm gốc 2024.",
        f"- TT {numbers[r.insured]} (Tỷ lệ dân số tham gia bảo hiểm y tế): (*) số ước do "
        "Văn phòng nhập.",
        "- Ô để trống: chưa đủ số liệu cả năm để ước."]
    ws = load_workbook(BytesIO(reporting.render(report, "xlsx")))["Chỉ tiêu"]
    assert [c.value for c in ws[HEADER_ROW]][6:9] == [
        "% so với kế hoạch", "Ước thực hiện năm 2026", "% ước so với kế hoạch năm"]
    assert ws.cell(HEADER_ROW, 12).value == "Căn cứ ước thực hiện năm"
    line = next(row for row in ws.iter_rows(min_row=HEADER_ROW + 1)
                if str(row[1].value).startswith("Thu nhập"))
    n = line[0].row
    assert line[7].value == pytest.approx(72.0)
    assert line[8].value == f'=IF(AND(ISNUMBER(D{n}),ISNUMBER(H{n}),D{n}<>0),H{n}/D{n},"")'
    assert line[11].value == "theo xu hướng, từ số liệu năm 2025 và năm gốc 2024"


def test_bad_estimates_are_refused_and_change_nothing(session: Any) -> None:
    r = _ground(session)
    for pairs, kind, period in (([(r.insured, "nhiều")], "quy", "Q3/2026"),
                                ([(r.insured, "-3")], "quy", "Q3/2026"),
                                ([(r.invest, "5")], "quy", "Q3/2026"),  # a task
                                ([("t999999", "5")], "quy", "Q3/2026"),
                                ([(r.insured, "94")], "nam", "2026")):
        with pytest.raises(BadInput):
            reporting.store_estimates(session, reporting.Request(UNIT, kind, period), pairs)
    with pytest.raises(BadInput):
        reporting.estimate_pairs(["t12"])
    assert reporting.estimate_pairs([" t12 = 1.500 "]) == [("t12", "1.500")]
    with pytest.raises(BadInput):
        office.set_estimate(session, r.insured, 1800, "90")
    assert next(t for t in reporting.build_report(session, Q3).targets
                if t.ref == r.insured).estimate is None
