"""Bulk entry of a period's progress through Excel: a template per lead agency, and back.

`progress_template` writes the agency's targets and unfinished tasks of the unit's active
plans with what it needs to see (target, expected value for the period, last value) and
empty columns to fill. `progress_import` reads a filled template, checks every row first
and writes all of it or nothing (`ProgressSheetInvalid` lists each problem); rows whose
fill columns are empty are skipped. The "Thông tin" sheet names the unit and the period,
and every row must be an item of that unit, so a template cannot reach another unit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from theodoi.domain.dates import read_day
from theodoi.domain.errors import BadInput, NotFound, TheodoiError
from theodoi.domain.names import agency_key
from theodoi.domain.periods import Period, parse_period
from theodoi.domain.status import TASK_STATE_LABELS
from theodoi.domain.trajectory import expected
from theodoi.extraction.agencies import normalise_agency
from theodoi.reports.cells import append
from theodoi.reports.files import document_bytes
from theodoi.services.progress import records as progress
from theodoi.services.progress.status import actual, target_facts
from theodoi.services.register import items, units
from theodoi.services.spreadsheets.workbooks import ProblemsFound, open_workbook
from theodoi.services.validation import figures
from theodoi.storage.models import Agency, Target, Task, Unit
from theodoi.storage.repositories import agencies as agency_repo
from theodoi.storage.repositories import progress as repo

FORMAT = "theodoi.progress/1"
INFO, TARGETS, TASKS, HELP = "Thông tin", "Chỉ tiêu", "Nhiệm vụ", "Hướng dẫn"
# (header, width, filled by the agency)
TARGET_COLUMNS = [("Mã", 8, False), ("Chỉ tiêu", 50, False), ("Đơn vị tính", 16, False),
                  ("Mục tiêu", 12, False), ("Kỳ vọng kỳ này", 14, False),
                  ("Số liệu gần nhất", 16, False), ("Giá trị", 12, True),
                  ("Trên tổng số", 12, True), ("Ghi chú", 40, True)]
TASK_COLUMNS = [("Mã", 8, False), ("Nhiệm vụ", 50, False), ("Hạn", 12, False),
                ("Trạng thái", 18, True), ("Tỷ lệ hoàn thành (%)", 12, True),
                ("Ngày hoàn thành", 14, True), ("Sản phẩm", 30, True),
                ("Giải trình", 40, True)]
HELP_LINES = [
    "Cách điền biểu nhập số liệu",
    "1. Trang 'Chỉ tiêu': ghi cột 'Giá trị' bằng số (ví dụ 123,5 hoặc 1.234), theo đơn vị "
    "tính của chỉ tiêu; chỉ tiêu dạng mốc ghi 1 (đạt) hoặc 0 (chưa đạt).",
    "2. Chỉ tiêu tính trên tổng số (ví dụ 3/9 thôn) ghi tử số vào 'Giá trị', mẫu số vào "
    "'Trên tổng số'.",
    "3. Trang 'Nhiệm vụ': chọn 'Trạng thái' trong danh sách; 'Hoàn thành' thì ghi ngày hoàn "
    "thành (dd/mm/yyyy), nếu để trống lấy ngày nhập.",
    "4. Dòng để trống các cột cần điền thì bỏ qua. Không sửa cột 'Mã' và trang 'Thông tin'.",
    "5. Tải biểu đã điền lên trang 'Biểu Excel nhập số liệu' của đơn vị (hoặc lệnh theodoi "
    "progress import <tệp>). Có lỗi thì không dòng nào được ghi.",
]
FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER = PatternFill("solid", fgColor="DDEBF7")


class ProgressSheetInvalid(ProblemsFound):
    """The filled template has problems; nothing was written. `problems` lists each one."""

    code = "E121"
    lead = "biểu nhập số liệu có {count} lỗi, chưa ghi gì"


def find_agency(s: Session, unit: Unit, text: str) -> Agency:
    """The unit's agency by id or by any name its documents use for it."""
    if text.strip().isdigit():
        agency = agency_repo.get(s, int(text))
        if agency is not None and agency.unit_id == unit.id:
            return agency
    for name in (text, normalise_agency(text)):
        alias = agency_repo.alias_by_key(s, unit.id, agency_key(name)) if name else None
        if alias is not None:
            return alias.agency
    raise NotFound(f"đơn vị {unit.name} không có cơ quan '{text}'.")


