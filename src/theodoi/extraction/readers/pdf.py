"""PDF reader: the text layer in reading order, pages joined, running headers/footers removed.

Word exports repeat the letterhead, a footer line and the page number on every page; a line
seen at the top or bottom of many pages (digits ignored) is furniture, not content.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

# at the top, not in the function that reads: `readers.preload` imports this module in the
# process that forks a child for each file, and a child that found PDFium unloaded took
# about 40 ms (CPU) to load it, a third of the time of a 20-page plan
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from theodoi.domain.text import squash
from theodoi.extraction.errors import FileTooLarge, NoTextLayer, UnreadableFile
from theodoi.extraction.readers import limits, ocr, pdf_columns, pdf_lines, pdf_tables
from theodoi.extraction.readers.legacy import looks_tcvn3, tcvn3_to_unicode
from theodoi.extraction.rules.document import PAGE_NUMBER
from theodoi.extraction.source import SourceText, TextBuilder
from theodoi.extraction.tables import with_text_tables
from theodoi.extraction.warnings import CODES, Warning, warn

FOLD_DIGITS_BELOW = 40  # characters
EDGE_LINES = 3          # lines at the top and the bottom of a page that may be furniture
MIN_SHARE = 0.5         # a line on at least half of the pages (and on 3 or more) repeats
BROKEN = re.compile(r"[^\W_]-\s*$")  # a word or symbol broken after a hyphen, no space
DIGITS = re.compile(r"\d+")  # compiled once: re.sub looked it up in re's cache per line


def _key(line: str) -> str:
    """Compare lines with whitespace folded; in short lines ("Trang 3", "- 3/12 -") numbers
    change from page to page, so they are folded too."""
    folded = squash(line)
    return DIGITS.sub("#", folded) if len(folded) < FOLD_DIGITS_BELOW else folded


Boxes = list[list[pdf_lines.Box | None]]


def page_texts(data: bytes, name: str) -> tuple[list[str], Boxes, bool]:
    """Text of every page, line breaks as \\n, and where each of its lines stands (None for
    a table's row; none at all for OCR's text); within the page and text limits."""
    limits.check_pdf_streams(data, name)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableFile("tệp PDF có mật khẩu; hãy mở khóa rồi tải lại.",
                                 subject=name) from exc
        raise UnreadableFile("tệp PDF bị hỏng, không mở được.", subject=name) from exc
    try:
        pages, boxes = _pages(pdf, data, name)
        if not any(t.strip() for t in pages):
            exe = ocr.tesseract_with_vietnamese()
            if exe:
                return ocr.ocr_pages(pdf, exe), [], True
        return pages, boxes, False
    except pdfium.PdfiumError as exc:  # a page or its text that PDFium cannot load
        raise UnreadableFile("tệp PDF bị hỏng, không đọc được nội dung trang.",
                             subject=name) from exc
    finally:
        pdf.close()


def _pages(pdf: Any, data: bytes, name: str) -> tuple[list[str], Boxes]:
    """The text of each page and its lines' boxes, refusing too many pages or
    pages/documents with too much text before the text is copied out of PDFium."""
    count = len(pdf)
    if count > limits.MAX_PDF_PAGES:
        raise FileTooLarge(f"tệp PDF có {count} trang, quá giới hạn {limits.MAX_PDF_PAGES} "
                           "trang.", subject=name)
    pages: list[str] = []
    boxes: Boxes = []
    total = 0
    carried = None  # the columns of a borderless table going on from the page before
    for number in range(count):
        page = pdf[number]
        objects = pdfium_c.FPDFPage_CountObjects(page.raw)
        if objects > limits.MAX_PAGE_OBJECTS:
            raise FileTooLarge(f"trang {number + 1} của tệp PDF có {objects} đối tượng, quá "
                               f"giới hạn {limits.MAX_PAGE_OBJECTS} (tệp hỏng hoặc độc hại).",
                               subject=name)
        textpage = page.get_textpage()
        chars = textpage.count_chars()
        if chars > limits.MAX_PAGE_CHARS:
            raise FileTooLarge(f"trang {number + 1} của tệp PDF có {chars} ký tự, quá giới "
                               f"hạn {limits.MAX_PAGE_CHARS} (tệp hỏng hoặc độc hại).",
                               subject=name)
        total += chars
        limits.check_text(total, len(data), name)
        # a table's rows, a line each with its cells apart (bordered: pdf_tables; without
        # borders: pdf_columns)
        lines: list[str] = []
        found: list[pdf_lines.Box | None] = []
        width = page.get_width()
        listed = pdf_tables.with_tables(page, textpage, textpage.get_text_range())
        listed, carried = pdf_columns.with_columns(textpage, listed, carried)
        for line, start in listed:
            line = line.rstrip("\r")
            if "\r" in line:  # a lone \r breaks a line too; where its parts stand is unread
                parts = line.replace("\ufffe", "").split("\r")
                lines += parts
                found += [None] * len(parts)
                continue
            found.append(None if start is None else pdf_lines.line_box(textpage, start, line,
                                                                      width))
            # PDFium joins a word hyphenated at a line end itself and leaves U+FFFE where the
            # hyphen was; the printed word has none
            lines.append(line.replace("\ufffe", "") if "\ufffe" in line else line)
        pages.append("\n".join(lines))
        boxes.append(found)
        textpage.close()
        page.close()
    return pages, boxes


def furniture(pages: list[list[str]]) -> set[str]:
    """Keys of lines that repeat at page edges: running headers, footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = lines[:EDGE_LINES] + lines[-EDGE_LINES:]
        counts.update({_key(ln) for ln in edge if ln.strip()})
    return {k for k, n in counts.items() if n >= max(3, MIN_SHARE * len(pages))}


