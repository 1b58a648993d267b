"""Lay a `Report` out as a DOCX: NĐ 30/2020 for State bodies, HD 36-HD/VPTW for Party bodies.

Layout only: every word and number comes from the model (numbers through `vn_number`).
A4 portrait, margins 20/20/30/15 mm, Times New Roman 14 pt body (6 pt between paragraphs),
12 pt tables whose header rows repeat on every page and whose columns add up to the text
width (165 mm; 252 mm in the landscape section of the appendices), so no table reaches
into a margin. Checked by eye on LibreOffice's rendering (tests/reports/test_pdf_pages.py).
"""

from __future__ import annotations

import math
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from theodoi.domain.numbers import vn_number, vn_percent
from theodoi.reports.model import AgencyTasks, Report, TargetLine, TaskLine

NO_BREAK_HYPHEN = "\u2011"  # in the model text (reports.data.TERM_DASH); w:noBreakHyphen here
FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
TABLE_STYLE = "Bảng"  # the paragraph style of table cells: 12 pt, no spacing
TABLE_STYLE_ID = "Bang"
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TARGET_COLUMNS = ("TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch", "Thực hiện kỳ báo cáo", "Lũy kế",
                  "% so với kế hoạch", "Đánh giá")
TEXT_MM, LANDSCAPE_TEXT_MM = 165, 252  # 210 - 30 - 15 and 297 - 30 - 15
TARGET_WIDTHS_MM = (9, 44, 17, 18, 19, 19, 16, 23)  # a number like 10.250,75 on one line
APPENDIX_TARGET_WIDTHS_MM = (10, 96, 22, 22, 24, 22, 20, 36)
TASK_COLUMNS = ("TT", "Nhiệm vụ", "Thời hạn", "Kết quả", "Lý do (nếu quá hạn)")
TASK_WIDTHS_MM = (10, 118, 26, 36, 62)
SHARED_COLUMNS = ("TT", "Chỉ tiêu, nhiệm vụ", "Cơ quan chủ trì", "Nội dung phối hợp")
SHARED_WIDTHS_MM = (10, 110, 50, 82)  # the landscape appendix width, 252 mm
AGENCY_COLUMNS = ("TT", "Cơ quan chủ trì", "Hoàn thành", "Đang thực hiện", "Quá hạn", "Tổng số")
AGENCY_WIDTHS_MM = (10, 65, 20, 26, 20, 24)
HEADER_WIDTHS_MM = (65, 100)  # issuing body | Quốc hiệu: its 12 pt bold line needs ~90 mm
PARTY_HEADER_WIDTHS_MM = (80, 85)  # 'ĐẢNG BỘ THÀNH PHỐ …' | 'ĐẢNG CỘNG SẢN VIỆT NAM' (~75 mm)
CLOSING_WIDTHS_MM = (80, 85)  # Nơi nhận | signature
CELL_MARGIN_TWIPS = 57  # 1 mm left and right in bordered tables (Word's default is 1,9 mm)
# bodies whose name is set on two lines, the locality under the kind of body (NĐ 30 practice)
TWO_LINE_BODIES = ("ỦY BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN ")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")


def render(report: Report, path: Path | None = None) -> bytes:
    """The report as DOCX bytes; also written to `path` when given."""
    doc = Document()
    _page_and_fonts(doc)
    _header(doc, report)
    _body(doc, report)
    _closing(doc, report)
    _appendices(doc, report)
    buffer = BytesIO()
    doc.save(buffer)
    data = buffer.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data


def _page_and_fonts(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, mm in MARGINS_MM.items():
        # Word stores twips; round up so 15 mm is never saved as 14,99 mm (below the decree)
        setattr(section, f"{side}_margin", Twips(math.ceil(mm * 1440 / 25.4)))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)  # every script, so Vietnamese never falls back to Calibri
    normal.paragraph_format.space_after = Pt(0)
    cells = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = normal
    cells.style_id = TABLE_STYLE_ID
    cells.font.size = Pt(TABLE_PT)


def _run(p: Paragraph, text: str, *, bold: bool = False, italic: bool = False,
         size: float | None = None, underline: bool = False) -> None:
    # the font comes from the Normal style (every script): setting it per run costs a
    # third of the layout time of a 140-item report and changes nothing
    first, *rest = text.split(NO_BREAK_HYPHEN)
    run = p.add_run(first)
    for part in rest:  # Word's own non-breaking hyphen, which every font draws as "-"
        run._r.append(OxmlElement("w:noBreakHyphen"))
        run.add_text(part)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if underline:
        run.underline = True
    if size:
        run.font.size = Pt(size)


