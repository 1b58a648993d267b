"""Reading a register workbook and checking every row before anything is written.

`read_book` turns the bytes into typed rows per sheet, collecting a problem for every
cell that cannot be read; `check_references` adds what only the whole workbook (and the
register) can tell: duplicated ids, items whose plan is missing, ids that are not this
unit's. Only a workbook without problems reaches `excel_apply`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain.names import agency_key
from theodoi.services.spreadsheets import excel_rows
from theodoi.services.spreadsheets.excel_apply import Applier, Existing, ImportSummary
from theodoi.services.spreadsheets.excel_columns import (
    AGENCIES,
    FORMAT,
    INFO_SHEET,
    MILESTONES,
    PLANS,
    SHEETS,
    TARGETS,
    TASKS,
    CellError,
    Column,
    from_cell,
)
from theodoi.services.spreadsheets.workbooks import ProblemsFound, open_workbook
from theodoi.storage.models import Unit

__all__ = ["ImportSummary", "WorkbookInvalid", "import_register"]


class WorkbookInvalid(ProblemsFound):
    """The workbook has problems; nothing was written. `problems` lists each one."""

    code = "E120"
    lead = "tệp Excel có {count} lỗi, chưa ghi gì vào sổ"


@dataclass
class Sheet:
    """One sheet's rows as typed dicts, with the Excel row number of each."""

    name: str
    present: set[str] = field(default_factory=set)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


@dataclass
class Book:
    info: dict[str, str]
    sheets: dict[str, Sheet]
    problems: list[str]

    def problem(self, sheet: str, row: int | None, header: str | None, text: str) -> None:
        where = f"Trang '{sheet}'" + (f", dòng {row}" if row else "") + \
            (f", cột '{header}'" if header else "")
        self.problems.append(f"{where}: {text}")


def import_register(s: Session, unit: Unit, data: bytes) -> ImportSummary:
    """Bring a workbook into `unit`'s register; every row is checked before any write.

    Rows with one of the unit's ids (in a workbook exported from this very register)
    update those records; rows with an empty id, and every row of a workbook exported
    from another database or unit, become new records. Records the workbook leaves out
    are untouched. Raises WorkbookInvalid (a BadInput) listing every problem, or BadInput
    when the bytes are not an XLSX workbook at all.
    """
    book = read_book(data)
    same = _same_register(book, unit)
    existing = Existing.load(s, unit)
    check_references(book, existing, same)
    if book.problems:
        raise WorkbookInvalid(book.problems)
    rows = {name: [dict(r, _row=n) for n, r in sheet.rows] for name, sheet in book.sheets.items()}
    present = {name: sheet.present for name, sheet in book.sheets.items()}
    applier = Applier(s, unit, same, existing, present)
    summary = applier.apply(rows)
    if applier.problems:  # found only while applying; the edge's rollback undoes the rest
        raise WorkbookInvalid(applier.problems)
    return summary


def read_book(data: bytes) -> Book:
    """Typed rows of every known sheet, and a problem for everything unreadable."""
    workbook = open_workbook(data, "bảng tính", "tệp không phải bảng tính Excel (.xlsx) hoặc "
                             "đã hỏng; hãy dùng tệp xuất bằng `theodoi register export`.")
    book = Book({}, {}, [])
    for ws in workbook.worksheets:
        values = [list(r) for r in ws.iter_rows(values_only=True)]
        if ws.title == INFO_SHEET:
            book.info = {str(r[0]).strip(): str(r[1]).strip() for r in values[1:]
                         if len(r) > 1 and r[0] is not None and r[1] is not None}
        elif ws.title in SHEETS:
            book.sheets[ws.title] = _read_sheet(book, ws.title, values)
        else:
            book.problem(ws.title, None, None, "không phải trang của sổ kế hoạch; các trang "
                         f"được dùng: {', '.join([*SHEETS, INFO_SHEET])}.")
    _check_info(book)
    return book


def _check_info(book: Book) -> None:
    if not book.info:
        book.problem(INFO_SHEET, None, None, "thiếu trang này (hoặc trang trống); hãy bắt "
                     "đầu từ tệp xuất bằng `theodoi register export`.")
    elif book.info.get("Định dạng") != FORMAT:
        book.problem(INFO_SHEET, None, "Định dạng", f"cần '{FORMAT}'.")


