"""Tables read by the meaning of their header, from a text export and from Word tables.

The rows are the kinds Vietnamese plans carry in their appendices: a schedule of duties
("Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành"), a table of
indicators by year with an estimate of the current year, a list of targets with the body
that leads each. Expected answers are written from the rows, by hand.
"""

from __future__ import annotations

import io

import pytest
from docx import Document

from theodoi.extraction import extract, read_source
from theodoi.extraction.model import Milestone, Target
from theodoi.extraction.stages.target_tables import fold_into
from theodoi.extraction.stages.task_tables import bodies_of, cell_due, lead_of
from theodoi.extraction.tables import Table, columns, segment_rows, tables

HEAD = """ỦY BAN NHÂN DÂN XÃ TÂN HƯNG
KẾ HOẠCH
Phát triển nông nghiệp giai đoạn 2026 - 2030
Tân Hưng, ngày 10 tháng 2 năm 2026
I. MỤC TIÊU
Phát triển nông nghiệp theo hướng hàng hóa.
II. TỔ CHỨC THỰC HIỆN
Nội dung cụ thể tại phụ lục kèm theo.
PHỤ LỤC
"""


def _table_of(line: str) -> Table:
    source = read_source(line.encode(), "t.txt")[0]
    found = tables(source.text, source.blocks)
    assert len(found) == 1
    return found[0]


def test_a_table_on_one_line_is_cut_into_rows_at_the_empty_cell_between_them() -> None:
    # a crawl of a Word table: rows apart by an empty cell, a section row over merged
    # cells, an empty cell inside a row, and a figure '400' right after an empty cell
    line = ("TT | Chỉ tiêu | ĐVT | Năm 2026 | Năm 2030 | | I | TRỒNG TRỌT | | 1 | Diện tích"
            " lúa | ha | | 400 | | 2 | Sản lượng lúa | tấn | 2.100 | 2.500")
    rows = [[c.text for c in row] for row in _table_of(line).rows]
    assert rows == [["TT", "Chỉ tiêu", "ĐVT", "Năm 2026", "Năm 2030"],
                    ["I", "TRỒNG TRỌT"],
                    ["1", "Diện tích lúa", "ha", "", "400"],
                    ["2", "Sản lượng lúa", "tấn", "2.100", "2.500"]]


def test_texts_with_few_bars_are_no_tables() -> None:
    assert segment_rows(["a", "b"]) == [(0, 2)]
    source = read_source("Thu nhập | bình quân đạt 80 triệu đồng".encode(), "p.txt")[0]
    assert tables(source.text, source.blocks) == []


def test_a_two_level_header_names_each_column_from_both_levels() -> None:
    line = ("TT | Sản phẩm | Kế hoạch 2026 | Kế hoạch 2030 | | Lượng (Tấn) | Giá trị (Tỷ đồng)"
            " | Lượng (Tấn) | Giá trị (Tỷ đồng) | | 1 | Cà phê nhân | 100 | 20 | 150 | 30")
    names, first_data = columns(_table_of(line))
    assert names == ["TT", "Sản phẩm", "Kế hoạch 2026 Lượng (Tấn)",
                     "Kế hoạch 2026 Giá trị (Tỷ đồng)", "Kế hoạch 2030 Lượng (Tấn)",
                     "Kế hoạch 2030 Giá trị (Tỷ đồng)"]
    assert first_data == 2


SCHEDULE = HEAD + """Thời gian hoàn thành | Cơ quan chủ trì | Nội dung công việc | Cơ quan phối hợp
Quý II/2026 | Phòng Kinh tế | Xây dựng kế hoạch phát triển vùng lúa chất lượng cao | Hội Nông dân xã; Hợp tác xã Tân Tiến
Thường xuyên | Hội Nông dân xã | Tuyên truyền, vận động nông dân tham gia liên kết sản xuất | Phòng Văn hóa - Xã hội
2026 - 2028 | UBND xã | Đầu tư nâng cấp hệ thống kênh mương nội đồng | Phòng Kinh tế, Ban Quản lý dự án
"""


def test_each_row_of_a_schedule_is_a_task_whatever_the_column_order() -> None:
    tasks = extract(SCHEDULE.encode(), filename="kh.txt")["tasks"]
    got = [(t["title"], t["lead_agency"], t["co_agencies"], (t["due"] or {}).get("date"))
           for t in tasks]
    assert got == [
        ("Xây dựng kế hoạch phát triển vùng lúa chất lượng cao", "Phòng Kinh tế",
         ["Hội Nông dân xã", "Hợp tác xã Tân Tiến"], "2026-06-30"),
        ("Tuyên truyền, vận động nông dân tham gia liên kết sản xuất", "Hội Nông dân xã",
         ["Phòng Văn hóa - Xã hội"], None),
        ("Đầu tư nâng cấp hệ thống kênh mương nội đồng", "UBND xã",
         ["Phòng Kinh tế", "Ban Quản lý dự án"], "2028-12-31"),
    ]


