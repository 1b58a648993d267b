"""The register's item fields as data: which a person may correct, of what type, which values.

`coerce(item_kind, field, raw)` turns what a person typed (CLI, web form, Excel cell) into
the stored value, or raises BadInput with a Vietnamese message naming the field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from theodoi.domain.dates import read_day
from theodoi.domain.errors import BadInput, FieldError
from theodoi.domain.numbers import read_number
from theodoi.domain.text import squash

TARGET_KINDS = ("level", "growth_rate", "change", "milestone", "plan_relative")
TASK_KINDS = ("task", "scheme", "key_project", "breakthrough")
# what screens and reports call each kind of task (the plan's own words for them)
TASK_KIND_LABELS = {"task": "Nhiệm vụ", "scheme": "Đề án",
                    "key_project": "Công trình trọng điểm", "breakthrough": "Khâu đột phá"}
FIELDS_OF_WORK = ("kinh_te", "van_hoa_xa_hoi", "moi_truong", "quoc_phong_an_ninh",
                  "xay_dung_dang", "chinh_quyen")
# what screens call each field of work ("khac": a target no field was found for)
FIELD_LABELS = {"kinh_te": "Kinh tế", "van_hoa_xa_hoi": "Văn hóa - Xã hội",
                "moi_truong": "Tài nguyên - Môi trường",
                "quoc_phong_an_ninh": "Quốc phòng - An ninh",
                "xay_dung_dang": "Xây dựng Đảng", "chinh_quyen": "Chính quyền",
                "khac": "Chưa phân lĩnh vực"}
# what the review form's choices say (the stored codes never reach a person)
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "target.kind": {"level": "mức cần đạt", "growth_rate": "tốc độ tăng bình quân",
                    "change": "mức tăng, giảm", "milestone": "được công nhận, hoàn thành",
                    "plan_relative": "so với kế hoạch được giao"},
    "task.kind": {k: v.lower() for k, v in TASK_KIND_LABELS.items()},  # one table of kinds
    "comparator": {"=": "đạt", ">": "trên", ">=": "từ … trở lên", "<": "dưới",
                   "<=": "không quá", "between": "từ … đến …"},
    "recurrence": {"annual": "hằng năm"},
    "plan.kind": {"ke_hoach": "Kế hoạch", "chuong_trinh_hanh_dong": "Chương trình hành động",
                  "nghi_quyet": "Nghị quyết", "de_an": "Đề án", "bao_cao": "Báo cáo",
                  "quyet_dinh": "Quyết định", "khac": "Văn bản khác"},
}
DIRECTIONS = ("increase", "decrease", "maintain")
COMPARATORS = (">=", ">", "=", "<=", "<", "between")
RECURRENCES = ("annual",)
PLAN_KINDS = ("ke_hoach", "chuong_trinh_hanh_dong", "nghi_quyet", "de_an", "bao_cao",
              "quyet_dinh", "khac")
PLAN_STATUSES = ("draft", "active", "closed")

# field -> (type, allowed values or None, Vietnamese name shown in messages)
TARGET_FIELDS: dict[str, tuple[str, tuple[str, ...] | None, str]] = {
    "label": ("str", None, "số thứ tự"),
    "text": ("str", None, "nội dung"),
    "indicator": ("str", None, "tên chỉ tiêu"),
    "field": ("enum", FIELDS_OF_WORK, "lĩnh vực"),
    "kind": ("enum", TARGET_KINDS, "loại chỉ tiêu"),
    "direction": ("enum", DIRECTIONS, "chiều"),
    "comparator": ("enum", COMPARATORS, "so sánh"),
    "value": ("float", None, "giá trị"),
    "value_max": ("float", None, "giá trị tối đa"),
    "value_of": ("float", None, "tổng số"),
    "unit": ("str", None, "đơn vị tính"),
    "per_year": ("bool", None, "tính theo năm"),
    "recurrence": ("enum", RECURRENCES, "lặp lại"),
    "deadline_year": ("year", None, "năm hoàn thành"),
    "period_start": ("year", None, "năm bắt đầu giai đoạn"),
    "period_end": ("year", None, "năm kết thúc giai đoạn"),
}
TASK_FIELDS: dict[str, tuple[str, tuple[str, ...] | None, str]] = {
    "label": ("str", None, "số thứ tự"),
    "text": ("str", None, "nội dung"),
    "title": ("str", None, "tên nhiệm vụ"),
    "kind": ("enum", TASK_KINDS, "loại nhiệm vụ"),
    "field": ("enum", FIELDS_OF_WORK, "lĩnh vực"),
    "due_text": ("str", None, "thời hạn (như văn bản ghi)"),
    "due_date": ("date", None, "ngày đến hạn"),
    "due_recurrence": ("enum", RECURRENCES, "lặp lại"),
    "product": ("str", None, "sản phẩm"),
    "submit_to": ("list", None, "nơi trình, gửi"),
}
# a plan's own facts, fixed on the review page when the reader got them wrong
PLAN_FIELDS: dict[str, tuple[str, tuple[str, ...] | None, str]] = {
    "number": ("str", None, "số hiệu văn bản"),
    "issued_on": ("date", None, "ngày ban hành"),
    "issuer": ("str", None, "cơ quan ban hành"),
    "title": ("str", None, "trích yếu"),
    "kind": ("enum", PLAN_KINDS, "loại văn bản"),
    "term_start": ("year", None, "năm bắt đầu giai đoạn"),
    "term_end": ("year", None, "năm kết thúc giai đoạn"),
    # only the roles the unit names read a restricted plan (domain.access.sees_plan)
    "restricted": ("bool", None, "tài liệu hạn chế người đọc"),
}
REQUIRED = {"target": ("indicator",), "task": ("title",), "plan": ()}
TRUE_WORDS = {"1", "true", "có", "co", "x", "yes", "đúng"}
FALSE_WORDS = {"0", "false", "không", "khong", "", "no", "sai"}


def fields_of(item_kind: str) -> dict[str, tuple[str, tuple[str, ...] | None, str]]:
    """The correctable fields of a target, a task or (`plan`) a plan's metadata."""
    if item_kind == "plan":
        return PLAN_FIELDS
    if item_kind not in ("target", "task"):
        raise BadInput(f"loại mục '{item_kind}' không có; dùng chỉ tiêu hoặc nhiệm vụ.")
    return TARGET_FIELDS if item_kind == "target" else TASK_FIELDS


