"""Pure register rules: typed corrections, names, and matching revised items."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.domain import fields, revisions
from theodoi.domain.errors import BadInput
from theodoi.domain.names import agency_key, slug
from theodoi.domain.text import fold


@pytest.mark.parametrize(("raw", "value"), [
    ("10,9", 10.9), ("98", 98.0), ("1.234,5", 1234.5), ("13.284", 13284.0), ("0.5", 0.5),
    ("2,5", 2.5), (" 140 ", 140.0), ("1.000.000", 1000000.0), ("3.5", 3.5),
])
def test_numbers_as_clerks_type_them(raw: str, value: float) -> None:
    assert fields.parse_number(raw) == value


@pytest.mark.parametrize(("kind", "name", "raw", "value"), [
    ("target", "value", "10,9", 10.9),
    ("target", "per_year", "có", True),
    ("target", "per_year", "không", False),
    ("target", "deadline_year", "2030", 2030),
    ("target", "unit", "  triệu   đồng ", "triệu đồng"),
    ("target", "comparator", ">=", ">="),
    ("target", "value_max", "", None),
    ("task", "due_date", "30/9/2026", date(2026, 9, 30)),
    ("task", "due_date", "2026-09-30", date(2026, 9, 30)),
    ("task", "kind", "scheme", "scheme"),
])
def test_coerce(kind: str, name: str, raw: str, value: object) -> None:
    assert fields.coerce(kind, name, raw) == value


@pytest.mark.parametrize(("kind", "name", "raw", "message"), [
    ("target", "value", "mười", "cần một số"),
    ("target", "deadline_year", "năm sau", "cần một năm"),
    ("target", "deadline_year", "1800", "cần một năm"),
    ("target", "per_year", "có lẽ", "cần 'có' hoặc 'không'"),
    ("target", "direction", "lên", "cần một trong: increase, decrease, maintain"),
    ("task", "due_date", "31/02/2026", "cần ngày dạng dd/mm/yyyy"),
    ("task", "title", "", "không được để trống"),
    ("task", "value", "1", "không có trường 'value'"),
    ("du_an", "title", "x", "loại mục 'du_an' không có"),
])
def test_coerce_refuses_with_a_vietnamese_reason(kind: str, name: str, raw: str,
                                                 message: str) -> None:
    with pytest.raises(BadInput, match=message):
        fields.coerce(kind, name, raw)


def test_names() -> None:
    assert slug("Xã Thái Tân") == "xa-thai-tan"
    assert slug("Đặc khu Phú Quốc") == "dac-khu-phu-quoc"
    assert agency_key("Phòng Văn hoá – Xã hội") == agency_key("phòng văn hóa-xã hội")
    assert agency_key("Ủy ban MTTQ") == agency_key("Uỷ ban MTTQ.")
    assert agency_key("Phòng Kinh tế") != agency_key("Phòng Nội vụ")


def _sig(words: str, *facts: object) -> revisions.ItemSig:
    return revisions.ItemSig(fold(words), tuple(facts))


def test_match_finds_reworded_items_and_tells_changes() -> None:
    old = [_sig("Tỷ lệ hộ nghèo giảm còn dưới 1%", 1.0), _sig("Thu nhập đạt 90 triệu", 90.0),
           _sig("Xây dựng đề án du lịch", None)]
    new = [_sig("Thu nhập đạt 100 triệu", 100.0), _sig("Tỷ lệ hộ nghèo giảm còn dưới 1%", 1.0),
           _sig("Thành lập 5 hợp tác xã mới", 5.0)]
    rows = {(m.old, m.new): m.change for m in revisions.match(old, new)}
    assert rows == {(1, 0): "changed", (0, 1): "unchanged", (None, 2): "new",
                    (2, None): "removed"}


words = st.text(alphabet="abcdeghiklmnoprstuvxyàáảãạăđêôơư ", min_size=1, max_size=30)
sigs = st.lists(st.builds(lambda w, v: _sig(w, v), words, st.integers(0, 3)), max_size=12)


@given(sigs, sigs)
def test_match_is_one_to_one_and_covers_every_item(old: list[revisions.ItemSig],
                                                   new: list[revisions.ItemSig]) -> None:
    rows = revisions.match(old, new)
    olds = [m.old for m in rows if m.old is not None]
    news = [m.new for m in rows if m.new is not None]
    assert sorted(olds) == list(range(len(old))) and sorted(news) == list(range(len(new)))
    for m in rows:
        if m.old is not None and m.new is not None:
            assert (m.change == "unchanged") == (old[m.old] == new[m.new])


@given(sigs)
def test_a_plan_compared_with_itself_is_unchanged(items: list[revisions.ItemSig]) -> None:
    assert {m.change for m in revisions.match(items, items)} <= {"unchanged"}
