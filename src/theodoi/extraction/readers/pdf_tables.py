"""Tables in a PDF's text layer, read between their rules.

A Word or LibreOffice table printed with its borders is drawn as thin filled rules. PDFium's
text of the page runs a row's cells together ("1 Tổng giá trị sản xuất Tỷ đồng 1.250 Phòng
Kinh tế") and interleaves the lines of cells that wrap ("Phòng Văn⏎hóa - Xã hội" after the
row's other cells), so which figure is whose is lost. Here the rules give the grid: each row
band between two horizontal rules, cut at the vertical rules that cross that band (a merged
cell has none inside it), and each cell's text is what PDFium holds inside its rectangle.
The page's lines that stand inside a grid are replaced by its rows, one line a row with the
cells joined by tabs, as a Word table saved as text gives them, so the table readers that
read text exports read a PDF's tables too.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import pypdfium2.raw as pdfium_c

from theodoi.domain.text import squash
from theodoi.extraction.rules.document import LAYOUT_TABLE

THIN = 2.5       # pt: a rule is at most this thick ("0.5 pt" borders are drawn ~1 pt wide)
LONG = 6.0       # pt: and at least this long (shorter marks are glyph parts, bullets)
NEAR = 2.5       # pt: rules this close touch, or mark one cut
MIN_COLUMNS = 2  # a box around a paragraph is no table
MAX_RULES = 5000  # a page drawn with more thin lines than any table has is not read as tables
PATH = pdfium_c.FPDF_PAGEOBJ_PATH
SEPARATOR = "\t"  # PDFium's text has no tab: a tab line is a row read here, never prose


@dataclass
class Rule:
    """A rule's rectangle in page points (PDF coordinates: y grows upwards)."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def vertical(self) -> bool:
        return self.right - self.left <= THIN

    def touches(self, other: Rule) -> bool:
        return (self.left - NEAR <= other.right and other.left - NEAR <= self.right
                and self.bottom - NEAR <= other.top and other.bottom - NEAR <= self.top)


@dataclass
class Grid:
    """One table's rules."""

    rules: list[Rule] = field(default_factory=list)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (min(r.left for r in self.rules), min(r.bottom for r in self.rules),
                max(r.right for r in self.rules), max(r.top for r in self.rules))

    def holds(self, x: float, y: float) -> bool:
        left, bottom, right, top = self.box
        return left - NEAR <= x <= right + NEAR and bottom - NEAR <= y <= top + NEAR

    def bands(self) -> list[tuple[float, float]]:
        """(top, bottom) of each row band, from the top of the page down."""
        ys = _cuts([(r.bottom + r.top) / 2 for r in self.rules if not r.vertical])
        return [(top, bottom) for top, bottom in pairwise(sorted(ys, reverse=True))]

    def columns(self, top: float, bottom: float) -> list[float]:
        """The x of each vertical rule that crosses the band from `top` to `bottom`."""
        return _cuts([(r.left + r.right) / 2 for r in self.rules if r.vertical
                      and r.bottom <= bottom + NEAR and r.top >= top - NEAR])


def _cuts(values: list[float]) -> list[float]:
    """`values` sorted, those within NEAR of the one before them dropped."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > NEAR:
            out.append(v)
    return out


def page_rules(page: Any) -> list[Rule]:
    """The thin, long path objects at a page's top level: table borders, underlines. Read
    through PDFium's own calls: wrapping each of a page's objects (mostly text) in a Python
    object first cost a seventh of the reader's time on pages with no table."""
    found = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw, get_object, get_type = page.raw, pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):  # mostly text: two calls each
        obj = get_object(raw, i)
        if get_type(obj) != PATH or not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right,
                                                                         top):
            continue
        width, height = right.value - left.value, top.value - bottom.value
        if (width <= THIN < height and height >= LONG) or (height <= THIN < width
                                                            and width >= LONG):
            found.append(Rule(left.value, bottom.value, right.value, top.value))
    return found


def grids(rules: list[Rule]) -> list[Grid]:
    """The rules grouped by touch into tables with at least MIN_COLUMNS columns in a row
    band (none for a page of more than MAX_RULES). Word draws a table's borders cell by
    cell, a few hundred segments for a long table: each rule is compared only with those in
    the same BUCKET-point squares of the page, and groups are joined as a union-find."""
    if len(rules) > MAX_RULES:
        return []
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[int, int], list[int]] = {}
    for i, rule in enumerate(rules):
        for key in _squares(rule):
            for j in buckets.get(key, []):
                if root(i) != root(j) and rule.touches(rules[j]):
                    parent[root(i)] = root(j)
            buckets.setdefault(key, []).append(i)
    groups: dict[int, Grid] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), Grid()).rules.append(rule)
    return [g for g in groups.values() if any(
        len(g.columns(top, bottom)) - 1 >= MIN_COLUMNS for top, bottom in g.bands())]


BUCKET = 24.0  # pt


