"""DOCX reader on documents built the way Word builds them (python-docx writes real OOXML)."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.shared import Pt

from tests.extraction.readers.preloading import loaded_before_and_after_preload
from theodoi.domain.errors import BadInput
from theodoi.extraction import extract, read_source


def _plan_docx() -> bytes:
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(14)
    header = doc.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ TÂN HƯNG\nSố: 21/KH-UBND"
    header.cell(0, 1).text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                              "Tân Hưng, ngày 10 tháng 2 năm 2026")
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Phát triển kinh tế nông nghiệp năm 2026")
    doc.add_paragraph("Chỉ tiêu chủ yếu", style="List Number")
    doc.add_paragraph("Nhiệm vụ, giải pháp", style="List Number")
    doc.add_paragraph("Tổ chức thực hiện", style="List Number")
    appendix = doc.add_table(rows=2, cols=3)
    for c, text in enumerate(["Nội dung", "Cơ quan chủ trì", "Thời gian"]):
        appendix.cell(0, c).text = text
    for c, text in enumerate(["Đề án chuyển đổi số", "UBND xã", "Quý II năm 2026"]):
        appendix.cell(1, c).text = text
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_reading_order_header_table_then_body_then_appendix() -> None:
    source = read_source(_plan_docx(), "kh.docx")[0]
    text = source.text
    assert text.index("ỦY BAN NHÂN DÂN") < text.index("CỘNG HÒA") < text.index("KẾ HOẠCH")
    assert text.index("KẾ HOẠCH") < text.index("Đề án chuyển đổi số")
    cells = [b for b in source.blocks if b.kind == "cell"]
    assert {(b.table, b.row, b.col) for b in cells} >= {(1, 1, 0), (1, 1, 1), (1, 1, 2)}
    cell = next(b for b in cells if (b.table, b.row, b.col) == (1, 1, 1))
    assert text[cell.start:cell.end] == "UBND xã"


def test_automatic_numbering_is_written_into_the_text() -> None:
    text = read_source(_plan_docx(), "kh.docx")[0].text
    assert "1. Chỉ tiêu chủ yếu" in text
    assert "2. Nhiệm vụ, giải pháp" in text
    assert "3. Tổ chức thực hiện" in text


def test_document_fields_come_through_from_a_docx() -> None:
    doc = extract(_plan_docx(), filename="kh.docx")["document"]
    assert doc["kind"] == "ke_hoach" and doc["number"] == "21/KH-UBND"
    assert doc["issued_on"] == "2026-02-10" and doc["place"] == "Tân Hưng"
    assert doc["term"] == {"start": 2026, "end": 2026}


def test_a_zip_bomb_is_refused_before_unpacking() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(BadInput, match="quá lớn"):
        read_source(buf.getvalue(), "bom.docx")


def test_a_corrupt_docx_is_a_clear_error() -> None:
    data = _plan_docx()
    with pytest.raises(BadInput, match="Word"):
        read_source(data[:2000], "hong.docx")


def test_runs_in_vntime_fonts_are_converted_with_w007() -> None:
    doc = Document()
    title = doc.add_paragraph().add_run("KÕ ho¹ch")
    title.font.name = ".VnTimeH"
    body = doc.add_paragraph()
    body.add_run("Ph¸t triÓn ").font.name = ".VnTime"
    body.add_run("kinh tế").font.name = "Times New Roman"
    buf = io.BytesIO()
    doc.save(buf)
    source = read_source(buf.getvalue(), "cu.docx")[0]
    assert source.text == "KẾ HOẠCH\nPhát triển kinh tế"
    assert [w.code for w in source.warnings] == ["W007"]
    assert ".VnTime" in source.warnings[0].message


def test_runs_in_vni_fonts_are_converted() -> None:
    doc = Document()
    doc.add_paragraph().add_run("Keá hoaïch phaùt trieån").font.name = "VNI-Times"
    buf = io.BytesIO()
    doc.save(buf)
    source = read_source(buf.getvalue(), "vni.docx")[0]
    assert source.text == "Kế hoạch phát triển"
    assert "VNI-Times" in source.warnings[0].message


def test_a_table_of_indicators_gives_one_target_per_row_with_its_roadmap() -> None:
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Phát triển kinh tế - xã hội giai đoạn 2026 - 2030")
    doc.add_paragraph("I. CÁC CHỈ TIÊU CHỦ YẾU")
    rows = [["STT", "Chỉ tiêu", "ĐVT", "Năm 2026", "Năm 2028", "Năm 2030"],
            ["1", "Thu nhập bình quân đầu người", "triệu đồng", "70", "80", "95"],
            ["2", "Tỷ lệ hộ nghèo", "%", "2,5", "1,8", "< 1"],
            ["", "Về văn hóa - xã hội", "", "", "", ""],
            ["3", "Tỷ lệ tham gia bảo hiểm y tế", "%", "92", "94", "≥ 95"]]
    table = doc.add_table(rows=len(rows), cols=6)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    buf = io.BytesIO()
    doc.save(buf)
    found = extract(buf.getvalue(), filename="bieu.docx")["targets"]
    got = [(t["indicator"], t["value"], t["comparator"], t["unit"], t["deadline_year"],
            [(m["year"], m["value"]) for m in t["milestones"]], t["direction"]) for t in found]
    assert got == [
        ("Thu nhập bình quân đầu người", 95, "=", "triệu đồng", 2030,
         [(2026, 70), (2028, 80)], "increase"),
        ("Tỷ lệ hộ nghèo", 1, "<", "%", 2030, [(2026, 2.5), (2028, 1.8)], "decrease"),
        ("Tỷ lệ tham gia bảo hiểm y tế", 95, ">=", "%", 2030, [(2026, 92), (2028, 94)],
         "increase"),
    ]


def test_preloading_a_word_files_reader_loads_python_docx_in_the_process_that_forks() -> None:
    """A child forked for each Word file finds python-docx loaded instead of loading it again;
    merely importing the extraction package still loads none of it."""
    out = io.BytesIO()
    Document().save(out)
    assert loaded_before_and_after_preload(out.getvalue(), "kh.docx", "docx") == [
        "False", "True"]