def _docx(paragraphs: list[str], grids: list[list[list[str]]]) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    for grid in grids:
        table = doc.add_table(rows=len(grid), cols=len(grid[0]))
        for r, values in enumerate(grid):
            for c, value in enumerate(values):
                table.cell(r, c).text = value
        doc.add_paragraph("")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_a_word_schedule_continued_on_the_next_page_keeps_its_columns() -> None:
    # Word breaks a long table into two when a page ends; the second has no header
    first = [["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"],
             ["1", "Rà soát quy hoạch sử dụng đất nông nghiệp", "Phòng Kinh tế",
              "Văn phòng HĐND và UBND", "Quý III năm 2026"]]
    second = [["2", "Tổ chức hội nghị tổng kết mô hình cánh đồng lớn", "Hội Nông dân xã",
               "Phòng Kinh tế", "Tháng 12/2026"]]
    data = _docx(HEAD.strip().split("\n"), [first, second])
    tasks = extract(data, filename="kh.docx")["tasks"]
    got = [(t["title"], t["lead_agency"], (t["due"] or {}).get("date")) for t in tasks]
    assert got == [
        ("Rà soát quy hoạch sử dụng đất nông nghiệp", "Phòng Kinh tế", "2026-09-30"),
        ("Tổ chức hội nghị tổng kết mô hình cánh đồng lớn", "Hội Nông dân xã", "2026-12-31"),
    ]


def _one_line(rows: list[list[str]]) -> str:
    """A table as a crawl of a Word file writes it: cells apart by ' | ', rows by ' | | '."""
    return " | | ".join(" | ".join(row) for row in rows)


INDICATORS = HEAD + _one_line([
    ["TT", "Chỉ tiêu", "ĐVT", "Ước thực hiện năm 2025", "Giai đoạn 2026 - 2030"],
    ["Năm 2026", "Năm 2028", "Năm 2030"],
    ["I", "TRỒNG TRỌT", "", "", "", "", ""],
    ["1", "Lúa", "", "", "", "", ""],
    ["-", "Diện tích", "ha", "1.200", "1.250", "1.300", "1.350"],
    ["-", "Sản lượng", "tấn", "7.000", "7.400", "7.800", "8.100"],
    ["2", "Tỷ lệ hộ nghèo", "%", "3,1", "2,5", "2", "1,5"],
]) + "\n"


def test_an_indicator_table_gives_one_target_per_row_and_skips_the_estimate_column() -> None:
    targets = extract(INDICATORS.encode(), filename="kh.txt")["targets"]
    got = [(t["indicator"], t["value"], t["unit"], t["deadline_year"], t["direction"],
            [(m["year"], m["value"]) for m in t["milestones"]]) for t in targets]
    assert got == [
        ("Diện tích Lúa", 1350, "ha", 2030, "increase", [(2026, 1250), (2028, 1300)]),
        ("Sản lượng Lúa", 8100, "tấn", 2030, "increase", [(2026, 7400), (2028, 7800)]),
        ("Tỷ lệ hộ nghèo", 1.5, "%", 2030, "decrease", [(2026, 2.5), (2028, 2)]),
    ]


RESTATED = """KẾ HOẠCH
Chuyển đổi số giai đoạn 2026 - 2030
Tân Hưng, ngày 10 tháng 2 năm 2026
I. MỤC TIÊU ĐẾN NĂM 2030
- Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt 90%.
- Tỷ lệ người dân có tài khoản định danh điện tử đạt 95%.
II. TỔ CHỨC THỰC HIỆN
Các cơ quan thực hiện theo phụ lục.
PHỤ LỤC
TT | Chỉ tiêu | Chủ trì
1 | Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt 90%. | Văn phòng HĐND và UBND
2 | Tỷ lệ người dân có tài khoản định danh điện tử đạt 95%. | Công an xã chủ trì; các thôn phối hợp thực hiện
"""


def test_a_table_naming_each_targets_lead_gives_it_to_the_target_of_the_list() -> None:
    targets = extract(RESTATED.encode(), filename="kh.txt")["targets"]
    got = [(t["value"], t["lead_agency"], len(t.get("also_spans") or [])) for t in targets]
    assert got == [(90, "Văn phòng HĐND và UBND", 1), (95, "Công an xã", 1)]


