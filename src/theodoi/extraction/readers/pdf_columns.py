"""Tables printed without borders, read from where their text stands and the order it was drawn.

A Word or LibreOffice table whose borders are hidden leaves pdf_tables no rules to read. Its
cells still stand in columns, and both programs draw a table cell by cell, row by row, each
cell's lines top down. PDFium's text follows that order and runs together what stands on
one line ("Tỷ đồng 1.250 Phòng Kinh⏎tế": two cells and the first line of a third), so which
figure is whose is lost. Here the page's text runs (PDFium's rectangles, one for each piece
of text drawn at once) are walked in the order they were drawn:

- a run on the same line as the one before, past a gap wider than a word space, starts a
  new cell of the row; one close after it goes on with the cell's line;
- a run on the next line down that stands under the cell's last line, and not over the
  cell before it, goes on with the cell;
- a run back up on the row's first line, to the right of the cell, starts the next cell;
- a run below the whole row, to the left of the cell, starts the next row.

A run of rows with two cells or more each, whose cells keep to columns (no cell of one
column reaches into another's), is a table; its lines are replaced by its rows, a line a row
with the cells joined by tabs, as pdf_tables gives a bordered table's. A letterhead or a
signature laid out side by side (rules.document.LAYOUT_TABLE) keeps its lines, and so does
anything that breaks the pattern: the lines are then read as before.
"""

from __future__ import annotations

import ctypes
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median
from typing import Any

import pypdfium2.raw as pdfium_c

from theodoi.extraction.readers.pdf_tables import SEPARATOR, cell_text
from theodoi.extraction.rules.document import LAYOUT_TABLE, PAGE_NUMBER

GAP = 0.6          # line heights: a gap this wide on a line parts two cells (a word space,
                   # even a justified line's, is a fraction of the font's height)
SAME_LINE = 0.5    # of the shorter run's height: two runs overlapping this much share a line
NEXT_LINE = 2.5    # line heights: a cell's next line stands at most this far below its last
MIN_ROWS = 2       # a header and one row, or two rows
MIN_CELLS = 2      # cells in a row of a table (one cell is a paragraph)
MIN_LONE_CELLS = 3  # cells of a header row alone at a page's bottom (its table goes on)
MIN_COLUMNS = 3    # a list's labels and its items' hanging lines stand in two columns; the
                   # table readers read a row of three cells or more (tables.MIN_SEPARATORS)
LABEL = 2.0        # line heights: a run this narrow before a gap may be a list's label
MAX_RUNS = 3000    # a page drawn in more pieces than this is not walked (no table has)


@dataclass(slots=True)
class Run:
    """A piece of text drawn at once: its rectangle (PDF points, y upwards)."""

    left: float
    top: float
    right: float
    bottom: float
    order: int  # where it was drawn: its index among the page's runs
    height: float = 0.0

    def __post_init__(self) -> None:
        self.height = self.top - self.bottom

    def beside(self, other: Run) -> bool:
        """Whether the two runs stand on one line (their heights overlap enough)."""
        top = self.top if self.top < other.top else other.top
        bottom = self.bottom if self.bottom > other.bottom else other.bottom
        height = self.height if self.height < other.height else other.height
        return top - bottom > SAME_LINE * height


@dataclass(slots=True)
class Cell:
    """A cell's lines, each a list of runs on one line, and how far they reach (kept as
    runs are added: a paragraph walked into one cell has many lines)."""

    lines: list[list[Run]]
    left: float
    right: float
    bottom: float

    @classmethod
    def at(cls, run: Run) -> Cell:
        return cls([[run]], run.left, run.right, run.bottom)

    def add(self, run: Run, new_line: bool) -> None:
        """Add `run` to the cell: at the end of its last line, or as a new line."""
        if new_line:
            self.lines.append([run])
            self.bottom = run.bottom
        else:
            self.lines[-1].append(run)
            self.bottom = min(self.bottom, run.bottom)
        self.left, self.right = min(self.left, run.left), max(self.right, run.right)

    def keep(self, lines: list[list[Run]]) -> None:
        """Keep only `lines` of the cell's (its last among them)."""
        self.lines = lines
        self.left = min(run.left for line in lines for run in line)
        self.right = max(run.right for line in lines for run in line)
        self.bottom = min(run.bottom for run in lines[-1])


@dataclass
class Row:
    """A row's cells, left to right; `opens` when lines walked into its first cell before
    it were no part of it (a table's first row)."""

    cells: list[Cell] = field(default_factory=list)
    opens: bool = False

    @property
    def top_line(self) -> Run:
        """A run of the row's first line (its cells' first lines stand on it)."""
        return self.cells[-1].lines[0][0] if len(self.cells) > 1 else self.cells[0].lines[0][0]

    def ends_with(self, run: Run) -> bool:
        """Whether `run` is on the last line of the row's last cell."""
        return any(other.order == run.order for other in self.cells[-1].lines[-1])


