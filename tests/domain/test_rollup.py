"""domain.rollup: which lower target carries an upper one, and the sums and means, each
expected answer worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from theodoi.domain import rollup
from theodoi.domain.errors import BadInput
from theodoi.domain.rollup import Figure, Side
from theodoi.domain.trajectory import TargetFacts

POOR = Side("Tỷ lệ hộ nghèo", "%", 2030)


@pytest.mark.parametrize(("lower", "relation", "reason"), [
    (Side("Tỷ lệ hộ nghèo", "%", 2030), "rate", "cùng chỉ tiêu, cùng đơn vị %, cùng năm 2030"),
    # words 2·4/(4+6) = 0,8 and word pairs 2·3/(3+5) = 0,75: their mean 0,775
    (Side("Tỷ lệ hộ nghèo đa chiều", "%", 2028), "rate",
     "chỉ tiêu giống 78 %, cùng đơn vị %, hạn 2028 trước hạn 2030"),
])
def test_a_commune_rate_carries_the_province_rate(lower: Side, relation: str,
                                                  reason: str) -> None:
    found = rollup.match(POOR, lower)
    assert found is not None
    assert (found.relation, found.reason) == (relation, reason)


@pytest.mark.parametrize("lower", [
    Side("Tỷ lệ hộ nghèo", "hộ", 2030),              # a count of households, not a rate
    Side("Tỷ lệ hộ nghèo", "%", 2031),               # due after the province's deadline
    Side("Tỷ lệ hộ dân sử dụng nước sạch", "%", 2030),  # another indicator
])
def test_no_match_across_units_of_measure_deadlines_or_words(lower: Side) -> None:
    assert rollup.match(POOR, lower) is None


def test_money_in_another_scale_is_the_same_measure() -> None:
    upper = Side("Thu ngân sách nhà nước", "tỷ đồng", 2030)
    found = rollup.match(upper, Side("Thu ngân sách nhà nước", "triệu đồng", 2030))
    assert found is not None and found.relation == "sum"
    assert rollup.match(upper, Side("Thu ngân sách nhà nước", "USD", 2030)) is None


def test_sum_converts_each_figure_to_the_upper_unit() -> None:
    figures = [Figure("Xã A", 400.0, date(2026, 6, 30), "tỷ đồng"),
               Figure("Xã B", 250_000.0, date(2026, 3, 31), "triệu đồng"),  # 250 tỷ
               Figure("Xã C", None, None, "tỷ đồng")]
    found = rollup.aggregate("sum", figures, "tỷ đồng")
    assert found.value == pytest.approx(650.0)
    assert (found.counted, found.on) == (2, date(2026, 3, 31))  # dated by its oldest part
    assert found.note == "chưa có số liệu: Xã C"


def test_a_figure_in_a_unit_that_cannot_be_read_is_left_out() -> None:
    figures = [Figure("Xã A", 4.0, date(2026, 6, 30), "tỷ đồng"),
               Figure("Xã B", 9.0, date(2026, 6, 30), "ha")]
    found = rollup.aggregate("sum", figures, "tỷ đồng")
    assert found.value == 4.0
    assert found.note == "đơn vị đo khác, không tính: Xã B"


def test_means_simple_and_weighted() -> None:
    figures = [Figure("Xã A", 2.0, date(2026, 6, 30), "%", 1000),
               Figure("Xã B", 5.0, date(2026, 6, 30), "%", 3000)]
    assert rollup.aggregate("mean", figures, "%").value == pytest.approx(3.5)  # (2 + 5) / 2
    # (2 × 1.000 + 5 × 3.000) / 4.000 = 17.000 / 4.000
    assert rollup.aggregate("weighted_mean", figures, "%").value == pytest.approx(4.25)


def test_a_weighted_mean_without_every_population_has_no_value() -> None:
    figures = [Figure("Xã A", 2.0, date(2026, 6, 30), "%", 1000),
               Figure("Xã B", 5.0, date(2026, 6, 30), "%", None)]
    found = rollup.aggregate("weighted_mean", figures, "%")
    assert found.value is None and found.note == "chưa có dân số: Xã B"


def test_none_shows_the_figures_without_an_aggregate() -> None:
    found = rollup.aggregate("none", [Figure("Xã A", 2.0, date(2026, 6, 30), "%")], "%")
    assert (found.value, found.counted) == (None, 1)


@pytest.mark.parametrize(("unit", "kind", "relations", "people", "method"), [
    ("tỷ đồng", "level", ["sum", "sum"], False, "sum"),
    ("%", "level", ["rate"], False, "mean"),
    ("%", "level", ["rate"], True, "weighted_mean"),
    ("tỷ đồng", "level", ["sum", "contribution"], False, "none"),
    ("%", "growth_rate", ["contribution"], False, "mean"),
])
def test_default_method(unit: str, kind: str, relations: list[str], people: bool,
                        method: str) -> None:
    assert rollup.default_method(unit, kind, relations, people) == method


def test_a_rate_is_never_summed_and_unknown_methods_are_refused() -> None:
    with pytest.raises(BadInput, match="không cộng được"):
        rollup.check_method("sum", "%", "level")
    with pytest.raises(BadInput, match="không có"):
        rollup.check_method("max", "tỷ đồng", "level")
    assert rollup.check_method("sum", "tỷ đồng", "level") == "sum"


def test_group_status_follows_the_upper_targets_rules() -> None:
    # below 3 % by 2026: the aggregate 2,5 % at the year's end meets it
    goal = TargetFacts(kind="level", direction="decrease", comparator="<", value=3.0,
                       unit="%", deadline_year=2026)
    met = rollup.Aggregate("mean", 2.5, 3, date(2026, 12, 31), "")
    assert rollup.group_status(goal, met, date(2027, 1, 5)).code in ("dat", "vuot")
    missed = rollup.Aggregate("mean", 3.4, 3, date(2026, 12, 31), "")
    assert rollup.group_status(goal, missed, date(2027, 1, 5)).code == "khong_dat"
    assert rollup.group_status(goal, rollup.Aggregate("none", None, 3, None, ""),
                               date(2027, 1, 5)) is None


def test_a_unit_with_two_targets_in_a_group_counts_once() -> None:
    """Xã Một carries the province's budget by its yearly plan (350 tỷ, June) and its
    resolution (330 tỷ, March): the sum takes 350 once, with Xã Hai's 280: 630, not 960."""
    figures = [Figure("Xã Một", 330.0, date(2026, 3, 31), "tỷ đồng", unit_id=1),
               Figure("Xã Một", 350.0, date(2026, 6, 30), "tỷ đồng", unit_id=1),
               Figure("Xã Hai", 280.0, date(2026, 6, 30), "tỷ đồng", unit_id=2)]
    assert rollup.counted_once(figures) == [False, True, True]
    found = rollup.aggregate("sum", figures, "tỷ đồng")
    assert (found.value, found.counted, found.doubles) == (630.0, 2, (0,))
    assert found.note == "mỗi đơn vị tính một chỉ tiêu, không tính lần hai: Xã Một"


