"""A change in the audit history in words: "Giá trị: 47,6 → 54,4 triệu đồng".

The history stores each value as text (codes, JSON numbers "47.6", ISO dates, lists);
people read codes as their labels (domain.labels), numbers in Vietnamese form with the
target's unit, dates dd/mm/yyyy, lists joined with "; ".
"""

from __future__ import annotations

import json
import math
import re
from datetime import date

from theodoi.domain.labels import label
from theodoi.domain.numbers import vn_number

NONE = "—"
# (record kind, field) -> the label family of its codes; "*" is any record kind
CODED: dict[tuple[str, str], str] = {
    ("target", "kind"): "target_kind", ("task", "kind"): "task_kind",
    ("plan", "kind"): "plan_kind", ("*", "field"): "field", ("*", "direction"): "direction",
    ("*", "comparator"): "comparator", ("*", "recurrence"): "recurrence",
    ("*", "due_recurrence"): "recurrence", ("plan", "status"): "plan_status",
    ("*", "review"): "review", ("agency", "status"): "agency_status",
    ("registration", "state"): "registration_state",
    ("target", "upper_link"): "level_link", ("target", "lower_link"): "level_link",
    ("target", "rollup_method"): "rollup_method",
}
# fields holding an amount in the target's unit
AMOUNTS = frozenset({"value", "value_max", "baseline_value"})
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MILESTONE = re.compile(r"(\d{4}):\s*([^;]+)")


def value_text(kind: str, field: str, raw: str | None, unit: str | None = None) -> str:
    """One stored value as a person reads it ('—' for none); `unit` follows an amount."""
    if raw is None or raw.strip() in ("", "null"):
        return NONE
    family = CODED.get((kind, field)) or CODED.get(("*", field))
    if family is not None:
        return label(family, raw)
    if field in AMOUNTS:
        return _amount(raw, unit)
    if field == "milestones":
        return "; ".join(f"{y}: {_number(v)}" for y, v in _MILESTONE.findall(raw)) or raw
    return _plain(raw)


def _number(raw: str) -> str:
    """A stored number ("47.6", "30.0") in Vietnamese form; other text as it is."""
    try:
        number = float(raw.strip())
    except ValueError:
        return raw.strip()
    return vn_number(number) if math.isfinite(number) else "không hợp lệ"


def _amount(raw: str, unit: str | None) -> str:
    text = _number(raw)
    if not unit:
        return text
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"


def _plain(raw: str) -> str:
    if raw in ("true", "false"):
        return label("yes_no", raw)
    if _ISO_DAY.fullmatch(raw):
        return date.fromisoformat(raw).strftime("%d/%m/%Y")
    if raw.startswith("["):
        try:
            return "; ".join(str(x) for x in json.loads(raw)) or NONE
        except ValueError:
            return raw
    return raw


def change_text(kind: str, field: str, field_label: str, old: str | None, new: str | None,
                unit: str | None = None) -> str:
    """'Giá trị: 47,6 → 54,4 triệu đồng': the field, then old and new value, an amount's
    unit once at the end, as a line of the history reads."""
    head = field_label[:1].upper() + field_label[1:]
    before, after = value_text(kind, field, old), value_text(kind, field, new)
    if field in AMOUNTS and unit and after != NONE:
        after = _amount(new or "", unit)
    return f"{head}: {before} → {after}"
