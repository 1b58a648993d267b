"""The DOCX opened with python-docx: header per NĐ 30 / HD 36, table rows, numbers, page."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table

from tests.reports.inputs import milestone_report, party_report, state_report
from theodoi.reports import docx as layout
from theodoi.reports.model import Issuer


def _open(data: bytes) -> DocumentObject:
    return Document(BytesIO(data))


def _cell_lines(doc: DocumentObject, table: int, col: int) -> list[str]:
    return [p.text for p in doc.tables[table].rows[0].cells[col].paragraphs if p.text]


def test_state_header_per_decree_30() -> None:
    doc = _open(layout.render(state_report()))
    # a UBND names no body above it; its name takes two lines, the commune under the kind
    assert _cell_lines(doc, 0, 0) == ["ỦY BAN NHÂN DÂN\nXÃ NGỌC LIÊN", "Số: 15/BC-UBND"]
    assert _cell_lines(doc, 0, 1) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                      "Độc lập - Tự do - Hạnh phúc",
                                      "Ngọc Liên, ngày 05 tháng 10 năm 2026"]
    left, right = (doc.tables[0].rows[0].cells[i].paragraphs for i in (0, 1))
    assert left[0].runs[0].bold and left[0].runs[0].font.size == Pt(13)
    assert right[0].runs[0].bold and right[0].runs[0].font.size == Pt(12)
    assert right[-1].runs[0].italic
    rules = [p for p in [*left, *right] if p._p.find(f".//{qn('w:pBdr')}") is not None]
    assert len(rules) == 2  # under the issuing body and under the Tiêu ngữ
    texts = [p.text for p in doc.paragraphs]
    kind = texts.index("BÁO CÁO")
    assert texts[kind + 1] == ("Kết quả thực hiện Kế hoạch số 12/KH-UBND ngày 15/11/2025 "
                               "quý III năm 2026 và phương hướng, nhiệm vụ quý IV năm 2026")
    assert doc.paragraphs[kind].runs[0].bold and doc.paragraphs[kind + 1].runs[0].bold


def test_party_header_per_hd_36() -> None:
    doc = _open(layout.render(party_report()))
    left = _cell_lines(doc, 0, 0)
    assert left[:3] == ["ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG ỦY XÃ THÁI TÂN", "*"]
    assert left[3].startswith("Số ") and left[3].endswith("-BC/ĐU")
    right = doc.tables[0].rows[0].cells[1].paragraphs
    assert right[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM" and right[0].runs[0].underline
    assert right[-1].text == "Thái Tân, ngày      tháng      năm 2027"
    assert "CỘNG HÒA" not in "\n".join(_cell_lines(doc, 0, 1))
    signature = [p.text for p in _closing(doc).rows[0].cells[1].paragraphs if p.text]
    assert signature == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Thị Thu Hương"]


def test_a_body_under_another_has_it_above_in_regular_type() -> None:
    report = replace(state_report(), issuer=Issuer("Văn phòng HĐND và UBND",
                                                   "Ủy ban nhân dân xã Ngọc Liên"))
    doc = _open(layout.render(report))
    assert _cell_lines(doc, 0, 0) == ["ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN", "VĂN PHÒNG HĐND VÀ UBND",
                                      "Số: 15/BC-UBND"]
    above, body = doc.tables[0].rows[0].cells[0].paragraphs[:2]
    assert above.runs[0].bold is None and body.runs[0].bold


def test_columns_fill_the_text_width_and_no_more() -> None:
    """Each table's columns add up to the page's width between the margins (165 mm portrait,
    252 mm landscape), with a fixed layout so neither Word nor LibreOffice widens them."""
    doc = _open(layout.render(state_report()))
    portrait, landscape = doc.sections[0], doc.sections[-1]
    widths = {s: round((s.page_width - s.left_margin - s.right_margin) / Mm(1))
              for s in (portrait, landscape)}
    assert widths == {portrait: 165, landscape: 252}
    body = doc.element.body
    appendix_start = body.index(next(p for p in doc.paragraphs if p.text == "Biểu 01")._p)
    for table in doc.tables:
        grid = round(sum(c.w for c in table._tbl.tblGrid.gridCol_lst) / Mm(1))
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        expected = 252 if body.index(table._tbl) > appendix_start else 165
        assert grid == expected, [c.text for c in table.rows[0].cells]


def _closing(doc: DocumentObject) -> Table:
    return next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")


def _table_with(doc: DocumentObject, header: str) -> list[list[str]]:
    for table in doc.tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows and header in rows[0]:
            return rows
    raise AssertionError(f"no table headed {header}")


def test_targets_table_rows_match_inputs_in_vietnamese_numbers() -> None:
    doc = _open(layout.render(state_report()))
    rows = _table_with(doc, "% so với kế hoạch")
    # a quarter report compares with the year's plan
    assert rows[0] == ["TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch năm", "Thực hiện kỳ báo cáo",
                       "Lũy kế", "% so với kế hoạch", "Đánh giá"]
    assert rows[1][0] == "I" and rows[1][1] == "Lĩnh vực kinh tế"
    assert rows[2] == ["1", "Tổng thu ngân sách trên địa bàn", "triệu đồng", "13.284",
                       "3.120,5", "10.250,75", "77,2%", "Đúng tiến độ"]
    assert rows[3][3:7] == ["75", "", "60", "80%"]
    flat = [r[1] for r in rows]
    assert flat.index("Lĩnh vực văn hóa - xã hội") < flat.index("Tỷ lệ hộ nghèo")
    assert sum(1 for r in rows if r[0].isdigit()) == 5
    header_row = next(t for t in doc.tables if t.rows[0].cells[0].text == "TT").rows[0]._tr
    assert header_row.find(f".//{qn('w:tblHeader')}") is not None


def test_a_recognition_target_reads_dat_or_chua_dat_not_a_number() -> None:
    rows = {r[1]: r for r in _table_with(_open(layout.render(milestone_report())),
                                         "% so với kế hoạch")}
    # kế hoạch, thực hiện kỳ báo cáo, lũy kế, % so với kế hoạch
    assert rows["Xã được công nhận đạt chuẩn nông thôn mới nâng cao"][3:7] == [
        "Đạt", "Đạt", "Đạt", ""]
    assert rows["Chính quyền xã đạt chuẩn “Chính quyền thân thiện”"][3:7] == [
        "Đạt", "", "Chưa đạt", ""]
    assert rows["Trạm Y tế xã đạt chuẩn quốc gia"][3:7] == ["Đạt", "", "", ""]
    assert rows["Tổng thu ngân sách trên địa bàn"][3] == "13.284"  # numbers stay numbers


def test_the_terms_years_never_part_at_a_line_end() -> None:
    """Word's own non-breaking hyphen between the years, no space or dash to break at."""
    doc = _open(layout.render(party_report()))
    summary = next(p for p in doc.paragraphs if p.text.startswith("Sơ kết giữa nhiệm kỳ"))
    xml = summary._p.xml
    assert "<w:noBreakHyphen/>" in xml and "2025 -" not in xml and "\u2011" not in xml
    assert summary.text.endswith("nhiệm kỳ 2025-2030")