def _para(where: DocumentObject | _Cell, text: str = "", *, align: str = "left",
          size: float | None = None, **style: bool) -> Paragraph:
    p = where.add_paragraph()
    p.alignment = getattr(WD_ALIGN_PARAGRAPH, align.upper())
    if text:
        _run(p, text, size=size, **style)
    return p


def _rule(cell: _Cell, width_mm: float, cell_mm: float) -> None:
    """A short centred line right under the text above it (NĐ 30: under the issuing body
    and under the Tiêu ngữ): an empty paragraph 2 pt high with a bottom border."""
    p = cell.add_paragraph()
    side = Mm(max(0.0, (cell_mm - width_mm) / 2))
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = side
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    p.paragraph_format.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    p._p.get_or_add_pPr().append(borders)


def _fixed(table: Table, widths_mm: tuple[int, ...]) -> None:
    """Column widths as given, kept by Word and LibreOffice alike (fixed layout, grid and
    cells): autofit would size the columns to their text and push a table into a margin."""
    table.autofit = False
    for column, cell, mm in zip(table.columns, table.rows[0].cells, widths_mm, strict=True):
        column.width = cell.width = Mm(mm)


TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
               "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
               "shd", "tblLayout", "tblCellMar", "tblLook")  # the schema's order (Word checks)


def _table_property(table: Table, element: BaseOxmlElement) -> None:
    """Put `element` into the table's properties where the schema wants it."""
    props = table._tbl.tblPr
    rank = TBLPR_ORDER.index(element.tag.split("}")[1])
    later = [c for c in props if c.tag.split("}")[1] in TBLPR_ORDER[rank + 1:]]
    if later:
        later[0].addprevious(element)
    else:
        props.append(element)


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    _table_property(table, borders)


def _first_paragraph(cell: _Cell, text: str, size: float = 13, **style: bool) -> Paragraph:
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, text, size=size, **style)
    return p


def _body_name(body: str) -> str:
    """The issuing body in capitals, 'ỦY BAN NHÂN DÂN' on a line of its own."""
    name = body.upper()
    for kind in TWO_LINE_BODIES:
        if name.startswith(kind):
            return kind.rstrip() + "\n" + name[len(kind):]
    return name


def _header(doc: DocumentObject, report: Report) -> None:
    """Two columns: issuer and number left; Quốc hiệu - Tiêu ngữ (or the Party's name) and
    the place and date right."""
    issuer = report.issuer
    widths = PARTY_HEADER_WIDTHS_MM if issuer.party else HEADER_WIDTHS_MM
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _fixed(table, widths)
    left, right = table.rows[0].cells
    if issuer.above:
        _first_paragraph(left, issuer.above.upper())
        _para(left, _body_name(issuer.body), align="center", size=13, bold=True)
    else:
        _first_paragraph(left, _body_name(issuer.body), bold=True)
    if issuer.party:
        _para(left, "*", align="center", size=13)
        _first_paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True, underline=True)
    else:
        _rule(left, 25, widths[0])
        _first_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
        _para(right, "Độc lập - Tự do - Hạnh phúc", align="center", size=13, bold=True)
        _rule(right, 60, widths[1])
    _para(left, report.number_line, align="center", size=13)
    _para(right, report.place_date, align="center", size=13, italic=True)
    _para(doc)
    _para(doc, report.kind_title, align="center", size=14, bold=True)
    _para(doc, report.summary, align="center", size=14, bold=True)
    if report.cut_off:
        _para(doc, f"({report.cut_off})", align="center", size=14, italic=True)
    _para(doc)


def _heading(doc: DocumentObject, text: str, *, italic: bool = False) -> None:
    p = _para(doc, text, align="justify", bold=True, italic=italic)
    p.paragraph_format.first_line_indent = Mm(10)
    p.paragraph_format.space_before = Pt(6)


def _text(doc: DocumentObject, text: str) -> None:
    p = _para(doc, text, align="justify")
    p.paragraph_format.first_line_indent = Mm(10)
    p.paragraph_format.space_after = Pt(6)  # NĐ 30: at least 6 pt between paragraphs