def page_runs(textpage: Any) -> list[Run]:
    """The page's text runs in the order they were drawn (PDFium's text rectangles, one for
    each text object's part of a line); none for a page of more than MAX_RUNS."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountRects(raw, 0, pdfium_c.FPDFText_CountChars(raw))
    if count > MAX_RUNS:
        return []
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    runs: list[Run] = []
    for i in range(count):
        if pdfium_c.FPDFText_GetRect(raw, i, left, top, right, bottom) and \
                top.value > bottom.value:
            runs.append(Run(left.value, top.value, right.value, bottom.value, len(runs)))
    return runs


Span = tuple[float, float]  # a column's left and right ends


@dataclass
class Table:
    """Rows that may be a table; `carried` the columns of the table on the page before that
    the page's first rows go on with."""

    rows: list[Row]
    carried: list[Span] | None = None


def rows_of(runs: list[Run], carried: list[Span] | None = None) -> list[Table]:
    """The runs walked in drawing order into rows (see the module's docstring), and the rows
    cut into the runs of rows that may be tables (`_tables`); `carried`, the columns of a
    table that went on to the page's end on the page before."""
    if not runs or (carried is None and not _may_hold_cells(runs)):
        return []
    height = median(run.height for run in runs)
    gap = GAP * height
    rows: list[Row] = [Row([Cell.at(runs[0])])]
    for run in runs[1:]:
        row = rows[-1]
        cell = row.cells[-1]
        last = cell.lines[-1][-1]
        if run.beside(last) and run.left >= last.right - 1.0:
            if run.left - last.right < gap:
                cell.add(run, new_line=False)  # the cell's line goes on
                continue
            opened = _new_cell(row, run)
        elif run.top < last.bottom and last.bottom - run.top < NEXT_LINE * height and \
                run.left < last.right + gap and run.right > last.left - gap and \
                (len(row.cells) == 1 or run.left > row.cells[-2].right):
            cell.add(run, new_line=True)  # the cell's next line (not over the cell before)
            continue
        elif run.beside(row.top_line) and run.left >= cell.right:
            opened = _new_cell(row, run)
        else:
            opened = Row([Cell.at(run)])
        if opened:
            rows.append(opened)
    return _tables(rows, runs[-1], carried)


def _may_hold_cells(runs: list[Run]) -> bool:
    """Whether any run stands above the one drawn before it, or beside it past a cell's gap
    when that one is no list's label ("a)", "1.", "•": a hanging indent's label stands so):
    a page of prose, its runs going down line by line, is not walked."""
    if len(runs) < MIN_ROWS * MIN_COLUMNS:
        return False
    gap = GAP * median(run.height for run in runs)
    return any(run.bottom > last.top or (run.left - last.right >= gap and run.beside(last)
                                         and last.right - last.left > LABEL * last.height)
               for last, run in pairwise(runs))


def _tables(rows: list[Row], last: Run, carried: list[Span] | None) -> list[Table]:
    """The runs of rows of MIN_CELLS cells or more that may be tables: MIN_ROWS of them, or
    a table's header row alone at the page's bottom (`_heads_next_page`). A row after lines
    that are no part of it (`Row.opens`) starts a new run. The page's first row, whatever
    its cells, goes on with the `carried` table when its cells stand in that table's
    columns ("y tế", the end of a cell that the page break cut)."""
    groups: list[Table] = []
    group: list[Row] = []
    given = carried if carried and rows and _fits(rows[0], carried) else None
    for at, row in enumerate([*rows, Row()]):
        wide = len(row.cells) >= MIN_CELLS or (at == 0 and given is not None)
        if group and (not wide or row.opens):
            held = given if group[0] is rows[0] else None
            if len(group) >= MIN_ROWS or held or _heads_next_page(group, last):
                groups.append(Table(group, held))
            group = []
        if wide:
            group.append(row)
    return groups


def _heads_next_page(group: list[Row], last: Run) -> bool:
    """Whether the rows are one row at the page's bottom, the header of a table the page
    break cut (pdf_tables.across_pages joins the rest to it): it holds the page's last run,
    MIN_LONE_CELLS cells or more, and a cell of two lines or more (one line cut at wide
    spaces may be a justified line)."""
    row = group[0]
    return (len(group) == 1 and row.ends_with(last)
            and len(row.cells) >= MIN_LONE_CELLS and any(len(c.lines) > 1 for c in row.cells))


def _fits(row: Row, spans: list[Span]) -> bool:
    """Whether each of the row's cells starts inside a column of `spans`, each in its own
    (its right end may reach further: the spans are as wide as the longest text seen)."""
    at = [next((k for k, (a, b) in enumerate(spans) if a - NEAR <= cell.left <= b + NEAR),
               None) for cell in row.cells]
    return None not in at and len(set(at)) == len(at)


