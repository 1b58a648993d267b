"""SourceText: the one text every reader produces and every span points into.

`text` is NFC-normalised with line breaks kept. `blocks` map ranges of `text` back to where
they came from in the file (a page line of a PDF, a paragraph or a table cell of a DOCX, a
line of a TXT), so a review screen can show the place and tests can check reading order.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import MISSING, dataclass, field, fields
from typing import TypedDict, Unpack, overload

from theodoi.extraction.warnings import Warning


@dataclass(frozen=True, slots=True)
class Block:
    """A range `[start, end)` of `SourceText.text` and its origin in the file.

    kind: "paragraph" | "cell" | "line". page is 1-based (PDF); paragraph is the 0-based index
    of the paragraph in the body (DOCX) or of the line (TXT); table/row/col locate a cell;
    merged marks a cell that continues the one above it (a Word vertical merge: the body
    written once for several rows).
    """

    start: int
    end: int
    kind: str = "paragraph"
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    merged: bool = False


BLOCK_DEFAULTS = {f.name: f.default for f in fields(Block) if f.default is not MISSING}


class Origin(TypedDict, total=False):
    """Where a block came from: Block's fields after its range, as a reader names them."""

    kind: str
    page: int | None
    paragraph: int | None
    table: int | None
    row: int | None
    col: int | None
    merged: bool


NONE = -(2 ** 31)  # None in a BlockMap's column (offsets and numbers are never negative)
COLUMNS = ("start", "end", "kind", "page", "paragraph", "table", "row", "col", "merged")
# what a column holds for a block that does not say: None, or not merged (the range and
# the kind are said by every block, so their columns have no default)
DEFAULTS: tuple[int | None, ...] = (None, None, None, NONE, NONE, NONE, NONE, NONE, 0)
FILL = tuple(0 if default is None else default for default in DEFAULTS)