def test_tasks_by_agency_and_sections() -> None:
    doc = _open(layout.render(state_report()))
    rows = _table_with(doc, "Đang thực hiện")
    assert rows[1:] == [["1", "Ban Chỉ huy Quân sự", "1", "0", "0", "1"],
                        ["2", "Phòng Kinh tế", "1", "1", "0", "2"],
                        ["3", "Phòng Văn hóa - Xã hội", "0", "0", "1", "1"],
                        ["", "Tổng cộng", "2", "1", "1", "4"]]
    texts = [p.text for p in doc.paragraphs]
    headings = [t for t in texts if t[:4] in ("I. K", "II. ", "III.", "IV. ")]
    assert headings == ["I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG",
                        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2026", "IV. KIẾN NGHỊ, ĐỀ XUẤT"]
    start = texts.index("II. ĐÁNH GIÁ CHUNG")
    assert texts[start:texts.index("Biểu 01")] == [
        "II. ĐÁNH GIÁ CHUNG",
        "1. Kết quả đạt được",
        "Có 2 chỉ tiêu đạt, vượt kế hoạch và 1 chỉ tiêu đúng tiến độ; 2 nhiệm vụ đã hoàn "
        "thành. Lĩnh vực tài nguyên - môi trường, lĩnh vực quốc phòng - an ninh: mọi chỉ tiêu "
        "đạt hoặc đúng tiến độ.",
        "2. Tồn tại, hạn chế",
        "a) Lĩnh vực văn hóa - xã hội",  # the worst item's field first
        "- Tỷ lệ hộ nghèo chậm tiến độ.",
        "b) Lĩnh vực kinh tế",
        "- Thu nhập bình quân đầu người có nguy cơ không đạt.",
        "c) Các nhiệm vụ",
        "- Rà soát hộ nghèo, cận nghèo (Phòng Văn hóa - Xã hội) quá hạn từ 15/08/2026.",
        "3. Nguyên nhân",
        "- Tỷ lệ hộ nghèo: một số hộ tái nghèo do thiên tai tháng 7.",
        "- Rà soát hộ nghèo, cận nghèo: chờ hướng dẫn của huyện.",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2026",
        "a) Lĩnh vực văn hóa - xã hội",
        "- Phấn đấu tỷ lệ hộ nghèo không quá 2,5% (năm 2026); chủ trì: Phòng Văn hóa - Xã hội.",
        "b) Các nhiệm vụ",
        "- Triển khai thực hiện nâng cấp đường liên thôn, hoàn thành trước 31/12/2026; chủ "
        "trì: Phòng Kinh tế.",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
        "Không.",  # always there, even with nothing to ask
        state_report().closing, "", ""]
    assert "lý do: Chờ hướng dẫn của huyện" in "\n".join(texts)
    assert not any("chưa có giải trình" in t for t in texts)  # nothing internal goes out


def test_the_body_is_prose_by_field_and_the_tables_are_biểu() -> None:
    report = state_report()
    doc = _open(layout.render(report))
    texts = [p.text for p in doc.paragraphs]
    first = texts.index("2. Kết quả thực hiện các chỉ tiêu")
    assert texts[first + 1] == report.overview
    assert texts[first + 2:first + 4] == ["a) Lĩnh vực kinh tế", report.field_texts[0].text]
    # the leadership's documents of the period first, then targets and tasks, each Biểu
    lead = texts.index("1. Công tác lãnh đạo, chỉ đạo")
    assert texts[lead + 1:lead + 4] == [
        "Trong kỳ đã ban hành 1 văn bản lãnh đạo, chỉ đạo triển khai kế hoạch:",
        "- Đã ban hành Đề án số 03/ĐA-UBND ngày 20/06/2026 về chuyển đổi số (Phòng Kinh tế).",
        "(Chi tiết tại Biểu 01 kèm theo)"]
    assert "(Chi tiết tại Biểu 02 kèm theo)" in texts
    assert "(Chi tiết tại Biểu 03 kèm theo)" in texts
    tasks = texts.index("3. Kết quả thực hiện các nhiệm vụ")
    assert texts[tasks + 1:tasks + 4] == [
        "Trong 4 nhiệm vụ: 2 đã hoàn thành (1 đúng hạn, 1 trễ hạn), 1 đang thực hiện, 1 quá "
        "hạn.",
        "Các nhiệm vụ hoàn thành trong kỳ:",  # NV-1 was done in June, before the quarter
        "- Tổ chức diễn tập phòng thủ: Đã tổ chức diễn tập; hoàn thành ngày 25/09/2026 (trễ "
        "hạn)."]
    appendix = texts.index("Biểu 01")
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == "TT"]
    body = doc.element.body
    # every bordered table is in the Biểu, after the body's prose
    assert all(body.index(t._tbl) > body.index(doc.paragraphs[appendix]._p) for t in tables)


