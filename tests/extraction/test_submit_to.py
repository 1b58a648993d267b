"""Where a task's product goes (issue 20 item 1): ticks under a body's column, "trình X",
"báo cáo X", "xin ý kiến X", each body named through the agency table."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from theodoi.extraction import extract

BTV = "Ban Thường vụ Đảng ủy"
BCH = "Ban Chấp hành Đảng bộ"

# Sample 004's appendix, read by hand: the 15 rows of "CÁC CHƯƠNG TRÌNH, KẾ HOẠCH …", each
# with its "x" in the column "Trình BTV Đảng ủy" and the column "Trình BCH Đảng bộ xã" empty
SAMPLE_004_ROWS = [
    "Kế hoạch hành động thực hiện phát triển nông nghiệp",
    "Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030",
    "Kế hoạch tích tụ đất nông nghiệp",
    "Lập quy hoạch sử dụng đất xã Ngọc Liên",
    "Đề án khai thác quỹ đất",
    "Kế hoạch phát triển sản phẩm OCOP",
    "Kế hoạch thực hiện các phong trào phát triển kinh tế - xã hội",
    "Kế hoạch thực hiện phát triển thương mại, dịch vụ",
    "Kế hoạch hành động thực hiện khâu Đột phá về xây dựng kết cấu hạ tầng",
    "Kế hoạch hành động thực hiện đột phá về cải thiện môi trường đầu tư",
    "Kế hoạch nâng cao chất lượng trường chuẩn quốc gia",
    "Kế hoạch nâng cao chất lượng hoạt động các trung tâm HTCĐ",
    "Kế hoạch giảm nghèo",
    "Kế hoạch đào tạo nghề cho lao động nông thôn",
    "Xây dựng quy hoạch sử dụng đất xã thời kỳ 2026- 2030",
]


def test_sample_004_appendix_rows_go_to_the_ban_thuong_vu(samples: Path) -> None:
    tasks = extract(samples / "004_6b6b87edb22c8fec.txt")["tasks"]
    rows = [t for t in tasks if t["rule"] == "task_appendix"]
    assert len(rows) == len(SAMPLE_004_ROWS)
    for task, title in zip(rows, SAMPLE_004_ROWS, strict=True):
        assert task["title"].startswith(title)
        assert task["submit_to"] == [BTV], title


HEAD = """ỦY BAN NHÂN DÂN XÃ TÂN HƯNG
KẾ HOẠCH
Thực hiện Nghị quyết Đại hội Đảng bộ xã năm 2026
Tân Hưng, ngày 10 tháng 2 năm 2026
I. TỔ CHỨC THỰC HIỆN
Nội dung cụ thể tại phụ lục kèm theo.
PHỤ LỤC
"""


def test_a_text_row_ticked_in_the_second_body_column_goes_to_that_body() -> None:
    text = HEAD + ("Số TT \n\nNội dung kế hoạch \n\nCơ quan chuẩn bị \n\nThời gian trình \n\n"
                   "Trình BTV \n\nĐảng ủy \n\nTrình BCH \n\nĐảng bộ xã \n\n"
                   "1 \nKế hoạch phát triển du lịch cộng đồng UBND xã \nQuý II năm 2026 \n x \n\n"
                   "2 \nKế hoạch chuyển đổi số UBND xã \nQuý III năm 2026 \nx x \n")
    first, second = (t for t in extract(text.encode(), filename="kh.txt")["tasks"]
                     if t["rule"] == "task_appendix")
    assert first["submit_to"] == [BCH]
    assert second["submit_to"] == [BTV, BCH]


def _docx(rows: list[list[str]]) -> bytes:
    doc = Document()
    for line in HEAD.splitlines():
        doc.add_paragraph(line)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_tick_columns_are_known_by_their_header_in_any_order() -> None:
    data = _docx([
        ["STT", "Trình BCH Đảng bộ xã", "Nội dung", "Trình BTV Đảng ủy", "Cơ quan chủ trì",
         "Thời gian trình"],
        ["1", "", "Đề án phát triển kinh tế tập thể", "x", "Phòng Kinh tế", "Quý II/2026"],
        ["2", "X", "Kế hoạch xây dựng nông thôn mới nâng cao", "", "UBND xã", "Quý III/2026"],
        ["3", "", "Kế hoạch tuyên truyền pháp luật", "", "Công an xã", "Quý IV/2026"],
    ])
    tasks = extract(data, filename="kh.docx")["tasks"]
    assert [t["submit_to"] for t in tasks] == [[BTV], [BCH], []]


@pytest.mark.parametrize(("sentence", "bodies"), [
    ("Phòng Kinh tế xây dựng Đề án, trình BCH Đảng bộ xã thông qua trong quý II năm 2026.",
     [BCH]),
    ("Văn phòng HĐND và UBND xã tổng hợp, báo cáo Thường trực Đảng ủy định kỳ hằng quý.",
     ["Thường trực Đảng ủy"]),
    ("Phòng Văn hóa - Xã hội dự thảo Kế hoạch, xin ý kiến Ban Thường vụ Đảng ủy trước khi "
     "ban hành.", [BTV]),
    ("Công an xã chủ trì, báo cáo về UBND xã trước ngày 15/12/2026.", ["UBND xã"]),
    ("Phòng Kinh tế lập quy hoạch, trình Chủ tịch UBND xã phê duyệt vào quý I năm 2026.",
     ["Chủ tịch UBND xã"]),
    # a report's name, not where the work goes
    ("Phòng Kinh tế tổng hợp số liệu năm 2026 để xây dựng Báo cáo UBND xã.", []),
])
def test_the_body_a_duty_submits_or_reports_to(sentence: str, bodies: list[str]) -> None:
    text = ("KẾ HOẠCH\nNăm 2026\nI. TỔ CHỨC THỰC HIỆN\n1. " + sentence + "\n")
    (task,) = extract(text.encode(), filename="kh.txt")["tasks"]
    assert task["submit_to"] == bodies
