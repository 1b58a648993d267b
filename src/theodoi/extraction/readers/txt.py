"""Plain-text reader: decode, normalise line ends, one block per line (per cell on the
lines of a table whose cells are joined by " | ")."""

from __future__ import annotations

import codecs

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


def read(data: bytes, name: str) -> SourceText:
    text, warnings = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    builder = TextBuilder()
    builder.add_lines(text)
    full = builder.text()
    # a Word table saved as text keeps its cells apart by " | ": read it as cells
    return SourceText(full, "txt", with_text_tables(full, builder.blocks), warnings)