class BlockMap(Sequence[Block]):
    """A source's blocks, kept as one column of 4-byte integers per field of Block (a kind
    as its index in `kinds`, None as NONE); each Block is made when asked for. A text of
    thousands of lines took about 1.2 times the text's UTF-8 size as Block objects, the
    largest thing held beside the text while the stages ran; as columns, a quarter of that.
    A column whose blocks all hold its default (DEFAULTS: a text file's lines have no page,
    table, row or column) is None until a block says otherwise: a text's map is then four
    columns, not nine."""

    def __init__(self) -> None:
        self.kinds: list[str] = []
        self._codes: dict[str, int] = {}  # a kind's index in `kinds`
        self.columns: list[array[int] | None] = [
            array("i") if default is None else None for default in DEFAULTS]

    def append(self, block: Block) -> None:
        self.add(block.start, block.end, kind=block.kind, page=block.page,
                 paragraph=block.paragraph, table=block.table, row=block.row, col=block.col,
                 merged=block.merged)

    def add(self, start: int, end: int, **origin: Unpack[Origin]) -> None:
        """Append `Block(start, end, **origin)`, without making it."""
        numbers = (origin.get("page"), origin.get("paragraph"), origin.get("table"),
                   origin.get("row"), origin.get("col"))
        self._row((start, end, self._kind(origin.get("kind", "paragraph")),
                   *(NONE if n is None else n for n in numbers),
                   1 if origin.get("merged") else 0))

    def add_line(self, start: int, end: int, paragraph: int) -> None:
        """Append `Block(start, end, kind="line", paragraph=paragraph)`, without making it."""
        self._row((start, end, self._kind("line"), NONE, paragraph, NONE, NONE, NONE, 0))

    def add_lines(self, lines: Iterable[tuple[int, int, int]]) -> None:
        """`add_line(start, end, paragraph)` for each of `lines`, appended to the four
        columns a line fills without `_row`'s loop over nine (a text of thousands of lines
        spent more there than in reading it); a column another block made gets the lines'
        defaults at the end."""
        size = len(self)
        kind = self._kind("line")
        starts, ends, kinds = self._column(0), self._column(1), self._column(2)
        paragraphs = self.columns[4]
        for start, end, paragraph in lines:
            if paragraphs is None:  # made at the first line, as `_row` makes it
                paragraphs = self.columns[4] = self._filled(4, len(self))
            starts.append(start)
            ends.append(end)
            kinds.append(kind)
            paragraphs.append(paragraph)
        count = len(self) - size
        for j in (3, 5, 6, 7, 8):  # page, table, row, col, merged: a line says none
            column = self.columns[j]
            if column is not None and count:
                column.extend(array("i", [FILL[j]]) * count)

    def add_page_lines(self, lines: Sequence[tuple[int, int, int, int]]) -> None:
        """`add(start, end, kind="line", page=page, paragraph=paragraph)` for each (start,
        end, page, paragraph) of `lines` (page and paragraph never None), appended column by
        column as `add_lines` appends: a PDF's thousands of lines, each through `_row`'s
        loop over nine columns, took as long as the rest of placing them."""
        if not lines:
            return
        size = len(self)
        kind = self._kind("line")
        for j, values in enumerate(([line[0] for line in lines], [line[1] for line in lines],
                                    [kind] * len(lines), [line[2] for line in lines],
                                    [line[3] for line in lines])):
            column = self.columns[j]
            if column is None:  # page, paragraph: made at the first line, as `_row` makes them
                column = self.columns[j] = self._filled(j, size)
            column.extend(values)
        for j in (5, 6, 7, 8):  # table, row, col, merged: a line says none
            column = self.columns[j]
            if column is not None:
                column.extend(array("i", [FILL[j]]) * len(lines))

    def _row(self, values: tuple[int, ...]) -> None:
        """Append one block's value in each column (a column still None takes only a value
        other than its default, and is made then, holding the default for the blocks before)."""
        size = len(self)
        for j, value in enumerate(values):
            column = self.columns[j]
            if column is None:
                if value == DEFAULTS[j]:
                    continue
                column = self.columns[j] = self._filled(j, size)
            column.append(value)

    def _filled(self, j: int, size: int) -> array[int]:
        """A column of `size` blocks holding column j's default."""
        return array("i", [FILL[j]]) * size

    def _kind(self, kind: str) -> int:
        code = self._codes.get(kind)
        if code is None:
            code = self._codes[kind] = len(self.kinds)
            self.kinds.append(kind)
        return code

    def extend_from(self, other: BlockMap, start: int, stop: int) -> None:
        """Append blocks `start` to `stop` of `other` as they are, column by column."""
        codes = [self._kind(kind) for kind in other.kinds]
        size, count = len(self), max(0, min(stop, len(other)) - start)
        for j, source in enumerate(other.columns):
            column = self.columns[j]
            if source is None and column is None:
                continue  # the default on both sides: still nothing to hold
            if column is None:
                column = self.columns[j] = self._filled(j, size)
            if source is None:
                column.extend(self._filled(j, count))
            elif j == 2 and codes != list(range(len(codes))):
                column.extend(codes[code] for code in source[start:stop])
            else:
                column.extend(source[start:stop])

    def starts(self) -> Sequence[int]:
        return self._column(0)

    def _column(self, j: int) -> array[int]:
        column = self.columns[j]
        assert column is not None  # the range and the kind: never None
        return column

    def __len__(self) -> int:
        return len(self._column(0))

    @overload
    def __getitem__(self, i: int) -> Block: ...

    @overload
    def __getitem__(self, i: slice) -> list[Block]: ...

    def __getitem__(self, i: int | slice) -> Block | list[Block]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        values = [FILL[j] if column is None else column[i]
                  for j, column in enumerate(self.columns)]
        page, paragraph, table, row, col = (None if v == NONE else v for v in values[3:8])
        return Block(values[0], values[1], self.kinds[values[2]], page, paragraph, table,
                     row, col, bool(values[8]))

    def __iter__(self) -> Iterator[Block]:
        return self.blocks(0, len(self))

    def blocks(self, start: int, stop: int) -> Iterator[Block]:
        return (self[i] for i in range(start, stop))

    def of_kind(self, kind: str) -> Iterator[Block]:
        """The blocks of one kind, in order, made only for them."""
        if kind not in self.kinds:
            return iter(())
        code = self.kinds.index(kind)
        kinds = self._column(2)
        return (self[i] for i in range(len(kinds)) if kinds[i] == code)


def of_kind(blocks: Sequence[Block], kind: str) -> Iterator[Block]:
    """The blocks of `blocks` of one kind ("cell", "line" …), in order."""
    if isinstance(blocks, BlockMap):
        return blocks.of_kind(kind)
    return (b for b in blocks if b.kind == kind)


@dataclass
class SourceText:
    """Text plus its block map and the reader's warnings; `format` is txt/docx/pdf/…"""

    text: str
    format: str
    blocks: Sequence[Block] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    pages: int | None = None
    meta: dict[str, object] = field(default_factory=dict)


