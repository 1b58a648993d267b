"""The audit history in words, and the one table of code → words (domain.labels)."""

from __future__ import annotations

import pytest

from theodoi.domain import fields, labels, periods, status
from theodoi.domain.changes import change_text, value_text


@pytest.mark.parametrize(("kind", "field", "raw", "unit", "shown"), [
    ("target", "value", "47.6", "triệu đồng", "47,6 triệu đồng"),
    ("target", "value", "93.3", "%", "93,3%"),
    ("progress", "value", "1234.5", "tấn", "1.234,5 tấn"),
    ("target", "comparator", ">=", None, "Từ … trở lên"),
    ("target", "kind", "growth_rate", None, "Tốc độ tăng"),
    ("task", "kind", "key_project", None, "Công trình trọng điểm"),
    ("target", "field", "kinh_te", None, "Kinh tế"),
    ("plan", "status", "draft", None, "Bản nháp"),
    ("target", "review", "proposed", None, "Chờ rà soát"),
    ("target", "per_year", "true", None, "Có"),
    ("task", "due_date", "2026-12-31", None, "31/12/2026"),
    ("task", "co_agencies", '["Công an xã", "Đoàn Thanh niên"]', None,
     "Công an xã; Đoàn Thanh niên"),
    ("target", "milestones", "2025: 30.0; 2026: 40.5", None, "2025: 30; 2026: 40,5"),
    ("target", "value", None, "%", "—"),
    ("target", "deadline_year", "2030", None, "2030"),
])
def test_a_stored_value_reads_as_people_write_it(kind: str, field: str, raw: str | None,
                                                  unit: str | None, shown: str) -> None:
    assert value_text(kind, field, raw, unit) == shown


def test_a_change_names_the_field_and_both_values_with_the_unit_once() -> None:
    assert change_text("target", "value", "giá trị", "47.6", "54.4", "triệu đồng") == \
        "Giá trị: 47,6 → 54,4 triệu đồng"
    assert change_text("plan", "status", "trạng thái", "draft", "active") == \
        "Trạng thái: Bản nháp → Đang thực hiện"
    assert change_text("progress", "value", "giá trị thực hiện", None, "64.8", "%") == \
        "Giá trị thực hiện: — → 64,8%"


@pytest.mark.parametrize(("family", "codes"), [
    ("plan_status", fields.PLAN_STATUSES), ("plan_kind", fields.PLAN_KINDS),
    ("target_kind", fields.TARGET_KINDS), ("task_kind", fields.TASK_KINDS),
    ("direction", fields.DIRECTIONS), ("comparator", fields.COMPARATORS),
    ("recurrence", fields.RECURRENCES), ("field", fields.FIELDS_OF_WORK),
    ("status", status.TARGET_RANK), ("task_state", status.TASK_STATES),
    ("period_kind", periods.KINDS),
])
def test_every_code_of_the_domain_has_words(family: str, codes: tuple[str, ...]) -> None:
    for code in codes:
        words = labels.label(family, code)
        assert words != code and not words.isascii(), (family, code)


def test_an_unknown_code_is_shown_as_written_and_no_code_as_nothing() -> None:
    assert labels.label("plan_status", "archived") == "archived"
    assert labels.label("plan_status", None) == ""
    assert labels.lower("plan_status", "active") == "đang thực hiện"


def test_an_error_names_the_next_step_in_the_terms_of_each_edge() -> None:
    from theodoi.domain.errors import Conflict

    error = Conflict("còn 3 mục chưa rà soát", subject="kế hoạch số 2", steps={
        "cli": "dùng --accept-rest.", "web": "bấm “Chấp nhận tất cả”."})
    assert error.render() == "kế hoạch số 2: còn 3 mục chưa rà soát; dùng --accept-rest."
    assert error.render("web") == "kế hoạch số 2: còn 3 mục chưa rà soát; bấm “Chấp nhận tất cả”."
    assert error.render("email") == "kế hoạch số 2: còn 3 mục chưa rà soát."
    assert Conflict("đã có.").render("web") == "đã có."