def _leads(item: Target | Task, agency: Agency) -> bool:
    return any(a.role == "lead" and a.agency_id == agency.id for a in item.assignments)


def progress_template(s: Session, unit_text: str, agency_text: str, period_text: str,
                      without: frozenset[int] = frozenset()) -> bytes:
    """XLSX bytes: the agency's targets and unfinished tasks of the unit for the period,
    less the items of the plans `without` names (restricted ones the person does not read)."""
    unit = units.find(s, unit_text)
    agency, period = find_agency(s, unit, agency_text), parse_period(period_text)
    targets = [t for t in repo.active_targets(s, unit.id)
               if _leads(t, agency) and t.plan_id not in without]
    latest = {u.task_id: u for u in repo.latest_updates_for_unit(s, unit.id, period.end)}
    tasks = [t for t in repo.active_tasks(s, unit.id) if _leads(t, agency)
             and t.plan_id not in without and not _done_before(latest.get(t.id), period)]
    book = Workbook()
    _help(book.active, unit, agency, period)
    _sheet(book.create_sheet(TARGETS), TARGET_COLUMNS, _target_rows(s, targets, period))
    tasks_sheet = book.create_sheet(TASKS)
    _sheet(tasks_sheet, TASK_COLUMNS, [_task_row(t) for t in tasks])
    _state_choices(tasks_sheet, len(tasks))
    _info(book.create_sheet(INFO), unit, agency, period)
    return document_bytes(book.save)


def _done_before(update: Any, period: Period) -> bool:
    return update is not None and update.state == "hoan_thanh" and (
        update.completed_on or update.reported_on) < period.start


def _target_rows(s: Session, targets: list[Target], period: Period) -> list[list[Any]]:
    records = repo.current_for_targets(s, [t.id for t in targets], period.end)
    by_target: dict[int, list[Any]] = {}
    for r in records:
        by_target.setdefault(r.target_id, []).append(r)
    rows = []
    for t in targets:
        known = by_target.get(t.id, [])
        goal = expected(target_facts(t), period.end, [actual(r) for r in known])
        last = max(known, key=lambda r: (r.period_end, r.id)).value if known else None
        rows.append([items.ref_of(t), t.indicator or t.text, t.unit, t.value, goal, last,
                     None, None, None])
    return rows


def _task_row(t: Task) -> list[Any]:
    return [items.ref_of(t), t.title or t.text, t.due_date, None, None, None, None, None]


def _sheet(ws: Worksheet, columns: list[tuple[str, int, bool]], rows: list[list[Any]]) -> None:
    """Bold frozen header, widths, wrapped text, the columns to fill shaded."""
    append(ws, [c[0] for c in columns])
    for row in rows:  # through cells.append: an indicator typed '=…' is text, not a formula
        append(ws, row)
    for index, (_, width, fill) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = width
        head = ws.cell(row=1, column=index)
        head.font, head.fill = Font(bold=True), FILL if fill else HEADER
        head.alignment = Alignment(wrap_text=True, vertical="center")
        for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.number_format = "dd/mm/yyyy" if "Ngày" in columns[index - 1][0] or \
                columns[index - 1][0] == "Hạn" else "#,##0.##"
    ws.freeze_panes = "C2"


def _state_choices(ws: Worksheet, count: int) -> None:
    labels = ",".join(TASK_STATE_LABELS.values())
    check = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
    check.add(f"D2:D{max(count, 1) + 1}")
    ws.add_data_validation(check)


def _help(ws: Worksheet, unit: Unit, agency: Agency, period: Period) -> None:
    ws.title = HELP
    append(ws, [f"Biểu nhập số liệu {period.label} — {agency.name} — {unit.name}"])
    for line in HELP_LINES:
        append(ws, [line])
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"].font = Font(bold=True)
    ws.column_dimensions["A"].width = 110


def _info(ws: Worksheet, unit: Unit, agency: Agency, period: Period) -> None:
    for pair in (("Mục", "Giá trị"), ("Mã đơn vị", unit.code), ("Kỳ báo cáo", period.key),
                 ("Mã cơ quan", agency.id), ("Cơ quan", agency.name), ("Định dạng", FORMAT)):
        append(ws, list(pair))
    ws["A1"].font = ws["B1"].font = Font(bold=True)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 14, 40