@pytest.mark.parametrize(("cell", "date"), [
    ("Quý IV/2025 - Quý II/2026", "2026-06-30"),   # a range ends at its last quarter
    ("Quý III Năm 2026", "2026-09-30"),
    ("2026", "2026-12-31"),
    ("2025 - 2035", "2035-12-31"),
    ("Năm 2027", "2027-12-31"),
    ("Tháng 11 - 12/2026", "2026-12-31"),
    ("Thường xuyên", None),
    ("Hằng năm", None),
])
def test_the_time_cell_of_a_row(cell: str, date: str | None) -> None:
    due = cell_due(cell, 2026, None)
    assert (due.text, due.date) == (cell, date)


def test_a_yearly_time_cell_recurs() -> None:
    assert cell_due("Hằng năm", 2026, None).recurrence == "annual"


@pytest.mark.parametrize(("cell", "bodies"), [
    # lines of a cell joined by a space: a new body starts at its head word
    ("Sở Khoa học và Công nghệ Sở Công Thương; UBND các phường, xã",
     ["Sở Khoa học và Công nghệ", "Sở Công Thương", "UBND các phường, xã"]),
    ("Sở, ban, ngành có liên quan", ["Sở, ban, ngành có liên quan"]),
    ("Phòng Kinh tế, Hội Nông dân xã", ["Phòng Kinh tế", "Hội Nông dân xã"]),
    ("Bộ Công an", ["Bộ Công an"]),
])
def test_the_bodies_of_a_co_agency_cell(cell: str, bodies: list[str]) -> None:
    assert bodies_of(cell) == bodies


@pytest.mark.parametrize(("cell", "lead"), [
    ("Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành thực hiện", "Sở KH&CN"),
    ("Phòng Kinh tế", "Phòng Kinh tế"),
])
def test_the_lead_of_a_lead_cell(cell: str, lead: str) -> None:
    assert lead_of(cell) == lead


EXPORTS = HEAD.replace("Phát triển nông nghiệp theo hướng hàng hóa.",
                       "- Sản lượng xoài tham gia xuất khẩu đến năm 2030 đạt 18.000 tấn.") + (
    "TT | Sản phẩm | Kế hoạch 2026 | Kế hoạch 2030 | | Lượng (Tấn) | Giá trị (Tỷ đồng) | "
    "Lượng (Tấn) | Giá trị (Tỷ đồng) | | 1 | Xoài | 13.500 | 300 | 18.000 | 420\n")


def test_a_row_restating_a_target_of_the_text_is_its_second_quote_with_milestones() -> None:
    targets = extract(EXPORTS.encode(), filename="kh.txt")["targets"]
    got = [(t["value"], t["unit"], len(t["also_spans"]),
            [(m["year"], m["value"]) for m in t["milestones"]]) for t in targets]
    # the tonnage is the text's target again; the value in tỷ đồng is the table's own
    assert got == [(18000, "tấn", 1, [(2026, 13500)]), (420, "tỷ đồng", 0, [(2026, 300)])]


def test_a_row_in_thousands_restates_a_text_target_in_millions() -> None:
    text = "tổng giá trị sản phẩm Xoài tham gia xuất khẩu đến năm 2030 đạt 10 triệu USD"
    prose = Target(id="", label=None, section=None, text=text, span=(0, len(text)),
                   indicator="Giá trị sản phẩm Xoài", value=10, unit="triệu USD")
    row = Target(id="", label="1", section=None, text="1 | Xoài | 7.000 | 10.000",
                 span=(500, 524), indicator="Giá trị Xoài", value=10000, unit="nghìn USD",
                 milestones=[Milestone(2026, 7000)])
    other = Target(id="", label="2", section=None, text="2 | Nhãn | 9.000 | 10.000",
                   span=(530, 554), indicator="Giá trị Nhãn", value=10000, unit="nghìn USD")
    assert fold_into(row, [prose]) and not fold_into(other, [prose])
    assert prose.also_spans == [(500, 524)]
    assert [(m.year, m.value) for m in prose.milestones] == [(2026, 7)]