@pytest.mark.parametrize(("figures", "kept"), [
    # a figure beats none, whatever the order
    ([Figure("Xã Một", None, None, unit_id=1), Figure("Xã Một", 2.0, date(2026, 3, 31),
                                                     unit_id=1)], [False, True]),
    # the same date: the first listed counts
    ([Figure("Xã Một", 2.0, date(2026, 3, 31), unit_id=1),
      Figure("Xã Một", 3.0, date(2026, 3, 31), unit_id=1)], [True, False]),
    # two units of the same name are two units
    ([Figure("Xã An Bình", 2.0, date(2026, 3, 31), unit_id=1),
      Figure("Xã An Bình", 3.0, date(2026, 3, 31), unit_id=7)], [True, True]),
    # no figure in either: one is named as missing, once
    ([Figure("Xã Một", None, None, unit_id=1), Figure("Xã Một", None, None, unit_id=1)],
     [True, False]),
])
def test_which_figure_of_a_unit_counts(figures: list[Figure], kept: list[bool]) -> None:
    assert rollup.counted_once(figures) == kept


def test_a_unit_without_any_figure_is_missing_once() -> None:
    figures = [Figure("Xã Một", None, None, unit_id=1), Figure("Xã Một", None, None, unit_id=1),
               Figure("Xã Hai", 4.0, date(2026, 6, 30), "%", unit_id=2)]
    found = rollup.aggregate("mean", figures, "%")
    assert (found.value, found.counted) == (4.0, 1)
    assert found.note.startswith("chưa có số liệu: Xã Một; ")
