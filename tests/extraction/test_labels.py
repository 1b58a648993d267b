"""The one list-label grammar (extraction/labels.py), on lines written as plans write them."""

from __future__ import annotations

import pytest

from theodoi.extraction import extract
from theodoi.extraction.labels import (
    CELL_LABEL,
    ITEM_START,
    numbered_label,
    strip_article,
    strip_label,
)
from theodoi.extraction.stages.outline import match_heading


@pytest.mark.parametrize(("line", "words", "label"), [
    ("a, Phòng Kinh tế chủ trì rà soát quỹ đất", "Phòng Kinh tế chủ trì rà soát quỹ đất", "a,"),
    ("a) Phát triển nông nghiệp", "Phát triển nông nghiệp", "a)"),
    ("đ) Công an xã chủ trì", "Công an xã chủ trì", "đ)"),
    ("1. Giao Phòng Văn hóa - Xã hội", "Giao Phòng Văn hóa - Xã hội", "1."),
    ("2.3.1. Xây dựng Đề án chuyển đổi số", "Xây dựng Đề án chuyển đổi số", "2.3.1."),
    ("(3) Tỷ lệ hộ nghèo giảm 1,5%", "Tỷ lệ hộ nghèo giảm 1,5%", "(3)"),
    ("II. NHIỆM VỤ VÀ GIẢI PHÁP", "NHIỆM VỤ VÀ GIẢI PHÁP", "II."),
    ("- Phòng Kinh tế chủ trì", "Phòng Kinh tế chủ trì", None),  # a bullet is no number
    ("+ Năm 2026: đạt 30%", "Năm 2026: đạt 30%", None),
    ("• Tuyên truyền", "Tuyên truyền", None),
    ("  1.Phát triển du lịch", "Phát triển du lịch", "1."),
    # no label: a figure, a word, a year at the start stay whole
    ("2.5 tỷ đồng vốn đối ứng", "2.5 tỷ đồng vốn đối ứng", None),
    ("Phòng Kinh tế chủ trì", "Phòng Kinh tế chủ trì", None),
    ("2026. Năm kết thúc", "2026. Năm kết thúc", None),
])
def test_label_is_read_and_stripped_alike(line: str, words: str, label: str | None) -> None:
    assert strip_label(line) == words
    assert numbered_label(line) == label


@pytest.mark.parametrize(("text", "starts"), [
    ("Nhiệm vụ:\na, Phòng Kinh tế chủ trì;\nb) Công an xã", 2),
    ("Gồm:\n- Hội Nông dân\n+ Đoàn Thanh niên\n(1) Trạm Y tế", 3),
    ("Diện tích\n2.5 ha đất lúa", 0),  # a figure wrapped to a line start opens nothing
    ("Tổng vốn\n2. Phòng Nội vụ", 1),
])
def test_new_items_start_on_a_labelled_line(text: str, starts: int) -> None:
    assert len(ITEM_START.findall(text)) == starts


@pytest.mark.parametrize(("cell", "is_label"), [
    ("1", True), ("1.2", True), ("II.", True), ("a", True), ("a)", True), ("-", True),
    ("(3)", True), ("95%", False), ("Phòng Kinh tế", False),
])
def test_a_table_row_label_stands_alone_in_its_cell(cell: str, is_label: bool) -> None:
    assert bool(CELL_LABEL.match(cell)) is is_label


def test_article_number_is_stripped() -> None:
    assert strip_article("Điều 2. Giao Phòng Kinh tế chủ trì") == "Giao Phòng Kinh tế chủ trì"


@pytest.mark.parametrize(("line", "label"), [
    ("a, Phát triển nông nghiệp", "a,"), ("b) Văn hóa - xã hội", "b)"),
    ("II. NHIỆM VỤ VÀ GIẢI PHÁP", "II."), ("Điều 1. Thông qua chỉ tiêu", "Điều 1."),
    ("1.2. Mục tiêu cụ thể", "1.2."), ("(1) Tỷ lệ hộ nghèo", "(1)"),
])
def test_the_outline_reads_the_same_labels(line: str, label: str) -> None:
    heading = match_heading(line)
    assert heading is not None and heading[1] == label


PLAN = """ỦY BAN NHÂN DÂN
XÃ AN BÌNH
Số: 12/KH-UBND
KẾ HOẠCH
Thực hiện nhiệm vụ phát triển kinh tế năm 2026

II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Phát triển nông nghiệp
a, Phòng Kinh tế chủ trì, phối hợp với các thôn rà soát quỹ đất nông nghiệp, hoàn thành trong Quý II năm 2026.
b) Phòng Văn hoá - Xã hội chủ trì tổ chức tuyên truyền về chuyển đổi số, hoàn thành trong năm 2026.
"""


def test_a_comma_label_gives_the_duty_its_lead() -> None:
    """'a, Phòng Kinh tế chủ trì …' is a duty of Phòng Kinh tế (the outline always read 'a,'
    as a label; the duty rules did not, and took no lead or 'A, Phòng Kinh tế')."""
    tasks = extract(PLAN.encode(), "ke-hoach.txt")["tasks"]
    assert [(t["lead_agency"], t["title"][:22]) for t in tasks] == [
        ("Phòng Kinh tế", "Phòng Kinh tế chủ trì,"),
        ("Phòng Văn hoá - Xã hội", "Phòng Văn hoá - Xã hội"),
    ]
