"""Errors raised while reading a document; each names the file and the problem in Vietnamese."""

from __future__ import annotations

from theodoi.domain.errors import BadInput


class UnreadableFile(BadInput):
    """The bytes are not a document theodoi can read (empty, corrupt, encrypted, a picture …)."""

    code = "E101"


class UnsupportedFormat(BadInput):
    """The file type is not one theodoi reads, or needs a tool that is not installed."""

    code = "E102"


class FileTooLarge(BadInput):
    """The file, or what it unpacks to, is over the configured size limit."""

    code = "E103"


class NoTextLayer(BadInput):
    """A PDF with no text layer (a scan) and no OCR available."""

    code = "E104"


class UnsafeContent(BadInput):
    """The file carries something built to attack a reader (entity expansion, a DTD, a
    zip with thousands of entries); refused whatever else it holds."""

    code = "E105"


class ReadTimedOut(BadInput):
    """Reading the file took longer than the configured limit (a broken or hostile file)."""

    code = "E106"
