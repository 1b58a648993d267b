"""A PDF's bordered tables read between their rules: the fixture plan (scripts/
build_fixtures.py, "Table Grid" tables, exported by LibreOffice) gives the same targets and
tasks from its PDF as from its Word file; PDFium's own text ran each row's cells together
("1 Tổng giá trị sản xuất trên địa bàn Tỷ đồng 1.250 Phòng Kinh tế") and made a target of
the whole table and tasks of the cells' broken halves ("trì | Cơ quan chủ")."""

from __future__ import annotations

from pathlib import Path

import pytest

from theodoi.extraction import extract
from theodoi.extraction.readers.pdf_tables import Rule, across_pages, cell_text, grids

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "fixtures"
# the same plan with its tables' borders drawn, and with none (readers/pdf_columns.py): the
# header and the numbers' column centred, figures to the right, the letterhead borderless
PLANS = ["ke-hoach-bang-ubnd", "ke-hoach-bang-khong-vien"]

TARGETS = [  # written from the plan: indicator, value, unit, lead
    ("Tổng giá trị sản xuất trên địa bàn", 1250, "tỷ đồng", "Phòng Kinh tế"),
    ("Thu nhập bình quân đầu người", 72, "triệu đồng", "Phòng Kinh tế"),
    ("Tỷ lệ người dân tham gia bảo hiểm y tế", 95, "%", "Phòng Văn hóa - Xã hội"),
    ("Số thôn đạt chuẩn nông thôn mới kiểu mẫu", 3, "thôn", "Phòng Kinh tế"),
]
TASKS = [  # title, lead, partners, due
    ("Xây dựng Kế hoạch đầu tư công năm 2028", "Phòng Kinh tế", ["Văn phòng HĐND và UBND xã"],
     "2027-10-15"),
    ("Rà soát hộ nghèo, hộ cận nghèo cuối năm", "Phòng Văn hóa - Xã hội", ["Các thôn"],
     "2027-12-31"),
    ("Tổ chức Hội nghị sơ kết 6 tháng", "Văn phòng HĐND và UBND xã", ["Các phòng chuyên môn"],
     "2027-07-31"),
]


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
@pytest.mark.parametrize("plan", PLANS)
def test_a_plan_of_tables_reads_the_same_from_pdf_and_word(plan: str, suffix: str) -> None:
    got = extract((FIXTURES / plan).with_suffix(suffix))
    # the letterhead is a table too (with borders in one plan): it is read as its lines
    assert {k: got["document"][k] for k in ("number", "issued_on", "place", "issuer")} == {
        "number": "45/KH-UBND", "issued_on": "2027-01-12", "place": "Phú Lộc",
        "issuer": "Ủy ban nhân dân xã Phú Lộc"}
    assert [(t["indicator"], t["value"], t["unit"], t["lead_agency"])
            for t in got["targets"]] == TARGETS
    assert [(t["title"], t["lead_agency"], t["co_agencies"], t["due"]["date"])
            for t in got["tasks"]] == TASKS


def test_a_row_split_by_a_page_break_is_joined_and_the_table_goes_on() -> None:
    """The page's first row with an empty first cell is the rest of the row before; the
    rows after it are numbered on from the previous page's, so they stay one table."""
    lines = [(1, 7, "STT\tChỉ tiêu\tĐVT\tCơ quan chủ trì"),
             (1, 8, "5\tThu ngân\tTỷ đồng\tPhòng Kinh"),
             (2, 0, "\tsách nhà nước\t\ttế"),
             (2, 1, "6\tSố thôn đạt chuẩn\tThôn\tPhòng Kinh tế"),
             (2, 2, "III. NHIỆM VỤ")]
    assert across_pages(lines) == [
        (1, 7, "STT\tChỉ tiêu\tĐVT\tCơ quan chủ trì"),
        (1, 8, "5\tThu ngân sách nhà nước\tTỷ đồng\tPhòng Kinh tế"),
        (2, 9, "6\tSố thôn đạt chuẩn\tThôn\tPhòng Kinh tế"),
        (2, 2, "III. NHIỆM VỤ")]


def test_prose_after_a_page_break_keeps_its_own_line_numbers() -> None:
    lines = [(1, 8, "5\tThu ngân sách\tTỷ đồng\tPhòng Kinh tế"), (2, 0, "III. NHIỆM VỤ")]
    assert across_pages(lines) == lines


@pytest.mark.parametrize(("raw", "cell"), [
    ("Trước 15/10/202\r\n6", "Trước 15/10/2026"),  # a narrow column broke the date
    ("Phòng Văn \r\nhóa - Xã hội", "Phòng Văn hóa - Xã hội"),
    ("Năm 2026\r\n2027", "Năm 2026 2027"),  # two figures stay two
    ("1.25\r\n0", "1.250"),
    # a word too long for a narrow column: its last letters, no vowel among them, go on
    ("Tỷ lệ trườn\r\ng đạt chuẩn", "Tỷ lệ trường đạt chuẩn"),
    ("Số học si\r\nnh", "Số học sinh"),
    ("Đường trục xã 12\r\nkm", "Đường trục xã 12 km"),  # a figure's unit stays apart
    ("Nhà văn hóa\r\nthôn", "Nhà văn hóa thôn"),
])
def test_a_cells_lines_are_one_line(raw: str, cell: str) -> None:
    assert cell_text(raw) == cell


def test_a_box_around_a_paragraph_is_no_table() -> None:
    box = [Rule(50, 100, 300, 101), Rule(50, 200, 300, 201),
           Rule(50, 100, 51, 201), Rule(299, 100, 300, 201)]
    assert grids(box) == []
    two_columns = [*box, Rule(150, 100, 151, 201)]
    assert len(grids(two_columns)) == 1


def test_a_long_table_drawn_cell_by_cell_is_one_grid() -> None:
    """Word draws each cell's four borders: 60 rows of 12 cells are 2,880 segments, one
    table with 12 columns in every band."""
    rules = []
    for r in range(60):
        for c in range(12):
            left, right, top, bottom = 50 + 40 * c, 90 + 40 * c, 800 - 12 * r, 788 - 12 * r
            rules += [Rule(left, top - 0.5, right, top + 0.5),
                      Rule(left, bottom - 0.5, right, bottom + 0.5),
                      Rule(left - 0.5, bottom, left + 0.5, top),
                      Rule(right - 0.5, bottom, right + 0.5, top)]
    [grid] = grids(rules)
    assert len(grid.bands()) == 60
    assert {len(grid.columns(top, bottom)) for top, bottom in grid.bands()} == {13}