def _squares(rule: Rule) -> list[tuple[int, int]]:
    """The BUCKET-point squares a rule (widened by NEAR) lies in."""
    xs = range(int((rule.left - NEAR) // BUCKET), int((rule.right + NEAR) // BUCKET) + 1)
    ys = range(int((rule.bottom - NEAR) // BUCKET), int((rule.top + NEAR) // BUCKET) + 1)
    return [(x, y) for x in xs for y in ys]


def grid_rows(textpage: Any, grid: Grid) -> list[str]:
    """Each row band's cells, read inside their rectangles and joined by tabs."""
    rows = []
    for top, bottom in grid.bands():
        cuts = grid.columns(top, bottom)
        # the rectangle a little inside the rules: PDFium gives every character whose box
        # reaches into it, and a capital's marks ("Ả", "Ễ") from the line below reach up
        cells = [cell_text(textpage.get_text_bounded(left=a + NEAR, bottom=bottom + NEAR,
                                                     right=b - NEAR, top=top - NEAR))
                 for a, b in pairwise(cuts)]
        if any(cells):
            rows.append(SEPARATOR.join(cells))
    return rows


def cell_text(text: str) -> str:
    """A cell's text on one line. A narrow column breaks a long figure where it ran out of
    room ("Trước 15/10/202⏎6"): a line ending inside a figure with a separator in it (a
    date, "1.25") goes on with the next line's digits without a space, and so does a word
    whose last letters went to the next line (BROKEN_WORD); any other line break is a space
    ("Năm 2026⏎2027" stays two figures)."""
    return squash(BROKEN_WORD.sub("", BROKEN_FIGURE.sub(r"\1", text)))


BROKEN_FIGURE = re.compile(r"(\d+(?:[/.,]\d+)*[/.,]\d*)[^\S\n]*\r?\n[^\S\n]*(?=\d)")
# A word too long for its column goes on at the next line's start ("Tỷ lệ trườn⏎g đạt
# chuẩn"): there a run of small consonants with no vowel, which no Vietnamese syllable is,
# is the end of the word before it (after a letter: "12⏎km" stays a figure and its unit)
BROKEN_WORD = re.compile(r"(?<=[^\W\d_])[^\S\n]*\r?\n[^\S\n]*"
                         r"(?=[bcdđghklmnpqrstvxfjwz]+(?![^\W_]))")


def with_tables(page: Any, textpage: Any, text: str) -> list[tuple[str, int | None]]:
    """The lines of the page's `text` (PDFium's, one character for each of its characters),
    each with the offset it starts at, where the lines standing inside a table's grid are
    replaced by the table's rows (offset None), where its first line was; a grid that lays
    out the letterhead or the signature (rules.document.LAYOUT_TABLE) keeps its lines, which
    the document stage reads one by one."""
    read = [(grid, grid_rows(textpage, grid)) for grid in grids(page_rules(page))]
    tables = [(grid, rows) for grid, rows in read
              if not any(LAYOUT_TABLE.search(row) for row in rows)]
    found = [grid for grid, _ in tables]
    out: list[tuple[str, int | None]] = []
    placed: set[int] = set()
    start = 0
    for line in text.split("\n"):
        inside = _grid_of(textpage, found, start, line) if found else None
        if inside is None:
            out.append((line, start))
        elif inside not in placed:
            placed.add(inside)
            out.extend((row, None) for row in tables[inside][1])
        start += len(line) + 1
    return out


def _grid_of(textpage: Any, found: list[Grid], start: int, line: str) -> int | None:
    """Which grid the line starting at character `start` stands in, by its first visible
    character's centre; None outside every grid."""
    offset = len(line) - len(line.lstrip())
    if offset == len(line):
        return None
    left, bottom, right, top = textpage.get_charbox(start + offset)
    x, y = (left + right) / 2, (bottom + top) / 2
    return next((k for k, g in enumerate(found) if g.holds(x, y)), None)


def across_pages(lines: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(page, index, line) with the tables that go on over a page break kept one: a row that
    the break split is joined back (the page's first row, its first cell empty, goes on with
    the last row of the page before when both have as many cells: "5 | Thu ngân | … |
    Phòng Kinh" + " | sách nhà nước … | … | tế"; a cell's two parts as a cell's lines:
    "Tỷ lệ trườn" + "g đạt chuẩn"), and the rows that open a page after a row with as many
    cells are numbered on from it (the table readers start a new table where the line
    numbers jump, and the rows after the break have no header row of their own)."""
    out: list[tuple[int, int, str]] = []
    shift = 0  # added to the indices of a page's first rows while they go on with a table
    for page, index, line in lines:
        before = out[-1] if out else None
        cells = line.split(SEPARATOR) if SEPARATOR in line else []
        same = bool(before and cells and len(before[2].split(SEPARATOR)) == len(cells))
        if before and before[0] != page and same:
            if not cells[0].strip():
                joined = [cell_text(f"{a}\n{b}") for a, b in
                          zip(before[2].split(SEPARATOR), cells, strict=True)]
                out[-1] = (before[0], before[1], SEPARATOR.join(joined))
                shift = before[1] - index
                continue
            shift = before[1] + 1 - index
        elif not (same and shift):
            shift = 0
        out.append((page, index + shift, line))
    return out
