"""Who leads a target where the body's headings end: an appendix after the signature, and a
numbered duty whose first line a PDF's text layer left on a line of its own. Each plan is
short and written the way provinces and communes write them; the answers are written by hand
from the Vietnamese."""

from __future__ import annotations

import pytest

from theodoi.extraction import extract
from theodoi.extraction.stages.outline import appendix_start
from theodoi.extraction.stages.paragraphs import paragraphs

HEAD = ("ỦY BAN NHÂN DÂN TỈNH SƠN LA\nKẾ HOẠCH\nPhát triển vùng nguyên liệu nông sản\n"
        "Sơn La, ngày 20 tháng 11 năm 2025\n")
BODY = [
    "I. MỤC TIÊU",
    "Đến năm 2030, diện tích cây ăn quả toàn tỉnh đạt 90.000 ha.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Sở Nông nghiệp và Môi trường",
    "Chủ trì hướng dẫn các xã, phường phát triển vùng nguyên liệu tập trung.",
    "2. Sở Công Thương",
    "Tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện Kế hoạch hằng năm./.",
]
APPENDIX = [
    "PHỤ LỤC 01",
    "ĐỊNH HƯỚNG PHÁT TRIỂN VÙNG NGUYÊN LIỆU GIAI ĐOẠN 2026 - 2030",
    "TT | Chỉ tiêu | ĐVT | Năm 2026 | Năm 2030",
    "1 | Diện tích cà phê | Ha | 27.000 | 30.000",
    "2 | Sản lượng chè búp tươi | Tấn | 64.213 | 90.000",
]


def _targets(lines: list[str], gap: str = "\n") -> list[dict]:
    return extract((HEAD + gap.join(lines) + "\n").encode(), filename="kh.txt")["targets"]


def test_an_appendix_table_takes_no_lead_from_the_bodys_last_duty() -> None:
    """"2. Sở Công Thương" heads its own duty, not the table of the appendix after the plan's
    end: the table names no body, so its rows have no lead; the body's own target keeps
    none either (no heading above it is a body)."""
    targets = _targets(BODY + APPENDIX)
    rows = [t for t in targets if "cà phê" in t["text"] or "chè búp" in t["text"]]
    assert len(rows) == 2, [t["text"] for t in targets]
    assert [t["lead_agency"] for t in rows] == [None, None]


def test_a_table_under_a_body_heading_before_any_appendix_still_takes_its_lead() -> None:
    """The same table right under "2. Sở Công Thương", with no appendix line: the heading is
    the body answering for what stands under it."""
    targets = _targets(BODY[:-1] + APPENDIX[2:])
    rows = [t for t in targets if "cà phê" in t["text"] or "chè búp" in t["text"]]
    assert [t["lead_agency"] for t in rows] == ["Sở Công Thương", "Sở Công Thương"]