def test_a_word_schedule_with_a_lead_merged_down_and_empty_cells() -> None:
    # Word writes a body once for the rows it leads (a vertical merge) and leaves cells empty
    grid = [["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
            ["1", "Rà soát, cập nhật danh mục dự án kêu gọi đầu tư", "Phòng Kinh tế", "",
             "Quý II năm 2026"],
            ["2", "Tổ chức hội nghị xúc tiến đầu tư vào nông nghiệp", "", "Hội Nông dân xã",
             "Quý IV năm 2026"]]
    doc = Document()
    for line in HEAD.strip().split("\n"):
        doc.add_paragraph(line)
    table = doc.add_table(rows=3, cols=5)
    for r, values in enumerate(grid):
        for c, value in enumerate(values):
            if value:
                table.cell(r, c).text = value
    table.cell(1, 2).merge(table.cell(2, 2))  # "Phòng Kinh tế" leads both rows
    buf = io.BytesIO()
    doc.save(buf)
    tasks = extract(buf.getvalue(), filename="kh.docx")["tasks"]
    got = [(t["lead_agency"], t["co_agencies"], (t["due"] or {}).get("date")) for t in tasks]
    assert got == [("Phòng Kinh tế", [], "2026-06-30"),
                   ("Phòng Kinh tế", ["Hội Nông dân xã"], "2026-12-31")]


PRODUCTS = HEAD + """STT | Tên nhiệm vụ | Cơ quan chủ trì | Lãnh đạo phụ trách | Cấp trình | Sản phẩm | Thời gian trình
1 | Xây dựng Đề án phát triển kinh tế tập thể | Phòng Kinh tế | Phó Chủ tịch UBND xã Nguyễn Văn A | HĐND xã | Nghị quyết của HĐND xã | Tháng 6/2026
"""


def test_the_leader_where_the_work_goes_and_the_product_from_their_own_columns() -> None:
    task = extract(PRODUCTS.encode(), filename="kh.txt")["tasks"][0]
    assert (task["lead_agency"], task["leader"], task["submit_to"], task["product"],
            task["kind"], task["due"]["date"]) == (
        "Phòng Kinh tế", "Phó Chủ tịch UBND xã Nguyễn Văn A", ["HĐND xã"],
        "Nghị quyết của HĐND xã", "scheme", "2026-06-30")


QUOTAS = """KẾ HOẠCH
Phát triển văn hóa, xã hội năm 2026
An Bình, ngày 5 tháng 2 năm 2026
I. CHỈ TIÊU CHỦ YẾU
TT | Chỉ tiêu | ĐVT | Chỉ tiêu giao | Ghi chú
1 | Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa | % | ≥ 92 |
2 | Số thôn có nhà văn hóa đạt chuẩn | thôn | 12 | Tăng 2 thôn
"""


def test_a_plan_column_without_a_year_holds_the_values() -> None:
    targets = extract(QUOTAS.encode(), filename="kh.txt")["targets"]
    got = [(t["indicator"], t["value"], t["comparator"], t["unit"]) for t in targets]
    assert got == [("Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa", 92, ">=", "%"),
                   ("Số thôn có nhà văn hóa đạt chuẩn", 12, "=", "thôn")]


def test_a_tab_separated_schedule_is_a_table_too() -> None:
    text = ("STT\tNội dung\tCơ quan chủ trì\tThời hạn\n"
            "1\tTổ chức tập huấn chuyển đổi số cho cán bộ thôn\tVăn phòng HĐND và UBND\t"
            "Quý I năm 2026\n")
    source = read_source(text.encode(), "pl.txt")[0]
    rows = [[c.text for c in row] for row in tables(source.text, source.blocks)[0].rows]
    assert rows == [["STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"],
                    ["1", "Tổ chức tập huấn chuyển đổi số cho cán bộ thôn",
                     "Văn phòng HĐND và UBND", "Quý I năm 2026"]]


LED = HEAD.replace("PHỤ LỤC\n", "") + """TT | Chỉ tiêu | ĐVT | Năm 2026 | Năm 2030 | Cơ quan chủ trì | Cơ quan phối hợp
1 | Tỷ lệ trường đạt chuẩn quốc gia | % | 80 | 100 | Phòng Văn hóa - Xã hội | Các trường học
"""


def test_an_indicator_table_that_names_each_rows_lead() -> None:
    targets = extract(LED.encode(), filename="kh.txt")["targets"]
    got = [(t["value"], t["lead_agency"], t["co_agencies"]) for t in targets]
    assert got == [(100, "Phòng Văn hóa - Xã hội", ["Các trường học"])]
    assert extract(LED.encode(), filename="kh.txt")["tasks"] == []


def test_a_table_no_stage_reads_leaves_its_sentences_to_the_prose_rules() -> None:
    # "Nội dung | Kết quả mong đợi": a work column and a product column, no lead, no time, no
    # year: no schedule and no table of figures, so the target inside is read as prose
    text = HEAD.replace("Phát triển nông nghiệp theo hướng hàng hóa.",
                        "Nội dung | Kết quả mong đợi | Ghi chú\n"
                        "Tỷ lệ hộ dùng nước sạch đến năm 2030 đạt 98% | Người dân hưởng lợi |")
    targets = extract(text.encode(), filename="kh.txt")["targets"]
    assert [t["value"] for t in targets] == [98]
