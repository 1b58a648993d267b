"""Choose a reader by the file's content (not only its name) and run it.

Each reader module exposes `read(data: bytes, name: str) -> SourceText`. Sniffing the
content first means a PNG renamed .pdf or random bytes named .docx get a clear error
instead of a crash inside a parser.
"""

from __future__ import annotations

import importlib
from pathlib import PurePath

from theodoi.domain.errors import BadInput
from theodoi.extraction.errors import FileTooLarge, UnreadableFile, UnsupportedFormat
from theodoi.extraction.readers import isolation, limits
from theodoi.extraction.source import SourceText

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# magic bytes -> format; checked in order
MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # .doc (Word 97-2003)
    (b"{\\rtf", "rtf"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


def sniff(data: bytes, name: str) -> str:
    """Return the reader format for `data`: txt, docx, odt, doc, pdf; raise for the rest."""
    if not data or data.isspace():  # as `not data.strip()`, without copying the file
        raise UnreadableFile("tệp rỗng, không có nội dung.", subject=name)
    kind = next((fmt for magic, fmt in MAGIC if data.startswith(magic)), None)
    if kind == "image":
        raise UnreadableFile("đây là tệp ảnh, không phải văn bản; hãy tải lên tệp DOCX, PDF "
                             "hoặc TXT.", subject=name)
    if kind == "zip":
        return _zip_kind(data, name)
    if kind == "ole":
        return "doc"
    if kind == "rtf":
        return "doc"  # LibreOffice converts RTF like DOC
    if kind == "pdf":
        return "pdf"
    suffix = PurePath(name).suffix.lower()
    if suffix in {".pdf", ".docx", ".doc", ".odt"}:
        raise UnreadableFile(f"nội dung tệp không phải định dạng {suffix[1:].upper()} "
                             "(tệp hỏng hoặc bị đổi tên).", subject=name)
    return "txt"


def _zip_kind(data: bytes, name: str) -> str:
    head = data[:4096]
    if b"word/" in head or b"[Content_Types].xml" in head:
        return "docx"
    if b"mimetypeapplication/vnd.oasis.opendocument.text" in head:
        return "odt"
    names = limits.open_zip(data, name, "nén").namelist()
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        return "odt"
    raise UnsupportedFormat("tệp nén này không phải văn bản Word (DOCX) hay ODT.", subject=name)


READERS = {"txt": "txt", "docx": "docx", "pdf": "pdf", "doc": "office", "odt": "office"}


def read(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
         memory_mb: int = limits.READ_MEMORY_MB,
         timeout_s: float = limits.READ_TIMEOUT_S) -> SourceText:
    """Read any supported document into a SourceText; raise a BadInput subclass otherwise.

    The reader runs in a child process capped at `memory_mb` more memory and `timeout_s`
    seconds (readers/isolation.py; `memory_mb=0` reads in-process). Whatever a parser
    raises on a broken file comes out as UnreadableFile, never as a traceback.
    """
    if len(data) > max_bytes:
        raise FileTooLarge(f"tệp {len(data) / 1048576:.1f} MB vượt giới hạn "
                           f"{max_bytes / 1048576:.0f} MB.", subject=name)
    preload(data, name)
    source: SourceText = isolation.run(lambda: read_unisolated(data, name), name,
                                       memory_mb=memory_mb, timeout_s=timeout_s)
    return source


def preload(data: bytes, name: str) -> None:
    """Import the reader `data` needs in this process, so a forked child finds it loaded
    instead of importing PDFium or python-docx again for every file."""
    try:
        importlib.import_module(f"theodoi.extraction.readers.{READERS[sniff(data, name)]}")
    except Exception:  # noqa: BLE001 - the child sniffs again and reports it properly
        return


def is_plain_text(data: bytes, name: str) -> bool:
    """Whether `data` is read as plain text (no decompression, no parser in C)."""
    try:
        return sniff(data, name) == "txt"
    except Exception:  # noqa: BLE001 - the reader reports it, in its own child
        return False


def read_unisolated(data: bytes, name: str) -> SourceText:
    """Sniff and read in this process; every failure becomes a BadInput subclass."""
    try:
        fmt = sniff(data, name)
        module = importlib.import_module(f"theodoi.extraction.readers.{READERS[fmt]}")
        source: SourceText = module.read(data, name)
    except BadInput:
        raise
    except MemoryError as exc:
        raise FileTooLarge("tệp cần quá nhiều bộ nhớ để đọc (tệp quá lớn hoặc nghi là tệp "
                           "nén độc hại).", subject=name) from exc
    except Exception as exc:  # a parser's crash on a broken file is bad input
        raise UnreadableFile("không đọc được tệp (tệp hỏng hoặc không đúng định dạng).",
                             subject=name) from exc
    limits.check_text(len(source.text), len(data), name)
    return source
