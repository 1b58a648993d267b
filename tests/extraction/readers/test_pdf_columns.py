"""Tables printed without borders, read from where their text stands (readers/pdf_columns).

The fixture ke-hoach-bang-khong-vien (the plan of test_pdf_tables with no borders drawn)
reads as its Word file there. Here each rule of the walk is checked on text runs written
by hand, in the order a word processor draws them: a table cell by cell, row by row, each
cell's lines top down; PDF points, y upwards, lines 10 pt high and 15 pt apart.
"""

from __future__ import annotations

from theodoi.extraction.readers.pdf_columns import (
    Run,
    Table,
    _one_header,
    _without_page_number,
    columns,
    rows_of,
)
from theodoi.extraction.readers.pdf_tables import across_pages

HEIGHT = 10.0


def _runs(*placed: tuple[float, float, int]) -> list[Run]:
    """Runs from (left, right, line number counted down from the page's top)."""
    return [Run(left, 700.0 - 15 * line + HEIGHT, right, 700.0 - 15 * line, order)
            for order, (left, right, line) in enumerate(placed)]


def _shape(tables: list[Table]) -> list[list[list[int]]]:
    """Each table's rows as the number of lines of each of their cells."""
    return [[[len(cell.lines) for cell in row.cells] for row in table.rows]
            for table in tables]


HEADER = [(90, 110, 0), (150, 190, 0), (250, 290, 0), (350, 400, 0), (350, 380, 1)]
ROW_1 = [(90, 96, 3), (150, 230, 3), (150, 200, 4), (250, 280, 3), (350, 410, 3), (350, 370, 4)]
ROW_2 = [(90, 96, 6), (150, 220, 6), (250, 260, 6), (350, 410, 6), (350, 390, 7)]


def test_a_table_drawn_cell_by_cell_is_its_rows_and_columns() -> None:
    tables = rows_of(_runs(*HEADER, *ROW_1, *ROW_2))
    assert _shape(tables) == [[[1, 1, 1, 2], [1, 2, 1, 2], [1, 1, 1, 2]]]
    assert columns(tables[0].rows) == ([(90, 110), (150, 230), (250, 290), (350, 410)],
                                       [[0, 1, 2, 3]] * 3)


def test_a_heading_walked_into_the_first_cell_is_no_part_of_the_table() -> None:
    # "II. CÁC CHỈ TIÊU" at the margin, then the header's "STT" under it at the same left
    tables = rows_of(_runs((90, 300, -2), *HEADER, *ROW_1))
    assert _shape(tables) == [[[1, 1, 1, 2], [1, 2, 1, 2]]]
    assert tables[0].rows[0].opens


def test_a_letterhead_column_walked_down_into_the_prose_leaves_the_table_its_rows() -> None:
    # the letterhead's two columns side by side; the right one's last line, the prose's
    # lines and the table's first cell stand under one another
    letterhead = [(90, 200, -6), (90, 180, -5), (300, 480, -6), (300, 470, -5), (90, 500, -3),
                  (90, 300, -2)]
    tables = rows_of(_runs(*letterhead, *HEADER, *ROW_1, *ROW_2))
    assert _shape(tables) == [[[1, 1, 1, 2], [1, 2, 1, 2], [1, 1, 1, 2]]]


def test_a_list_of_labels_and_hanging_lines_is_no_table() -> None:
    # "a)" and "b)" items, their text standing in from the label on every line
    items = [(90, 102, 0), (120, 500, 0), (120, 400, 1), (90, 102, 2), (120, 500, 2),
             (120, 300, 3)]
    assert rows_of(_runs(*items)) == []


def test_two_columns_are_no_table() -> None:
    # a two-column layout walked as rows ("Nơi nhận" beside a signature, say) is found as
    # rows, but the table readers read rows of three cells or more: no columns for it
    runs = _runs((90, 200, 0), (300, 480, 0), (300, 400, 1), (90, 190, 3), (300, 450, 3),
                 (90, 180, 5), (300, 420, 5))
    tables = rows_of(runs)
    assert _shape(tables) == [[[1, 2], [1, 1], [1, 1]]]
    assert columns(tables[0].rows) is None


def test_cells_that_reach_into_one_another_are_no_columns() -> None:
    # three lines of prose, each cut at a wide space in a different place
    runs = _runs((90, 300, 0), (320, 500, 0), (90, 400, 2), (420, 500, 2), (90, 200, 4),
                 (220, 500, 4))
    tables = rows_of(runs)
    assert _shape(tables) == [[[1, 1], [1, 1], [1, 1]]]
    assert columns(tables[0].rows) is None


