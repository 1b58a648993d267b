"""A PDF's lines joined back into the paragraphs they were printed from (readers/pdf_lines).

The fixture ke-hoach-nd30 is a plan laid out as NĐ 30/2020 asks (justified, first lines
indented) printed to PDF by LibreOffice (scripts/build_fixtures.py); the expected lines
below are its paragraphs as written in the builder.
"""

from __future__ import annotations

import pypdfium2 as pdfium

from tests.conftest import FIXTURES
from theodoi.extraction import extract, read_source
from theodoi.extraction.readers.pdf_lines import (
    AFTER_SENTENCE,
    NEW,
    RUNS_ON,
    Box,
    Margins,
    _blocks,
    joined,
    runs_on,
)

PDF = FIXTURES / "fixtures" / "ke-hoach-nd30.pdf"
DOCX = PDF.with_suffix(".docx")


def _printed_lines() -> list[str]:
    pdf = pdfium.PdfDocument(PDF.read_bytes())
    try:
        return [line.strip() for page in pdf
                for line in page.get_textpage().get_text_range().splitlines()]
    finally:
        pdf.close()


def test_the_fixture_breaks_its_paragraphs_where_text_alone_cannot_tell() -> None:
    printed = _printed_lines()
    # a line broken before a capital inside a sentence, and one before a roman numeral
    assert "Nghị quyết của Hội đồng nhân dân xã về nhiệm vụ phát triển kinh tế - xã hội" in printed
    assert printed[printed.index("IV/2027.") - 1].endswith("hoàn thành trong Quý")
    # the title's second line, in small letters, after a short centred first
    assert printed[printed.index("KẾ HOẠCH") + 1].startswith("thực hiện nhiệm vụ")


def test_each_paragraph_of_the_printed_plan_is_one_line() -> None:
    lines = read_source(PDF)[0].text.split("\n")
    assert ("Cụ thể hóa Nghị quyết Đại hội Đảng bộ xã nhiệm kỳ 2025 - 2030 và Nghị quyết của "
            "Hội đồng nhân dân xã về nhiệm vụ phát triển kinh tế - xã hội năm 2027 thành các "
            "nhiệm vụ cụ thể của Ủy ban nhân dân xã, các phòng chuyên môn, đơn vị sự nghiệp "
            "và Ủy ban nhân dân các thôn. Mỗi nhiệm vụ có cơ quan chủ trì, cơ quan phối hợp và "
            "thời hạn hoàn thành rõ ràng. Các cơ quan, đơn vị theo dõi, báo cáo kết quả thực "
            "hiện định kỳ hằng quý về Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã.") in lines
    assert ("b) Tham mưu Ủy ban nhân dân xã tổ chức sản xuất vụ Đông Xuân, vụ Hè Thu bảo đảm "
            "khung thời vụ; chuyển đổi cơ cấu cây trồng trên đất lúa kém hiệu quả sang cây "
            "trồng có giá trị kinh tế cao, hoàn thành trong Quý IV/2027.") in lines
    # headings, the title's two lines, the letterhead's motto and date stay lines of their own
    for line in ("1. Phòng Kinh tế", "2. Phòng Văn hóa - Xã hội", "KẾ HOẠCH",
                 "thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2027",
                 "Độc lập - Tự do - Hạnh phúc", "An Thạnh, ngày 08 tháng 01 năm 2027",
                 "Nơi nhận:", "- Thường trực Đảng ủy xã;", "- Lưu: VT."):
        assert line in lines, line


