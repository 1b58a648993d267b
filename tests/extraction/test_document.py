"""Document metadata and outline: golden files for the samples, rule tables of own phrasings.

Golden files live in tests/data/expected/document/; they were checked by hand against each
plan. Regenerate only on purpose: THEODOI_REGEN=1 pytest tests/extraction/test_document.py,
then review the diff like code.
"""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import FIXTURES, SAMPLES
from theodoi.extraction import extract
from theodoi.extraction.stages.document import find_signer, find_term, readable
from theodoi.extraction.stages.outline import build_outline, lines

EXPECTED = FIXTURES / "expected" / "document"
SEEDS = sorted(SAMPLES.glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_document_fields_match_the_golden_file(seed) -> None:
    got = extract(seed)["document"]
    golden = EXPECTED / f"{seed.stem}.json"
    if os.environ.get("THEODOI_REGEN") == "1":
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_golden_files_say_what_a_clerk_would_write() -> None:
    """A few values stated outright, so a wrong regeneration cannot slip through unseen."""
    party = json.loads((EXPECTED / f"{SEEDS[3].stem}.json").read_text(encoding="utf-8"))
    assert party["number"] == "66-KH/ĐU" and party["issued_on"] == "2026-03-30"
    assert party["signer"] == {"name": "Lê Văn Dũng", "position": "Phó Bí thư",
                               "on_behalf": "T/M Ban Thường vụ"}
    assert party["term"] == {"start": 2026, "end": 2030}


HEADER = """ĐẢNG BỘ XÃ HƯNG LỘC
ĐẢNG ỦY XÃ HƯNG LỘC
*
Số 12-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Hưng Lộc, ngày 5 tháng 1 năm 2026
KẾ HOẠCH
thực hiện Nghị quyết số 03-NQ/ĐU về chuyển đổi số
giai đoạn 2026 - 2030
Căn cứ Nghị quyết số 03-NQ/ĐU ngày 02/12/2025 của Ban Chấp hành Đảng bộ xã Hưng Lộc về chuyển đổi số. Ban Thường vụ Đảng ủy xã ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nơi nhận:
- Ban Thường vụ Huyện ủy (để b/c),
- Lưu VPĐU.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Trần Văn Nam
"""


def test_a_party_letterhead_as_word_writes_it() -> None:
    doc = extract(HEADER.encode(), filename="kh.txt")["document"]
    assert doc["kind"] == "ke_hoach"
    assert doc["number"] == "12-KH/ĐU"
    assert doc["issued_on"] == "2026-01-05" and doc["place"] == "Hưng Lộc"
    assert doc["issuer"] == "Đảng ủy xã Hưng Lộc"
    assert doc["title"] == "Thực hiện Nghị quyết số 03-NQ/ĐU về chuyển đổi số giai đoạn 2026 - 2030"
    assert doc["term"] == {"start": 2026, "end": 2030}
    assert doc["bases"] == ["Nghị quyết số 03-NQ/ĐU ngày 02/12/2025 của Ban Chấp hành Đảng bộ "
                            "xã Hưng Lộc về chuyển đổi số"]
    assert doc["recipients"] == ["Ban Thường vụ Huyện ủy (để b/c)", "Lưu VPĐU."]
    assert doc["signer"] == {"name": "Trần Văn Nam", "position": "Bí thư",
                             "on_behalf": "T/M Ban Thường vụ"}


def test_missing_number_and_date_are_warned() -> None:
    codes = [w["code"] for w in extract("KẾ HOẠCH\nPhòng cháy năm 2025\n".encode(),
                                        filename="a.txt")["warnings"]]
    assert codes.count("W201") == 2


@pytest.mark.parametrize(("upper", "written"), [
    ("UỶ BAN NHÂN DÂN XÃ NGỌC LIÊN", "Ủy ban nhân dân xã Ngọc Liên"),
    ("BAN THƯỜNG VỤ ĐẢNG ỦY", "Ban Thường vụ Đảng ủy"),
    ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
    ("ĐẢNG ỦY PHƯỜNG BA ĐÌNH", "Đảng ủy phường Ba Đình"),
])
def test_upper_case_header_words_are_written_readably(upper: str, written: str) -> None:
    assert readable(upper) == written


@pytest.mark.parametrize(("block", "expected"), [
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An", ("Nguyễn Văn An", "Chủ tịch",
                                                      "TM. Ủy ban nhân dân")),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Thị Bình", ("Lê Thị Bình", "Phó Chủ tịch", "KT. Chủ tịch")),
    ("T/M BAN CHẤP HÀNH\nBÍ THƯ", (None, "Bí thư", "T/M Ban Chấp hành")),
])
def test_signature_blocks(block: str, expected: tuple) -> None:
    signer = find_signer(list(lines(block)))
    assert signer is not None
    assert (signer.name, signer.position, signer.on_behalf) == expected


