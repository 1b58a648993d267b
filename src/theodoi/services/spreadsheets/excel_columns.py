"""The register workbook's layout as data: its sheets, their columns, and cell conversion.

Each column maps one cell to one key of a row dict. `to_cell` writes a stored value the
way Excel shows it; `from_cell` reads a cell back into the stored value or raises
`CellError` with a Vietnamese message. Columns backed by a field of `domain.fields` are
checked through `coerce`, so a cell accepts exactly what the review screen accepts.

Text cells are kept verbatim (line breaks of the source included): the workbook carries
the register's own text, and collapsing whitespace would make a round trip lossy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from theodoi.domain import fields as F
from theodoi.domain.dates import read_day, vn_day
from theodoi.domain.errors import BadInput
from theodoi.storage.models import REVIEW_STATES

INFO_SHEET = "Thông tin"
FORMAT = "theodoi.register/1"
AGENCY_STATUSES = ("active", "proposed")
CHANGES = ("new", "changed", "unchanged")


class CellError(ValueError):
    """A cell that cannot be read; the message says what the column needs."""


@dataclass(frozen=True)
class Column:
    """One column: header, row-dict key, cell kind, and how it is shown."""

    header: str
    key: str
    kind: str  # text lines int year float date iso bool enum json info
    width: int = 14
    technical: bool = False
    required: bool = False  # the header must be present in the sheet
    field: tuple[str, str] | None = None  # (item kind, field) checked through coerce
    allowed: tuple[str, ...] | None = None
    id_like: bool = False  # an id or a reference to one (differs between databases)


def _c(header: str, key: str, kind: str, width: int = 14, **kw: Any) -> Column:
    return Column(header, key, kind, width, **kw)


def _t(header: str, key: str, kind: str, width: int = 12, **kw: Any) -> Column:
    return Column(header, key, kind, width, technical=True, **kw)


def _field(item: str, name: str, header: str, width: int = 14, **kw: Any) -> Column:
    kind = {"str": "text", "year": "year", "float": "float", "bool": "bool",
            "date": "date", "enum": "enum"}[F.fields_of(item)[name][0]]
    return Column(header, name, kind, width, field=(item, name), **kw)


def _people() -> list[Column]:
    """Who answers for an item: names as written, then the directory ids they resolved to."""
    return [_c("Cơ quan chủ trì", "lead", "lines", 24),
            _c("Cơ quan phối hợp", "co", "lines", 30),
            _c("Người chủ trì", "leader", "lines", 20),
            _c("Cơ quan tham mưu", "advisory", "lines", 22),
            _c("Rà soát", "review", "enum", 12, allowed=REVIEW_STATES)]


def _item_technical() -> list[Column]:
    return [_t("Mã", "id", "int", required=True, id_like=True),
            _t("Vị trí", "position", "int"),
            _t("Ngày rà soát", "reviewed_at", "iso", 20),
            _t("Mục (trích xuất)", "section", "text"),
            _t("Mã trích xuất", "ext_id", "text"),
            _t("Vị trí đầu", "span_start", "int"),
            _t("Vị trí cuối", "span_end", "int"),
            _t("Mã bản trước", "previous_id", "int", id_like=True),
            _t("Thay đổi so với bản trước", "change", "enum", allowed=CHANGES),
            _t("Mã CQ chủ trì", "lead_ids", "lines", id_like=True),
            _t("Mã CQ phối hợp", "co_ids", "lines", id_like=True),
            _t("Mã CQ tham mưu", "advisory_ids", "lines", id_like=True),
            _t("Bản trích xuất (JSON)", "original", "json", 40)]


PLAN_COLUMNS = [
    _c("Số hiệu", "number", "text", 16),
    _c("Loại văn bản", "kind", "enum", 16, allowed=F.PLAN_KINDS),
    _c("Tên kế hoạch", "title", "text", 50),
    _c("Ngày ban hành", "issued_on", "date", 14),
    _c("Nơi ban hành", "place", "text", 16),
    _c("Cơ quan ban hành", "issuer", "text", 26),
    _c("Nhiệm kỳ từ năm", "term_start", "year", 10),
    _c("Nhiệm kỳ đến năm", "term_end", "year", 10),
    _c("Trạng thái", "status", "enum", 12, allowed=F.PLAN_STATUSES),
    _c("Người ký", "signer_name", "text", 20),
    _c("Chức vụ người ký", "signer_position", "text", 18),
    _c("Thay mặt", "signer_on_behalf", "text", 20),
    _c("Nơi nhận", "recipients", "lines", 30),
    _c("Căn cứ", "bases", "text", 60),
    _field("plan", "restricted", "Tài liệu hạn chế", 12),  # có: only the unit's readers
    _t("Mã", "id", "int", required=True, id_like=True),
    _t("Tên tệp nguồn", "source_name", "text", 24),
    _t("SHA-256 tệp nguồn", "source_sha256", "text", 20),
    _t("Mã kế hoạch được thay", "revises_id", "int", id_like=True),
    _t("Ngày tạo", "created_at", "iso", 20),
    _t("Ngày đưa vào thực hiện", "activated_at", "iso", 20),
    _t("Căn cứ (JSON)", "bases_data", "json", 40, id_like=True),
]

TARGET_COLUMNS = [
    _c("Mã kế hoạch", "plan_id", "int", 10, required=True, id_like=True),
    _field("target", "label", "Số thứ tự", 8),
    _field("target", "indicator", "Tên chỉ tiêu", 40, required=True),
    _field("target", "text", "Nội dung", 50),
    _field("target", "field", "Lĩnh vực", 16),
    _field("target", "kind", "Loại chỉ tiêu", 14),
    _field("target", "direction", "Chiều", 10),
    _field("target", "comparator", "So sánh", 8),
    _field("target", "value", "Giá trị", 12),
    _field("target", "value_max", "Giá trị tối đa", 12),
    _field("target", "value_of", "Tổng số", 12),
    _field("target", "unit", "Đơn vị tính", 12),
    _field("target", "per_year", "Tính theo năm", 10),
    _field("target", "recurrence", "Lặp lại", 10),
    _field("target", "deadline_year", "Năm hoàn thành", 10),
    _field("target", "period_start", "Giai đoạn từ năm", 10),
    _field("target", "period_end", "Giai đoạn đến năm", 10),
    *_people(),
    *_item_technical(),
    _t("Vị trí khác (JSON)", "also_spans", "json", 16),
]

MILESTONE_COLUMNS = [
    _c("Mã chỉ tiêu", "target_id", "int", 10, required=True, id_like=True),
    _c("Tên chỉ tiêu (tham khảo)", "indicator", "info", 40),
    _c("Năm", "year", "year", 8, required=True),
    _c("Giá trị", "value", "float", 12, field=("target", "value")),
    _t("Mã", "id", "int", id_like=True),
]

TASK_COLUMNS = [
    _c("Mã kế hoạch", "plan_id", "int", 10, required=True, id_like=True),
    _field("task", "label", "Số thứ tự", 8),
    _field("task", "title", "Tên nhiệm vụ", 50, required=True),
    _field("task", "text", "Nội dung", 50),
    _field("task", "kind", "Loại nhiệm vụ", 14),
    _field("task", "field", "Lĩnh vực", 16),
    _field("task", "due_text", "Thời hạn (như văn bản ghi)", 18),
    _field("task", "due_date", "Ngày đến hạn", 14),
    _field("task", "due_recurrence", "Lặp lại", 10),
    _field("task", "product", "Sản phẩm", 30),
    _c("Trình", "submit_to", "lines", 20),
    *_people(),
    *_item_technical(),
]

AGENCY_COLUMNS = [
    _c("Tên cơ quan", "name", "text", 40, required=True),
    _c("Trạng thái", "status", "enum", 12, allowed=AGENCY_STATUSES),
    _c("Tên gọi khác", "aliases", "lines", 40),
    _t("Mã", "id", "int", required=True, id_like=True),
]

SHEETS: dict[str, list[Column]] = {
    "Kế hoạch": PLAN_COLUMNS,
    "Chỉ tiêu": TARGET_COLUMNS,
    "Lộ trình": MILESTONE_COLUMNS,
    "Nhiệm vụ": TASK_COLUMNS,
    "Cơ quan": AGENCY_COLUMNS,
}
PLANS, TARGETS, MILESTONES, TASKS, AGENCIES = SHEETS


def to_cell(column: Column, value: Any) -> Any:
    """The cell for a stored value; empty values become empty cells."""
    if value is None or value == "" or value == []:
        return None if column.kind != "json" or value is None else json.dumps(value)
    if column.kind == "lines":
        return "\n".join(str(v) for v in value)
    if column.kind == "bool":
        return "có" if value else "không"
    if column.kind == "iso":
        return value.isoformat()
    if column.kind == "json":
        return json.dumps(value, ensure_ascii=False)
    return value


def from_cell(column: Column, raw: Any) -> Any:
    """The stored value of a cell, or CellError saying what the column needs."""
    if isinstance(raw, str) and raw.strip() == "":
        raw = None
    if column.field is not None:
        return _through_fields(column, raw)
    if raw is None:
        return [] if column.kind == "lines" else None
    reader = _READERS.get(column.kind)
    return reader(column, raw) if reader else raw


def _through_fields(column: Column, raw: Any) -> Any:
    """A field of domain.fields: its checks, but text kept verbatim."""
    assert column.field is not None
    if isinstance(raw, datetime):
        raw = raw.date()
    try:
        value = F.coerce(column.field[0], column.field[1], raw)
    except BadInput as exc:
        raise CellError(exc.message) from exc
    if column.kind == "text" and value is not None:
        return _text(column, raw)
    return value


def _text(_column: Column, raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime | date):
        return vn_day(raw)
    return str(raw)


def _lines(_column: Column, raw: Any) -> list[str]:
    return [line.strip() for line in _text(_column, raw).split("\n") if line.strip()]


def _int(_column: Column, raw: Any) -> int:
    if isinstance(raw, bool):
        raise CellError("cần một số nguyên, ví dụ 12")
    if isinstance(raw, int | float) and float(raw).is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():  # not '²'
        return int(raw.strip())
    raise CellError(f"'{raw}' không hợp lệ: cần một số nguyên, ví dụ 12")


def _year(column: Column, raw: Any) -> int:
    try:
        year = _int(column, raw)
    except CellError:
        year = 0
    if not 1945 <= year <= 2100:
        raise CellError(f"'{raw}' không hợp lệ: cần một năm, ví dụ 2030")
    return year


def _float(_column: Column, raw: Any) -> float:
    try:
        return F.parse_number(raw if isinstance(raw, int | float) else str(raw))
    except ValueError as exc:
        raise CellError(f"'{raw}' không hợp lệ: cần một số, ví dụ 10,9") from exc


def _date(_column: Column, raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    try:
        return read_day(str(raw))
    except ValueError as exc:
        raise CellError(f"'{raw}' không hợp lệ: cần ngày dạng dd/mm/yyyy") from exc


def _iso(_column: Column, raw: Any) -> datetime:
    if isinstance(raw, datetime):
        return raw
    try:
        return datetime.fromisoformat(str(raw).strip())
    except ValueError as exc:
        raise CellError(f"'{raw}' không hợp lệ: cần thời điểm dạng 2025-03-05T08:30:00") \
            from exc


def _enum(column: Column, raw: Any) -> str:
    value = str(raw).strip()
    if column.allowed is not None and value not in column.allowed:
        raise CellError(f"'{raw}' không hợp lệ: cần một trong: {', '.join(column.allowed)}")
    return value


def _json(_column: Column, raw: Any) -> Any:
    try:
        return json.loads(str(raw))
    except ValueError as exc:
        raise CellError("dữ liệu JSON không đọc được (cột kỹ thuật; đừng sửa tay)") from exc


def _info(_column: Column, _raw: Any) -> None:
    """Shown for reading only; never stored."""
    return None


_READERS = {"text": _text, "lines": _lines, "int": _int, "year": _year, "float": _float,
            "date": _date, "iso": _iso, "enum": _enum, "json": _json, "info": _info}
