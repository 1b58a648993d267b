"""References in basis lines: tables of phrasings as Vietnamese plans write them."""

from __future__ import annotations

from datetime import date

import pytest

from theodoi.extraction.references import (
    Reference,
    normalise_number,
    number_digits,
    number_key,
    parse,
)

D = date

# (basis text, kind, number, date)
CASES = [
    ("Chương trình hành động số 16-CTr/TU, ngày 12/02/2026 của Ban Thường vụ Thành ủy về thực hiện mục tiêu tăng trưởng",
     "chuong_trinh_hanh_dong", "16-CTr/TU", D(2026, 2, 12)),
    ("Kế hoạch số 125/KH-UBND ngày 28/10/2021 của UBND tỉnh về phát động và triển khai phong trào thi đua",
     "ke_hoach", "125/KH-UBND", D(2021, 10, 28)),
    ("Công văn số 19082/UBND-THĐT, ngày 01 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh về việc triển khai thực hiện Kết luận số 4121- KL/TU, ngày 08 tháng 10 năm 2025",
     "cong_van", "19082/UBND-THĐT", D(2025, 11, 1)),
    ("Kết luận số 4121- KL/TU, ngày 08 tháng 10 năm 2025 của Ban Chấp hành Đảng bộ tỉnh",
     "ket_luan", "4121-KL/TU", D(2025, 10, 8)),
    ("Nghị quyết Đại hội Đảng bộ xã Hòa Bình lần thứ I, nhiệm kỳ 2025 - 2030",
     "nghi_quyet", None, None),
    ("Nghị quyết Đại hội đại biểu Đảng bộ phường lần thứ II, nhiệm kỳ 2025 – 2030",
     "nghi_quyet", None, None),
    # opener words kept by whoever copied the line
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
     "nghi_dinh", "30/2020/NĐ-CP", D(2020, 3, 5)),
    ("Thực hiện Kế hoạch số 08/KH-UBND ngày 15/01/2024 của UBND xã về cải cách hành chính năm 2024",
     "ke_hoach", "08/KH-UBND", D(2024, 1, 15)),
    ("Triển khai thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị",
     "chi_thi", "05-CT/TW", D(2016, 5, 15)),
    # symbol straight after the kind word, no "số"
    ("Nghị quyết 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học",
     "nghi_quyet", "57-NQ/TW", D(2024, 12, 22)),
    # "số:" with a colon, spaces around the dash, en dash
    ("Quyết định số: 1234/QĐ-UBND ngày 03/4/2025 của Chủ tịch UBND tỉnh",
     "quyet_dinh", "1234/QĐ-UBND", D(2025, 4, 3)),
    ("Kế hoạch số 66 - KH/ĐU ngày 30 tháng 3 năm 2026 của Ban Thường vụ Đảng ủy",
     "ke_hoach", "66-KH/ĐU", D(2026, 3, 30)),
    ("Chương trình số 07–CTr/HU ngày 9/9/2025 của Huyện ủy",
     "chuong_trinh_hanh_dong", "07-CTr/HU", D(2025, 9, 9)),
    # dates written with dashes and dots, or "ban hành ngày"
    ("Kế hoạch số 12/KH-UBND ngày 12-02-2026 của UBND xã",
     "ke_hoach", "12/KH-UBND", D(2026, 2, 12)),
    ("Hướng dẫn số 36-HD/VPTW ban hành ngày 03.4.2018 của Văn phòng Trung ương",
     "huong_dan", "36-HD/VPTW", D(2018, 4, 3)),
    # lower-case kind word inside a sentence
    ("công văn số 567/UBND-VP ngày 20/6/2025 của UBND huyện về việc báo cáo",
     "cong_van", "567/UBND-VP", D(2025, 6, 20)),
    ("Thông báo kết luận số 12-TB/TU ngày 01/02/2025 của Thường trực Tỉnh ủy",
     "thong_bao", "12-TB/TU", D(2025, 2, 1)),
    ("Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ",
     "thong_tu", "01/2011/TT-BNV", D(2011, 1, 19)),
    ("Đề án số 03-ĐA/ĐU ngày 10/10/2025 của Đảng ủy xã",
     "de_an", "03-ĐA/ĐU", D(2025, 10, 10)),
    ("Luật số 77/2015/QH13 về tổ chức chính quyền địa phương",
     "luat", "77/2015/QH13", None),
    # a number without a date, and a date that is not a day
    ("Kế hoạch số 18-KH/ĐU của Ban Thường vụ Đảng ủy xã về phát triển kinh tế tư nhân",
     "ke_hoach", "18-KH/ĐU", None),
    ("Kế hoạch số 18-KH/ĐU ngày 31/02/2025 của Ban Thường vụ",
     "ke_hoach", "18-KH/ĐU", None),
    # the number of another document later in the line is not this document's number
    ("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX gắn với thực hiện Nghị quyết số 01-NQ/ĐU ngày 25/8/2025",
     "nghi_quyet", None, None),
    # a year range is not a number
    ("Chương trình hành động 2026-2030 của Ban Chấp hành Đảng bộ xã",
     "chuong_trinh_hanh_dong", None, None),
    # no document at all
    ("Căn cứ tình hình thực tế của địa phương", None, None, None),
]


