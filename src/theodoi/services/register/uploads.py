"""The checks a plan file uploaded through the web passes before its reading is queued.

`check` refuses an oversized file, a type theodoi does not read and binaries that are no
document; the `import_plan` job (services/jobs/uploads.py) applies it to the first bytes
while it stores the upload, so a refusal comes back at once and nothing is queued.
"""

from __future__ import annotations

from pathlib import PurePath

from theodoi.extraction.errors import FileTooLarge, UnsupportedFormat

SUFFIXES = {".txt", ".docx", ".pdf", ".doc", ".odt", ".rtf"}
# formats the extraction's reader recognises by content and names in its own message
KNOWN_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff",
               b"GIF8")


def check(data: bytes, filename: str, max_bytes: int) -> str:
    """The file's safe base name; refuse oversized files and binaries that are no document."""
    name = PurePath(filename.replace("\\", "/")).name.strip() or "van-ban.txt"
    if len(data) > max_bytes:
        raise FileTooLarge(f"tệp lớn hơn giới hạn {max_bytes / 1048576:.0f} MB.", subject=name)
    suffix = PurePath(name).suffix.lower()
    if suffix and suffix not in SUFFIXES:
        raise UnsupportedFormat("chỉ nhận tệp DOCX, DOC, ODT, PDF hoặc TXT.", subject=name)
    looks_binary = b"\x00" in data[:4096] and not data.startswith(KNOWN_MAGIC)
    if looks_binary:
        raise UnsupportedFormat("nội dung tệp không phải văn bản (DOCX, PDF hoặc TXT).",
                                subject=name)
    return name
