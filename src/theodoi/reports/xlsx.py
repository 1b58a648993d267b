"""Lay a `Report`'s tables out as an appendix workbook a clerk prints and keeps editing.

Numbers stay numbers, text stays text (reports/cells.py: a name starting with '=' is no
formula); "% so với kế hoạch" is a formula (lũy kế / kế hoạch) and the totals
per agency count the task sheet with COUNTIFS, so a corrected cell updates the rest.
Every sheet prints on A4 landscape, fitted to the page width, with its header row repeated.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from theodoi.reports import tasks as task_rules
from theodoi.reports.cells import Formula, put, write
from theodoi.reports.files import document_bytes
from theodoi.reports.model import (
    ESTIMATE_PERCENT_HEADING,
    OFFICE_MARK,
    TASK_GROUP_LABELS,
    Report,
    TargetLine,
)

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEADER_ROW = 5  # rows 1-3 carry the title, the summary and the "Kèm theo" line
TARGET_HEAD = ("TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch", "Thực hiện kỳ báo cáo", "Lũy kế",
               "% so với kế hoạch", "Đánh giá", "Cơ quan chủ trì")
TARGET_WIDTHS = (6, 48, 12, 13, 14, 13, 12, 18, 26)
ESTIMATE_BASIS_HEAD = "Căn cứ ước thực hiện năm"
TASK_HEAD = ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Kết quả", "Đánh giá",
             "Lý do (nếu quá hạn)", "Sản phẩm, tiến độ")  # column E is what COUNTIFS read
TASK_WIDTHS = (6, 52, 26, 12, 15, 20, 40, 48)
AGENCY_HEAD = ("TT", "Cơ quan chủ trì", *TASK_GROUP_LABELS.values(), "Tổng số")
AGENCY_WIDTHS = (6, 40, 14, 16, 12, 12)
TASK_SHEET = "Nhiệm vụ"


def render(report: Report, path: Path | None = None) -> bytes:
    """The appendix workbook as bytes; also written to `path` when given."""
    wb = Workbook()
    targets = wb.active
    assert targets is not None  # a new workbook always has its first sheet
    targets.title = "Chỉ tiêu"
    _targets(targets, report)
    last_task_row = _tasks(wb.create_sheet(TASK_SHEET), report)
    _agencies(wb.create_sheet("Tổng hợp theo cơ quan"), report, last_task_row)
    return document_bytes(wb.save, path)


def _title(ws: Worksheet, report: Report, title: str, columns: int) -> None:
    last = get_column_letter(columns)
    # a plain hyphen for the term's non-breaking one: a sheet's font may lack U+2011
    lines = (title, report.summary.replace("\u2011", "-"), report.attached)
    for row, (text, font) in enumerate(zip(lines, (Font(name=FONT, size=14, bold=True),
                                                   Font(name=FONT, size=13, bold=True),
                                                   Font(name=FONT, size=12, italic=True)),
                                           strict=True), start=1):
        ws.merge_cells(f"A{row}:{last}{row}")
        cell = put(ws, row, 1, text)
        cell.font, cell.alignment = font, CENTRE
    ws.row_dimensions[2].height = 36
    if report.cut_off:  # the row left empty above the header
        ws.merge_cells(f"A{HEADER_ROW - 1}:{last}{HEADER_ROW - 1}")
        cell = ws.cell(HEADER_ROW - 1, 1, f"({report.cut_off})")
        cell.font, cell.alignment = Font(name=FONT, size=12, italic=True), CENTRE


def _head(ws: Worksheet, names: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for col, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        cell = put(ws, HEADER_ROW, col, name)
        cell.font, cell.alignment, cell.border = Font(name=FONT, size=12, bold=True), CENTRE, BOX
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)


def _print_setup(ws: Worksheet, columns: int) -> None:
    """A4 landscape, one page wide, header row on every page, the decree's margins (inches)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{get_column_letter(columns)}{ws.max_row}"
    ws.page_margins.left, ws.page_margins.right = 30 / 25.4, 15 / 25.4
    ws.page_margins.top = ws.page_margins.bottom = 20 / 25.4
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "Trang &P/&N"


def table_style(wb: Workbook, *, bold: bool, centre: bool) -> str:
    """The name of a table cell's look (font, box, alignment), added to the workbook as a
    named style the first time: cells then share it instead of each building and
    looking up its own font, border and alignment (most of a large workbook's time)."""
    name = f"Bảng{' đậm' if bold else ''}{' giữa' if centre else ''}"
    if name not in wb.named_styles:
        wb.add_named_style(NamedStyle(name=name, font=Font(name=FONT, size=12, bold=bold),
                                      border=BOX, alignment=CENTRE if centre else WRAP))
    return name


