"""Paragraphs of a report DOCX: runs in the Normal style, body text and headings as NĐ 30
sets them (justified, first line indented 10 mm, 6 pt between paragraphs)."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

NO_BREAK_HYPHEN = "\u2011"  # in the model text (reports.frame.TERM_DASH); w:noBreakHyphen here


def run(p: Paragraph, text: str, *, bold: bool = False, italic: bool = False,
        size: float | None = None, underline: bool = False) -> None:
    """`text` added to `p` as one run, a term's non-breaking hyphen as Word's own."""
    # the font comes from the Normal style (every script): setting it per run costs a
    # third of the layout time of a 140-item report and changes nothing
    first, *rest = text.split(NO_BREAK_HYPHEN)
    piece = p.add_run(first)
    for part in rest:  # Word's own non-breaking hyphen, which every font draws as "-"
        piece._r.append(OxmlElement("w:noBreakHyphen"))
        piece.add_text(part)
    if bold:
        piece.bold = True
    if italic:
        piece.italic = True
    if underline:
        piece.underline = True
    if size:
        piece.font.size = Pt(size)


def para(where: DocumentObject | _Cell, words: str = "", *, align: str = "left",
         size: float | None = None, **style: bool) -> Paragraph:
    """A new paragraph in `where` (the document or a cell) holding `words`."""
    p = where.add_paragraph()
    p.alignment = getattr(WD_ALIGN_PARAGRAPH, align.upper())
    if words:
        run(p, words, size=size, **style)
    return p


def heading(doc: DocumentObject, words: str, *, italic: bool = False) -> None:
    """A bold heading of the body ('I. KẾT QUẢ THỰC HIỆN'; italic for 'a) …')."""
    p = para(doc, words, align="justify", bold=True, italic=italic)
    p.paragraph_format.first_line_indent = Mm(10)
    p.paragraph_format.space_before = Pt(6)


def text(doc: DocumentObject, words: str) -> Paragraph:
    """A paragraph of body text."""
    p = para(doc, words, align="justify")
    p.paragraph_format.first_line_indent = Mm(10)
    p.paragraph_format.space_after = Pt(6)  # NĐ 30: at least 6 pt between paragraphs
    return p
