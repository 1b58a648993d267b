"""SourceText: the one text every reader produces and every span points into.

`text` is NFC-normalised with line breaks kept. `blocks` map ranges of `text` back to where
they came from in the file (a page line of a PDF, a paragraph or a table cell of a DOCX, a
line of a TXT), so a review screen can show the place and tests can check reading order.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterator, Sequence
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


class BlockMap(Sequence[Block]):
    """A source's blocks, kept as one column of 4-byte integers per field of Block (a kind
    as its index in `kinds`, None as NONE); each Block is made when asked for. A text of
    thousands of lines took about 1.2 times the text's UTF-8 size as Block objects, the
    largest thing held beside the text while the stages ran; as columns, a quarter of that."""

    def __init__(self) -> None:
        self.kinds: list[str] = []
        self._codes: dict[str, int] = {}  # a kind's index in `kinds`
        self.columns = tuple(array("i") for _ in COLUMNS)

    def append(self, block: Block) -> None:
        self.add(block.start, block.end, kind=block.kind, page=block.page,
                 paragraph=block.paragraph, table=block.table, row=block.row, col=block.col,
                 merged=block.merged)

    def add(self, start: int, end: int, **origin: Unpack[Origin]) -> None:
        """Append `Block(start, end, **origin)`, without making it."""
        (starts, ends, kinds, pages, paragraphs, tables, rows, cols,
         merged) = self.columns
        starts.append(start)
        ends.append(end)
        kinds.append(self._kind(origin.get("kind", "paragraph")))
        for column, value in ((pages, origin.get("page")),
                              (paragraphs, origin.get("paragraph")),
                              (tables, origin.get("table")), (rows, origin.get("row")),
                              (cols, origin.get("col"))):
            column.append(NONE if value is None else value)
        merged.append(1 if origin.get("merged") else 0)

    def add_line(self, start: int, end: int, paragraph: int) -> None:
        """Append `Block(start, end, kind="line", paragraph=paragraph)`, without making it."""
        for column, value in zip(self.columns, (start, end, self._kind("line"), NONE,
                                                paragraph, NONE, NONE, NONE, 0), strict=True):
            column.append(value)

    def _kind(self, kind: str) -> int:
        code = self._codes.get(kind)
        if code is None:
            code = self._codes[kind] = len(self.kinds)
            self.kinds.append(kind)
        return code

    def extend_from(self, other: BlockMap, start: int, stop: int) -> None:
        """Append blocks `start` to `stop` of `other` as they are, column by column."""
        codes = [self._kind(kind) for kind in other.kinds]
        for j, (column, source) in enumerate(zip(self.columns, other.columns, strict=True)):
            if j == 2 and codes != list(range(len(codes))):
                column.extend(codes[code] for code in source[start:stop])
            else:
                column.extend(source[start:stop])

    def starts(self) -> Sequence[int]:
        return self.columns[0]

    def __len__(self) -> int:
        return len(self.columns[0])

    @overload
    def __getitem__(self, i: int) -> Block: ...

    @overload
    def __getitem__(self, i: slice) -> list[Block]: ...

    def __getitem__(self, i: int | slice) -> Block | list[Block]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        values = [column[i] for column in self.columns]
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
        kinds = self.columns[2]
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
        pos, at, i = self._length, 0, self._line
        while at <= len(text):  # the lines of `text.split("\n")`, without a copy of each
            cut = text.find("\n", at)
            cut = len(text) if cut < 0 else cut
            if cut > at:
                self.blocks.add_line(pos, pos + cut - at, i)
            pos, at, i = pos + cut - at + 1, cut + 1, i + 1
        self._line = i - 1  # the line after the last break: the next text's first line
        self._parts.append(text)
        self._length += len(text)

    def text(self) -> str:
        """The text so far; the pieces it was built from are let go (it replaces them)."""
        self._parts = ["".join(self._parts)]
        return self._parts[0]