def _put(ws: Worksheet, row: int, values: list[object], *, bold: bool = False) -> None:
    """One bordered table row; numbers get a Vietnamese-readable format with 0-2 decimals."""
    first, rest = (table_style(ws.parent, bold=bold, centre=c) for c in (True, False))
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col)
        cell.style = first if col == 1 else rest  # before the value: write may mark text
        write(cell, value)  # text stays text; only a Formula computes
        if isinstance(value, float | int) and not isinstance(value, bool):
            cell.number_format = "#,##0" if float(value).is_integer() else "#,##0.0#"


def target_head(report: Report) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The targets sheet's heads and widths: with the year's estimate (its share of the
    plan a formula too) after the share of the plan, and its basis last, when shown."""
    heads = [report.plan_heading if h == "Kế hoạch" else h for h in TARGET_HEAD]
    widths = list(TARGET_WIDTHS)
    if report.estimate_year:
        heads[7:7] = [report.estimate_heading, ESTIMATE_PERCENT_HEADING]
        widths[7:7] = [14, 12]
        heads.append(ESTIMATE_BASIS_HEAD)
        widths.append(40)
    return tuple(heads), tuple(widths)


def _share(row: int, of: str) -> Formula:
    return Formula(f'=IF(AND(ISNUMBER(D{row}),ISNUMBER({of}{row}),D{row}<>0),'
                   f'{of}{row}/D{row},"")')


def _targets(ws: Worksheet, report: Report) -> None:
    heads, widths = target_head(report)
    _title(ws, report, "PHỤ LỤC: KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", len(heads))
    _head(ws, heads, widths)
    row, n = HEADER_ROW + 1, 0
    for group in report.fields:
        _put(ws, row, ["", group.heading, *[""] * (len(heads) - 2)], bold=True)
        row += 1
        for t in group.rows:
            n += 1
            values: list[object] = [n, t.name, t.unit or "", *t.cells(),
                                    _share(row, "F") if t.shares_plan else None]
            if report.estimate_year:
                values += [t.estimate_cell(), _share(row, "H") if t.shares_plan else None]
            values += [t.status_label, t.agency or ""]
            if report.estimate_year:
                values.append(_basis(t))
            _put(ws, row, values)
            for col in (7, 9) if report.estimate_year else (7,):
                ws.cell(row, col).number_format = "0.0%"
            row += 1
    _print_setup(ws, len(heads))


def _basis(t: TargetLine) -> str:
    """The estimate's basis; the office's own marked as in the DOCX; empty with none."""
    if t.estimate is None:
        return ""
    return f"{OFFICE_MARK} {t.estimate_basis}" if t.estimate_by_office else t.estimate_basis or ""


def _tasks(ws: Worksheet, report: Report) -> int:
    """The task sheet; returns its last data row (the agency totals count up to it)."""
    _title(ws, report, "PHỤ LỤC: KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", len(TASK_HEAD))
    _head(ws, TASK_HEAD, TASK_WIDTHS)
    row = HEADER_ROW
    for n, t in enumerate(report.tasks, start=1):
        row += 1
        _put(ws, row, [n, t.title, t.agency, t.due, TASK_GROUP_LABELS[t.group], t.status_label,
                       t.reason or "", task_rules.result_text(t)])
        ws.cell(row, 4).number_format = "dd/mm/yyyy"
    _print_setup(ws, len(TASK_HEAD))
    return max(row, HEADER_ROW + 1)


def _agencies(ws: Worksheet, report: Report, last_task_row: int) -> None:
    _title(ws, report, "PHỤ LỤC: TỔNG HỢP NHIỆM VỤ THEO CƠ QUAN CHỦ TRÌ", len(AGENCY_HEAD))
    _head(ws, AGENCY_HEAD, AGENCY_WIDTHS)
    first = HEADER_ROW + 1
    span = f"${first}:$"  # completed below with the column letter and the last row
    row = HEADER_ROW
    for n, a in enumerate(report.agencies, start=1):
        row += 1
        counts = [Formula(f"=COUNTIFS('{TASK_SHEET}'!$C{span}C${last_task_row},$B{row},"
                          f"'{TASK_SHEET}'!$E{span}E${last_task_row},{col}${HEADER_ROW})")
                  for col in ("C", "D", "E")]
        _put(ws, row, [n, a.agency, *counts, Formula(f"=SUM(C{row}:E{row})")])
    total = row + 1
    sums = [Formula(f"=SUM({c}{first}:{c}{max(row, first)})") for c in ("C", "D", "E", "F")]
    _put(ws, total, ["", "Tổng cộng", *sums], bold=True)
    _print_setup(ws, len(AGENCY_HEAD))