@pytest.mark.parametrize(("title", "opening", "term"), [
    ("thực hiện Nghị quyết nhiệm kỳ 2025 – 2030", "", (2025, 2030)),
    ("Kế hoạch cải cách hành chính năm 2025", "giai đoạn 2021 - 2025", (2025, 2025)),
    ("Phát triển kinh tế tư nhân", "trong giai đoạn 2026-2030", (2026, 2030)),
    ("Phòng chống thiên tai", "", None),
])
def test_term_from_title_then_opening(title: str, opening: str, term) -> None:
    assert find_term(title, opening) == term


def test_outline_levels_follow_the_order_families_appear() -> None:
    text = ("A. MỤC ĐÍCH\nI. Mục đích\n1. Chỉ tiêu\n1.1. Về kinh tế\n(1) Tỷ lệ hộ nghèo giảm\n"
            "(2) Thu nhập đạt 80 triệu đồng\n1.2. Về xã hội\n2. Nhiệm vụ\na) Nông nghiệp\n"
            "- Không phải đề mục\nB. TỔ CHỨC THỰC HIỆN\n")
    outline = build_outline(text)
    got = [(h.label, h.level) for h in outline]
    assert got == [("A.", 1), ("I.", 2), ("1.", 3), ("1.1.", 4), ("(1)", 5), ("(2)", 5),
                   ("1.2.", 4), ("2.", 3), ("a)", 4), ("B.", 1)]
    by_id = {h.id: h for h in outline}
    assert by_id[outline[4].parent].label == "1.1."
    for h in outline:
        assert text[h.span[0]:h.span[1]].startswith(h.label)


@pytest.mark.parametrize("line", [
    "13.284 nhân khẩu được phân bố trên 9 tổ dân phố",   # a number, not a heading
    "2. lần thứ XII, nhiệm kỳ 2025",                       # wrapped prose, lower case
    "- Phát triển kinh tế",                                # a bullet
    "+ Năm 2026: Đạt 30%",                                 # a roadmap line
])
def test_lines_that_are_not_headings(line: str) -> None:
    assert build_outline(line) == []


def test_long_numbered_paragraph_keeps_only_its_heading() -> None:
    line = ("1.1. Mục tiêu tổng quát: Xác định khu vực kinh tế tư nhân giữ vai trò là một trong "
            "những động lực then chốt đối với phát triển kinh tế - xã hội của địa phương.")
    (heading,) = build_outline(line)
    assert heading.title == "Mục tiêu tổng quát"


def test_parts_and_articles_are_headings() -> None:
    text = ("PHẦN I. MỤC TIÊU\nĐiều 1. Thông qua các chỉ tiêu chủ yếu năm 2026\n"
            "1. Về kinh tế\nĐiều 2. Tổ chức thực hiện\nPhần II: Kiến nghị\n")
    got = [(h.label, h.title, h.level) for h in build_outline(text)]
    assert got == [("PHẦN I.", "MỤC TIÊU", 1), ("Điều 1.", "Thông qua các chỉ tiêu chủ yếu năm 2026", 2),
                   ("1.", "Về kinh tế", 3), ("Điều 2.", "Tổ chức thực hiện", 2),
                   ("Phần II:", "Kiến nghị", 1)]


