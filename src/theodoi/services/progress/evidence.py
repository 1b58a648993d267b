"""The evidence file attached to a reported value: its type judged by content, its size.

An agency attaches a scan, a photo or an office document to a value it reports. The type is
read from the bytes (a renamed .exe or .html is not a PDF), the name's suffix must agree
with it, and the size is bounded by the settings. A refused file raises BadInput before
anything is stored, and the edge rolls the request back: no record, no file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from theodoi.domain.errors import BadInput

# (kind, leading bytes): what each accepted format starts with
SIGNATURES: list[tuple[str, bytes]] = [
    ("pdf", b"%PDF-"),
    ("png", b"\x89PNG\r\n\x1a\n"),
    ("jpeg", b"\xff\xd8\xff"),
    ("ole", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),  # Word 97-2003 .doc, Excel 97-2003 .xls
    ("zip", b"PK\x03\x04"),  # DOCX, XLSX, ODT, ODS: told apart by what the zip holds
]
# (kind, member of the zip, what the member starts with, or None: present is enough)
ZIP_KINDS: list[tuple[str, str, bytes | None]] = [
    ("odt", "mimetype", b"application/vnd.oasis.opendocument.text"),
    ("ods", "mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
    ("docx", "word/document.xml", None),
    ("xlsx", "xl/workbook.xml", None),
]
# kind -> (how a clerk names it, the suffixes a file of that kind may have)
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("PDF", (".pdf",)),
    "docx": ("Word (DOCX)", (".docx",)),
    "xlsx": ("Excel (XLSX)", (".xlsx",)),
    "ole": ("Word/Excel 97-2003 (DOC, XLS)", (".doc", ".xls")),
    "odt": ("văn bản ODT", (".odt",)),
    "ods": ("bảng tính ODS", (".ods",)),
    "jpeg": ("ảnh JPEG", (".jpg", ".jpeg")),
    "png": ("ảnh PNG", (".png",)),
}
ACCEPTED = "PDF, DOCX, XLSX, DOC, XLS, ODT, ODS, JPEG hoặc PNG"


def kind_of(content: bytes) -> str | None:
    """The accepted kind the bytes are (a key of KINDS), or None."""
    kind = next((k for k, magic in SIGNATURES if content.startswith(magic)), None)
    return _zip_kind(content) if kind == "zip" else kind


def _zip_kind(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            names = set(z.namelist())
            for kind, member, starts in ZIP_KINDS:
                if member in names and (starts is None or
                                        z.open(member).read(len(starts)) == starts):
                    return kind
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None  # damaged, encrypted or not a zip after all
    return None


def check(filename: str, content: bytes, max_bytes: int) -> tuple[str, bytes]:
    """(safe base name, content) of an acceptable evidence file; BadInput saying why not."""
    name = PurePath(filename.replace("\\", "/")).name.strip()
    shown = f" '{name}'" if name else ""
    if not content:
        raise BadInput(f"tệp minh chứng{shown} rỗng (0 byte); hãy chọn lại tệp. Số liệu "
                       "chưa được ghi.")
    if len(content) > max_bytes:
        raise BadInput(f"tệp minh chứng{shown} lớn hơn giới hạn "
                       f"{max_bytes / 1048576:g} MB; hãy nén hoặc chụp lại nhỏ hơn. Số liệu "
                       "chưa được ghi.")
    kind = kind_of(content)
    if kind is None:
        raise BadInput(f"tệp minh chứng{shown} không phải tệp {ACCEPTED} (xét theo nội "
                       "dung tệp, không theo tên). Số liệu chưa được ghi.")
    label, suffixes = KINDS[kind]
    suffix = PurePath(name).suffix.lower()
    if not name or not suffix:
        return (name or "minh-chung") + suffixes[0], content
    if suffix not in suffixes:
        raise BadInput(f"tệp minh chứng{shown} có đuôi {suffix} nhưng nội dung là "
                       f"{label}; hãy đổi đuôi tệp cho đúng. Số liệu chưa được ghi.")
    return name, content