@pytest.mark.parametrize(("text", "kind", "number", "when"), CASES,
                         ids=[c[0][:40] for c in CASES])
def test_parse_reads_kind_number_and_date(text: str, kind: str | None, number: str | None,
                                          when: date | None) -> None:
    ref = parse(text)
    assert (ref.kind, ref.number, ref.date) == (kind, number, when)


ISSUERS = [
    ("Chương trình hành động số 16-CTr/TU, ngày 12/02/2026 của Ban Thường vụ Thành ủy về thực hiện",
     "Ban Thường vụ Thành ủy"),
    ("Kế hoạch số 125/KH-UBND ngày 28/10/2021 của UBND tỉnh về phát động", "UBND tỉnh"),
    ("Kết luận số 4121-KL/TU, ngày 08 tháng 10 năm 2025 của Ban Chấp hành Đảng bộ tỉnh",
     "Ban Chấp hành Đảng bộ tỉnh"),
    ("Nghị quyết Đại hội Đảng bộ xã lần thứ I", None),
]


@pytest.mark.parametrize(("text", "issuer"), ISSUERS, ids=[c[0][:30] for c in ISSUERS])
def test_parse_reads_the_issuer_after_cua(text: str, issuer: str | None) -> None:
    assert parse(text).issuer == issuer


def test_a_header_number_line_reads_without_a_kind_word() -> None:
    assert parse("Số: 16-CTr/TU") == Reference(None, "16-CTr/TU", None, None)


@pytest.mark.parametrize(("raw", "normal"), [
    ("4121- KL/TU", "4121-KL/TU"), ("66 - KH/ĐU", "66-KH/ĐU"), ("07–CTr/HU", "07-CTr/HU"),
    ("125/KH-UBND.", "125/KH-UBND"), ("12 / KH - UBND", "12/KH-UBND"),
    ("5-KH/ÐU", "5-KH/ĐU"),  # U+00D0 look-alike typed for Đ
])
def test_normalise_number(raw: str, normal: str) -> None:
    assert normalise_number(raw) == normal


def test_number_key_ignores_case_and_spacing() -> None:
    assert number_key("16-CTr/TU") == number_key("16 - ctr/tu") == number_key("16–CTR/TU")
    assert number_key("16-CTr/TU") != number_key("16-CTr/HU")
    assert number_key("09-CTr/ĐU") == number_key("9-CTr/ĐU") != number_key("90-CTr/ĐU")
    assert number_key("0/KH") == "0/KH"
    assert number_digits("09-CTr/ĐU") == "09" and number_digits("KH") == ""
