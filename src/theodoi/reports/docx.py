"""Lay a `Report` out as a DOCX: NĐ 30/2020 for State bodies, HD 36-HD/VPTW for Party bodies.

Layout only: every word and number comes from the model (numbers through `vn_number`).
A4 portrait, margins 20/20/30/15 mm, Times New Roman 14 pt body (6 pt between paragraphs),
12 pt tables whose header rows repeat on every page and whose columns add up to the text
width (165 mm; 252 mm in the landscape section of the appendices), so no table reaches
into a margin. Checked by eye on LibreOffice's rendering (tests/reports/test_pdf_pages.py).
"""

from __future__ import annotations

import math
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
from theodoi.reports import tasks as task_rules
from theodoi.reports.docx_body import body as _body
from theodoi.reports.docx_text import para as _para
from theodoi.reports.docx_text import run as _run
from theodoi.reports.files import document_bytes
from theodoi.reports.model import (
    ESTIMATE_BLANK,
    ESTIMATE_PERCENT_HEADING,
    OFFICE_MARK,
    AgencyTasks,
    Appendix,
    Report,
    TargetLine,
    TaskLine,
)

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
TABLE_STYLE = "Bảng"  # the paragraph style of table cells: 12 pt, no spacing
TABLE_STYLE_ID = "Bang"
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TARGET_COLUMNS = ("TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch", "Thực hiện kỳ báo cáo", "Lũy kế",
                  "% so với kế hoạch", "Đánh giá")  # "Kế hoạch": the report's plan_heading
TEXT_MM, LANDSCAPE_TEXT_MM = 165, 252  # 210 - 30 - 15 and 297 - 30 - 15
TARGET_WIDTHS_MM = (9, 44, 17, 18, 19, 19, 16, 23)  # a number like 10.250,75 on one line
APPENDIX_TARGET_WIDTHS_MM = (10, 96, 22, 22, 24, 22, 20, 36)
# with "Ước thực hiện năm …" and "% ước so với kế hoạch năm" after "% so với kế hoạch"
ESTIMATE_TARGET_WIDTHS_MM = (10, 70, 20, 22, 22, 22, 18, 22, 18, 28)
TASK_COLUMNS = ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Kết quả", "Đánh giá",
                "Lý do (nếu quá hạn)")
TASK_WIDTHS_MM = (10, 72, 38, 22, 56, 26, 28)
DOCUMENT_COLUMNS = ("TT", "Văn bản", "Nhiệm vụ", "Cơ quan chủ trì", "Ngày báo cáo")
DOCUMENT_WIDTHS_MM = (10, 100, 76, 40, 26)
SHARED_COLUMNS = ("TT", "Cơ quan phối hợp", "Chỉ tiêu, nhiệm vụ", "Cơ quan chủ trì",
                  "Nội dung phối hợp")
SHARED_WIDTHS_MM = (10, 46, 100, 46, 50)  # the landscape appendix width, 252 mm
AGENCY_COLUMNS = ("TT", "Cơ quan chủ trì", "Hoàn thành", "Đang thực hiện", "Quá hạn", "Tổng số")
AGENCY_WIDTHS_MM = (10, 110, 30, 36, 30, 36)
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
    return document_bytes(doc.save, path)


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
    p: Paragraph = cell.paragraphs[0]  # python-docx 1.2 leaves _Cell.paragraphs untyped
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


def _grid(doc: DocumentObject, columns: tuple[str, ...], widths: tuple[int, ...]) -> Table:
    """A bordered table whose first row (bold, centred) repeats at the top of every page."""
    table: Table = doc.add_table(rows=1, cols=len(columns))  # untyped in python-docx 1.2
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
    row = table.add_row()  # type: ignore[no-untyped-call]  # unannotated in python-docx 1.2
    cells = [_Cell(tc, table) for tc in row._tr.tc_lst]
    merged = cells[1].merge(cells[-1])
    _cell(cells[0], label.split(".")[0], bold=True, align="center")
    _cell(merged, label.split(". ", 1)[1], bold=True)


def _target_values(t: TargetLine, n: int, estimates: bool = False) -> list[str]:
    shown = [v if isinstance(v, str) else t.number(v) for v in t.cells()]
    values = [str(n), t.name, t.unit or "", *shown, vn_percent(t.percent)]
    if estimates:
        cell = t.estimate_cell()
        text = cell if isinstance(cell, str) else t.number(cell)
        mark = f" {OFFICE_MARK}" if t.estimate_by_office and text else ""
        values += [text + mark, vn_percent(t.estimate_percent)]
    return [*values, t.status_label]


