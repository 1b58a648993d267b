"""Plain-text reader: decode, normalise line ends, one block per line."""

from __future__ import annotations

import codecs

from theodoi.extraction.source import SourceText, TextBuilder
from theodoi.extraction.warnings import Warning, warn


def decode(data: bytes) -> tuple[str, list[Warning]]:
    """Decode bytes: BOMs first, then UTF-8, then Windows-1258 with a warning."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace"), [warn("W002", encoding="Windows-1258")]


def read(data: bytes, name: str) -> SourceText:
    text, warnings = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    builder = TextBuilder()
    for i, line in enumerate(text.split("\n")):
        if i:
            builder.raw("\n")
        builder.add(line, kind="line", paragraph=i)
    return SourceText(builder.text(), "txt", builder.blocks, warnings)
