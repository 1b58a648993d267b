"""Every report kind for each of the five sample plans, with the demo's sample progress.

The samples are loaded and their progress recorded once per backend (module fixture); each
plan's six reports are then built as DOCX and XLSX, opened with python-docx and openpyxl,
and their target rows compared with the register's targets and the values that were
recorded (worked out here from `demo_progress.sample_value`, not from the status engine).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from openpyxl import load_workbook

from tests.conftest import SAMPLES, create_pg_database, drop_pg_database, pg_available
from theodoi.domain.measures import is_flow
from theodoi.domain.numbers import vn_number, vn_percent
from theodoi.domain.periods import Period, quarter
from theodoi.reports import data, figures, xlsx
from theodoi.reports.docx import TARGET_COLUMNS
from theodoi.reports.model import FIELD_HEADINGS, REPORT_KINDS
from theodoi.services.demo import sample as demo
from theodoi.services.demo import sample_progress as demo_progress
from theodoi.services.progress import records as progress
from theodoi.services.reporting import report_data as reporting
from theodoi.storage import db
from theodoi.storage.models import Plan, Target

# the sample documents issued by a Party body: 001 by the Ban Chấp hành Đảng bộ xã Thái
# Tân, 003 by the Ban Thường vụ Đảng ủy xã Nghi Dương; the others by a UBND
PARTY_SAMPLES = {"001_81fb9a8f4653a181.txt", "003_ce4c1004cfc020ed.txt"}
SAMPLE_NAMES = sorted(p.name for p in SAMPLES.glob("*.txt"))
VN_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?%?$")


@dataclass
class Register:
    session: Any
    plans: dict[str, int]  # sample file -> plan id
    progress: dict[str, demo_progress.SampleProgress]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def register(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[Register]:
    if request.param == "postgresql" and not pg_available():
        pytest.skip("PostgreSQL not reachable")
    url = (create_pg_database() if request.param == "postgresql"
           else f"sqlite:///{tmp_path_factory.mktemp('samples') / 'theodoi.db'}")
    try:
        db.upgrade(url)
        with db.session_factory(url)() as s:
            loaded = demo.load_samples(s, SAMPLES, max_bytes=50 << 20)
            plans = {name: r.plan_id for name, r in loaded}
            recorded = {name: demo_progress.record_sample_progress(s, plans[name])
                        for name in plans}
            yield Register(s, plans, recorded)
    finally:
        if request.param == "postgresql":
            drop_pg_database(url)


def test_the_five_samples_are_there() -> None:
    assert len(SAMPLE_NAMES) == 5


def _last_quarter(year: int, period: Period, *, ending_inside: bool) -> int | None:
    """The last quarter of `year` whose value a report of `period` shows (None: none)."""
    quarters = [q for q in range(1, 5) if quarter(year, q).end <= period.end
                and (not ending_inside or quarter(year, q).end >= period.start)]
    return quarters[-1] if quarters else None


def _value(t: Target, n: int, q: int | None) -> float | None:
    if q is None:
        return None
    if progress.is_milestone(t):
        return 1.0 if n % 2 == 0 and q == 4 else None
    return demo_progress.sample_value(t, n, q)


def _plan_cell(t: Target, kind: str, year: int) -> tuple[str, bool]:
    """The plan column as the report should show it, and whether it is a bare number: the
    year's milestone, the yearly value or the term goal (with its year) for an in-year
    report; the term goal for a sơ kết / tổng kết; a bound in words."""
    value, note = t.value, None
    marks = {m.year: m.value for m in t.milestones if m.value is not None}
    if kind not in ("so_ket", "tong_ket"):
        due = t.deadline_year or t.plan.term_end
        if year in marks:
            value = marks[year]
        elif not (t.recurrence == "annual" or t.kind == "plan_relative" or due in (None, year)
                  or (t.kind == "growth_rate" and t.baseline_value is None)):
            note = due
    if t.comparator == "between" and t.value_max is not None:
        text = f"từ {vn_number(value)} đến {vn_number(t.value_max)}"
    elif t.comparator in ("<", "<="):
        text = ("dưới " if t.comparator == "<" else "không quá ") + vn_number(value)
    else:
        text = vn_number(value)
    bare = text == vn_number(value) and note is None
    return (text if note is None else f"{text} (năm {note})"), bare


def _grows(t: Target) -> bool:
    """An amount meant to grow (no rate in %, nothing meant to go down): has a percent."""
    if (t.unit or "").startswith("%") or t.comparator in ("<", "<="):
        return False
    return t.kind in ("change", "growth_rate") or t.direction != "decrease"


def expected_rows(plan: Plan, sample: demo_progress.SampleProgress, kind: str,
                  period: Period) -> list[list[str]]:
    """The targets table's rows (TT … % so với kế hoạch) from the register and the values
    recorded, grouped by field in the report's order: the plan column against the year's
    plan (or the term's), the period's own increment for a yearly flow only."""
    by_field: dict[str, list[tuple[int, Target]]] = {code: [] for code in FIELD_HEADINGS}
    for n, t in enumerate(plan.targets):
        by_field[t.field if t.field in FIELD_HEADINGS else "khac"].append((n, t))
    rows, number = [], 0
    for items in by_field.values():
        for n, t in items:
            number += 1
            name = figures.row_name(t.indicator, t.text)
            inside = _last_quarter(sample.year, period, ending_inside=True)
            cumulative = _value(t, n, _last_quarter(sample.year, period, ending_inside=False))
            if progress.is_milestone(t):  # a recognition: no number, no percent
                rows.append([str(number), name, t.unit or "", "Đạt",
                             _reached(_value(t, n, inside)), _reached(cumulative), ""])
                continue
            plan_text, bare = _plan_cell(t, kind, sample.year)
            shown = None
            if is_flow(t.indicator or t.text, t.unit, t.per_year, t.kind) and inside \
                    and kind not in ("so_ket", "tong_ket") and _value(t, n, inside) is not None:
                # year-to-date: less what the quarters of the year before the period had
                earlier = [q for q in range(1, 5) if quarter(sample.year, q).end < period.start]
                before = _value(t, n, earlier[-1]) if earlier else None
                shown = (_value(t, n, inside) or 0) - (before or 0)
            planned = {m.year: m.value for m in t.milestones}.get(sample.year) \
                if kind not in ("so_ket", "tong_ket") else None
            goal = planned if planned is not None else t.value
            percent = cumulative / goal * 100 if bare and _grows(t) and cumulative is not None \
                and goal else None
            rows.append([str(number), name, t.unit or "", plan_text, vn_number(shown),
                         vn_number(cumulative), vn_percent(percent)])
    return rows


def _reached(value: float | None) -> str:
    return "" if value is None else ("Đạt" if value >= 1 else "Chưa đạt")


def _target_table(doc: DocumentObject) -> list[list[str]]:
    for table in doc.tables:
        head = [c.text for c in table.rows[0].cells]
        if head[:3] == list(TARGET_COLUMNS[:3]) and head[4:] == list(TARGET_COLUMNS[4:]):
            return [[c.text for c in row.cells][:7] for row in table.rows[1:]
                    if row.cells[0].text.isdigit()]
    return []


def _header(doc: DocumentObject) -> tuple[list[str], list[str]]:
    cells = doc.tables[0].rows[0].cells
    return ([p.text for p in cells[0].paragraphs if p.text],
            [p.text for p in cells[1].paragraphs if p.text])


def _closing(doc: DocumentObject) -> tuple[list[str], list[str]]:
    table = next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    left, right = table.rows[0].cells
    return ([p.text for p in left.paragraphs[1:]], [p.text for p in right.paragraphs if p.text])


def check_layout(doc: DocumentObject, plan: Plan, party: bool) -> None:
    """Header, Nơi nhận and signature of a State (NĐ 30) or a Party (HD 36) report."""
    left, right = _header(doc)
    recipients, signature = _closing(doc)
    commune = plan.unit.name.upper()
    if party:
        assert left[:3] == ["ĐẢNG BỘ TỈNH MẪU", f"ĐẢNG ỦY {commune}", "*"]
        assert re.fullmatch(r"Số +-BC/ĐU", left[3]) and right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
        assert recipients[0] == "- Ban Thường vụ Tỉnh ủy (để báo cáo);"
        assert recipients[-1] == "- Lưu Văn phòng Đảng ủy."
        # a periodic report is the standing committee's, whoever adopted the plan (001:
        # the Ban Chấp hành), signed by the secretary or a deputy
        assert signature[0] == "T/M BAN THƯỜNG VỤ" and signature[1] in ("BÍ THƯ", "PHÓ BÍ THƯ")
    else:
        level, name = commune.split(" ", 1) if not commune.startswith("THỊ TRẤN") \
            else ("THỊ TRẤN", commune[len("THỊ TRẤN "):])
        assert left == [f"ỦY BAN NHÂN DÂN\n{level} {name}", "Số:       /BC-UBND"]
        assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        here = level.lower()
        assert recipients[:3] == ["- UBND tỉnh mẫu (để báo cáo);",
                                  f"- Thường trực Đảng ủy {here} (để báo cáo);",
                                  f"- Thường trực HĐND {here} (để báo cáo);"]
        assert recipients[-1] == "- Lưu: VT."
        assert signature[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert right[-1].startswith(f"{plan.place or name_of(plan)}, ngày ")


def name_of(plan: Plan) -> str:
    return plan.unit.name.split(" ", 2)[-1] if plan.unit.level == "thi_tran" \
        else plan.unit.name.split(" ", 1)[-1]


def check_workbook(content: bytes, rows: list[list[str]]) -> None:
    """The appendix workbook holds the same rows, numbers as numbers."""
    ws = load_workbook(BytesIO(content))["Chỉ tiêu"]
    found = [r for r in ws.iter_rows(min_row=xlsx.HEADER_ROW + 1, values_only=True)
             if isinstance(r[0], int)]
    assert len(found) == len(rows)
    for row, want in zip(found, rows, strict=True):
        assert [str(row[0]), row[1], row[2] or ""] == want[:3]  # openpyxl reads "" as None
        if want[3] == "Đạt":  # a recognition target: words, no percent formula
            assert [v or "" for v in row[3:7]] == want[3:7]
            continue
        plan_cell = row[3] if isinstance(row[3], str) else vn_number(row[3])
        assert [plan_cell, *(vn_number(v) for v in row[4:6])] == want[3:6]  # the same
        assert all(v is None or isinstance(v, int | float) for v in row[4:6])


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_every_kind_of_report_for_a_sample_plan(register: Register, sample: str) -> None:
    s = register.session
    plan = s.get(Plan, register.plans[sample])
    recorded = register.progress[sample]
    assert plan.status == "active" and set(recorded.periods) == set(REPORT_KINDS)
    for kind, text in recorded.periods.items():
        report = reporting.build_report(s, reporting.Request(plan.unit.code, kind, text,
                                                             plan_id=plan.id))
        assert report.issuer.party is (sample in PARTY_SAMPLES)
        doc = Document(BytesIO(reporting.render(report, "docx")))
        rows = expected_rows(plan, recorded, kind, data.period_for(kind, text))
        assert _target_table(doc) == rows, (kind, text)
        numbers = [cell for row in rows if row[3] != "Đạt" for cell in row[4:7] if cell]
        assert all(VN_NUMBER.match(cell) for cell in numbers)
        if plan.targets:
            assert numbers  # values were recorded and show
        check_layout(doc, plan, report.issuer.party)
        tasks = [len(a.done) + len(a.ongoing) + len(a.overdue) for a in report.agencies]
        assert sum(tasks) == len(plan.tasks)
        if kind == "nam":  # a third done on its due day, a third under way on 30/09, each
            # having issued a plan that day
            issued = [(t.due_date, t) for n, t in enumerate(plan.tasks) if n % 3 == 0
                      and t.due_date and t.due_date.year == recorded.year]
            issued += [(date(recorded.year, 9, 30), t) for n, t in enumerate(plan.tasks)
                       if n % 3 == 1]
            assert [t.ref for t in report.documents] == [
                f"k{t.id}" for _, t in sorted(issued, key=lambda x: (x[0], x[1].title))]
            symbol = "-KH/ĐU" if report.issuer.party else "/KH-UBND"
            assert all(symbol in (t.product or "") for t in report.documents)
        check_workbook(reporting.render(report, "xlsx"), rows)


def test_sample_progress_is_the_same_twice(tmp_path: Path) -> None:
    """No clock and no randomness: the values recorded depend on the plan alone."""
    seen = []
    for run in ("a", "b"):
        url = f"sqlite:///{tmp_path / run}.db"
        db.upgrade(url)
        with db.session_factory(url)() as s:
            plan_id = demo.load_samples(s, SAMPLES, max_bytes=50 << 20)[4][1].plan_id
            recorded = demo_progress.record_sample_progress(s, plan_id)
            report = reporting.build_report(s, reporting.Request(
                s.get(Plan, plan_id).unit.code, "quy", recorded.periods["quy"],
                plan_id=plan_id))
            seen.append([(t.name, t.in_period, t.cumulative, t.status) for t in report.targets])
    assert seen[0] == seen[1] and any(row[1] is not None for row in seen[0])