def content_lines(pages: list[list[str]]) -> tuple[list[tuple[int, int, str]], int]:
    """(page, line index, line) of every line that is not page furniture; and how many were."""
    repeated = furniture(pages)
    kept, dropped = [], 0
    for number, lines in enumerate(pages, start=1):
        for i, line in enumerate(lines):
            at_edge = i < EDGE_LINES or i >= len(lines) - EDGE_LINES
            if at_edge and (_key(line) in repeated or PAGE_NUMBER.match(line)) and line.strip():
                dropped += 1
                continue
            kept.append((number, i, line))
    return kept, dropped


def rejoin(lines: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join words broken at a line end: 'phát trié-' + 'n' loses the hyphen; a symbol broken
    after its hyphen ('4121-' + 'KL/TU') keeps it."""
    out: list[tuple[int, int, str]] = []
    for number, i, line in lines:
        # the cheap test first: a line that ends in no hyphen is no broken word
        if out and out[-1][2].rstrip().endswith("-") and BROKEN.search(out[-1][2]) and \
                line.strip():
            prev_number, prev_i, prev = out[-1]
            head = prev.rstrip()
            rest = line.lstrip()
            if rest[:1].islower() and head[-2:-1].isalpha():
                out[-1] = (prev_number, prev_i, head[:-1] + rest)
                continue
            if rest[:1].isupper() or rest[:1].isdigit():
                out[-1] = (prev_number, prev_i, head + rest)
                continue
        out.append((number, i, line))
    return out


def read(data: bytes, name: str) -> SourceText:
    """Read a PDF's text layer; raise NoTextLayer for a scan."""
    texts, boxes, scanned = page_texts(data, name)
    if not any(t.strip() for t in texts):
        raise NoTextLayer(CODES["W003"], subject=name)
    legacy = looks_tcvn3("\n".join(texts))
    if legacy:  # a document typed in .VnTime keeps TCVN3 codes in its PDF text layer
        texts = [tcvn3_to_unicode(t) for t in texts]
    pages = [t.split("\n") for t in texts]
    kept, dropped = content_lines(pages)
    builder = TextBuilder()
    placed = {(number, i): box for number, found in enumerate(boxes, start=1)
              for i, box in enumerate(found) if box is not None}
    lines = pdf_tables.across_pages(rejoin(kept))
    # a table's row has no box: the rows of a table going on over a page break are numbered
    # on from the page before, and may take the number of a line of the page that has one
    column = [None if pdf_tables.SEPARATOR in line else placed.get((number, i))
              for number, i, line in lines]
    builder.add_page_lines(pdf_lines.joined(lines, column))
    warnings: list[Warning] = [warn("W005", count=dropped)] if dropped else []
    if legacy:
        warnings.append(warn("W001", encoding="TCVN3 (ABC)"))
    if scanned:
        warnings.append(warn("W004"))
    full = builder.text()
    # a bordered table's rows came out of pdf_tables as tab lines: read them as cells (not
    # " | " lines: in a PDF those are a paragraph that prints a table as text, wrapped; nor a
    # cell a line, as a text export's: a page number or a wrapped cell breaks that layout)
    blocks = with_text_tables(full, builder.blocks, tabs_only=True)
    return SourceText(full, "pdf", blocks, warnings, pages=len(pages))
