"""Tasks by what they produced, on time or not, and the documents they issued (tasks.py)."""

from __future__ import annotations

from datetime import date

import pytest

from theodoi.domain.periods import quarter
from theodoi.reports.model import TaskLine
from theodoi.reports.tasks import documents, is_document, result_text, timeliness


def _task(group: str, due: date | None, done: date | None = None, product: str | None = None,
          percent: float | None = None, reported: date | None = None) -> TaskLine:
    return TaskLine("k1", "Ban hành kế hoạch chuyển đổi số", "Văn phòng", due, group, "",
                    product=product, percent=percent, done_on=done, reported_on=reported)


def test_a_completed_task_says_its_product_day_and_timeliness() -> None:
    on_time = _task("hoan_thanh", date(2026, 3, 31), date(2026, 3, 20),
                    "Đã ban hành Kế hoạch số 25/KH-UBND ngày 20/3/2026.")
    assert result_text(on_time) == ("Đã ban hành Kế hoạch số 25/KH-UBND ngày 20/3/2026; "
                                    "hoàn thành ngày 20/03/2026 (đúng hạn)")
    assert timeliness(_task("hoan_thanh", date(2026, 3, 31), date(2026, 4, 2))) == "trễ hạn"
    assert timeliness(_task("hoan_thanh", None, date(2026, 4, 2))) == "không giao hạn"
    assert timeliness(_task("dang_thuc_hien", date(2026, 3, 31))) is None


def test_a_task_under_way_says_how_far_it_got() -> None:
    assert result_text(_task("dang_thuc_hien", None, percent=62.5)) == "đạt 62,5%"
    assert result_text(_task("qua_han", date(2026, 3, 31))) == ""


@pytest.mark.parametrize(("product", "expected"), [
    ("Đã ban hành Kế hoạch số 25/KH-UBND ngày 20/3/2026", True),
    ("Ban Thường vụ ban hành Nghị quyết số 12-NQ/ĐU", True),
    ("Công văn số 345/UBND-VP đôn đốc các thôn", True),
    ("Đã tổ chức hội nghị triển khai", False),
    ("Kế hoạch đang soạn thảo", False),  # no number: not issued
    (None, False),
])
def test_a_product_that_names_a_numbered_document_is_one(product: str | None,
                                                        expected: bool) -> None:
    assert is_document(product) is expected


def test_the_documents_of_the_period_are_those_reported_in_it() -> None:
    inside = _task("hoan_thanh", None, product="Kế hoạch số 3/KH-UBND",
                   reported=date(2026, 8, 1))
    before = _task("hoan_thanh", None, product="Kế hoạch số 1/KH-UBND",
                   reported=date(2026, 6, 1))
    plain = _task("hoan_thanh", None, product="Đã họp", reported=date(2026, 8, 2))
    assert documents([before, plain, inside], quarter(2026, 3)) == [inside]
