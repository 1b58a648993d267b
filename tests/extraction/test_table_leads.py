"""A target restated in a 'Chỉ tiêu | Chủ trì' table takes the row's lead: the word index
finds the same row as comparing the target with every cell (written out as the reference)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from theodoi.extraction.stages.target_agencies import (
    MIN_ROW_SHARE,
    MIN_ROW_WORDS,
    TableLeads,
    _lines,
    _words,
)

HEADER = "TT | Chỉ tiêu | Chủ trì"


def _every_cell(table: TableLeads, clause: str) -> str | None:
    words = _words(clause)
    if len(words) < MIN_ROW_WORDS:
        return None
    return next((lead for cell, lead in table.cells
                 if len(words & cell) >= MIN_ROW_SHARE * len(words)), None)


def test_a_restated_target_takes_its_rows_lead() -> None:
    table = TableLeads("\n".join([
        HEADER,
        "1 | Tỷ lệ hộ dân dùng nước sạch đạt 98% | Phòng Kinh tế",
        "2 | Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng dưới 8% | Sở Y tế",
    ]))
    assert table.lead("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng dưới 8%.") == "Sở Y tế"
    assert table.lead("Thu nhập bình quân đạt 80 triệu đồng") is None


WORDS = ["tỷ", "lệ", "hộ", "dân", "nước", "sạch", "trẻ", "em", "đạt", "98%", "xã", "năm"]
cells = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
leads = st.sampled_from(["Phòng Kinh tế", "Sở Y tế", "Công an xã"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(cells, leads), max_size=12), st.lists(cells, max_size=8))
def test_the_index_finds_the_row_every_cell_would(rows: list[tuple[str, str]],
                                                  clauses: list[str]) -> None:
    table = TableLeads("\n".join([HEADER] + [f"{i} | {c} 1 | {lead}"
                                            for i, (c, lead) in enumerate(rows, 1)]))
    for clause in clauses:
        assert table.lead(clause) == _every_cell(table, clause)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029 a|", max_size=20))
def test_the_lines_walked_are_those_of_splitlines(text: str) -> None:
    """`_lines` walks the lines one at a time, as `str.splitlines` cuts them ("\r\n" is
    one break, a lone "\r" another)."""
    assert list(_lines(text)) == text.splitlines()