def parse_number(raw: str | float | int) -> float:
    """A number as a Vietnamese clerk types it: '10,9', '1.234,5', '13.284', '98'; finite,
    ASCII digits (the one parser, numbers.read_number); ValueError otherwise."""
    return read_number(raw)


def coerce(item_kind: str, name: str, raw: Any) -> Any:
    """The stored value for `raw` typed into field `name`; empty text clears the field."""
    table = fields_of(item_kind)
    if name not in table:
        allowed = ", ".join(table)
        raise BadInput(f"không có trường '{name}'; các trường sửa được: {allowed}.")
    kind, allowed_values, label = table[name]
    if raw is None or (isinstance(raw, str) and raw.strip() == "" and kind != "bool"):
        if name in REQUIRED[item_kind]:
            raise FieldError(f"{label} không được để trống.", field=name)
        return [] if kind == "list" else None
    try:
        return _convert(kind, allowed_values, raw)
    except (ValueError, TypeError) as exc:
        raise FieldError(f"{label} '{raw}' không hợp lệ: {_expected(kind, allowed_values)}.",
                         field=name) from exc


def _convert(kind: str, allowed: tuple[str, ...] | None, raw: Any) -> Any:
    if kind == "str":
        return squash(str(raw))
    if kind == "float":
        return parse_number(raw if isinstance(raw, int | float) else str(raw))
    if kind == "year":
        year = int(raw) if isinstance(raw, int | float) else _ascii_int(str(raw))
        if not 1945 <= year <= 2100:
            raise ValueError(year)
        return year
    if kind == "bool":
        return _bool(raw)
    if kind == "date":
        return raw if isinstance(raw, date) else read_day(str(raw))
    if kind == "list":  # names one after another, separated by ';' as on the form
        parts = raw if isinstance(raw, list | tuple) else str(raw).split(";")
        return [squash(str(x)) for x in parts if str(x).strip()]
    value = str(raw).strip()
    if allowed is not None and value not in allowed:
        raise ValueError(value)
    return value


def _ascii_int(text: str) -> int:
    """Digits 0-9 only: int() would also take '١٢' (Arabic-Indic) as 12."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        raise ValueError(text)
    return int(text)


def _bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(raw)


def _expected(kind: str, allowed: tuple[str, ...] | None) -> str:
    return {
        "float": "cần một số, ví dụ 10,9",
        "year": "cần một năm, ví dụ 2030",
        "bool": "cần 'có' hoặc 'không'",
        "date": "cần ngày dạng dd/mm/yyyy",
    }.get(kind, "cần một trong: " + ", ".join(allowed or ()))