def test_recipients_and_signature_block() -> None:
    doc = _open(layout.render(state_report()))
    left, right = _closing(doc).rows[0].cells
    first = left.paragraphs[0].runs[0]
    assert first.bold and first.italic and first.font.size == Pt(12)
    assert [p.text for p in left.paragraphs[1:]] == ["- UBND tỉnh Thanh Hóa (để báo cáo);",
                                                     "- TT Đảng ủy, HĐND xã;", "- Lưu: VT."]
    assert all(p.runs[0].font.size == Pt(11) for p in left.paragraphs[1:])
    lines = [p.text for p in right.paragraphs if p.text]
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Bình"]


def test_page_fonts_and_margins() -> None:
    doc = _open(layout.render(state_report()))
    first = doc.sections[0]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert Mm(20) <= first.top_margin <= Mm(25) and Mm(20) <= first.bottom_margin <= Mm(25)
    assert Mm(30) <= first.left_margin <= Mm(35) and Mm(15) <= first.right_margin <= Mm(20)
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and Pt(13) <= normal.size <= Pt(14)
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"
    cells = [c for t in doc.tables for row in t.rows for c in row.cells]
    paragraphs = doc.paragraphs + [p for c in cells for p in c.paragraphs]
    runs = [r for p in paragraphs for r in p.runs if r.text]
    assert {r.font.name for r in runs} == {None}  # all inherit Normal: no other font
    assert {p.style.name for p in paragraphs} <= {"Normal", layout.TABLE_STYLE}
    assert doc.styles[layout.TABLE_STYLE].font.size == Pt(12)
    assert doc.styles[layout.TABLE_STYLE].base_style.name == "Normal"
    body = [p for p in doc.paragraphs if p.text.startswith("- ")]
    assert body and all(r.font.size in (None, Pt(14)) for p in body for r in p.runs)
    appendix = doc.sections[-1]
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert (round(appendix.page_width.mm), round(appendix.page_height.mm)) == (297, 210)


