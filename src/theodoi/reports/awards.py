"""The evaluation's papers as DOCX, in the reports' NĐ 30 layout: the proposal list
(danh sách đề nghị khen thưởng) and the minutes of the council's meeting (biên bản họp
Hội đồng Thi đua – Khen thưởng bình xét).

Layout only: every word and number comes from `AwardPapers`, built by
services/emulation/papers.py from the council's results. The page, fonts, header block
and bordered tables are those of reports/docx.py (A4, 20/20/30/15 mm, Times New Roman,
table headers repeated on every page, columns adding up to the 165 mm text width).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.document import Document as DocumentObject

from theodoi.reports import docx as layout
from theodoi.reports.docx_text import heading, para, text
from theodoi.reports.files import document_bytes
from theodoi.reports.model import Issuer, Signature

PROPOSAL_COLUMNS = ("TT", "Tên tập thể, cá nhân", "Thành tích (theo sổ theo dõi)",
                    "Kết quả bỏ phiếu", "Hình thức đề nghị", "Ghi chú")
PROPOSAL_WIDTHS_MM = (9, 38, 52, 20, 26, 20)
CRITERIA_COLUMNS = ("TT", "Tập thể, cá nhân", "Tiêu chí đạt", "Kết luận")
CRITERIA_WIDTHS_MM = (10, 60, 50, 45)
VOTE_COLUMNS = ("TT", "Tập thể, cá nhân", "Đồng ý / tổng số phiếu", "Tỷ lệ",
                "Hình thức đề nghị")
VOTE_WIDTHS_MM = (10, 55, 35, 20, 45)
COUNCIL = "Hội đồng Thi đua – Khen thưởng"


@dataclass(frozen=True)
class Nominee:
    """A participant the council voted on, in the words the papers print."""

    name: str
    achievement: str  # "Chỉ tiêu đạt, vượt: 1/1 (100%); …"
    criteria: str  # "5/6"
    verdict: str
    votes: str  # "7/9"
    share: str  # "77,8%"
    proposed: str
    note: str  # the decision, when there is one


@dataclass(frozen=True)
class AwardPapers:
    issuer: Issuer
    place: str
    movement: str
    as_of: date
    met_on: date | None  # the day the council voted (its meeting)
    nominees: list[Nominee]
    signature: Signature


def _header(doc: DocumentObject, p: AwardPapers, kind: str, summary: str) -> None:
    """Issuer and Quốc hiệu side by side (as the reports), then the paper's name."""
    table = doc.add_table(rows=1, cols=2)
    layout._no_borders(table)
    layout._fixed(table, layout.HEADER_WIDTHS_MM)
    left, right = table.rows[0].cells
    layout._first_paragraph(left, layout._body_name(p.issuer.body), bold=True)
    layout._rule(left, 25, layout.HEADER_WIDTHS_MM[0])
    layout._first_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", align="center", size=13, bold=True)
    layout._rule(right, 60, layout.HEADER_WIDTHS_MM[1])
    day = p.met_on or p.as_of
    para(right, f"{p.place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}", align="center",
         size=13, italic=True)
    para(doc)
    para(doc, kind, align="center", size=14, bold=True)
    para(doc, summary, align="center", size=14, bold=True)
    para(doc, f"(Số liệu theo dõi đến ngày {p.as_of:%d/%m/%Y})", align="center", size=14,
         italic=True)
    para(doc)


def _signatures(doc: DocumentObject, left: tuple[str, ...], right: tuple[str, ...],
                name: str | None) -> None:
    """Two signature blocks side by side (the right one with the signer's name), kept
    on one page."""
    para(doc).paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=2)
    layout._no_borders(table)
    layout._fixed(table, layout.CLOSING_WIDTHS_MM)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        layout._first_paragraph(cell, lines[0] if lines else "", 14, bold=True)
        for line in lines[1:]:
            para(cell, line, align="center", size=14, bold=True)
        for _ in range(4):
            para(cell)
    para(table.rows[0].cells[1], name or "", align="center", size=14, bold=True)


def _new() -> DocumentObject:
    doc = Document()
    layout._page_and_fonts(doc)
    return doc


def proposals(p: AwardPapers) -> bytes:
    """Danh sách đề nghị khen thưởng: the nominees whose vote carried, with what the
    register says they achieved, their votes and the reward form proposed."""
    doc = _new()
    _header(doc, p, "DANH SÁCH", f"Đề nghị khen thưởng {_lower(p.movement)}")
    table = layout._grid(doc, PROPOSAL_COLUMNS, PROPOSAL_WIDTHS_MM)
    for n, x in enumerate(p.nominees, start=1):
        layout._row(table, [str(n), x.name, x.achievement, f"{x.votes} ({x.share})",
                            x.proposed, x.note], "cllcll")
    if not p.nominees:
        para(doc, "Không có tập thể, cá nhân nào được Hội đồng đề nghị.", italic=True)
    para(doc, f"Danh sách có {len(p.nominees)} tập thể, cá nhân./.", italic=True)
    sig = p.signature
    _signatures(doc, (), tuple(x.upper() for x in (sig.on_behalf, sig.position) if x),
                sig.name)
    return document_bytes(doc.save)


def minutes(p: AwardPapers) -> bytes:
    """Biên bản họp Hội đồng Thi đua – Khen thưởng: the criteria each nominee met, the
    votes, and what the council proposes."""
    doc = _new()
    _header(doc, p, "BIÊN BẢN", f"Họp {COUNCIL} bình xét {_lower(p.movement)}")
    day = p.met_on or p.as_of
    text(doc, f"Hôm nay, ngày {day:%d/%m/%Y}, tại trụ sở {p.issuer.body}, {COUNCIL} họp "
              f"bình xét thi đua {_lower(p.movement)}, căn cứ số liệu theo dõi thực hiện "
              f"kế hoạch đến ngày {p.as_of:%d/%m/%Y}.")
    heading(doc, "I. KẾT QUẢ ĐÁNH GIÁ TIÊU CHÍ")
    table = layout._grid(doc, CRITERIA_COLUMNS, CRITERIA_WIDTHS_MM)
    for n, x in enumerate(p.nominees, start=1):
        layout._row(table, [str(n), x.name, x.criteria, x.verdict], "clcl")
    heading(doc, "II. KẾT QUẢ BỎ PHIẾU")
    table = layout._grid(doc, VOTE_COLUMNS, VOTE_WIDTHS_MM)
    for n, x in enumerate(p.nominees, start=1):
        layout._row(table, [str(n), x.name, x.votes, x.share, x.proposed], "clccl")
    carried = sum(1 for x in p.nominees if x.proposed)
    text(doc, f"Hội đồng thống nhất đề nghị khen thưởng {carried} tập thể, cá nhân có "
              "tên trong danh sách kèm theo. Biên bản đã được thông qua tại cuộc họp./.")
    _signatures(doc, ("THƯ KÝ HỘI ĐỒNG",), ("CHỦ TỊCH HỘI ĐỒNG",), p.signature.name)
    return document_bytes(doc.save)


def _lower(name: str) -> str:
    return name[:1].lower() + name[1:]