def _body(doc: DocumentObject, report: Report) -> None:
    _heading(doc, "I. KẾT QUẢ THỰC HIỆN")
    _heading(doc, "1. Kết quả thực hiện các chỉ tiêu")
    if report.fields:
        _targets_table(doc, report)
    else:
        _text(doc, "Kỳ này chưa có chỉ tiêu nào được theo dõi.")
    _heading(doc, "2. Kết quả thực hiện các nhiệm vụ")
    _tasks_by_agency(doc, report.agencies)
    _heading(doc, "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    for s in report.shortcomings or []:
        who = f" ({s.agency})" if s.agency else ""
        state = f": {s.status_label.lower()}" if s.status_label else ""
        cause = f". Nguyên nhân: {s.cause}" if s.cause else ""
        _text(doc, f"- {s.text}{who}{state}{cause}.")
    if not report.shortcomings:
        _text(doc, "- Không có chỉ tiêu, nhiệm vụ chậm tiến độ hoặc không đạt.")
    _heading(doc, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI")
    for d in report.directions:
        who = f"; chủ trì: {d.agency}" if d.agency else ""
        when = f"; thời hạn: {d.due}" if d.due else ""
        _text(doc, f"- {d.text}{who}{when}.")
    if not report.directions:
        _text(doc, "- Tiếp tục thực hiện các chỉ tiêu, nhiệm vụ còn lại theo kế hoạch.")


def _grid(doc: DocumentObject, columns: tuple[str, ...], widths: tuple[int, ...]) -> Table:
    """A bordered table whose first row (bold, centred) repeats at the top of every page."""
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed(table, widths)
    margins = parse_xml(f'<w:tblCellMar {nsdecls("w")}><w:left w:w="{CELL_MARGIN_TWIPS}" '
                        f'w:type="dxa"/><w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
                        "</w:tblCellMar>")
    _table_property(table, margins)
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, name in zip(header.cells, columns, strict=True):
        _cell(cell, name, bold=True, align="center")
    return table


def _cell(cell: _Cell, text: str, *, bold: bool = False, align: str = "left") -> None:
    p = cell.paragraphs[0]
    p.alignment = getattr(WD_ALIGN_PARAGRAPH, align.upper())
    p._p.get_or_add_pPr().style = TABLE_STYLE_ID  # by id: `p.style = name` searches styles
    _run(p, text, bold=bold)


def _row(table: Table, values: list[str], aligns: str = "") -> None:
    """A body row, written as one piece of WordprocessingML: python-docx's element-by-
    element API costs about 5 ms a row, which made a 140-item report take over a second.
    The result is the same XML `_cell` writes: table style, alignment, one run a line."""
    widths = [int((w.w or 0) / 635) for w in table._tbl.tblGrid.gridCol_lst]  # EMU -> twips
    if len(values) != len(widths):
        raise ValueError(f"{len(values)} values for {len(widths)} columns")
    cells = "".join(_cell_xml(value, {"c": "center", "r": "right"}.get(aligns[i:i + 1], "left"),
                              widths[i]) for i, value in enumerate(values))
    table._tbl.append(parse_xml(f"<w:tr {nsdecls('w')}>{cells}</w:tr>"))


def _cell_xml(text: str, align: str, width: int) -> str:
    lines = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>'
                           for line in text.split("\n"))
    run = f"<w:r>{lines}</w:r>" if text else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p><w:pPr>'
            f'<w:pStyle w:val="{TABLE_STYLE_ID}"/><w:jc w:val="{align}"/></w:pPr>{run}</w:p>'
            "</w:tc>")


def _group_row(table: Table, label: str) -> None:
    cells = [_Cell(tc, table) for tc in table.add_row()._tr.tc_lst]
    merged = cells[1].merge(cells[-1])
    _cell(cells[0], label.split(".")[0], bold=True, align="center")
    _cell(merged, label.split(". ", 1)[1], bold=True)


def _target_values(t: TargetLine, n: int) -> list[str]:
    shown = [v if isinstance(v, str) else vn_number(v) for v in t.cells()]
    return [str(n), t.name, t.unit or "", *shown, vn_percent(t.percent), t.status_label]


