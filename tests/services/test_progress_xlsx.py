"""Bulk entry through Excel on both backends: template per agency, filled with openpyxl,
imported all or nothing, status reflecting it; another unit's items out of reach."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.services.progress_setup import active_v1
from theodoi.domain.errors import BadInput, NotFound
from theodoi.services.progress import records as progress
from theodoi.services.progress.status import status_of_unit
from theodoi.services.spreadsheets.progress_xlsx import (
    ProgressSheetInvalid,
    progress_import,
    progress_template,
)
from theodoi.storage.models import ProgressRecord, TaskUpdate

UNIT = "Xã An Bình"


def _book(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def _save(book: Any) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _find(ws: Any, ref: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == ref)


def test_the_template_lists_the_agency_items_for_people(session: Any) -> None:
    r = active_v1(session)
    progress.set_baseline(session, r.income, 70, 2025)
    progress.record_progress(session, r.income, "2026", "71")
    book = _book(progress_template(session, UNIT, "Phòng Kinh tế", "2027"))
    assert book.sheetnames == ["Hướng dẫn", "Chỉ tiêu", "Nhiệm vụ", "Thông tin"]
    targets, tasks = book["Chỉ tiêu"], book["Nhiệm vụ"]
    assert [c.value for c in targets[1]] == [
        "Mã", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Kỳ vọng kỳ này", "Số liệu gần nhất",
        "Giá trị", "Trên tổng số", "Ghi chú"]
    assert [c.value for c in targets[2]][:6] == [
        r.income, "Thu nhập bình quân đầu người", "triệu đồng/năm", 90, 78, 71]
    assert targets.max_row == 2  # the other targets are Phòng VH-XH's
    assert targets["A1"].font.bold and targets.freeze_panes == "C2"
    assert targets.column_dimensions["B"].width == 50
    assert tasks["A2"].value == r.invest and tasks["C2"].value.date() == date(2026, 9, 30)
    [choice] = tasks.data_validations.dataValidation
    assert "Hoàn thành" in choice.formula1 and "D2" in str(choice.sqref)
    assert "Cách điền" in book["Hướng dẫn"]["A2"].value
    social = _book(progress_template(session, UNIT, "phòng văn hóa - xã hội", "Q3/2026"))
    assert sorted(social["Chỉ tiêu"].cell(i, 1).value for i in (2, 3)) == sorted(
        [r.poor, r.insured])


def test_template_fill_import_then_status_reflects_it(session: Any) -> None:
    r = active_v1(session)
    progress.set_baseline(session, r.income, 70, 2025)
    book = _book(progress_template(session, UNIT, "Phòng Kinh tế", "2026"))
    targets, tasks = book["Chỉ tiêu"], book["Nhiệm vụ"]
    row = _find(targets, r.income)
    targets.cell(row, 7, "72,0")
    targets.cell(row, 9, "Số liệu sơ bộ")
    row = _find(tasks, r.invest)
    tasks.cell(row, 4, "Hoàn thành")
    tasks.cell(row, 6, "28/09/2026")
    tasks.cell(row, 7, "Kế hoạch số 30/KH-UBND")
    result = progress_import(session, _save(book), by="Phòng Kinh tế", on=date(2026, 10, 2))
    assert (result.records, result.updates, result.skipped) == (1, 1, 1)  # k3 left blank
    status = status_of_unit(session, UNIT, date(2027, 1, 10))
    rows = {x.ref: x for x in status.targets + status.tasks}
    assert (rows[r.income].actual, rows[r.income].code) == (72.0, "co_nguy_co")
    assert rows[r.invest].code == "hoan_thanh_dung_han"
    [record] = progress.history(session, r.income)
    assert (record.note, record.recorded_by, record.period) == ("Số liệu sơ bộ",
                                                                "Phòng Kinh tế", "2026")


def test_an_invalid_sheet_writes_nothing_and_lists_every_problem(session: Any) -> None:
    r = active_v1(session)
    book = _book(progress_template(session, UNIT, "Phòng VH-XH", "Q3/2026"))
    targets, tasks = book["Chỉ tiêu"], book["Nhiệm vụ"]
    targets.cell(_find(targets, r.poor), 7, "đang thực hiện")
    targets.cell(_find(targets, r.insured), 7, 91)  # valid, yet not written
    tasks.cell(_find(tasks, r.tourism), 4, "Xong rồi")
    tasks.cell(_find(tasks, r.tourism), 5, 150)
    targets.cell(4, 1, r.invest)  # a task's code on the targets sheet
    targets.cell(4, 7, 5)
    with pytest.raises(ProgressSheetInvalid) as caught:
        progress_import(session, _save(book))
    problems = caught.value.problems
    row = _find(targets, r.poor)
    assert problems[0].startswith(f"Trang 'Chỉ tiêu', dòng {row}, cột 'Giá trị': giá trị "
                                  "'đang thực hiện' không phải là số")
    assert problems[1].startswith("Trang 'Chỉ tiêu', dòng 4, cột 'Mã'")
    assert problems[2].startswith("Trang 'Nhiệm vụ', dòng 2, cột 'Trạng thái'")
    assert len(problems) == 3 and "3 lỗi, chưa ghi gì" in caught.value.message
    assert session.query(ProgressRecord).count() == 0
    assert session.query(TaskUpdate).count() == 0


def test_another_unit_items_are_out_of_reach(session: Any) -> None:
    ours = active_v1(session)
    theirs = active_v1(session, unit="Xã Bình Minh")
    book = _book(progress_template(session, "Xã Bình Minh", "Phòng Kinh tế", "2026"))
    targets = book["Chỉ tiêu"]
    assert targets["A2"].value == theirs.income
    targets["A2"] = ours.income  # retargeted at An Bình's item
    targets["G2"] = 72
    with pytest.raises(ProgressSheetInvalid, match="không phải mục đang thực hiện"):
        progress_import(session, _save(book))
    with pytest.raises(NotFound, match="không có cơ quan"):
        progress_template(session, UNIT, "Công an tỉnh", "2026")
    with pytest.raises(BadInput, match="không phải biểu Excel"):
        progress_import(session, b"not a workbook")


def test_a_cell_that_is_not_a_finite_number_is_refused(session: Any) -> None:
    r = active_v1(session)
    book = _book(progress_template(session, UNIT, "Phòng Kinh tế", "2026"))
    targets = book["Chỉ tiêu"]
    targets.cell(_find(targets, r.income), 7, "1e999")
    with pytest.raises(ProgressSheetInvalid) as caught:
        progress_import(session, _save(book))
    assert "'1e999' không phải là số" in caught.value.problems[0]
    targets.cell(_find(targets, r.income), 7, "١٢")
    with pytest.raises(ProgressSheetInvalid):
        progress_import(session, _save(book))
    assert session.query(ProgressRecord).count() == 0