# Bullets that Word's Symbol/Wingdings fonts put in the Private Use Area; a PDF export
# carries them as such ("\uf0b7 Thu nhập …"), the printed page shows a bullet.
PRIVATE_BULLETS = str.maketrans({"\uf0b7": "•", "\uf0a7": "•", "\uf0d8": "•", "\uf076": "•",
                                 "\uf0fc": "•", "\uf0a8": "•", "\uf02d": "-"})


PRIVATE_USE = re.compile("[\uf000-\uf0ff]")


class TextBuilder:
    """Appends pieces of text, NFC-normalised, recording a Block for each.

    Readers use it so the offsets in the block map are right by construction.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._line = 0  # the line index add_lines gives next
        self.blocks = BlockMap()

    @property
    def length(self) -> int:
        return self._length

    def add(self, piece: str, **origin: Unpack[Origin]) -> bool:
        """Append `piece` (NFC) as one block; empty pieces add nothing and return False."""
        piece = unicodedata.normalize("NFC", piece)
        if PRIVATE_USE.search(piece):  # rare; translate() on every line would cost more
            piece = piece.translate(PRIVATE_BULLETS)
        if not piece:
            return False
        self.blocks.add(self._length, self._length + len(piece), **origin)
        self._parts.append(piece)
        self._length += len(piece)
        return True

    def raw(self, piece: str) -> None:
        """Append a separator (line break, space) that belongs to no block."""
        piece = unicodedata.normalize("NFC", piece)
        self._parts.append(piece)
        self._length += len(piece)

    def add_lines(self, text: str) -> None:
        """Append `text` as one "line" block per non-empty line (paragraph = its line index),
        the line breaks between them in no block: what `raw("\n")` and `add(line)` line by
        line give, with the NFC and bullet passes run once over the whole text instead of
        once per line (NFC never joins or reorders characters across a line break: a line
        break is a starter that composes with nothing). Texts added one after another
        continue one text: each but the last ends with its line break, and the line indexes
        run on."""
        text = unicodedata.normalize("NFC", text)
        if PRIVATE_USE.search(text):
            text = text.translate(PRIVATE_BULLETS)
        self.blocks.add_lines(_lines(text, self._length, self._line))
        self._line += text.count("\n")  # the line after the last break: the next text's first
        self._parts.append(text)
        self._length += len(text)

    def add_page_lines(self, lines: Sequence[tuple[int, int, str]]) -> None:
        """For each (page, index, text) of `lines` in turn, what `raw("\n")` (once the text
        is not empty) and `add(text, kind="line", page=page, paragraph=index)` give, with the
        NFC and bullet passes run once over all of them, as `add_lines` runs them (NFC never
        joins or reorders characters across a line break). Lines that hold a line break of
        their own are added one by one."""
        texts = [text for _, _, text in lines]
        skip = 0
        while not self._length and skip < len(texts) and not texts[skip]:
            skip += 1  # nothing added yet: an empty line adds no break and no block
        whole = "\n".join(texts[skip:])
        if whole.count("\n") != max(0, len(texts) - skip - 1):
            for page, index, text in lines:
                if self._length:
                    self.raw("\n")
                self.add(text, kind="line", page=page, paragraph=index)
            return
        if skip == len(texts):
            return
        whole = unicodedata.normalize("NFC", whole)
        if PRIVATE_USE.search(whole):
            whole = whole.translate(PRIVATE_BULLETS)
        pos = self._length + (1 if self._length else 0)
        placed = []
        for (page, index, _), piece in zip(lines[skip:], whole.split("\n"), strict=True):
            if piece:
                placed.append((pos, pos + len(piece), page, index))
            pos += len(piece) + 1
        self.blocks.add_page_lines(placed)
        if self._length:
            self._parts.append("\n")
            self._length += 1
        self._parts.append(whole)
        self._length += len(whole)

    def text(self) -> str:
        """The text so far; the pieces it was built from are let go (it replaces them)."""
        self._parts = ["".join(self._parts)]
        return self._parts[0]


def _lines(text: str, pos: int, i: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, line index) of each non-empty line of `text.split("\n")`, without a
    copy of each, offsets from `pos` and indexes from `i` on."""
    at = 0
    while at <= len(text):
        cut = text.find("\n", at)
        cut = len(text) if cut < 0 else cut
        if cut > at:
            yield pos, pos + cut - at, i
        pos, at, i = pos + cut - at + 1, cut + 1, i + 1