@dataclass
class ImportResult:
    unit: str
    period: str
    records: int = 0
    updates: int = 0
    waiting: int = 0  # of `records`, figures sent for validation (they do not count yet)
    skipped: int = 0
    refs: list[str] = field(default_factory=list)


@dataclass
class _Checked:
    """What passed the checks: the writes to make once every row is known to be valid."""

    problems: list[str] = field(default_factory=list)
    writes: list[Callable[[], object]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)

    def problem(self, sheet: str, row: int, header: str | None, text: str) -> None:
        where = f"Trang '{sheet}', dòng {row}" + (f", cột '{header}'" if header else "")
        self.problems.append(f"{where}: {text}")


def progress_import(s: Session, data: bytes, by: str | None = None,
                    on: date | None = None, *, unit_id: int | None = None,
                    agencies: frozenset[int] | None = None,
                    without: frozenset[int] = frozenset(), waits: bool = False
                    ) -> ImportResult:
    """Write a filled template: every row checked first, then all of it or nothing.

    `on` is the day of the reports (the CLI passes today): task updates are made on it and
    target records dated on it; by default task updates are dated the period's end and
    records the moment they are written. The web passes the unit the person opened
    (`unit_id`: a template of another unit is refused) and, for an agency's account, the
    agencies it speaks for (`agencies`: any other agency's item is unknown to the sheet),
    the restricted plans the person does not read (`without`: unknown items too) and
    whether its figures wait for validation (`waits`: they are sent, not recorded).
    """
    book = _open(data)
    unit, period = _context(s, book)
    if unit_id is not None and unit.id != unit_id:
        raise BadInput(f"biểu này là của {unit.name}, không phải của đơn vị đang mở.")
    day = on or period.end
    targets = {items.ref_of(t): t for t in repo.active_targets(s, unit.id)
               if _speaks_for(t, agencies) and t.plan_id not in without}
    tasks = {items.ref_of(t): t for t in repo.active_tasks(s, unit.id)
             if _speaks_for(t, agencies) and t.plan_id not in without}
    checked, result = _Checked(), ImportResult(unit.name, period.key)
    at = datetime.combine(on, time()) if on else None
    for row, cells in _rows(book, TARGETS, TARGET_COLUMNS):
        _check_target(s, checked, result, row, cells, targets, period, by, at,
                      day if waits else None)
    for row, cells in _rows(book, TASKS, TASK_COLUMNS):
        _check_task(s, checked, result, row, cells, tasks, period, day, by)
    if checked.problems:
        raise ProgressSheetInvalid(checked.problems)
    for write in checked.writes:
        write()
    return result


def _speaks_for(item: Target | Task, agencies: frozenset[int] | None) -> bool:
    return agencies is None or any(a.role == "lead" and a.agency_id in agencies
                                   for a in item.assignments)


def _open(data: bytes) -> Workbook:
    """The filled template's workbook; bad input when it is not one openpyxl can read."""
    return open_workbook(data, "biểu Excel", "tệp không phải biểu Excel (.xlsx) đọc được.")


def _context(s: Session, book: Any) -> tuple[Unit, Period]:
    """The unit and period the template was made for, from its 'Thông tin' sheet."""
    if INFO not in book.sheetnames:
        raise BadInput(f"tệp không phải biểu nhập số liệu của theodoi (thiếu trang '{INFO}').")
    info = {str(r[0]): r[1] for r in book[INFO].iter_rows(min_row=2, values_only=True) if r[0]}
    if info.get("Định dạng") != FORMAT or not info.get("Mã đơn vị") or not info.get("Kỳ báo cáo"):
        raise BadInput(f"trang '{INFO}' không đúng biểu nhập số liệu của theodoi.")
    return units.find(s, str(info["Mã đơn vị"])), parse_period(str(info["Kỳ báo cáo"]))