def test_a_part_label_alone_takes_the_next_line_as_its_title() -> None:
    # a report or a congress resolution: "Phần thứ nhất" on its line, the title below it
    text = ("Phần thứ nhất\nKẾT QUẢ THỰC HIỆN NĂM 2025\n1. Về kinh tế\n"
            "PHẦN THỨ HAI\nPHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026\nI. CÁC CHỈ TIÊU\n1. Tổng giá trị\n"
            "Phần III\n2. Một mục\n")
    outline = build_outline(text)
    got = [(h.label, h.title, h.level) for h in outline]
    assert got == [("Phần thứ nhất", "KẾT QUẢ THỰC HIỆN NĂM 2025", 1), ("1.", "Về kinh tế", 2),
                   ("PHẦN THỨ HAI", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026", 1),
                   ("I.", "CÁC CHỈ TIÊU", 2), ("1.", "Tổng giá trị", 3),
                   ("2.", "Một mục", 3)]  # "Phần III" before a heading line: no title, no part
    assert text[outline[0].span[0]:outline[0].span[1]] == "Phần thứ nhất\nKẾT QUẢ THỰC HIỆN NĂM 2025"


@pytest.mark.parametrize(("head", "issued_on", "place", "number"), [
    # a PDF text layer whose two header columns merged: the year went below, beside "Số"
    ("ĐẢNG BỘ XÃ TÂN HƯNG ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY Tân Hưng, ngày 30 tháng 3 năm\n*\n"
     "Số 12-CTr/ĐU 2026\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nThực hiện Nghị quyết Đại hội\n",
     "2026-03-30", "Tân Hưng", "12-CTr/ĐU"),
    # the same with the year alone on the next line
    ("UBND XÃ AN BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 45/KH-UBND Độc lập - Tự do - "
     "Hạnh phúc\nAn Bình, ngày 5 tháng 2 năm\n2026\nKẾ HOẠCH\nPhát triển du lịch năm 2026\n",
     "2026-02-05", "An Bình", "45/KH-UBND"),
    # a header table saved as text: its cells joined by " | " on one line
    ("ỦY BAN NHÂN DÂN TỈNH SƠN LA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh "
     "phúc | | Số: 2954/QĐ-UBND | Sơn La, ngày 20 tháng 11 năm 2025 |\nQUYẾT ĐỊNH\n"
     "Ban hành Kế hoạch phát triển xuất khẩu\n", "2025-11-20", "Sơn La", "2954/QĐ-UBND"),
    # a PDF text layer puts the header row's two cells side by side, one space apart
    ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - "
     "Hạnh phúc\nSố: 210/KH-UBND Quảng Trị, ngày 18 tháng 02 năm 2027\nKẾ HOẠCH\n"
     "Triển khai Đề án phát triển du lịch cộng đồng\n", "2027-02-18", "Quảng Trị",
     "210/KH-UBND"),
    ("ĐẢNG BỘ TỈNH NGHỆ AN\nĐẢNG ỦY XÃ NAM ĐÀN\n*\nSố 08-NQ/ĐU Nam Đàn, ngày 05 tháng 3 năm "
     "2027\nNGHỊ QUYẾT\nvề xây dựng nông thôn mới kiểu mẫu\n", "2027-03-05", "Nam Đàn",
     "08-NQ/ĐU"),
])
def test_date_and_number_of_merged_header_columns(head: str, issued_on: str, place: str,
                                                   number: str) -> None:
    doc = extract(head.encode(), filename="vb.txt")["document"]
    assert (doc["issued_on"], doc["place"], doc["number"]) == (issued_on, place, number)


def test_the_plan_itself_is_no_basis_of_its_own() -> None:
    """'Thực hiện Nghị quyết …; Ủy ban nhân dân xã ban hành Kế hoạch … như sau:' names one
    basis: the Kế hoạch after the issuer's verb is the plan being issued."""
    text = ("ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nSố: 18/KH-UBND\nKẾ HOẠCH\nChuyển đổi số năm 2027\n\n"
            "Thực hiện Nghị quyết số 05-NQ/ĐU ngày 10/01/2027 của Ban Chấp hành Đảng bộ xã về "
            "chuyển đổi số; Ủy ban nhân dân xã ban hành Kế hoạch chuyển đổi số năm 2027 như "
            "sau:\n\nI. MỤC ĐÍCH\nĐẩy mạnh chuyển đổi số.\n")
    assert extract(text.encode(), filename="kh.txt")["document"]["bases"] == [
        "Nghị quyết số 05-NQ/ĐU ngày 10/01/2027 của Ban Chấp hành Đảng bộ xã về chuyển đổi số"]