@pytest.mark.parametrize(("line", "start"), [
    ("PHỤ LỤC 01", True), ("PHỤ LỤC", True), ("Phụ lục II: DANH MỤC NHIỆM VỤ", True),
    ("PHỤ LỤC I. DANH MỤC CÁC CHỈ TIÊU", True), ("PHỤ LỤC DANH MỤC NHIỆM VỤ", True),
    ("PHỤ LỤC III (Kèm theo Kế hoạch số 12/KH-UBND)", True), ("Phụ lục số 2", True),
    # a sentence that names an appendix is no appendix's start
    ("Phụ lục kèm theo Kế hoạch này gồm các chỉ tiêu chủ yếu.", False),
    ("Phụ lục 1 kèm theo Kế hoạch này.", False),
    ("Chi tiết tại Phụ lục 01 kèm theo.", False),
])
def test_an_appendix_starts_at_its_own_line(line: str, start: bool) -> None:
    text = "1. Sở Y tế\nChủ trì thực hiện.\n" + line + "\nNội dung\n"
    assert appendix_start(text) == (len("1. Sở Y tế\nChủ trì thực hiện.\n") if start else None)


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_numbered_duty_cut_by_a_pdf_line_gives_its_body_not_its_words(gap: str) -> None:
    """A PDF's text: "2. Sở Nông nghiệp và Môi trường tổng hợp, báo cáo Ủy ban nhân dân tỉnh về"
    filled its line and reads as a heading; a target in the duty is the body's, named
    without the work that follows the name."""
    lines = [
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Các sở, ban, ngành và Ủy ban nhân dân các xã, phường căn cứ chức năng, nhiệm",
        "vụ được giao, chủ động xây dựng kế hoạch triển khai thực hiện kế hoạch này.",
        "2. Sở Nông nghiệp và Môi trường tổng hợp, báo cáo Ủy ban nhân dân tỉnh về",
        "kết quả thực hiện hằng năm; phấn đấu đến năm 2030 tỷ lệ che phủ rừng đạt",
        "trên 47%, bảo đảm phát triển bền vững lâm nghiệp trên địa bàn toàn tỉnh.",
    ]
    targets = _targets(lines, gap)
    forest = [t for t in targets if "che phủ rừng" in t["text"]]
    assert [t["lead_agency"] for t in forest] == ["Sở Nông nghiệp và Môi trường"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_block_line_opens_a_paragraph_after_a_full_line(gap: str) -> None:
    """A work item laid out as a block in a PDF's text: its name filled the line, and the
    block's own lines ("Nội dung: …", "Cơ quan chủ trì: …", "Thời hạn ban hành: …") each
    start a paragraph of their own; a sentence that goes on with a name and a colon ("… Ủy ban
    nhân dân tỉnh⏎Sơn La: …") does not."""
    lines = [
        "Các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung",
        "ương gửi kết quả rà soát về Bộ Công an trước ngày 15 tháng 12 năm 2025.",
        "Nghị định quy định chi tiết một số điều Luật Bảo vệ dữ liệu cá nhân năm",
        "Nội dung: quy định chi tiết một số điều của Luật Bảo vệ dữ liệu cá nhân.",
        "Cơ quan chủ trì: Bộ Công an.",
        "Thời hạn ban hành: trước ngày 01 tháng 01 năm 2026.",
        "Báo cáo kết quả với Thường trực Tỉnh ủy, Ủy ban nhân dân tỉnh, Hội đồng nhân dân tỉnh",
        "Sơn La: định kỳ hằng quý, trước ngày 15 của tháng cuối quý, để theo dõi tổng hợp.",
    ]
    text = gap.join(lines) + "\n"
    found = [" ".join(text[s:e].split()) for s, e in paragraphs(text, set())]
    assert [p[:22] for p in found] == ["Các bộ, cơ quan ngang ", "Nghị định quy định chi",
                                       "Nội dung: quy định chi", "Cơ quan chủ trì: Bộ Cô",
                                       "Thời hạn ban hành: trư", "Báo cáo kết quả với Th"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_body_and_its_colon_go_on_with_its_duty_on_the_next_line(gap: str) -> None:
    """A PDF's text: "Sở Tài chính phối hợp Ban Quản lý …:" filled its line and the duty
    goes on in small letters on the next; one paragraph, the body's duty."""
    lines = [
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Sở Xây dựng: hướng dẫn các cơ quan, tổ chức, đơn vị thực hiện kiểm kê, rà soát",
        "thông tin số liệu kiểm kê tài sản kết cấu hạ tầng giao thông, hạ tầng đô thị.",
        "2. Sở Tài chính phối hợp Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp:",
        "hướng dẫn các cơ quan, tổ chức, đơn vị, địa phương thực hiện kiểm kê, rà soát thông",
        "tin số liệu kiểm kê tài sản kết cấu hạ tầng khu công nghiệp, khu kinh tế.",
    ]
    body = gap.join(lines) + "\n"
    tasks = extract((HEAD + body).encode(), filename="kh.txt")["tasks"]
    work = [t for t in tasks if "khu công nghiệp, khu kinh tế" in t["text"]]
    assert [(t["lead_agency"], t["text"].split()[1]) for t in work] == [("Sở Tài chính", "Sở")]
