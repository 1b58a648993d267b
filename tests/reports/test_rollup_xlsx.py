"""The "báo cáo tổng hợp" workbook's look, read back with openpyxl: every table cell in
Times New Roman 12 in a thin black box, the first column centred, the others wrapped,
the heading and aggregate rows bold, numbers with 0-2 decimals, text starting with '='
kept as text; a unit counted by another target says so. The cells share their looks
(named styles) instead of each building its own: the look must not change with it."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from theodoi.reports import rollup_xlsx
from theodoi.reports.xlsx import HEADER_ROW


def _row(unit: str, ref: str, value: float | None, counted: bool = True) -> dict[str, Any]:
    return {"unit": unit, "ref": ref, "indicator": "=Tỷ lệ hộ nghèo" if ref == "t9" else
            "Tỷ lệ hộ nghèo", "relation_label": "cùng tỷ lệ", "planned": 3.0,
            "value": value, "on": "2026-06-30", "population": 12500,
            "status_label": "Đúng tiến độ", "counted": counted,
            "double_note": "" if counted else "không tính: đã có chỉ tiêu khác của đơn vị này"}


GROUP = {"upper": {"indicator": "Tỷ lệ hộ nghèo", "value": 2.5, "measure": "%"},
         "method_label": "bình quân cộng (2 đơn vị)",
         "aggregate": {"value": 1.25, "on": "2026-06-30", "note": ""},
         "status": {"code": "dung_tien_do", "label": "Đúng tiến độ"},
         "rows": [_row("Xã Một", "t7", 1.0), _row("Xã Một", "t9", 1.4, counted=False),
                  _row("Xã Hai", "t8", 1.5)]}


def _sheet() -> Worksheet:
    ws = load_workbook(BytesIO(rollup_xlsx.render("Tỉnh Mẫu", "2026-07-15", [GROUP]))).active
    assert isinstance(ws, Worksheet)
    return ws


def test_every_table_cell_keeps_the_reports_look() -> None:
    ws = _sheet()
    first, last = HEADER_ROW + 1, HEADER_ROW + 5  # heading, three units, aggregate
    for row in ws.iter_rows(min_row=first, max_row=last, max_col=len(rollup_xlsx.HEAD)):
        bold = row[0].row in (first, last)
        for cell in row:
            if isinstance(cell, MergedCell):  # the heading's text spans B to the last column
                continue
            where = cell.coordinate
            assert (cell.font.name, cell.font.sz, bool(cell.font.b)) == (
                "Times New Roman", 12, bold), where
            assert {cell.border.left.style, cell.border.right.style, cell.border.top.style,
                    cell.border.bottom.style} == {"thin"}, where
            assert cell.border.left.color.rgb.endswith("000000"), where
            assert cell.alignment.wrap_text and cell.alignment.vertical == "center", where
            assert cell.alignment.horizontal == ("center" if cell.column == 1 else None), where


def test_numbers_stay_numbers_with_their_format_and_text_stays_text() -> None:
    ws = _sheet()
    unit = HEADER_ROW + 2  # Xã Một's first target
    assert (ws.cell(unit, 5).value, ws.cell(unit, 5).number_format) == (3, "#,##0")
    assert (ws.cell(unit, 8).value, ws.cell(unit, 8).number_format) == (12500, "#,##0")
    again = ws.cell(unit + 1, 6)  # 1,4
    assert (again.value, again.number_format) == (1.4, "#,##0.0#")
    typed = ws.cell(unit + 1, 3)  # a target written '=…' is no formula
    assert (typed.value, typed.data_type, typed.quotePrefix) == ("=Tỷ lệ hộ nghèo", "s", True)
    assert ws.cell(unit + 1, 9).value == ("Đúng tiến độ (không tính: đã có chỉ tiêu khác "
                                           "của đơn vị này)")
    assert ws.cell(unit, 9).value == "Đúng tiến độ"
    total = ws.cell(HEADER_ROW + 5, 6)
    assert (total.value, total.number_format) == (1.25, "#,##0.0#")
    assert ws.cell(HEADER_ROW + 5, 2).value == "Tổng hợp: bình quân cộng (2 đơn vị)"