@pytest.mark.parametrize(("head", "title", "bases"), [
    # a decision: its authority line in capitals ends the title, the bases follow it
    ("QUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH KẾ HOẠCH XUẤT KHẨU SẢN PHẨM HÀNG HÓA GIAI ĐOẠN 2026 - 2030\n"
     "ỦY BAN NHÂN DÂN TỈNH SƠN LA\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 "
     "năm 2025\nCăn cứ Quyết định số 493/QĐ-TTg ngày 19 tháng 4 năm 2022 của Thủ tướng Chính "
     "phủ;\n",
     "VỀ VIỆC BAN HÀNH KẾ HOẠCH XUẤT KHẨU SẢN PHẨM HÀNG HÓA GIAI ĐOẠN 2026 - 2030",
     ["Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
      "Quyết định số 493/QĐ-TTg ngày 19 tháng 4 năm 2022 của Thủ tướng Chính phủ"]),
    ("QUYẾT ĐỊNH\nBan hành Kế hoạch triển khai thi hành Luật Bảo vệ dữ liệu cá nhân\n"
     "THỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n",
     "Ban hành Kế hoạch triển khai thi hành Luật Bảo vệ dữ liệu cá nhân",
     ["Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025"]),
    # a council's resolution: the council and its session
    ("NGHỊ QUYẾT\nVề nhiệm vụ phát triển kinh tế - xã hội năm 2026\n\nHỘI ĐỒNG NHÂN DÂN XÃ ĐÔNG "
     "SƠN\nKHÓA I, KỲ HỌP THỨ NĂM\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng "
     "6 năm 2025;\n",
     "Về nhiệm vụ phát triển kinh tế - xã hội năm 2026",
     ["Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"]),
    # a Word file's title in capitals on one long line
    ("KẾ HOẠCH\nTHỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ "
     "VIỆC TĂNG CƯỜNG THỰC HIỆN CÔNG TÁC DÂN SỐ TRONG TÌNH HÌNH MỚI\nThực hiện Chỉ thị số "
     "27/CT-TTg ngày 15 tháng 8 năm 2024 của Thủ tướng Chính phủ về việc tăng cường thực hiện "
     "công tác dân số trong tình hình mới; Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:\n",
     "THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ VIỆC "
     "TĂNG CƯỜNG THỰC HIỆN CÔNG TÁC DÂN SỐ TRONG TÌNH HÌNH MỚI",
     ["Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm 2024 của Thủ tướng Chính phủ về việc tăng cường "
      "thực hiện công tác dân số trong tình hình mới"]),
])
def test_the_title_ends_where_the_authority_or_the_body_begins(head: str, title: str,
                                                               bases: list[str]) -> None:
    letterhead = "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 12/QĐ-UBND\nSơn La, ngày 20 tháng 11 năm 2025\n\n"
    document = extract((letterhead + head + "I. MỤC TIÊU\n").encode(), filename="a.txt")[
        "document"]
    assert (document["title"], document["bases"]) == (title, bases)


def test_a_resolution_names_its_issuer_before_what_it_is_about() -> None:
    """"của Ban Chấp hành Đảng bộ xã về …": the resolution is about what follows "về"."""
    text = ("ĐẢNG ỦY XÃ NAM ĐÀN\nSố 08-NQ/ĐU\nNam Đàn, ngày 05 tháng 3 năm 2027\n\nNGHỊ QUYẾT\n"
            "của Ban Chấp hành Đảng bộ xã về xây dựng nông thôn mới kiểu mẫu giai đoạn 2027 - "
            "2030\n\nI. TÌNH HÌNH\n")
    document = extract(text.encode(), filename="a.txt")["document"]
    assert (document["title"], document["term"]) == (
        "Về xây dựng nông thôn mới kiểu mẫu giai đoạn 2027 - 2030", {"start": 2027, "end": 2030})