def test_the_rest_of_a_row_after_a_page_break_goes_on_with_the_table_before() -> None:
    carried = [(90, 110), (150, 230), (250, 290), (350, 410)]
    # "y tế", the end of the second cell, alone at the page's top; then the last row and
    # a paragraph
    runs = _runs((150, 170, 0), *[(left, right, line + 2) for left, right, line in ROW_1],
                 (90, 500, 8))
    tables = rows_of(runs, carried)
    assert _shape(tables) == [[[1], [1, 2, 1, 2]]]
    assert tables[0].carried == carried
    # without the page before's columns, a cell alone is a paragraph and a row alone no
    # table
    assert rows_of(runs) == []


def test_a_header_row_alone_at_a_page_bottom_is_a_table_only_with_a_cell_of_lines() -> None:
    prose = [(90, 500, -3), (90, 300, -2)]
    assert _shape(rows_of(_runs(*prose, *HEADER))) == [[[1, 1, 1, 2]]]
    one_line = [(left, right, 0) for left, right, line in HEADER if line == 0]
    assert rows_of(_runs(*prose, *one_line)) == []


def test_a_word_a_page_break_cut_in_a_cell_is_joined_back() -> None:
    lines = [(1, 8, "3\tTỷ lệ trườn\t%\tPhòng Văn"), (2, 0, "\tg đạt chuẩn\t\thóa - Xã hội")]
    assert across_pages(lines) == [(1, 8, "3\tTỷ lệ trường đạt chuẩn\t%\tPhòng Văn hóa - Xã hội")]


class _Texts:
    """Stands in for pdf_columns.Starts: each run's text by where it was drawn."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts

    def text(self, line: list[Run]) -> str:
        return " ".join(self.texts[run.order] for run in line)


def test_a_page_number_alone_on_its_line_is_no_part_of_the_page_s_content() -> None:
    # "- 2 -" at the page's top, a row numbered "4" at its bottom beside its cells
    runs = _runs((290, 310, 0), (90, 500, 2), (90, 96, 4), (150, 230, 4))
    texts = _Texts(["- 2 -", "Đoạn văn.", "4", "Tỷ lệ hộ nghèo"])
    assert [run.order for run in _without_page_number(runs, texts)] == [1, 2, 3]
    # "Trang 3" printed last, alone
    runs = _runs((90, 500, 0), (280, 320, 3))
    assert [run.order for run in _without_page_number(
        runs, _Texts(["Đoạn văn.", "Trang 3"]))] == [0]


def test_a_header_cell_over_several_columns_heads_them() -> None:
    # "Lộ trình" over the years (its text reaches from the first year's column into the
    # second's), "STT", "Chỉ tiêu" and "Chủ trì" merged down over both header rows
    header = [(90, 110, 0), (150, 190, 0), (250, 330, 0), (420, 460, 0),
              (250, 280, 1), (320, 350, 1)]
    rows = [(90, 96, 3), (150, 220, 3), (250, 262, 3), (320, 332, 3), (420, 470, 3),
            (90, 96, 5), (150, 210, 5), (250, 262, 5), (320, 332, 5), (420, 470, 5)]
    tables = rows_of(_runs(*header, *rows))
    assert _shape(tables) == [[[1, 1, 1, 1], [1, 1], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1]]]
    laid = columns(tables[0].rows)
    assert laid is not None
    spans, placed = laid
    # the columns are the full rows' cells: the header's "Lộ trình" reaches over two
    assert spans == [(90, 96), (150, 220), (250, 262), (320, 332), (420, 470)]
    assert placed[:2] == [[0, 1, 2, 4], [2, 3]]


def test_a_header_of_two_rows_is_named_as_a_word_files_merged_cells_are() -> None:
    grid = [{0: "STT", 1: "Chỉ tiêu", 2: "Lộ trình thực hiện", 4: "Đơn vị chủ trì"},
            {2: "Năm 2026", 3: "Năm 2030"},
            {0: "1", 1: "Thu nhập bình quân", 2: "80", 3: "130", 4: "Phòng Kinh tế"}]
    assert _one_header(grid, 5) == [
        {0: "STT", 1: "Chỉ tiêu", 2: "Lộ trình thực hiện Năm 2026", 3: "Năm 2030",
         4: "Đơn vị chủ trì"}, grid[2]]
    # a second row with a first cell is a row of the table, not a header's
    data = [grid[0], {0: "1", 2: "80"}, grid[2]]
    assert _one_header(data, 5) == data
    # nor is one whose cell stands under a header cell of one column ("Chỉ tiêu")
    under = [grid[0], {1: "bình quân"}, grid[2]]
    assert _one_header(under, 5) == under