def target_columns(report: Report) -> tuple[str, ...]:
    """The targets table's heads, the plan column named for what it holds, and the
    year's estimate after the share of the plan when the report has one."""
    heads = [report.plan_heading if c == "Kế hoạch" else c for c in TARGET_COLUMNS]
    if report.estimate_year:
        heads[7:7] = [report.estimate_heading, ESTIMATE_PERCENT_HEADING]
    return tuple(heads)


def _targets_table(doc: DocumentObject, report: Report,
                   widths: tuple[int, ...] = TARGET_WIDTHS_MM) -> None:
    estimates = bool(report.estimate_year)
    table = _grid(doc, target_columns(report), ESTIMATE_TARGET_WIDTHS_MM if estimates
                  else widths)
    n = 0
    for i, group in enumerate(report.fields):
        _group_row(table, f"{ROMAN[i] if i < len(ROMAN) else i + 1}. {group.heading}")
        for t in group.rows:
            n += 1
            _row(table, _target_values(t, n, estimates),
                 "cllrrrrrrl" if estimates else "cllrrrrl")
    if estimates:
        _estimate_notes(doc, report)


def _estimate_notes(doc: DocumentObject, report: Report) -> None:
    """Under the table: what each estimate was made from (row by row), the office's mark,
    and why a cell is empty."""
    _para(doc, f"Căn cứ {report.estimate_heading[:1].lower()}{report.estimate_heading[1:]}:",
          size=TABLE_PT, italic=True)
    for n, t in enumerate(report.targets, start=1):
        if t.estimate is not None:
            mark = f"{OFFICE_MARK} " if t.estimate_by_office else ""
            _para(doc, f"- TT {n} ({t.name}): {mark}{t.estimate_basis}.", size=TABLE_PT,
                  italic=True)
    if any(t.estimate is None for t in report.targets):
        _para(doc, f"- {ESTIMATE_BLANK}", size=TABLE_PT, italic=True)


def _agency_table(doc: DocumentObject, agencies: list[AgencyTasks]) -> None:
    """Tasks counted per lead agency, with a bold total row."""
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


def _closing(doc: DocumentObject, report: Report) -> None:
    """Nơi nhận (left, 12/11 pt) and the signature block (right), side by side, kept on
    one page with the closing paragraph above it (a signature alone on a page signs
    nothing)."""
    _para(doc).paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _fixed(table, CLOSING_WIDTHS_MM)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
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
    for cell in (left, right):  # Word keeps a row with the next only through its paragraphs
        for p in cell.paragraphs[:-1]:
            p.paragraph_format.keep_with_next = True


def _appendix_heading(doc: DocumentObject, report: Report, appendix: Appendix) -> None:
    _para(doc, appendix.label, align="center", bold=True)
    _para(doc, appendix.title.upper(), align="center", bold=True)
    _para(doc, report.attached, align="center", italic=True)
    _para(doc)


def _task_values(t: TaskLine, n: int) -> list[str]:
    return [str(n), t.title, t.agency, f"{t.due:%d/%m/%Y}" if t.due else "",
            task_rules.result_text(t), t.status_label, t.reason or ""]


def _documents_table(doc: DocumentObject, report: Report) -> None:
    table = _grid(doc, DOCUMENT_COLUMNS, DOCUMENT_WIDTHS_MM)
    for n, t in enumerate(report.documents, start=1):
        _row(table, [str(n), (t.product or "").rstrip(" .;"), t.title, t.agency,
                     f"{t.reported_on:%d/%m/%Y}" if t.reported_on else ""], "clllc")


def _appendices(doc: DocumentObject, report: Report) -> None:
    """The Biểu on landscape pages, each on a page of its own: the targets by field, the
    tasks counted per agency and listed."""
    if not report.appendices:
        return
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for i, appendix in enumerate(report.appendices):
        if i:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _appendix_heading(doc, report, appendix)
        if appendix.kind == "documents":
            _documents_table(doc, report)
        elif appendix.kind == "targets":
            _targets_table(doc, report, APPENDIX_TARGET_WIDTHS_MM)
        elif appendix.kind == "tasks":
            _agency_table(doc, report.agencies)
            _para(doc)
            table = _grid(doc, TASK_COLUMNS, TASK_WIDTHS_MM)
            for n, task in enumerate(report.tasks, start=1):
                _row(table, _task_values(task, n), "cllclll")
        elif appendix.kind == "shared":
            table = _grid(doc, SHARED_COLUMNS, SHARED_WIDTHS_MM)
            for n, part in enumerate(report.shared, start=1):
                _row(table, [str(n), part.agency, part.item, part.lead, part.text], "cllll")
