"""DOCX reader: body paragraphs and table cells in reading order, Word numbering written out.

Word keeps "1.", "a)", "-" of automatic lists outside the text, in numbering.xml; a reader
of the printed page sees them, and the outline stage needs them, so they are rendered here.
"""

from __future__ import annotations

import io

# at the top, not in `read`: `readers.preload` imports this module in the process that forks
# a child for each file, so the child finds python-docx (and lxml) loaded
from docx import Document

from theodoi.extraction.errors import UnreadableFile
from theodoi.extraction.readers import limits
from theodoi.extraction.readers.legacy import tcvn3_run, vni_to_unicode
from theodoi.extraction.readers.numbering import Numbering
from theodoi.extraction.source import Block, SourceText, TextBuilder
from theodoi.extraction.tables import with_text_tables
from theodoi.extraction.warnings import warn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip(data: bytes, name: str) -> limits.Package:
    """Unpack the package within the limits (readers/limits.py), refusing corrupt zips, zip
    bombs (whatever their headers claim) and parts that declare a DTD."""
    return limits.unpack(data, name, "Word")


def read(data: bytes, name: str) -> SourceText:
    """Read a .docx into SourceText: one block per paragraph, one per table cell."""
    package = check_zip(data, name)
    if "word/document.xml" not in package.parts:
        raise UnreadableFile("tệp Word thiếu phần nội dung (word/document.xml).", subject=name)
    numbering = Numbering.from_package(package, name)
    try:
        # the parts were unpacked within the limits above, so python-docx's own unpacking
        # of the same bytes is bounded too; its parser resolves no entities
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on broken files; re-raised
        raise UnreadableFile("không đọc được nội dung tệp Word (tệp hỏng?).",
                             subject=name) from exc
    builder = TextBuilder()
    legacy: set[str] = set()
    counters = [0, 0]
    _walk(document.element.body, builder, numbering, counters, legacy)
    limits.check_text(builder.length, len(data), name)
    warnings = [warn("W007", font=", ".join(sorted(legacy)))] if legacy else []
    text = builder.text()
    # a table pasted as text ("TT | Nội dung | Cơ quan chủ trì | | 1 | …") is read as cells
    # too, numbered after the Word tables
    blocks = with_text_tables(text, builder.blocks, first_table=counters[1])
    return SourceText(text, "docx", blocks, warnings)


# Elements here are python-docx's lxml elements: lxml ships no types, so they are `object`
# and each call of an lxml method carries `type: ignore[attr-defined]`.
def run_font(t: object) -> str:
    """The font of the run holding text element `t` ('' when the run names none)."""
    run = t.getparent()  # type: ignore[attr-defined]
    fonts = run.find(f"{W}rPr/{W}rFonts") if run is not None else None
    if fonts is None:
        return ""
    return str(fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi") or "")


def para_text(p: object, legacy: set[str] | None = None) -> str:
    """Text of a paragraph as printed: w:t text, w:tab as a tab, w:br/w:cr as a line break.

    Runs in TCVN3 fonts (.VnTime, .VnTimeH …) are converted; their names go into `legacy`.
    """
    parts = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):  # type: ignore[attr-defined]
        if el.tag == f"{W}t":
            font = run_font(el)
            text = el.text or ""
            if font.startswith(".Vn"):
                text = tcvn3_run(text, capitals=font.endswith("H"))
                if legacy is not None:
                    legacy.add(font)
            elif font.upper().startswith("VNI"):
                text = vni_to_unicode(text)
                if legacy is not None:
                    legacy.add(font)
            parts.append(text)
        elif el.getparent().tag == f"{W}r":  # not a tab stop definition in w:pPr/w:tabs
            parts.append("\t" if el.tag == f"{W}tab" else "\n")
    return "".join(parts)


def _walk(body: object, builder: TextBuilder, numbering: Numbering, counters: list[int],
          legacy: set[str]) -> None:
    """Append paragraphs and tables of `body` in document order. counters: [paragraph, table]."""
    for child in body:  # type: ignore[attr-defined]
        if child.tag == f"{W}p":
            _paragraph(child, builder, numbering, counters, legacy)
        elif child.tag == f"{W}tbl":
            _table(child, builder, numbering, counters, legacy)


def _paragraph(p: object, builder: TextBuilder, numbering: Numbering,
               counters: list[int], legacy: set[str]) -> None:
    text = para_text(p, legacy)
    label = numbering.label_for(p)
    if label and text.strip():
        text = f"{label} {text.lstrip()}"
    if builder.length:
        builder.raw("\n")
    builder.add(text, kind="paragraph", paragraph=counters[0])
    counters[0] += 1


def _table(tbl: object, builder: TextBuilder, numbering: Numbering, counters: list[int],
           legacy: set[str]) -> None:
    table_no = counters[1]
    counters[1] += 1
    for r, row in enumerate(tbl.iter(f"{W}tr")):  # type: ignore[attr-defined]
        for c, cell in enumerate(row.findall(f"{W}tc")):
            paragraphs = cell.findall(f"{W}p")
            lines = []
            for p in paragraphs:
                text = para_text(p, legacy)
                label = numbering.label_for(p)
                lines.append(f"{label} {text}" if label and text.strip() else text)
            if builder.length:
                builder.raw("\n")
            text = "\n".join(lines).strip("\n")
            merge = cell.find(f"{W}tcPr/{W}vMerge")
            merged = merge is not None and merge.get(f"{W}val") != "restart"
            if not builder.add(text, kind="cell", table=table_no, row=r, col=c, merged=merged):
                # an empty cell keeps its place, so the cells after it stay under their header
                builder.blocks.append(Block(builder.length, builder.length, kind="cell",
                                            table=table_no, row=r, col=c, merged=merged))
