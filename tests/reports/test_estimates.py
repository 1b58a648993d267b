"""The year's estimate in the report model and its prose (reports/data.py, narrative.py)."""

from __future__ import annotations

from dataclasses import replace

from tests.reports.inputs import STATE, TARGETS, TASKS
from theodoi.domain.periods import quarter, year
from theodoi.reports.data import build_report

# CT-1 thu ngân sách 13.284 planned, 10.250,75 to date; CT-2 hộ nghèo (a bound: no share)
BUDGET = replace(TARGETS[0], estimate=13900.0, estimate_basis="theo xu hướng, từ số liệu "
                 "năm 2024, 2025")
POOR = replace(TARGETS[1], estimate=2.6, estimate_by_office=True)
ROWS = [BUDGET, POOR, *TARGETS[2:]]


def test_a_quarter_report_says_the_estimate_in_its_prose_and_table() -> None:
    report = build_report(STATE, "quy", quarter(2026, 3), ROWS, TASKS)
    assert report.estimate_year == 2026
    rows = {t.ref: t for t in report.targets}
    # 13.900 / 13.284 = 104,64 %; a bound has no share of the plan
    assert round(rows["CT-1"].estimate_percent or 0, 2) == 104.64
    assert rows["CT-2"].estimate_percent is None
    assert rows["CT-2"].estimate_basis == "số ước do Văn phòng nhập"
    economy = next(f.text for f in report.field_texts if f.heading == "Lĩnh vực kinh tế")
    assert ("Tổng thu ngân sách trên địa bàn trong kỳ đạt 3.120,5 triệu đồng, lũy kế "
            "10.250,75 triệu đồng, bằng 77,2% kế hoạch năm (13.284 triệu đồng), đúng tiến "
            "độ; ước cả năm đạt 13.900 triệu đồng, bằng 104,6% kế hoạch năm.") in economy
    social = next(f.text for f in report.field_texts if f.heading.endswith("văn hóa - xã hội"))
    assert social.endswith("; ước cả năm đạt 2,6%.")


def test_no_estimate_without_one_nor_in_a_year_report() -> None:
    assert build_report(STATE, "quy", quarter(2026, 3), TARGETS, TASKS).estimate_year is None
    whole = build_report(STATE, "nam", year(2026), ROWS, TASKS)
    assert whole.estimate_year is None
    assert all(t.estimate is None for t in whole.targets)
    assert not any("ước cả năm" in f.text for f in whole.field_texts)