def test_each_biểu_has_its_number_title_and_the_report_it_goes_with() -> None:
    report = state_report()
    doc = _open(layout.render(report))
    text = [p.text for p in doc.paragraphs]
    for label, title in (("Biểu 01", "VĂN BẢN LÃNH ĐẠO, CHỈ ĐẠO BAN HÀNH TRONG KỲ"),
                         ("Biểu 02", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
                         ("Biểu 03", "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ")):
        assert text[text.index(label) + 1] == title
    assert text.count(report.attached) == 3
    assert _table_with(doc, "Văn bản")[1] == [
        "1", "Đã ban hành Đề án số 03/ĐA-UBND ngày 20/06/2026 về chuyển đổi số",
        "Xây dựng đề án chuyển đổi số", "Phòng Kinh tế", "02/07/2026"]
    tasks = _table_with(doc, "Lý do (nếu quá hạn)")
    assert tasks[0] == list(layout.TASK_COLUMNS)
    # by agency: Ban Chỉ huy Quân sự, Phòng Kinh tế (done, ongoing), Phòng Văn hóa - Xã hội
    assert tasks[1:] == [
        ["1", "Tổ chức diễn tập phòng thủ", "Ban Chỉ huy Quân sự", "20/09/2026",
         "Đã tổ chức diễn tập; hoàn thành ngày 25/09/2026 (trễ hạn)", "Hoàn thành trễ hạn", ""],
        ["2", "Xây dựng đề án chuyển đổi số", "Phòng Kinh tế", "30/06/2026",
         "Đã ban hành Đề án số 03/ĐA-UBND ngày 20/06/2026 về chuyển đổi số; hoàn thành ngày "
         "20/06/2026 (đúng hạn)", "Hoàn thành đúng hạn", ""],
        ["3", "Nâng cấp đường liên thôn", "Phòng Kinh tế", "31/12/2026", "đạt 60%",
         "Chưa đến hạn", ""],
        ["4", "Rà soát hộ nghèo, cận nghèo", "Phòng Văn hóa - Xã hội", "15/08/2026", "",
         "Quá hạn", "Chờ hướng dẫn của huyện"]]


def test_render_writes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bc.docx"
    data = layout.render(state_report(), path)
    assert path.read_bytes() == data


def test_schemes_and_key_projects_have_their_own_section() -> None:
    """A Đề án and a công trình trọng điểm are reported as such, after the tasks by agency."""
    from datetime import date

    from tests.reports.inputs import STATE
    from theodoi.domain.periods import quarter
    from theodoi.reports.data import TaskInput, build_report

    tasks = [TaskInput("k1", "Đề án chuyển đổi số xã giai đoạn 2026-2030", "Phòng Kinh tế",
                       date(2026, 6, 30), "hoan_thanh_dung_han", "Hoàn thành đúng hạn",
                       kind="scheme"),
             TaskInput("k2", "Đường giao thông liên thôn Đông - Tây", "Phòng Kinh tế", None,
                       "dang_thuc_hien", "Đang thực hiện", kind="key_project"),
             TaskInput("k3", "Rà soát hộ nghèo", None, None, "dang_thuc_hien",
                       "Đang thực hiện")]
    report = build_report(STATE, "quy", quarter(2026, 3), [], tasks)
    assert [(g.label, [t.ref for t in g.rows]) for g in report.key_works] == [
        ("Đề án", ["k1"]), ("Công trình trọng điểm", ["k2"])]
    text = [p.text for p in _open(layout.render(report)).paragraphs]
    start = text.index("4. Đề án, công trình trọng điểm")  # after 3. the tasks
    assert text[start + 1:start + 5] == [
        "Đề án:",
        "- Đề án chuyển đổi số xã giai đoạn 2026-2030 (Phòng Kinh tế, hạn 30/06/2026): "
        "hoàn thành đúng hạn.",
        "Công trình trọng điểm:",
        "- Đường giao thông liên thôn Đông - Tây (Phòng Kinh tế): đang thực hiện."]