def _targets_table(doc: DocumentObject, report: Report) -> None:
    table = _grid(doc, TARGET_COLUMNS, TARGET_WIDTHS_MM)
    n = 0
    for i, group in enumerate(report.fields):
        _group_row(table, f"{ROMAN[i] if i < len(ROMAN) else i + 1}. {group.heading}")
        for t in group.rows:
            n += 1
            _row(table, _target_values(t, n), "cllrrrrl")


def _tasks_by_agency(doc: DocumentObject, agencies: list[AgencyTasks]) -> None:
    if not agencies:
        _text(doc, "Kỳ này chưa có nhiệm vụ nào được theo dõi.")
        return
    table = _grid(doc, AGENCY_COLUMNS, AGENCY_WIDTHS_MM)
    for n, a in enumerate(agencies, start=1):
        _row(table, [str(n), a.agency, vn_number(len(a.done)), vn_number(len(a.ongoing)),
                     vn_number(len(a.overdue)), vn_number(a.total)], "clrrrr")
    total = [sum(len(getattr(a, g)) for a in agencies) for g in ("done", "ongoing", "overdue")]
    _row(table, ["", "Tổng cộng", *(vn_number(v) for v in total), vn_number(sum(total))],
         "clrrrr")
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    overdue = [t for a in agencies for t in a.overdue]
    if overdue:
        _heading(doc, "Các nhiệm vụ quá hạn:", italic=True)
    for t in overdue:
        due = f", hạn {t.due:%d/%m/%Y}" if t.due else ""
        why = f"; lý do: {t.reason}" if t.reason else "; chưa có giải trình"
        _text(doc, f"- {t.title} ({t.agency}{due}){why}.")


def _closing(doc: DocumentObject, report: Report) -> None:
    """Nơi nhận (left, 12/11 pt) and the signature block (right), side by side."""
    _para(doc)
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _fixed(table, CLOSING_WIDTHS_MM)
    left, right = table.rows[0].cells
    _run(left.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=12)
    for i, line in enumerate(report.recipients):
        end = "" if line.rstrip().endswith((".", ";")) else ("." if i == len(report.recipients) - 1
                                                            else ";")
        _para(left, f"- {line}{end}", size=11)
    sig = report.signature
    first = right.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    lines = [x for x in (sig.on_behalf, sig.position) if x]
    _run(first, (lines[0] if lines else "").upper(), bold=True, size=14)
    for line in lines[1:]:
        _para(right, line.upper(), align="center", size=14, bold=True)
    for _ in range(4):
        _para(right)
    _para(right, sig.name or "", align="center", size=14, bold=True)


def _appendix_heading(doc: DocumentObject, report: Report, n: int, agency: str) -> None:
    _para(doc, f"Phụ lục {n}", align="center", bold=True)
    _para(doc, f"KẾT QUẢ THỰC HIỆN CỦA {agency.upper()}", align="center", bold=True)
    _para(doc, report.attached, align="center", italic=True)
    _para(doc)


def _task_values(t: TaskLine, n: int) -> list[str]:
    return [str(n), t.title, f"{t.due:%d/%m/%Y}" if t.due else "", t.status_label, t.reason or ""]


def _appendices(doc: DocumentObject, report: Report) -> None:
    if not report.appendices:
        return
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for i, appendix in enumerate(report.appendices):
        if i:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _appendix_heading(doc, report, appendix.number, appendix.agency)
        if appendix.targets:
            _heading(doc, "1. Chỉ tiêu")
            table = _grid(doc, TARGET_COLUMNS, APPENDIX_TARGET_WIDTHS_MM)
            for n, t in enumerate(appendix.targets, start=1):
                _row(table, _target_values(t, n), "cllrrrrl")
        if appendix.tasks:
            _heading(doc, f"{2 if appendix.targets else 1}. Nhiệm vụ")
            table = _grid(doc, TASK_COLUMNS, TASK_WIDTHS_MM)
            for n, task in enumerate(appendix.tasks, start=1):
                _row(table, _task_values(task, n), "clcll")
        if appendix.shared:
            number = 1 + bool(appendix.targets) + bool(appendix.tasks)
            _heading(doc, f"{number}. Phối hợp thực hiện")
            table = _grid(doc, SHARED_COLUMNS, SHARED_WIDTHS_MM)
            for n, part in enumerate(appendix.shared, start=1):
                _row(table, [str(n), part.item, part.lead, part.text], "clll")
