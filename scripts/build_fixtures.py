"""Build the reader fixtures in tests/data/fixtures the way communes' files are made.

    .venv/bin/python scripts/build_fixtures.py [NAME.docx ...]

DOCX files are written with python-docx as Word writes them: the header table (issuing body |
Quốc hiệu - Tiêu ngữ), Word automatic numbering from numbering.xml (not typed numbers),
Times New Roman 13-14 pt, an appendix table of tasks with section rows, and one plan whose
targets and tasks are tables with their borders drawn ("Table Grid") and the same plan with
none drawn. One plan is typed
in TCVN3 (.VnTime) as older offices still do. The content is invented for the fixtures.
When LibreOffice is installed, each DOCX is also exported to PDF next to it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from theodoi.tools.soffice import find as find_soffice

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "fixtures"

TARGETS = [
    "Thu nhập bình quân đầu người đến năm 2030 đạt 95 triệu đồng/năm.",
    "Tỷ lệ hộ nghèo theo chuẩn đa chiều giảm bình quân 0,5%/năm.",
    "Tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 97%.",
    "Có 5/7 thôn đạt chuẩn nông thôn mới kiểu mẫu.",
]
TASKS = [
    ("Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030", "UBND xã", "Quý II năm 2026"),
    ("Đề án phát triển sản phẩm OCOP", "Phòng Kinh tế", "Quý IV/2026"),
    ("Kế hoạch chuyển đổi số hằng năm", "Văn phòng HĐND và UBND", "Quý I hằng năm"),
]


def _normal(doc: Document) -> None:
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)


def _header(doc: Document, left: list[str], right: list[str], style: str | None = None) -> None:
    table = doc.add_table(rows=1, cols=2, style=style)
    table.cell(0, 0).text = "\n".join(left)
    table.cell(0, 1).text = "\n".join(right)


def _centered(doc: Document, text: str, bold: bool = True) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(text).bold = bold


def state_plan() -> Document:
    """A People's Committee plan with numbered headings, targets and an appendix table."""
    doc = Document()
    _normal(doc)
    _header(doc, ["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH", "Số: 45/KH-UBND"],
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Hòa Bình, ngày 12 tháng 01 năm 2026"])
    _centered(doc, "KẾ HOẠCH")
    _centered(doc, "Phát triển kinh tế - xã hội giai đoạn 2026 - 2030")
    doc.add_paragraph("Căn cứ Nghị quyết số 01-NQ/ĐU ngày 20/8/2025 của Đại hội Đảng bộ xã "
                      "Hòa Bình lần thứ I, nhiệm kỳ 2025 - 2030. Ủy ban nhân dân xã Hòa Bình "
                      "xây dựng Kế hoạch như sau:")
    doc.add_paragraph("Mục tiêu và chỉ tiêu chủ yếu", style="List Number")
    for target in TARGETS:
        doc.add_paragraph(target, style="List Bullet")
    doc.add_paragraph("Nhiệm vụ, giải pháp", style="List Number")
    doc.add_paragraph("Giao Phòng Kinh tế chủ trì, phối hợp với Hội Nông dân xã xây dựng "
                      "chuỗi liên kết sản xuất; hoàn thành trong năm 2027.")
    doc.add_paragraph("Tổ chức thực hiện", style="List Number")
    doc.add_paragraph("Nơi nhận:\n- UBND huyện (để b/c);\n- Lưu: VT.")
    doc.add_paragraph("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn Minh")
    _centered(doc, "PHỤ LỤC")
    table = doc.add_table(rows=1, cols=4)
    for c, text in enumerate(["Số TT", "Nội dung", "Cơ quan chủ trì", "Thời gian"]):
        table.cell(0, c).text = text
    row = table.add_row()
    row.cells[0].merge(row.cells[3]).text = "I. Về phát triển kinh tế"
    for i, (content, agency, due) in enumerate(TASKS, start=1):
        cells = table.add_row().cells
        for c, text in enumerate([str(i), content, agency, due]):
            cells[c].text = text
    return doc


TABLE_TARGETS = [
    ("Tổng giá trị sản xuất trên địa bàn", "Tỷ đồng", "1.250", "Phòng Kinh tế"),
    ("Thu nhập bình quân đầu người", "Triệu đồng", "72", "Phòng Kinh tế"),
    ("Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "95", "Phòng Văn hóa - Xã hội"),
    ("Số thôn đạt chuẩn nông thôn mới kiểu mẫu", "Thôn", "3", "Phòng Kinh tế"),
]
TABLE_TASKS = [
    ("Xây dựng Kế hoạch đầu tư công năm 2028", "Phòng Kinh tế",
     "Văn phòng HĐND và UBND xã", "Trước 15/10/2027"),
    ("Rà soát hộ nghèo, hộ cận nghèo cuối năm", "Phòng Văn hóa - Xã hội", "Các thôn",
     "Quý IV/2027"),
    ("Tổ chức Hội nghị sơ kết 6 tháng", "Văn phòng HĐND và UBND xã", "Các phòng chuyên môn",
     "Tháng 7/2027"),
]


def _grid(doc: Document, header: list[str], rows: list[tuple[str, ...]],
          style: str | None = "Table Grid") -> None:
    """A table of numbered rows under a header row: with its borders drawn ("Table Grid"),
    or (`style` None) without, as a clerk sets it out then: the header and the numbers'
    column centred, figures to the right."""
    table = doc.add_table(rows=1, cols=len(header), style=style)
    for c, text in enumerate(header):
        table.cell(0, c).text = text
    for i, row in enumerate(rows, start=1):
        cells = table.add_row().cells
        for c, text in enumerate([str(i), *row]):
            cells[c].text = text
    if style is None:
        for r, row_cells in enumerate(table.rows):
            for c, cell in enumerate(row_cells.cells):
                figure = cell.text.replace(".", "").replace(",", "").isdigit()
                cell.paragraphs[0].alignment = (
                    WD_ALIGN_PARAGRAPH.CENTER if r == 0 or c == 0 else
                    WD_ALIGN_PARAGRAPH.RIGHT if figure else None)


def table_plan(style: str | None = "Table Grid") -> Document:
    """An UBND xã plan whose targets and tasks are tables (a PDF's text layer runs their
    cells together), with enough prose between them that the second table crosses a page
    break; its letterhead is a table too. `style` "Table Grid" draws every table's borders;
    None draws none (pdf_columns reads such tables by where their text stands)."""
    doc = Document()
    _normal(doc)
    _header(doc, ["ỦY BAN NHÂN DÂN", "XÃ PHÚ LỘC", "Số: 45/KH-UBND"],
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Phú Lộc, ngày 12 tháng 01 năm 2027"], style=style)
    _centered(doc, "KẾ HOẠCH")
    _centered(doc, "Phát triển kinh tế - xã hội năm 2027")
    doc.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    doc.add_paragraph("Cụ thể hóa các chỉ tiêu Nghị quyết của Hội đồng nhân dân xã thành "
                      "nhiệm vụ cụ thể, phân công rõ trách nhiệm cho từng cơ quan, đơn vị.")
    doc.add_paragraph("II. CÁC CHỈ TIÊU CHỦ YẾU")
    _grid(doc, ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2027", "Cơ quan chủ trì"],
          TABLE_TARGETS, style)
    doc.add_paragraph("III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU")
    for _ in range(5):
        doc.add_paragraph("Tập trung chỉ đạo sản xuất vụ Đông Xuân, vụ Hè Thu đảm bảo khung "
                          "thời vụ; chuyển đổi cơ cấu cây trồng trên đất lúa kém hiệu quả; "
                          "đẩy mạnh thu hút đầu tư vào cụm công nghiệp; thực hiện tốt các "
                          "chính sách an sinh xã hội, chăm lo đời sống người có công.")
    doc.add_paragraph("IV. PHÂN CÔNG THỰC HIỆN")
    _grid(doc, ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp",
                "Thời gian hoàn thành"], TABLE_TASKS, style)
    doc.add_paragraph("Nơi nhận:\n- UBND huyện;\n- Lưu: VT.")
    doc.add_paragraph("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Văn Bình")
    return doc


def party_plan_tcvn3() -> Document:
    """A Party committee plan typed in .VnTime / .VnTimeH (TCVN3 codes)."""
    doc = Document()
    _normal(doc)
    for text, font in [("§¶NG ñY X· HßA B×NH", ".VnTimeH"), ("KÕ ho¹ch", ".VnTimeH"),
                       ("Thùc hiÖn NghÞ quyÕt §¹i héi §¶ng bé x· nhiÖm kú 2025 - 2030",
                        ".VnTime")]:
        doc.add_paragraph().add_run(text).font.name = font
    return doc


ND30_BODY = [
    ("heading", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("text", "Cụ thể hóa Nghị quyết Đại hội Đảng bộ xã nhiệm kỳ 2025 - 2030 và Nghị quyết của "
             "Hội đồng nhân dân xã về nhiệm vụ phát triển kinh tế - xã hội năm 2027 thành các "
             "nhiệm vụ cụ thể của Ủy ban nhân dân xã, các phòng chuyên môn, đơn vị sự nghiệp "
             "và Ủy ban nhân dân các thôn. Mỗi nhiệm vụ có cơ quan chủ trì, cơ quan phối hợp và "
             "thời hạn hoàn thành rõ ràng. Các cơ quan, đơn vị theo dõi, báo cáo kết quả thực "
             "hiện định kỳ hằng quý về Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã."),
    ("heading", "II. CHỈ TIÊU CHỦ YẾU"),
    ("text", "1. Thu nhập bình quân đầu người đến năm 2030 đạt 95 triệu đồng/năm."),
    ("text", "2. Tỷ lệ hộ nghèo theo chuẩn đa chiều giảm bình quân 0,5%/năm."),
    ("heading", "III. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN"),
    ("text", "1. Phòng Kinh tế"),
    ("text", "a) Chủ trì, phối hợp với Phòng Văn hóa - Xã hội, Ủy ban Mặt trận Tổ quốc Việt Nam "
             "xã và Hội Nông dân xã xây dựng Đề án phát triển sản phẩm OCOP của xã giai đoạn "
             "2027 - 2030, trình Ủy ban nhân dân xã trước ngày 30/6/2027."),
    ("text", "b) Tham mưu Ủy ban nhân dân xã tổ chức sản xuất vụ Đông Xuân, vụ Hè Thu bảo đảm "
             "khung thời vụ; chuyển đổi cơ cấu cây trồng trên đất lúa kém hiệu quả sang cây "
             "trồng có giá trị kinh tế cao, hoàn thành trong Quý IV/2027."),
    ("text", "2. Phòng Văn hóa - Xã hội"),
    ("text", "Chủ trì rà soát hộ nghèo, hộ cận nghèo cuối năm 2027 theo chuẩn nghèo đa chiều "
             "giai đoạn 2026 - 2030 và báo cáo Ủy ban nhân dân xã chậm nhất ngày 15/12/2027. "
             "Phối hợp với Trạm Y tế xã vận động người dân tham gia bảo hiểm y tế."),
    ("text", "3. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"),
    ("text", "Theo dõi, đôn đốc các cơ quan, đơn vị thực hiện Kế hoạch này; tổng hợp kết quả, "
             "tham mưu Ủy ban nhân dân xã báo cáo Ban Thường vụ Đảng ủy xã và Ủy ban nhân dân "
             "tỉnh trước ngày 10/12/2027."),
    ("heading", "IV. TỔ CHỨC THỰC HIỆN"),
    ("text", "Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện. Trong quá trình "
             "thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo Ủy ban nhân dân xã (qua "
             "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã) để xem xét, giải quyết."),
]


def nd30_plan() -> Document:
    """A plan laid out as NĐ 30/2020 asks: Times New Roman 14, justified, each paragraph's
    first line indented 1.27 cm, 6 pt after; a title in two centred lines, the second in
    small letters. Its paragraphs are long enough to wrap in a PDF, and their lines break
    before capitals ("… của⏎Ủy ban nhân dân") and after full stops."""
    doc = Document()
    _normal(doc)
    _header(doc, ["ỦY BAN NHÂN DÂN", "XÃ AN THẠNH", "Số: 18/KH-UBND"],
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "An Thạnh, ngày 08 tháng 01 năm 2027"])
    _centered(doc, "KẾ HOẠCH")
    _centered(doc, "thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2027")
    for kind, text in ND30_BODY:
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(6)
        p.add_run(text).bold = kind == "heading"
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.27)
    doc.add_paragraph("Nơi nhận:\n- Thường trực Đảng ủy xã;\n- Lưu: VT.")
    doc.add_paragraph("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Thị Hoa")
    return doc


def main() -> None:
    """Build every fixture, or only those named on the command line (a Word file's and a
    PDF's bytes change with each build, so rebuilding one leaves the others as they are)."""
    OUT.mkdir(parents=True, exist_ok=True)
    built = {"ke-hoach-ubnd.docx": state_plan(), "ke-hoach-dang-uy-tcvn3.docx": party_plan_tcvn3(),
             "ke-hoach-bang-ubnd.docx": table_plan(), "ke-hoach-nd30.docx": nd30_plan(),
             "ke-hoach-bang-khong-vien.docx": table_plan(style=None)}
    wanted = set(sys.argv[1:]) or set(built)
    built = {name: doc for name, doc in built.items() if name in wanted}
    for name, doc in built.items():
        doc.save(OUT / name)
    (OUT / "ke-hoach-tcvn3.txt").write_bytes(
        "KÕ ho¹ch ph¸t triÓn kinh tÕ - x· héi n¨m 2026\n".encode("latin-1"))
    soffice = find_soffice()
    if soffice:
        for name in built:
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(OUT),
                            str(OUT / name)], check=True, capture_output=True, timeout=180)
    print(f"built {len(built) + 1} files in {OUT}" + ("" if soffice else
          " (no LibreOffice: PDF exports not rebuilt)"))


if __name__ == "__main__":
    main()