def _read_sheet(book: Book, name: str, values: list[list[Any]]) -> Sheet:
    sheet = Sheet(name)
    if not values:
        return sheet
    columns = _header_columns(book, name, values[0])
    sheet.present = {c.key for c in columns if c is not None}
    for number, cells in enumerate(values[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        sheet.rows.append((number, _read_row(book, name, number, columns, cells)))
    return sheet


def _header_columns(book: Book, name: str, header: list[Any]) -> list[Column | None]:
    """The column of each header cell; unknown, repeated or missing headers are problems."""
    by_header = {c.header: c for c in SHEETS[name]}
    columns: list[Column | None] = []
    for text in header:
        label = str(text).strip() if text is not None else ""
        column = by_header.get(label)
        if label and column is None:
            book.problem(name, 1, label, "tiêu đề cột không có trong mẫu của trang này.")
        elif column is not None and column in columns:
            book.problem(name, 1, label, "cột này có hai lần.")
            column = None
        columns.append(column)
    for column in SHEETS[name]:
        if column.required and column not in columns:
            book.problem(name, None, None, f"thiếu cột '{column.header}'.")
    return columns


def _read_row(book: Book, name: str, number: int, columns: list[Column | None],
              cells: list[Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column, raw in zip(columns, cells, strict=False):
        if column is None:
            continue
        try:
            row[column.key] = from_cell(column, raw)
        except CellError as exc:
            book.problem(name, number, column.header, str(exc).rstrip(".") + ".")
            row.setdefault("_bad", set()).add(column.key)  # reported once, not again as blank
    return row


def _same_register(book: Book, unit: Unit) -> bool:
    """Whether the workbook was exported from this unit in this database."""
    return (book.info.get("Mã sổ") == excel_rows.register_marker(unit)
            and book.info.get("Mã đơn vị") == unit.code)


def check_references(book: Book, existing: Existing, same: bool) -> None:
    """Ids unique per sheet, ids that are this unit's, references that lead somewhere."""
    ids = {name: _ids(book, sheet) for name, sheet in book.sheets.items()}
    # Only a workbook of this very register may point at records outside itself.
    known = {name: existing.ids(kind) if same else set() for name, kind in _KINDS.items()}
    for name, sheet in book.sheets.items():
        if same:
            _known_ids(book, sheet, known[name])
        for number, row in sheet.rows:
            _blank(book, name, number, row, same)
            _refs(book, name, number, row, ids, known)
    _milestone_years(book)
    _agency_keys(book, existing, same)
    _sources(book, existing, same)


_KINDS = {PLANS: "plan", TARGETS: "target", TASKS: "task", AGENCIES: "agency",
          MILESTONES: "milestone"}


def _ids(book: Book, sheet: Sheet) -> set[int]:
    seen: Counter[int] = Counter(row["id"] for _, row in sheet.rows
                                 if row.get("id") is not None)
    for number, row in sheet.rows:
        if row.get("id") is not None and seen[row["id"]] > 1:
            book.problem(sheet.name, number, "Mã", f"mã {row['id']} có ở nhiều dòng.")
    return set(seen)


def _known_ids(book: Book, sheet: Sheet, known: set[int]) -> None:
    for number, row in sheet.rows:
        if row.get("id") is not None and row["id"] not in known:
            book.problem(sheet.name, number, "Mã", f"sổ của đơn vị không có bản ghi mã "
                         f"{row['id']}; để trống cột Mã để thêm mới.")


REFS = {  # key -> (sheet it points into, header shown)
    "plan_id": (PLANS, "Mã kế hoạch"), "revises_id": (PLANS, "Mã kế hoạch được thay"),
    "target_id": (TARGETS, "Mã chỉ tiêu"),
}


NOT_EMPTY = {  # sheet -> cells a row cannot leave blank (when it makes a new record)
    TARGETS: (("plan_id", "Mã kế hoạch"),), TASKS: (("plan_id", "Mã kế hoạch"),),
    MILESTONES: (("target_id", "Mã chỉ tiêu"), ("year", "Năm")),
    AGENCIES: (("name", "Tên cơ quan"),), PLANS: (),
}


def _blank(book: Book, name: str, number: int, row: dict[str, Any], same: bool) -> None:
    updates = same and row.get("id") is not None and name != MILESTONES
    for key, header in NOT_EMPTY[name]:
        if row.get(key) is None and (key != "plan_id" or not updates) \
                and key not in row.get("_bad", ()):
            book.problem(name, number, header, "ô này không được để trống.")


def _refs(book: Book, name: str, number: int, row: dict[str, Any],
          ids: dict[str, set[int]], known: dict[str, set[int]]) -> None:
    refs = dict(REFS, previous_id=(name, "Mã bản trước"))
    for key, (target_sheet, header) in refs.items():
        value = row.get(key)
        if value is None or value in ids.get(target_sheet, set()) | known[target_sheet]:
            continue
        book.problem(name, number, header, f"không có bản ghi mã {value} trong trang "
                     f"'{target_sheet}' của tệp hay trong sổ.")
    _people(book, name, number, row, ids.get(AGENCIES, set()) | known[AGENCIES])


def _people(book: Book, name: str, number: int, row: dict[str, Any],
            agency_ids: set[int]) -> None:
    for role, header in (("lead", "Cơ quan chủ trì"), ("leader", "Người chủ trì"),
                         ("advisory", "Cơ quan tham mưu")):
        if len(row.get(role) or []) > 1:
            book.problem(name, number, header, "chỉ ghi một tên cho mỗi mục.")
    for role in ("lead", "co", "advisory"):
        for token in row.get(f"{role}_ids") or []:
            if token != "-" and (not token.isdigit() or int(token) not in agency_ids):
                book.problem(name, number, f"Mã CQ {_ROLE_LABELS[role]}",
                             f"không có cơ quan mã '{token}' trong trang 'Cơ quan'.")


_ROLE_LABELS = {"lead": "chủ trì", "co": "phối hợp", "advisory": "tham mưu"}


def _milestone_years(book: Book) -> None:
    sheet = book.sheets.get(MILESTONES)
    seen: set[tuple[Any, Any]] = set()
    for number, row in sheet.rows if sheet else []:
        key = (row.get("target_id"), row.get("year"))
        if None not in key and key in seen:
            book.problem(MILESTONES, number, "Năm", f"chỉ tiêu {key[0]} đã có năm {key[1]} "
                         "ở một dòng khác.")
        seen.add(key)


def _agency_keys(book: Book, existing: Existing, same: bool) -> None:
    """A name or alias belongs to one agency only, in the workbook and in the register.

    A row of this register's workbook keeps its id; any other row joins the one agency
    its names already belong to, so names that belong to two agencies are a problem."""
    sheet = book.sheets.get(AGENCIES)
    owners: dict[str, int] = {}
    for number, row in sheet.rows if sheet else []:
        keys = {agency_key(n) for n in [row.get("name") or "", *row.get("aliases", [])] if n}
        for key in sorted(keys):
            if key in owners and owners[key] != number:
                book.problem(AGENCIES, number, "Tên gọi khác", f"tên '{key}' đã thuộc cơ quan "
                             f"ở dòng {owners[key]}.")
            owners[key] = number
        holders = {h for h in (existing.alias_owner(k) for k in keys) if h is not None}
        mine = row.get("id") if same else None
        if (mine is not None and holders - {mine}) or (mine is None and len(holders) > 1):
            book.problem(AGENCIES, number, "Tên gọi khác", "tên này đã là của cơ quan khác "
                         f"trong sổ (mã {', '.join(str(h) for h in sorted(holders))}).")


def _sources(book: Book, existing: Existing, same: bool) -> None:
    """Two plans of a unit never share one source file."""
    sheet = book.sheets.get(PLANS)
    seen: dict[str, int] = {}
    for number, row in sheet.rows if sheet else []:
        sha = row.get("source_sha256")
        if not sha:
            continue
        holder = existing.plan_with_source(sha)
        mine = row.get("id") if same else None
        if sha in seen or (holder is not None and holder != mine):
            book.problem(PLANS, number, "SHA-256 tệp nguồn", "tệp nguồn này đã thuộc một kế "
                         "hoạch khác của đơn vị.")
        seen[sha] = number
