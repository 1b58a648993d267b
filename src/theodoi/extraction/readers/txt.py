"""Plain-text reader: decode, normalise line ends, one block per line (per cell on the
lines of a table whose cells are joined by " | ").

UTF-8, the usual case, is decoded and normalised a piece of about a megabyte at a time, cut
after a line break: decoding a whole text at once briefly takes twice its size as a string,
normalising it (NFC) four times; in pieces, the text is held twice only while they are
joined. Every other encoding is decoded whole.
"""

from __future__ import annotations

import codecs

from theodoi.extraction.line_tables import with_line_tables
from theodoi.extraction.readers.legacy import (
    looks_cp1258,
    looks_tcvn3,
    looks_vni,
    tcvn3_to_unicode,
    vni_to_unicode,
)
from theodoi.extraction.source import SourceText, TextBuilder
from theodoi.extraction.tables import with_text_tables
from theodoi.extraction.warnings import Warning, warn


def decode(data: bytes) -> tuple[str, list[Warning]]:
    """Decode bytes: BOMs first, then UTF-8, then 8-bit TCVN3 or Windows-1258 with a warning.

    TCVN3 text is recognised whether it is raw 8-bit bytes or was already turned into
    UTF-8 by a tool that took it for Latin-1 (it then shows as "KÕ ho¹ch").
    """
    warnings: list[Warning] = []
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            latin = data.decode("latin-1")
            if looks_tcvn3(latin):
                return tcvn3_to_unicode(latin), [warn("W001", encoding="TCVN3 (ABC)")]
            if looks_vni(latin) and not looks_cp1258(data):
                return vni_to_unicode(latin), [warn("W001", encoding="VNI")]
            return data.decode("cp1258", errors="replace"), [
                warn("W002", encoding="Windows-1258")]
    if looks_tcvn3(text):
        return tcvn3_to_unicode(text), [*warnings, warn("W001", encoding="TCVN3 (ABC)")]
    if looks_vni(text):
        return vni_to_unicode(text), [*warnings, warn("W001", encoding="VNI")]
    if "\ufffd" in text:
        warnings.append(warn("W006"))
    return text, warnings


CHUNK_BYTES = 1 << 20  # UTF-8 decoded a piece at a time (see the module's docstring)
SAMPLE_CHARS = 200_000  # what looks_tcvn3 and looks_vni read of a text


def utf8_pieces(data: bytes) -> list[str] | None:
    """The text `decode` gives for UTF-8 `data` (with or without its BOM), in pieces of about
    CHUNK_BYTES each cut after a line break (a byte that is never inside a UTF-8 sequence, so
    each piece decodes alone as it does in the whole); None when `decode` would go another
    way: a UTF-16 BOM, bytes that are not UTF-8, TCVN3 or VNI letters written in UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    bom = data.startswith(codecs.BOM_UTF8)
    at, errors, view = (3 if bom else 0), ("replace" if bom else "strict"), memoryview(data)
    pieces: list[str] = []
    while at < len(data):
        cut = data.find(b"\n", at + CHUNK_BYTES)
        cut = len(data) if cut < 0 else cut + 1
        try:
            pieces.append(str(view[at:cut], "utf-8", errors))
        except UnicodeDecodeError:
            return None
        at = cut
    head, size = [], 0
    for piece in pieces:  # the start of the text, as decode's tests read it
        if size >= SAMPLE_CHARS:
            break
        head.append(piece)
        size += len(piece)
    sample = "".join(head)[:SAMPLE_CHARS]
    return None if looks_tcvn3(sample) or looks_vni(sample) else pieces


def read(data: bytes, name: str) -> SourceText:
    pieces = utf8_pieces(data)
    if pieces is None:
        text, warnings = decode(data)
        pieces = [text]
        del text
    else:
        warnings = [warn("W006")] if any("\ufffd" in piece for piece in pieces) else []
    builder = TextBuilder()
    while pieces:  # each piece goes once added: only its normalised copy stays
        builder.add_lines(pieces.pop(0).replace("\r\n", "\n").replace("\r", "\n"))
    full = builder.text()
    # a Word table saved as text keeps its cells apart by " | " or tabs, a PDF's text layer
    # puts each cell on a line of its own: read both as cells
    blocks = with_line_tables(full, with_text_tables(full, builder.blocks))
    return SourceText(full, "txt", blocks, warnings)
