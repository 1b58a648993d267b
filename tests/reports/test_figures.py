"""What a report compares a target with, and which figures mean something (figures.py)."""

from __future__ import annotations

import pytest

from theodoi.reports.figures import Goal, plan_for, plan_words, row_name, shows_percent

# Thu nhập bình quân 90 triệu đồng by 2030, with a roadmap 2026: 70, 2028: 80
INCOME = Goal(90.0, "=", milestones=((2026, 70.0), (2028, 80.0)), deadline_year=2030)


@pytest.mark.parametrize(("kind", "year", "expected"), [
    ("quy", 2026, (70.0, None)),        # the year's milestone
    ("nam", 2028, (80.0, None)),
    ("nam", 2027, (90.0, 2030)),        # no milestone: the term goal, with its year
    ("nam", 2030, (90.0, None)),        # the deadline year's plan is the goal itself
    ("so_ket", 2027, (90.0, None)),     # a sơ kết holds the term goal
    ("tong_ket", 2030, (90.0, None)),
])
def test_the_plan_column_holds_the_year_s_figure_or_the_term_goal(
        kind: str, year: int, expected: tuple[float, int | None]) -> None:
    assert plan_for(INCOME, kind, year) == expected


def test_a_value_set_for_every_year_is_the_year_s_plan() -> None:
    # "hằng năm kết nạp từ 25 đảng viên trở lên"
    assert plan_for(Goal(25.0, ">=", every_year=True, deadline_year=2030), "9_thang",
                    2026) == (25.0, None)


@pytest.mark.parametrize(("unit", "comparator", "higher", "expected"), [
    ("triệu đồng", "=", True, True),    # an amount growing toward its goal
    ("đảng viên", ">=", True, True),
    ("%", "=", True, False),            # a rate: a share of a share means nothing
    ("%/năm", ">=", True, False),
    ("hộ", "<=", False, False),         # meant to go down
    ("vụ", "=", False, False),
])
def test_a_share_of_the_plan_only_for_amounts_that_grow(unit: str, comparator: str,
                                                        higher: bool, expected: bool) -> None:
    assert shows_percent(unit, comparator, higher) is expected


def test_bounds_and_other_years_are_said_in_words() -> None:
    assert plan_words(1.37, "<=") == "không quá 1,37"
    assert plan_words(1.0, "<") == "dưới 1"
    assert plan_words(9.5, "between", 10.0) == "từ 9,5 đến 10"
    assert plan_words(90.0, "=", plan_year=2030) == "90 (năm 2030)"
    assert plan_words(1.0, "<", plan_year=2030) == "dưới 1 (năm 2030)"
    assert plan_words(13284.0, "=") is None  # the number alone says it
    assert plan_words(None, "<=") is None


@pytest.mark.parametrize(("indicator", "text", "expected"), [
    ("Hoàn thành", "Hoàn thành 100% chỉ tiêu giao quân hằng năm",
     "Hoàn thành 100% chỉ tiêu giao quân hằng năm"),
    ("Đạt tỷ lệ", "Đạt tỷ lệ 95% hộ gia đình văn hóa", "Đạt tỷ lệ 95% hộ gia đình văn hóa"),
    ("Có", "Có 3 trường đạt chuẩn quốc gia", "Có 3 trường đạt chuẩn quốc gia"),
    ("", "Tỷ lệ hộ nghèo giảm còn dưới 1%", "Tỷ lệ hộ nghèo giảm còn dưới 1%"),
    ("Tỷ lệ hộ nghèo", "Tỷ lệ hộ nghèo giảm còn dưới 1%", "Tỷ lệ hộ nghèo"),
])
def test_a_stub_indicator_gives_way_to_the_target_s_own_words(indicator: str, text: str,
                                                              expected: str) -> None:
    assert row_name(indicator, text) == expected


@pytest.mark.parametrize(("indicator", "text", "expected"), [
    ("Bố trí", "đến năm 2030, bố trí tối thiểu 03% tổng chi ngân sách",
     "Đến năm 2030, bố trí tối thiểu 03% tổng chi ngân sách"),
    ("Đóng góp", "- Đóng góp khoảng 10 - 12% tổng\n\nngân sách thu",
     "Đóng góp khoảng 10 - 12% tổng ngân sách thu"),
    ("Phát triển thêm", "(5) phát triển thêm ít nhất 02 sản phẩm OCOP",
     "Phát triển thêm ít nhất 02 sản phẩm OCOP"),
])
def test_a_general_verb_alone_is_a_stub_and_the_text_loses_its_list_mark(
        indicator: str, text: str, expected: str) -> None:
    assert row_name(indicator, text) == expected
