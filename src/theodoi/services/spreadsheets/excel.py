"""A unit's register as an Excel workbook, and back: export, edit in Excel, import.

`export_register` writes every plan, target, milestone, task and agency of the unit, one
sheet each, with Vietnamese headers for people and technical columns (ids, review state,
the extraction's proposal, spans) grouped and hidden at the right, so nothing is lost.

`import_register` reads such a workbook. It checks every row first and writes nothing
unless all of them are valid (`WorkbookInvalid` lists each problem by sheet, row and
column). The "Thông tin" sheet says which register the workbook came from:

- exported from this unit in this database: a row whose id is one of the unit's records
  updates that record (only the cells that differ change anything); a row with an empty
  id creates a new record;
- exported elsewhere (another database, another unit): every row creates a new record,
  and the workbook's ids serve only to connect its own rows (a milestone to its target,
  an item to its plan, an assignment to an agency).

Records of the unit that the workbook does not mention are left untouched, never
deleted; the summary counts them.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from theodoi.reports.cells import append
from theodoi.reports.files import document_bytes
from theodoi.services.spreadsheets import excel_rows as rows
from theodoi.services.spreadsheets.excel_columns import FORMAT, INFO_SHEET, SHEETS, Column, to_cell
from theodoi.services.spreadsheets.excel_import import (
    ImportSummary,
    WorkbookInvalid,
    import_register,
)
from theodoi.storage.models import Unit
from theodoi.storage.repositories import agencies as agency_repo
from theodoi.storage.repositories import plans as plan_repo

__all__ = ["ImportSummary", "WorkbookInvalid", "export_register", "import_register"]

NUMBER_FORMAT = "#,##0.##"  # Excel shows it with the reader's own separators: 1.234,5
DATE_FORMAT = "dd/mm/yyyy"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TECHNICAL_FILL = PatternFill("solid", fgColor="EDEDED")


def sheet_rows(s: Session, unit: Unit,
               without: frozenset[int] = frozenset()) -> dict[str, list[dict[str, Any]]]:
    """Every record of the unit as row dicts, by sheet name, in a stable order; the plans
    `without` names (restricted ones the person does not read) left out with their items."""
    plans = sorted((p for p in plan_repo.for_unit(s, unit.id, full=True)
                    if p.id not in without), key=lambda p: p.id)
    targets = [t for p in plans for t in sorted(p.targets, key=_place)]
    return {
        "Kế hoạch": [rows.plan_row(p) for p in plans],
        "Chỉ tiêu": [rows.target_row(t) for t in targets],
        "Lộ trình": [m for t in targets for m in rows.milestone_rows(t)],
        "Nhiệm vụ": [rows.task_row(t) for p in plans for t in sorted(p.tasks, key=_place)],
        "Cơ quan": [rows.agency_row(a) for a in
                    sorted(agency_repo.for_unit(s, unit.id), key=lambda a: a.id)],
    }


def _place(item: Any) -> tuple[int, int]:
    return (item.position, item.id)


def export_register(s: Session, unit: Unit, without: frozenset[int] = frozenset()) -> bytes:
    """The unit's whole register as XLSX bytes (less the plans `without` names);
    exporting twice gives the same cells."""
    book = Workbook()
    book.remove(book.active)
    for name, data in sheet_rows(s, unit, without).items():
        _write_sheet(book.create_sheet(name), SHEETS[name], data)
    _write_info(book.create_sheet(INFO_SHEET), unit)
    book.properties.title = f"Sổ kế hoạch {unit.name}"
    book.properties.subject = FORMAT
    return document_bytes(book.save)


def _write_sheet(ws: Worksheet, columns: list[Column], data: list[dict[str, Any]]) -> None:
    append(ws, [c.header for c in columns])
    for row in data:  # through cells.append: a title typed '=…' is text, not a formula
        append(ws, [to_cell(c, row.get(c.key)) for c in columns])
    for index, column in enumerate(columns, start=1):
        _format_column(ws, index, column)
    ws.freeze_panes = "A2"
    _hide_technical(ws, columns)
    _add_choices(ws, columns, len(data))


def _format_column(ws: Worksheet, index: int, column: Column) -> None:
    """Bold header, wrapped text, numbers and dates as Vietnamese readers expect them."""
    letter = get_column_letter(index)
    ws.column_dimensions[letter].width = column.width
    header = ws.cell(row=1, column=index)
    header.font = Font(bold=True)
    header.fill = TECHNICAL_FILL if column.technical else HEADER_FILL
    header.alignment = Alignment(wrap_text=True, vertical="center")
    for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.kind == "float":
            cell.number_format = NUMBER_FORMAT
        elif column.kind == "date":
            cell.number_format = DATE_FORMAT


def _hide_technical(ws: Worksheet, columns: list[Column]) -> None:
    """Technical columns sit together at the right, grouped and collapsed, still present."""
    first = next((i for i, c in enumerate(columns, start=1) if c.technical), None)
    if first is not None:
        ws.column_dimensions.group(get_column_letter(first), get_column_letter(len(columns)),
                                   hidden=True, outline_level=1)


def _add_choices(ws: Worksheet, columns: list[Column], count: int) -> None:
    """A drop-down of the allowed codes on enum columns, so a clerk picks a valid one."""
    for index, column in enumerate(columns, start=1):
        allowed = column.allowed or (_field_choices(column) if column.kind == "enum" else None)
        if not allowed:
            continue
        letter = get_column_letter(index)
        check = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"',
                               allow_blank=True)
        check.add(f"{letter}2:{letter}{max(count, 1) + 200}")
        ws.add_data_validation(check)


def _field_choices(column: Column) -> tuple[str, ...] | None:
    from theodoi.domain.fields import fields_of

    assert column.field is not None
    return fields_of(column.field[0])[column.field[1]][1]


def _write_info(ws: Worksheet, unit: Unit) -> None:
    """Where the workbook came from; import uses it to tell this register from others."""
    append(ws, ["Mục", "Giá trị"])
    for label, value in (("Đơn vị", unit.name), ("Mã đơn vị", unit.code),
                         ("Mã sổ", rows.register_marker(unit)), ("Định dạng", FORMAT),
                         ("Ghi chú", "Sửa ô rồi nhập lại bằng `theodoi register import`. "
                          "Dòng để trống cột Mã là bản ghi mới; bản ghi không có trong tệp "
                          "được giữ nguyên.")):
        append(ws, [label, value])
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 60
    ws.cell(row=1, column=1).font = Font(bold=True)
    ws.cell(row=1, column=2).font = Font(bold=True)
