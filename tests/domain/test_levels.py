"""domain.levels and the count over units below the commune (domain.rollup): a thôn, tổ
dân phố or chi bộ stands under a commune only; "4/9 tổ dân phố đạt chuẩn" counts the
children that met theirs. Expected answers worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from theodoi.domain import levels, rollup
from theodoi.domain.errors import BadInput
from theodoi.domain.rollup import Figure
from theodoi.domain.trajectory import TargetFacts

MAR, JUN = date(2026, 3, 31), date(2026, 6, 30)


@pytest.mark.parametrize("level", ["thon", "to_dan_pho", "ap", "khu_pho", "chi_bo"])
@pytest.mark.parametrize("parent", ["xa", "phuong", "thi_tran", "dac_khu"])
def test_a_unit_below_the_commune_stands_under_a_commune(level: str, parent: str) -> None:
    levels.check_parent(level, parent)  # no error


@pytest.mark.parametrize(("level", "parent"), [
    ("thon", None), ("to_dan_pho", "tinh"), ("chi_bo", "huyen"), ("thon", "thon"),
    ("ap", "chi_bo")])
def test_a_unit_below_the_commune_needs_a_commune_above(level: str, parent: str | None
                                                        ) -> None:
    with pytest.raises(BadInput, match="phải thuộc một xã, phường, thị trấn hoặc đặc khu"):
        levels.check_parent(level, parent)


def test_levels_above_and_at_the_commune_keep_their_freedom() -> None:
    levels.check_parent("xa", None)
    levels.check_parent("xa", "tinh")
    levels.check_parent("tinh", None)
    with pytest.raises(BadInput, match="cấp đơn vị 'lang' không có"):
        levels.check_parent("lang", "xa")


def test_only_provinces_and_communes_roll_up() -> None:
    assert "xa" in levels.ROLLS_UP and "tinh" in levels.ROLLS_UP
    assert not set(levels.BELOW_COMMUNE) & set(levels.ROLLS_UP)


def test_count_is_the_number_of_children_that_met() -> None:
    # TDP 1 met in March, TDP 2 in June, TDP 3 not yet (0), TDP 4 no figure: 2 of 4
    found = rollup.aggregate("count", [
        Figure("TDP 1", 1.0, MAR), Figure("TDP 2", 1.0, JUN), Figure("TDP 3", 0.0, JUN),
        Figure("TDP 4", None, None)], "tổ dân phố")
    assert (found.value, found.counted, found.of, found.on) == (2.0, 2, 4, JUN)
    assert found.note == "2/4 đơn vị đạt; chưa có số liệu: TDP 4"
    assert rollup.method_label("count", found.counted, found.of) == \
        "số đơn vị đạt (2/4 đơn vị)"


def test_count_of_a_rate_is_the_share_of_children_that_met() -> None:
    # "100% thôn đạt chuẩn nông thôn mới": 3 of 4 thôn met = 75 %
    found = rollup.aggregate("count", [
        Figure("Thôn A", 1.0, MAR), Figure("Thôn B", 1.0, MAR), Figure("Thôn C", 1.0, JUN),
        Figure("Thôn D", 0.0, JUN)], "%")
    assert found.value == 75.0
    assert found.note == "3/4 đơn vị đạt"


def test_count_with_none_met_is_zero_without_a_date_and_empty_is_nothing() -> None:
    found = rollup.aggregate("count", [Figure("Thôn A", 0.0, MAR)], "thôn")
    assert (found.value, found.counted, found.of, found.on) == (0.0, 0, 1, None)
    empty = rollup.aggregate("count", [], "thôn")
    assert (empty.value, empty.of) == (None, 0)


def test_count_is_the_default_when_every_link_counts_and_fits_a_rate() -> None:
    assert rollup.default_method("tổ dân phố", "level", ["count", "count"], False) == "count"
    assert rollup.default_method("%", "level", ["count"], True) == "count"
    assert rollup.default_method("%", "level", ["count", "rate"], False) == "mean"
    assert rollup.check_method("count", "%", "level") == "count"
    assert rollup.RELATIONS["count"] == "số đơn vị đạt"


def test_the_count_is_judged_by_the_communes_own_target() -> None:
    # "4 tổ dân phố đạt chuẩn văn hóa" by 2026: 4 met by December meets it, 3 does not
    goal = TargetFacts(kind="level", direction="increase", comparator=">=", value=4.0,
                       unit="tổ dân phố", deadline_year=2026)
    four = rollup.Aggregate("count", 4.0, 4, date(2026, 12, 31), "", 9)
    assert rollup.group_status(goal, four, date(2027, 1, 5)).code in ("dat", "vuot")
    three = rollup.Aggregate("count", 3.0, 3, date(2026, 12, 31), "", 9)
    assert rollup.group_status(goal, three, date(2027, 1, 5)).code == "khong_dat"


@pytest.mark.parametrize(("indicator", "phrase"), [
    ("Số tổ dân phố đạt chuẩn văn hóa", "đạt chuẩn văn hóa"),
    ("Tỷ lệ thôn Đạt chuẩn nông thôn mới", "đạt chuẩn nông thôn mới"),
    ("Chi bộ hoàn thành tốt nhiệm vụ", "hoàn thành tốt nhiệm vụ"),
    ("Số hộ gia đình văn hóa", "đạt chỉ tiêu: Số hộ gia đình văn hóa"),
])
def test_what_each_child_has_to_reach(indicator: str, phrase: str) -> None:
    assert rollup.met_phrase(indicator) == phrase


@pytest.mark.parametrize(("measure", "counts"), [
    ("tổ dân phố", True), ("Thôn", True), ("chi bộ", True), ("khu phố", True),
    ("triệu đồng", False), ("%", False), (None, False), ("hộ", False)])
def test_a_target_counting_thon_is_split_by_units_that_met(measure: str | None,
                                                           counts: bool) -> None:
    assert levels.counts_units(measure) is counts
