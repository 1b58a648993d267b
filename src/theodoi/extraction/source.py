"""SourceText: the one text every reader produces and every span points into.

`text` is NFC-normalised with line breaks kept. `blocks` map ranges of `text` back to where
they came from in the file (a page line of a PDF, a paragraph or a table cell of a DOCX, a
line of a TXT), so a review screen can show the place and tests can check reading order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import MISSING, dataclass, field, fields
from typing import TypedDict, Unpack

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


def line_block(start: int, end: int, paragraph: int) -> Block:
    """The Block of one line of a TXT file (a file has thousands: Block has slots, so each
    costs about a fifth of the memory an attribute dict took)."""
    return Block(start, end, kind="line", paragraph=paragraph)


@dataclass
class SourceText:
    """Text plus its block map and the reader's warnings; `format` is txt/docx/pdf/…"""

    text: str
    format: str
    blocks: list[Block] = field(default_factory=list)
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
        self.blocks: list[Block] = []

    @property
    def length(self) -> int:
        return self._length

    def add(self, piece: str, **origin: Unpack[Origin]) -> Block | None:
        """Append `piece` (NFC) as one block; empty pieces add nothing and return None."""
        piece = unicodedata.normalize("NFC", piece)
        if PRIVATE_USE.search(piece):  # rare; translate() on every line would cost more
            piece = piece.translate(PRIVATE_BULLETS)
        if not piece:
            return None
        block = Block(self._length, self._length + len(piece), **origin)
        self._parts.append(piece)
        self._length += len(piece)
        self.blocks.append(block)
        return block

    def raw(self, piece: str) -> None:
        """Append a separator (line break, space) that belongs to no block."""
        piece = unicodedata.normalize("NFC", piece)
        self._parts.append(piece)
        self._length += len(piece)

    def add_lines(self, text: str) -> None:
        """Append `text` as one "line" block per non-empty line (paragraph = its line index),
        the line breaks between them in no block: what `raw("\n")` and `add(line)` line by
        line give, with the NFC and bullet passes run once over the whole text instead of
        once per line (NFC never joins or reorders characters across a line break)."""
        text = unicodedata.normalize("NFC", text)
        if PRIVATE_USE.search(text):
            text = text.translate(PRIVATE_BULLETS)
        pos, at, i = self._length, 0, 0
        while at <= len(text):  # the lines of `text.split("\n")`, without a copy of each
            cut = text.find("\n", at)
            cut = len(text) if cut < 0 else cut
            if cut > at:
                self.blocks.append(line_block(pos, pos + cut - at, i))
            pos, at, i = pos + cut - at + 1, cut + 1, i + 1
        self._parts.append(text)
        self._length += len(text)

    def text(self) -> str:
        return "".join(self._parts)