def test_the_printed_plan_reads_as_its_word_file() -> None:
    pdf, docx = extract(PDF), extract(DOCX)
    for field in ("kind", "number", "issued_on", "place", "issuer", "title", "signer"):
        assert pdf["document"][field] == docx["document"][field], field

    def tasks(result: dict) -> list[tuple]:
        return [(t["title"], t["lead_agency"], t["co_agencies"], (t["due"] or {}).get("date"))
                for t in result["tasks"]]

    assert tasks(pdf) == tasks(docx)
    assert [(t["lead_agency"], t["co_agencies"], t["due"]["date"]) for t in pdf["tasks"]] == [
        ("Phòng Kinh tế", ["Phòng Văn hóa - Xã hội", "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
                           "Hội Nông dân xã"], "2027-06-30"),
        ("Phòng Kinh tế", [], "2027-12-31"),
        ("Phòng Văn hóa - Xã hội", ["Trạm Y tế xã"], "2027-12-15"),
        ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", [], "2027-12-10")]
    assert [t["value"] for t in pdf["targets"]] == [t["value"] for t in docx["targets"]] == [
        95, 0.5]


# Boxes by hand: a page 595 pt wide, text from 85 to 510 pt, 14 pt type, lines 20 pt apart.
MARGIN = Margins(85.0, 510.0)


def _box(left: float, right: float, line: int, first_word: float = 30.0) -> Box:
    return Box(left, right, 700.0 - 20 * line, 14.0, left + first_word, 595.0)


# two paragraphs of two lines, their first lines indented 36 pt (left, right ends in pt)
INDENTED = [("Đoạn thứ nhất nói về việc rà soát hộ nghèo", 121, 509),
            ("của các thôn trong năm.", 85, 200),
            ("Đoạn thứ hai nói về việc tổ chức sản xuất", 121, 509),
            ("vụ Đông Xuân đúng khung thời vụ.", 85, 250)]


def _joined(rows: list[tuple[str, float, float]]) -> list[str]:
    """`joined`'s paragraphs of lines (text, left, right) set one under another on page 1."""
    lines = [(1, n, text) for n, (text, _, _) in enumerate(rows)]
    return [t for _, _, t in joined(lines, [_box(left, right, n)
                                            for n, (_, left, right) in enumerate(rows)])]


def test_a_line_whose_next_word_would_have_fitted_ended_its_paragraph() -> None:
    heading, duty = _box(85, 200, 0), _box(121, 509, 1)
    assert runs_on("1. Sở Tài chính", "Tuyên truyền, phổ biến …", (heading, duty), MARGIN,
                   False) == NEW
    full = _box(85, 500, 0)  # 10 pt left: "Ủy" and a space do not fit
    assert runs_on("… phối hợp với", "Ủy ban nhân dân tỉnh …", (full, _box(85, 300, 1, 20)),
                   MARGIN, False) == RUNS_ON


def test_an_item_a_letterhead_part_or_a_line_beside_starts_its_own() -> None:
    full, below = _box(85, 505, 0), _box(85, 300, 1)
    assert runs_on("… triển khai", "a) Chủ trì …", (full, below), MARGIN, False) == NEW
    assert runs_on("… Phòng Văn hóa", "- Xã hội chủ trì …", (full, below), MARGIN,
                   False) == RUNS_ON  # a dash a name broke at
    assert runs_on("… giải quyết;", "- Lưu: VT.", (full, below), MARGIN, False) == NEW
    assert runs_on("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "An Thạnh, ngày 08 tháng 01 năm",
                   (full, below), MARGIN, False) == NEW
    beside = Box(300, 505, full.bottom, 14.0, 330, 595.0)
    assert runs_on("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI", (full, beside), MARGIN, False) == NEW
    # a dash after an open line goes on only where the lines are not apart: not beside, not
    # far below, not after a centred line or a line in capitals
    far = _box(85, 300, 4)
    assert runs_on("… Phòng Văn hóa", "- Xã hội chủ trì …", (full, far), MARGIN, False) == NEW
    assert runs_on("… Phòng Văn hóa", "- Xã hội chủ trì …", (full, far), MARGIN,
                   True) == RUNS_ON  # the first line of the next page
    assert runs_on("PHÒNG VĂN HÓA", "- Xã hội chủ trì …", (full, below), MARGIN, False) == NEW
    assert runs_on("… Phòng Văn hóa", "- Xã hội chủ trì …", (full, _box(85, 505, 1)),
                   MARGIN, False) == RUNS_ON  # no room: "-" and "Xã" did not fit


def test_after_a_full_stop_the_indents_tell_a_sentence_from_a_paragraph() -> None:
    full = _box(85, 505, 0)
    assert runs_on("… hằng quý.", "Trong đó, …", (full, _box(85, 300, 1)), MARGIN,
                   False) == AFTER_SENTENCE
    assert runs_on("… hằng quý.", "trong đó …", (full, _box(85, 300, 1)), MARGIN,
                   False) == RUNS_ON
    # three paragraphs of two lines, their first lines indented 36 pt; then a full line
    # ending a sentence, a capital at the margin (the same paragraph) and one indented (a
    # new one)
    assert _joined([
        *INDENTED, ("Đoạn thứ ba nói về việc báo cáo định kỳ", 121, 509),
        ("về Ủy ban nhân dân xã hằng quý và hằng năm.", 85, 509),
        ("Trong đó, báo cáo năm gửi trước ngày 10/12.", 85, 250),
        ("Đoạn thứ tư nói về việc tổ chức thực hiện", 121, 509),
        ("của các cơ quan, đơn vị.", 85, 200)]) == [
        "Đoạn thứ nhất nói về việc rà soát hộ nghèo của các thôn trong năm.",
        "Đoạn thứ hai nói về việc tổ chức sản xuất vụ Đông Xuân đúng khung thời vụ.",
        "Đoạn thứ ba nói về việc báo cáo định kỳ về Ủy ban nhân dân xã hằng quý và hằng năm. "
        "Trong đó, báo cáo năm gửi trước ngày 10/12.",
        "Đoạn thứ tư nói về việc tổ chức thực hiện của các cơ quan, đơn vị."]


def test_without_indents_a_capital_after_a_full_stop_starts_a_paragraph() -> None:
    rows = [("Một câu dài đến tận lề phải của trang giấy.", 85, 509),
            ("Đoạn sau cũng dài đến tận lề phải của trang.", 85, 509),
            ("Câu cuối của văn bản này.", 85, 200)]
    assert _joined(rows) == [text for text, _, _ in rows]


def test_a_centred_title_wraps_only_where_its_width_ran_out() -> None:
    kehoach, rest = _box(260, 335, 0), _box(130, 465, 1)  # centred between 85 and 510
    assert runs_on("KẾ HOẠCH", "thực hiện …", (kehoach, rest), MARGIN, False) == NEW
    long_title, end = _box(90, 505, 0), _box(200, 395, 1)
    assert runs_on("THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG CỦA", "THỦ TƯỚNG …", (long_title, end),
                   MARGIN, False) == RUNS_ON
    # a centred line's paragraph goes on only in a centred line; a line in capitals', only
    # in capitals: each of these titles ended where "Thực" would not have fitted
    preamble = _box(85, 509, 2, first_word=40)
    assert runs_on("Về tăng cường công tác bảo vệ bí mật nhà nước", "Thực hiện Chỉ thị …",
                   (_box(110, 485, 1), preamble), MARGIN, False) == NEW
    assert runs_on("… TRÊN ĐỊA BÀN TỈNH NGHỆ AN", "Thực hiện Chỉ thị số 32/CT-TTg …",
                   (_box(85, 480, 1), preamble), MARGIN, False) == NEW
    assert runs_on("… về công tác dân số trên địa bàn tỉnh", "Thực hiện Chỉ thị …",
                   (_box(85, 480, 1), preamble), MARGIN, False) == RUNS_ON


def test_where_paragraphs_start_indented_a_line_at_the_indent_starts_one() -> None:
    # three paragraphs of two lines, first lines indented 36 pt; then a numbered item of one
    # line that reached the margin by chance and its "Chủ trì" line, both at the indent
    assert _joined([
        *INDENTED, ("Đoạn thứ ba nói về việc báo cáo định kỳ", 121, 509),
        ("về Ủy ban nhân dân xã hằng quý.", 85, 250),
        ("3. Kiểm tra việc thực hiện quy chế làm việc", 121, 505),
        ("Chủ trì: Ủy ban Kiểm tra Đảng ủy; thời gian: Quý III/2027.", 121, 480),
        ("4. Sơ kết 02 năm thực hiện Nghị quyết Đại hội, báo", 121, 509),
        ("cáo Ban Chấp hành Đảng bộ phường.", 85, 300)])[3:] == [
        "3. Kiểm tra việc thực hiện quy chế làm việc",
        "Chủ trì: Ủy ban Kiểm tra Đảng ủy; thời gian: Quý III/2027.",
        "4. Sơ kết 02 năm thực hiện Nghị quyết Đại hội, báo cáo Ban Chấp hành Đảng bộ phường."]


def test_lines_starting_at_one_left_read_their_block_alike_exactly_or_within_aligned() -> None:
    """`_blocks` reads a window of lines that all start at one left at once: the same
    rights and `aligned` marks as its line by line comparison gives lines that start within
    ALIGNED of each other, but not at one left (near the ends, with a table's row, a short
    line and a page of another width among them)."""
    def column(jitter: float) -> tuple[list[Box | None], list[str]]:
        boxes: list[Box | None] = []
        texts = []
        for n in range(30):
            if n == 12:
                boxes.append(None)  # a table's row
                texts.append("1\t2")
                continue
            box = Box(85.0 + (jitter if n % 2 else 0.0), 480.0 + n, 700.0 - 14 * n, 13.0,
                      110.0, 595.0 if n < 25 else 842.0)
            boxes.append(box)
            # a long line every fourth: windows of two, three (MIN_NEAR) and four long lines
            texts.append("một dòng đủ dài để cho biết lề phải " + str(n) if n % 4 == 0
                         else "ngắn")
        return boxes, texts

    exact, jittered = column(0.0), column(1.0)
    assert _blocks(*exact) == _blocks(*jittered)
    assert {r is None for r in _blocks(*exact)} == {True, False}
    assert [b.aligned if b else None for b in exact[0]] == [
        b.aligned if b else None for b in jittered[0]]
    box = Box(85.0, 400.0, 700.0, 13.0, 110.0, 595.0)  # a line alone: no block, not aligned
    assert (_blocks([box], ["một dòng đủ dài để cho biết lề phải"]), box.aligned) == (
        [None], False)