NEAR = 3.0  # pt: a cell this far past a column's end still stands in it


def _new_cell(row: Row, run: Run) -> Row | None:
    """Open a cell at `run` in `row`, or in a new row, which is returned. Lines of the
    row's last cell that stand above `run`'s line are no part of the row `run` belongs to
    (a heading or prose before a table, or a letterhead's column, walked into that cell):
    at the row's second cell they are dropped from its first and read as the page's lines;
    past it, the lines at and below `run`'s line leave the cell for a new row, whose
    second cell `run` opens."""
    cell = row.cells[-1]
    above = [line for line in cell.lines if line[0].bottom > run.top]
    if not above or len(above) == len(cell.lines):
        row.cells.append(Cell.at(run))
        return None
    below = cell.lines[len(above):]
    if len(row.cells) == 1:
        cell.keep(below)
        row.opens = True
        row.cells.append(Cell.at(run))
        return None
    cell.keep(above)
    first = Cell.at(below[0][0])
    first.keep(below)
    return Row([first, Cell.at(run)], opens=True)


def columns(rows: list[Row], carried: list[Span] | None = None
            ) -> tuple[list[Span], list[list[int]]] | None:
    """The table's columns, left to right, and the column of each of each row's cells.
    The columns are the spans of the cells of its fullest rows (and the `carried` columns)
    joined where they overlap; a cell of another row goes to the first column it reaches
    (a header cell over several columns, "Lộ trình thực hiện" over the years, is merged
    there). None when a row has two cells in one column (what looked like cells is prose or
    a layout this does not read) or there are fewer than MIN_COLUMNS (a list's labels and
    its items stand in two)."""
    widest = max(len(row.cells) for row in rows)
    spans: list[list[float]] = []
    cells = [(c.left, c.right) for row in rows if len(row.cells) == widest for c in row.cells]
    for left, right in sorted([*cells, *(carried or [])]):
        if spans and left <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], right)
        else:
            spans.append([left, right])
    if len(spans) < MIN_COLUMNS:
        return None
    found = [(a, b) for a, b in spans]
    placed = []
    for row in rows:
        at = [_column(found, cell) for cell in row.cells]
        if None in at or len(set(at)) != len(at):
            return None
        placed.append([k for k in at if k is not None])
    return found, placed


def _column(found: list[Span], cell: Cell) -> int | None:
    """The index of the first column the cell reaches into; None past the last."""
    return next((k for k, (_, b) in enumerate(found) if cell.left <= b), None)


class Starts:
    """Where each of a page's runs starts among its characters, found as asked (PDFium finds
    the character at a point: the run's first, a little in from its left end)."""

    def __init__(self, textpage: Any, runs: list[Run]) -> None:
        self.textpage, self.runs = textpage, runs
        self.found: dict[int, int] = {}

    def first(self, order: int) -> int:
        """The index of the first character of the page's run `order` (the page's character
        count past the last run; -1 where PDFium finds none)."""
        if order >= len(self.runs):
            return int(pdfium_c.FPDFText_CountChars(self.textpage.raw))
        if order not in self.found:
            run = self.runs[order]
            self.found[order] = pdfium_c.FPDFText_GetCharIndexAtPos(
                self.textpage.raw, run.left + min(INSET, (run.right - run.left) / 2),
                (run.top + run.bottom) / 2, TOLERANCE, TOLERANCE)
        return self.found[order]

    def text(self, line: list[Run]) -> str | None:
        """The text of a cell's line: from its first run's first character to the next run's
        (the page's text follows the runs' order); None where PDFium cannot place it."""
        first, end = self.first(line[0].order), self.first(line[-1].order + 1)
        if not 0 <= first < end:
            return None
        return str(self.textpage.get_text_range(first, end - first))


INSET = 1.0      # pt: a run's first character is looked for this far in from its left end
TOLERANCE = 2.0  # pt: and this far around that point


def _text(starts: Starts, cell: Cell) -> str | None:
    """The cell's text, its lines joined as pdf_tables joins a cell's; None where PDFium
    cannot place one of them."""
    lines = [starts.text(line) for line in cell.lines]
    if any(line is None for line in lines):
        return None
    return cell_text("\n".join(line.strip() for line in lines if line is not None))


