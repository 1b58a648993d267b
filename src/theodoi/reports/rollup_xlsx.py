"""Lay the roll-up out as the province's "báo cáo tổng hợp" workbook: for each of its
targets linked below, a table listing each commune (its target, relation, goal, latest
accepted figure, period, population, status) and the aggregate row with its method.

Layout only: the numbers come made (services/rollup/figures.py). Values stay numbers and
text stays text (reports/cells.py); A4 landscape, fitted to the page width, header row
repeated, like the report appendix (reports/xlsx.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from theodoi.domain.dates import vn_day
from theodoi.reports.cells import put
from theodoi.reports.files import document_bytes
from theodoi.reports.xlsx import CENTRE, FONT, HEADER_ROW, _head, _print_setup, _put

HEAD = ("TT", "Đơn vị", "Chỉ tiêu của đơn vị", "Quan hệ", "Mục tiêu", "Số liệu mới nhất",
        "Kỳ", "Dân số", "Trạng thái")
WIDTHS = (6, 24, 44, 14, 13, 14, 12, 12, 20)
TITLE = "BÁO CÁO TỔNG HỢP CHỈ TIÊU TỪ CÁC ĐƠN VỊ TRỰC THUỘC"


def render(unit: str, as_of: str, groups: Sequence[dict[str, Any]],
           path: Path | None = None) -> bytes:
    """The workbook as bytes (also written to `path`): one sheet, a block per target."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook always has its first sheet
    ws.title = "Tổng hợp"
    _titles(ws, unit, as_of)
    _head(ws, HEAD, WIDTHS)
    row = HEADER_ROW + 1
    for number, group in enumerate(groups, start=1):
        row = _group(ws, row, number, group)
    if not groups:
        put(ws, row, 2, "Chưa có chỉ tiêu nào được liên kết với chỉ tiêu của các đơn vị.")
    _print_setup(ws, len(HEAD))
    return document_bytes(wb.save, path)


def _titles(ws: Worksheet, unit: str, as_of: str) -> None:
    last = get_column_letter(len(HEAD))
    for row, (text, size) in enumerate(((TITLE, 14), (f"{unit} — số liệu đến ngày "
                                                      f"{vn_day(as_of)}", 13)), start=1):
        ws.merge_cells(f"A{row}:{last}{row}")
        cell = put(ws, row, 1, text)
        cell.font, cell.alignment = Font(name=FONT, size=size, bold=True), CENTRE


def _group(ws: Worksheet, row: int, number: int, group: dict[str, Any]) -> int:
    """The target's heading row, a row per commune, the aggregate row; the next free row."""
    up = group["upper"]
    goal = f"{up['value']:g} {up['measure'] or ''}".strip() if up["value"] is not None else ""
    _put(ws, row, [number, f"{up['indicator']} (mục tiêu {goal})" if goal
                   else up["indicator"], "", "", "", "", "", "", ""], bold=True)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(HEAD))
    for i, r in enumerate(group["rows"], start=1):
        _put(ws, row + i, [f"{number}.{i}", r["unit"], r["indicator"], r["relation_label"],
                           r["planned"], r["value"], vn_day(r["on"]), r["population"],
                           _status(r)])
    row += len(group["rows"]) + 1
    agg = group["aggregate"]
    status = group["status"]["label"] if group["status"] else ""
    _put(ws, row, ["", f"Tổng hợp: {group['method_label']}", agg["note"], "",
                   up["value"], agg["value"], vn_day(agg["on"]), "", status], bold=True)
    return row + 1


def _status(r: dict[str, Any]) -> str:
    """The row's status, and why it is left out when its unit counts by another target."""
    return r["status_label"] if r.get("counted", True) else \
        f"{r['status_label']} ({r['double_note']})"
