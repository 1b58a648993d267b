"""Recognising a task addressed to every lower unit, and what each unit's action means."""

from __future__ import annotations

from datetime import date

import pytest

from theodoi.domain import instructions as rules
from theodoi.domain.status import TaskUpdate

ADDRESSED = [
    "Các đảng ủy xã, phường xây dựng kế hoạch thực hiện Chương trình hành động này, "
    "hoàn thành trước ngày 31/3/2026.",
    "UBND các xã, phường, thị trấn tổ chức triển khai thực hiện Kế hoạch này.",
    "a) Các huyện, thị xã, thành phố chủ động bố trí nguồn lực thực hiện.",
    "2.3. Ủy ban nhân dân các xã, phường, đặc khu rà soát, báo cáo kết quả trước ngày 15/12.",
    "- Các cấp ủy trực thuộc cụ thể hóa Nghị quyết bằng kế hoạch của cấp mình.",
    "Các địa phương xây dựng kế hoạch chi tiết, gửi Sở Kế hoạch và Đầu tư trước 30/6/2026.",
    "Các huyện ủy, thị ủy, thành ủy trực thuộc tổ chức học tập, quán triệt Nghị quyết.",
    "Các thôn, tổ dân phố xây dựng kế hoạch thực hiện tiêu chí nông thôn mới.",
    "Đảng ủy các xã, phường lãnh đạo xây dựng kế hoạch thực hiện.",
    "Uỷ ban nhân dân cấp xã tổ chức thực hiện.",
]
NOT_ADDRESSED = [
    "Sở Nội vụ hướng dẫn các xã, phường thực hiện sắp xếp tổ chức bộ máy.",
    "Văn phòng Thành ủy chủ trì theo dõi, đôn đốc việc thực hiện Chương trình.",
    "Tăng cường kiểm tra, giám sát việc thực hiện ở các xã có tỷ lệ hộ nghèo cao.",
    "Phòng Kinh tế tham mưu UBND xã ban hành kế hoạch phát triển nông nghiệp.",
    "Xây dựng xã đạt chuẩn nông thôn mới nâng cao.",
]


@pytest.mark.parametrize("text", ADDRESSED)
def test_a_task_whose_subject_is_every_lower_unit_is_an_instruction(text: str) -> None:
    assert rules.addressed_below(text)


@pytest.mark.parametrize("text", NOT_ADDRESSED)
def test_a_task_naming_lower_units_only_as_its_object_is_not(text: str) -> None:
    assert not rules.addressed_below(text)


def test_a_lead_naming_the_lower_units_makes_it_one() -> None:
    text = "Xây dựng kế hoạch thực hiện Chương trình, hoàn thành trong Quý I/2026."
    assert not rules.addressed_below(text, ("Văn phòng Tỉnh ủy",))
    assert rules.addressed_below(text, ("Văn phòng Tỉnh ủy", "Đảng ủy các xã, phường"))
    # a commune's own People's Committee is one body, not every unit below the commune
    assert not rules.addressed_below(text, ("UBND xã",))
    assert not rules.addressed_below("Ủy ban nhân dân xã chỉ đạo các ngành thực hiện.")


DUE = date(2026, 3, 31)


@pytest.mark.parametrize(("acted", "as_of", "state"), [
    (rules.Action(date(2026, 3, 30), "plan", 4), date(2026, 4, 15), rules.ACTED_ON_TIME),
    (rules.Action(DUE, "report"), date(2026, 4, 15), rules.ACTED_ON_TIME),
    (rules.Action(date(2026, 4, 1), "plan", 4), date(2026, 4, 15), rules.ACTED_LATE),
    (None, date(2026, 4, 1), rules.OVERDUE),
    (None, DUE, rules.NOT_DUE),
    # a plan issued after the day looked at is not known on that day
    (rules.Action(date(2026, 4, 10), "plan", 4), date(2026, 4, 5), rules.OVERDUE),
])
def test_item_state(acted: rules.Action | None, as_of: date, state: str) -> None:
    assert rules.item_state(DUE, acted, as_of) == state


def test_the_earliest_action_closes_the_item() -> None:
    report = rules.Action(date(2026, 3, 20), "report")
    plan = rules.Action(date(2026, 4, 2), "plan", 7)
    assert rules.earliest([plan, report]) == report
    assert rules.earliest([]) is None


def test_the_task_is_done_on_the_last_units_day_once_all_acted() -> None:
    days: list[date | None] = [date(2026, 3, 20), date(2026, 4, 2), None, date(2026, 3, 1)]
    assert rules.task_updates(days, date(2026, 4, 15)) == [
        TaskUpdate(date(2026, 4, 2), "dang_thuc_hien", 75.0)]
    days[2] = date(2026, 4, 10)
    assert rules.task_updates(days, date(2026, 4, 15)) == [
        TaskUpdate(date(2026, 4, 10), "hoan_thanh", 100.0, date(2026, 4, 10))]
    assert rules.task_updates(days, date(2026, 2, 1)) == []  # nobody had acted yet
    assert rules.task_updates([], date(2026, 4, 15)) == []