def table_rows(starts: Starts, table: Table) -> tuple[list[str], list[Span]] | None:
    """The table's lines, a row's cells in their columns joined by tabs (an empty cell where
    a row has none in a column), and its columns; None where the rows are no table (see
    `columns`), lay out the letterhead or the signature, or PDFium cannot place a cell's
    text."""
    laid = columns(table.rows, table.carried)
    if laid is None:
        return None
    found, placed = laid
    texts = []
    for row in table.rows:
        said = [_text(starts, cell) for cell in row.cells]
        if None in said:
            return None
        texts.append([text or "" for text in said])
    grid = [dict(zip(at, said, strict=True)) for at, said in zip(placed, texts, strict=True)]
    if table.carried is None and len(grid) > 2:
        grid = _one_header(grid, len(found))
    out = [SEPARATOR.join(cells.get(k, "") for k in range(len(found))) for cells in grid]
    if any(LAYOUT_TABLE.search(line) for line in out):
        return None
    return out, found


def _one_header(grid: list[dict[int, str]], width: int) -> list[dict[int, str]]:
    """The table's rows (each its cells' texts by column), with a header of two rows made
    one as a Word file's merged header cells read: where the second row starts with no cell
    and each of its cells stands under a cell of the first that heads several columns ("Lộ
    trình thực hiện" over "Năm 2026 | … | Năm 2030"), the first of those columns is named by
    the two joined ("Lộ trình thực hiện Năm 2026"), the others by the second row alone
    ("Năm 2027"), and a cell of the first row that heads one column ("STT", "Đơn vị chủ
    trì", merged down over both rows) names it alone."""
    upper, lower = grid[0], grid[1]
    if 0 in lower or not lower or 0 not in upper:
        return grid
    starts = sorted(upper)
    heads = {k: start for start, end in zip(starts, [*starts[1:], width], strict=True)
             for k in range(start, end)}
    if any(end - start < 2 for start, end in zip(starts, [*starts[1:], width], strict=True)
           if any(start <= k < end for k in lower)):
        return grid
    one = {k: " ".join(t for t in (upper[k] if heads[k] == k else "", lower.get(k, "")) if t)
           for k in range(width)}
    return [one, *grid[2:]]


def with_columns(textpage: Any, lines: list[tuple[str, int | None]],
                 carried: list[Span] | None = None
                 ) -> tuple[list[tuple[str, int | None]], list[Span] | None]:
    """`lines` (the page's, each with the offset of its first character; None for a row
    pdf_tables read) where the lines of each borderless table are replaced by its rows
    (offset None), where its first line was; and the columns of the table that goes on to
    the page's end, for the next page (`carried`, this page's from the page before). A table
    any of whose runs PDFium cannot place in one of `lines` (it stands in a bordered grid,
    already read) is left alone."""
    runs = page_runs(textpage)
    if carried is None and not _may_hold_cells(runs):
        return lines, None
    found = Starts(textpage, runs)
    content = _without_page_number(runs, found)
    groups = rows_of(content, carried)
    starts = [(start, start + len(text), k) for k, (text, start) in enumerate(lines)
              if start is not None]
    replaced: dict[int, list[str]] = {}
    dropped: set[int] = set()
    going_on: list[Span] | None = None
    for group in groups:
        table = table_rows(found, group)
        if table is None:
            continue
        held = _lines_of([found.first(run.order) for row in group.rows for cell in row.cells
                          for line in cell.lines for run in line], starts)
        if held is None or dropped & held:
            continue
        first, last = min(held), max(held)
        if any(k not in held and lines[k][1] is not None and lines[k][0].strip()
               for k in range(first, last + 1)):
            continue  # the table's lines are not one run of the page's: leave them be
        replaced[first] = table[0]
        dropped |= set(range(first, last + 1))
        going_on = table[1] if group.rows[-1].ends_with(content[-1]) else None
    if not replaced:
        return lines, None
    out: list[tuple[str, int | None]] = []
    for k, line in enumerate(lines):
        if k in replaced:
            out.extend((row, None) for row in replaced[k])
        elif k not in dropped:
            out.append(line)
    return out, going_on


def _without_page_number(runs: list[Run], starts: Starts) -> list[Run]:
    """The page's runs but its number, where it is printed first or last, alone on its line
    ("- 2 -" at the top, as NĐ 30 sets it, or at the bottom; not a row's number, "4" beside
    its cells): a table then still ends the page before the number, or opens the page after
    it."""
    out = runs
    if len(out) > 1 and not out[0].beside(out[1]) and \
            PAGE_NUMBER.match(starts.text(out[0:1]) or ""):
        out = out[1:]
    if len(out) > 1 and not out[-1].beside(out[-2]) and \
            PAGE_NUMBER.match(starts.text(out[-1:]) or ""):
        out = out[:-1]
    return out


def _lines_of(chars: list[int], starts: list[tuple[int, int, int]]) -> set[int] | None:
    """The indices of the lines holding `chars` (each line's start, end and index, in the
    page's order); None when one of them is in none."""
    firsts = [start for start, _, _ in starts]
    held = set()
    for char in chars:
        at = bisect_right(firsts, char) - 1
        if at < 0 or char >= starts[at][1]:
            return None
        held.add(starts[at][2])
    return held
