"""Tables whose cells come one a line: a PDF's text layer, a copy from a PDF viewer or a
Word table pasted as plain text write each cell on a line of its own, a row after another:

    STT
    Nội dung công việc
    Cơ quan chủ trì
    Cơ quan phối hợp
    Thời gian hoàn thành
    1
    Ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2027
    Văn phòng HĐND và UBND xã
    Các phòng chuyên môn
    Quý I/2027
    2
    …

`with_line_tables` finds such a table by its header, lines that each name a column
(rules/tables.py COLUMN_ROLES, the first the row number "STT"/"TT"), and turns its lines
into cell blocks (table, row, column), so the table stages read it as they read a Word table.
A row runs from its number (1, 2, 3 … in order) to the next; a group row ("I. Về kinh tế")
is a row of its own. A row with as many lines as the header has columns after the number
fills them in order. Otherwise a cell was left empty (no line at all) or a long cell ran
over several lines: the lines are placed by what they say, from the row's end: a time line
("Quý I/2027", "Thường xuyên") goes to the time column, a body's name to a body column, and
what is left is the work, however many lines it takes. The table ends at a blank line that
no row number follows (in a PDF's text with a blank line after every line, two), at an
upper-case heading ("III. TỔ CHỨC THỰC HIỆN") or at the closing lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from theodoi.domain.text import squash
from theodoi.extraction.agencies import looks_like_body
from theodoi.extraction.dates import parse_due
from theodoi.extraction.rules import tables as R
from theodoi.extraction.rules.letters import CAPITALS
from theodoi.extraction.source import BlockMap

# The row-number column's header on a line alone: a text without one has no such table
NUMBER_HEADER = re.compile(r"^[^\S\n]*(?:S\.?\s?TT|TT|Số TT|Số thứ tự)[^\S\n]*$",
                           re.IGNORECASE | re.MULTILINE)
MAX_HEADER = 40  # a column's name is short: a longer line is a row's content
GROUP_ROW = re.compile(r"^(?P<label>[IVX]{1,4}|[A-Đ])\.?\s+(?P<title>\S.*)$")
ROW_NUMBER = re.compile(r"^(?P<n>\d{1,3})\.?$")
# What ends the table: a part of the plan in upper case, the closing lines
TABLE_END = re.compile(rf"^(?:[IVX]{{1,4}}\.|\d{{1,2}}\.)?\s*(?=\S+\s)"
                       rf"[{CAPITALS}][{CAPITALS} ,\-–]{{9,}}$|"
                       r"^(?:Nơi nhận|Trên đây là)")
TIME_WORDS = re.compile(r"thường xuyên|hằng năm|hàng năm|liên tục", re.IGNORECASE)
BODY_ROLES = ("lead", "co", "leader")
MAX_UNIT = 20  # "%", "triệu đồng/người/năm"
TYPED = ("due", "lead", "co", "leader", "value", "unit")  # columns whose cells say what they are


@dataclass(frozen=True, slots=True)
class _Line:
    index: int  # the block's position in the map
    start: int
    end: int
    text: str
    paragraph: int | None
    page: int | None


class _Lines:
    """The map's blocks as `_Line`s, each made when first asked for: only the lines near a
    row-number header are ever looked at, not every line of a long text."""

    def __init__(self, text: str, blocks: BlockMap) -> None:
        self.text, self.blocks = text, blocks
        self.made: dict[int, _Line] = {}

    def __len__(self) -> int:
        return len(self.blocks)

    def __getitem__(self, i: int) -> _Line:
        line = self.made.get(i)
        if line is None:
            b = self.blocks[i]
            words = squash(self.text[b.start:b.end]) if b.kind in ("line", "paragraph") else ""
            paragraph = b.paragraph if words else None  # a cell block breaks any run
            line = self.made[i] = _Line(i, b.start, b.end, words, paragraph, b.page)
        return line


def with_line_tables(text: str, blocks: BlockMap) -> BlockMap:
    """`blocks` (a text's lines) with the lines of each cell-a-line table replaced by its
    cell blocks; tables numbered after those the map already holds."""
    if not NUMBER_HEADER.search(text):
        return blocks
    found = list(_tables(text, _Lines(text, blocks)))
    if not found:
        return blocks
    table_ids = [b.table for b in blocks.of_kind("cell") if b.table is not None]
    next_table = max(table_ids) + 1 if table_ids else 0
    out, done = BlockMap(), 0
    for rows in found:
        first, last = rows[0][0][0].index, max(ln.index for row in rows for cell in row
                                               for ln in cell)
        out.extend_from(blocks, done, first)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                start = cell[0].start if cell else (row[c - 1][-1].end if c and row[c - 1]
                                                    else row[0][0].end)
                end = cell[-1].end if cell else start
                out.add(start, end, kind="cell", page=row[0][0].page,
                        paragraph=cell[0].paragraph if cell else None,
                        table=next_table, row=r, col=c)
        next_table += 1
        done = last + 1
    out.extend_from(blocks, done, len(blocks))
    return out


Row = list[list[_Line]]  # a row's cells, each the lines it holds (none: an empty cell)


def _tables(text: str, lines: _Lines) -> Iterator[list[Row]]:
    """The rows (header first) of each cell-a-line table: one tried at each line that is a
    row-number header (NUMBER_HEADER), after the end of the table before it."""
    starts = lines.blocks.starts()
    after = 0
    for m in NUMBER_HEADER.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i < after:
            continue
        step = _spacing(lines, i)
        roles = _header(lines, i, step)
        if roles is None:
            continue
        rows, after = _rows(lines, i + len(roles), roles, step)
        if len(rows) > 1:
            yield rows


def _spacing(lines: _Lines, i: int) -> int:
    """How many lines apart the table's lines stand: 1, or 2 in a PDF's text that puts a
    blank line after every line (as the seeds' text does), read off the header's first two
    lines."""
    if i + 1 >= len(lines):
        return 1
    first, second = lines[i].paragraph, lines[i + 1].paragraph
    return 2 if first is not None and second is not None and second - first == 2 else 1


def _header(lines: _Lines, i: int, step: int) -> list[str] | None:
    """The column roles of a header starting at line i: the row number first, then at least
    two more lines each naming a column (a work or indicator column among them), each
    role once, on lines `step` apart."""
    if not NUMBER_HEADER.match(lines[i].text):
        return None
    roles = ["number"]
    j = i + 1
    while j < len(lines) and lines[j].paragraph == _next(lines[j - 1], step):
        name = lines[j].text
        role = _column(name)
        if (len(name) > MAX_HEADER or role is None or role == "number"
                or (role in roles and role != "value")):
            break
        roles.append(role)
        j += 1
    has_work = "work" in roles or "indicator" in roles
    return roles if len(roles) >= 3 and has_work else None


def _column(name: str) -> str | None:
    """A header line's role: as rules/tables.py names it, or "value" for a column of figures
    ("Kế hoạch năm 2027", "Năm 2030", "Ước thực hiện 2026"), which may come several times."""
    role = next((role for role, p in R.COLUMN_ROLES if p.search(name)), None)
    if role in (None, "indicator", "work", "product") and (
            R.YEAR.search(name) or R.VALUE_HEADER.search(name) or R.BASELINE_HEADER.search(name)):
        return "value"
    return role


def _next(line: _Line, step: int) -> int | None:
    return None if line.paragraph is None else line.paragraph + step


def _rows(lines: _Lines, i: int, roles: list[str], step: int) -> tuple[list[Row], int]:
    """The header row and each data row from line i, and the index after the table; its
    lines stand `step` apart."""
    rows: list[Row] = [[[lines[k]] for k in range(i - len(roles), i)]]
    expected = 1  # the next row's number
    opened: _Line | None = None  # the line that opened the current row: its number or a group
    current: list[_Line] = []  # the current row's other lines
    while i < len(lines):
        line = lines[i]
        number = ROW_NUMBER.match(line.text)
        if number and int(number.group("n")) == expected:
            _close(rows, opened, current, roles)
            opened, current, expected = line, [], expected + 1
        elif _ends_table(line, lines[i - 1], opened, step):
            break
        elif GROUP_ROW.match(line.text):
            _close(rows, opened, current, roles)
            opened, current = line, []
        else:
            current.append(line)
        i += 1
    _close(rows, opened, current, roles)
    return rows, i


def _ends_table(line: _Line, before: _Line, opened: _Line | None, step: int) -> bool:
    """A blank line (more than the table's spacing) before a line that is no row's number,
    an upper-case part of the plan, the closing lines, or a first line that opens no row."""
    gap = line.paragraph is not None and before.paragraph is not None and (
        line.paragraph > before.paragraph + step)
    return gap or bool(TABLE_END.match(line.text)) or (opened is None and not (
        GROUP_ROW.match(line.text)))


def _close(rows: list[Row], opened: _Line | None, lines: list[_Line], roles: list[str]
           ) -> None:
    """Add the row `opened` began, its cells placed; a group row ("I. Về kinh tế") is one
    cell."""
    if opened is None:
        return
    if not ROW_NUMBER.match(opened.text):
        rows.append([[opened]] + [[] for _ in roles[1:]])
    elif lines:
        rows.append([[opened], *place(lines, roles[1:])])


def place(lines: list[_Line], roles: list[str]) -> list[list[_Line]]:
    """The row's lines in its cells (roles after the number): in order when there are as
    many lines as cells and each says what its column holds, else by what each says, from
    the row's end (see the module)."""
    if len(lines) == len(roles) and all(
            _fits(ln.text, role) for ln, role in zip(lines, roles, strict=True)
            if role in TYPED):
        return [[ln] for ln in lines]
    cells: list[list[_Line]] = [[] for _ in roles]
    rest = list(lines)
    work = next((k for k, role in enumerate(roles) if role in ("work", "indicator")), 0)
    for k in range(len(roles) - 1, work, -1):
        if not rest or len(rest) == 1:
            break  # the work keeps at least its first line
        if _fits(rest[-1].text, roles[k]):
            cells[k] = [rest.pop()]
    cells[work] = rest
    lead, co = (roles.index(r) if r in roles else None for r in ("lead", "co"))
    if lead is not None and co is not None and not cells[lead] and cells[co]:
        cells[lead], cells[co] = cells[co], []  # one body and no partner column filled
    return cells


def _fits(text: str, role: str) -> bool:
    """Whether a line can be a cell of a column with `role`."""
    if role == "due":
        due = parse_due(text)
        return bool(due and due.date) or bool(TIME_WORDS.search(text))
    if role in BODY_ROLES:
        return looks_like_body(text) and parse_due(text) is None
    if role == "value":
        return bool(R.CELL_NUMBER.match(text))
    if role == "unit":
        return len(text) <= MAX_UNIT and not R.CELL_NUMBER.match(text)
    return False
