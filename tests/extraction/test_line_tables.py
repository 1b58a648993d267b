"""Tables whose cells come one a line (a PDF viewer's copy, a Word table pasted as text):
read as tables (extraction/line_tables.py), their rows' cells placed by what they say."""

from __future__ import annotations

import pytest

from theodoi.extraction import extract
from theodoi.extraction.line_tables import with_line_tables
from theodoi.extraction.source import BlockMap, TextBuilder

HEAD = ("ỦY BAN NHÂN DÂN\nXÃ PHÚ LỘC\nSố: 40/KH-UBND\nPhú Lộc, ngày 15 tháng 01 năm 2027\n"
        "KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2027\n\n")

SCHEDULE = HEAD + """II. NHIỆM VỤ VÀ GIẢI PHÁP
STT
Nội dung công việc
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian hoàn thành
I. Về phát triển kinh tế
1
Xây dựng kế hoạch phát triển sản phẩm OCOP năm 2027, trình Ban Thường vụ Đảng ủy
xem xét, cho ý kiến
Phòng Kinh tế
Quý I/2027
2
Tổ chức hội chợ nông sản
Phòng Kinh tế
Hội Nông dân xã
Thường xuyên
II. Về văn hóa - xã hội
3
Rà soát hộ nghèo, hộ cận nghèo
Phòng Văn hóa - Xã hội
Ủy ban MTTQ Việt Nam xã
Tháng 11/2027
III. TỔ CHỨC THỰC HIỆN
Công an xã chủ trì bảo đảm an ninh trật tự tại hội chợ, hoàn thành trong năm 2027.
"""


def _tasks(text: str) -> list[tuple[str, str | None, list[str], str | None]]:
    return [(t["title"], t["lead_agency"], t["co_agencies"], (t["due"] or {}).get("date"))
            for t in extract(text.encode(), filename="kh.txt")["tasks"]]


def test_a_schedule_a_cell_a_line_gives_a_task_a_row() -> None:
    """Each row its work, lead, partners and time; the work that ran over two lines is
    whole and the row with no partner keeps its lead (its lines placed by what they say);
    a row's body and time are no duty of their own; the prose after the table is read."""
    assert _tasks(SCHEDULE) == [
        ("Xây dựng kế hoạch phát triển sản phẩm OCOP năm 2027, trình Ban Thường vụ Đảng ủy "
         "xem xét, cho ý kiến", "Phòng Kinh tế", [], "2027-03-31"),
        ("Tổ chức hội chợ nông sản", "Phòng Kinh tế", ["Hội Nông dân xã"], None),
        ("Rà soát hộ nghèo, hộ cận nghèo", "Phòng Văn hóa - Xã hội",
         ["Ủy ban MTTQ Việt Nam xã"], "2027-11-30"),
        ("Công an xã chủ trì bảo đảm an ninh trật tự tại hội chợ, hoàn thành trong năm 2027.",
         "Công an xã", [], "2027-12-31"),
    ]


def test_a_row_of_a_table_reads_as_the_same_table_written_with_bars() -> None:
    """The same schedule as ' | ' rows (a Word table saved as text) reads the same."""
    rows = ["STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
            "1 | Tổ chức hội chợ nông sản | Phòng Kinh tế | Hội Nông dân xã | Thường xuyên",
            "2 | Rà soát hộ nghèo, hộ cận nghèo | Phòng Văn hóa - Xã hội | Ủy ban MTTQ Việt Nam "
            "xã | Tháng 11/2027"]
    lines = [rows[0].split(" | ")] + [r.split(" | ") for r in rows[1:]]
    by_line = HEAD + "II. NHIỆM VỤ\n" + "\n".join(c for row in lines for c in row) + "\n"
    barred = HEAD + "II. NHIỆM VỤ\n" + "\n".join(rows) + "\n"
    assert _tasks(by_line) == _tasks(barred) != []


FIGURES = HEAD + """I. CÁC CHỈ TIÊU CHỦ YẾU
STT
Chỉ tiêu
Đơn vị tính
Ước thực hiện năm 2026
Kế hoạch năm 2027
1
Thu nhập bình quân đầu người
triệu đồng
62
68
2
Tỷ lệ hộ nghèo
%
2,5
1,8
"""


def test_a_table_of_figures_a_cell_a_line_gives_its_targets() -> None:
    """The plan's column is the target, the estimate of the year before is no target."""
    targets = extract(FIGURES.encode(), filename="kh.txt")["targets"]
    assert [(t["indicator"], t["value"], t["unit"], t["deadline_year"]) for t in targets] == [
        ("Thu nhập bình quân đầu người", 68, "triệu đồng", 2027),
        ("Tỷ lệ hộ nghèo", 1.8, "%", 2027),
    ]


@pytest.mark.parametrize("text", [
    # a row number with no header of columns above it
    "STT\n1\nTổ chức hội chợ nông sản\nPhòng Kinh tế\n",
    # a header of one column only: no table
    "TT\nNội dung\nKết nạp 25 đảng viên mới.\n",
])
def test_lines_that_only_look_like_a_table_stay_lines(text: str) -> None:
    builder = TextBuilder()
    builder.add_lines(text)
    blocks = builder.blocks
    assert isinstance(blocks, BlockMap)
    assert list(with_line_tables(builder.text(), blocks)) == list(blocks)