def _rows(book: Any, sheet: str, columns: list[tuple[str, int, bool]]
          ) -> list[tuple[int, dict[str, Any]]]:
    """(Excel row number, cells by header) of a sheet; blank cells read as None."""
    if sheet not in book.sheetnames:
        return []
    headers = [c[0] for c in columns]
    out = []
    for number, raw in enumerate(book[sheet].iter_rows(min_row=2, values_only=True), start=2):
        cells = {h: _blank(v) for h, v in zip(headers, raw, strict=False)}
        out.append((number, cells))
    return out


def _blank(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _claim(checked: _Checked, sheet: str, row: int, ref: Any, known: dict[str, Any]) -> Any:
    """The item of this unit the row's code names, or a problem (and None)."""
    code = str(ref or "").strip().lower()
    if code not in known:
        checked.problem(sheet, row, "Mã", f"'{ref or ''}' không phải mục đang thực hiện của "
                        "đơn vị này.")
        return None
    if code in checked.seen:
        checked.problem(sheet, row, "Mã", f"mục {code} có hai dòng.")
        return None
    checked.seen.add(code)
    return known[code]


def _check_target(s: Session, checked: _Checked, result: ImportResult, row: int,
                  cells: dict[str, Any], known: dict[str, Target], period: Period,
                  by: str | None, at: datetime | None, sent_on: date | None) -> None:
    """One target row checked; its write recorded, or sent for validation on `sent_on`."""
    value, whole, note = cells.get("Giá trị"), cells.get("Trên tổng số"), cells.get("Ghi chú")
    if value is None and whole is None and note is None:
        result.skipped += 1
        return
    target = _claim(checked, TARGETS, row, cells.get("Mã"), known)
    if target is None:
        return
    if value is None:
        checked.problem(TARGETS, row, "Giá trị", "cần ghi giá trị khi đã ghi tổng số hoặc "
                        "ghi chú.")
        return
    try:
        progress.read_value(target, value, whole)
    except TheodoiError as exc:
        header = "Trên tổng số" if whole is not None and "mẫu số" in exc.message else "Giá trị"
        checked.problem(TARGETS, row, header, exc.message)
        return
    ref, said = items.ref_of(target), None if note is None else str(note)
    if sent_on is not None:
        checked.writes.append(lambda: figures.send(
            s, None, target, period.key, value, unit=None, value_of=whole, note=said,
            attachment=None, on=sent_on, by=by))
        result.waiting += 1
    else:
        checked.writes.append(lambda: progress.record_progress(
            s, ref, period.key, value, value_of=whole, note=said, by=by, at=at))
    result.records += 1
    result.refs.append(ref)


def _day(raw: Any) -> date | None:
    if raw is None or isinstance(raw, date):
        return raw.date() if isinstance(raw, datetime) else raw
    try:
        return read_day(str(raw))
    except ValueError as exc:
        raise BadInput(f"'{raw}' không phải ngày dạng dd/mm/yyyy.") from exc


def _check_task(s: Session, checked: _Checked, result: ImportResult, row: int,
                cells: dict[str, Any], known: dict[str, Task], period: Period, on: date,
                by: str | None) -> None:
    fills = [cells.get(c[0]) for c in TASK_COLUMNS if c[2]]
    if all(v is None for v in fills):
        result.skipped += 1
        return
    task = _claim(checked, TASKS, row, cells.get("Mã"), known)
    if task is None:
        return
    state, share = cells.get("Trạng thái"), cells.get("Tỷ lệ hoàn thành (%)")
    if state is None:
        checked.problem(TASKS, row, "Trạng thái", "cần chọn trạng thái.")
        return
    try:
        done = _day(cells.get("Ngày hoàn thành"))
        progress.check_task_update(str(state), share, done, on)
    except TheodoiError as exc:
        checked.problem(TASKS, row, _task_header(exc.message), exc.message)
        return
    ref = items.ref_of(task)
    checked.writes.append(lambda: progress.update_task(
        s, ref, str(state), on=on, percent=share, completed_on=done, period_text=period.key,
        product=_text(cells.get("Sản phẩm")), explanation=_text(cells.get("Giải trình")),
        by=by))
    result.updates += 1
    result.refs.append(ref)


def _task_header(message: str) -> str:
    if "tỷ lệ" in message:
        return "Tỷ lệ hoàn thành (%)"
    return "Ngày hoàn thành" if "ngày" in message else "Trạng thái"


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
