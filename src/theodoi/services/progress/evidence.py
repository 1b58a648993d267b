"""The evidence file attached to a report: its type judged by content, its size, and how
it is sent back to a reader.

An agency attaches a scan, a photo or an office document to a value or a task update it
reports. The type is read from the bytes (a renamed .exe or .html is not a PDF), the name's
suffix must agree with it, and the size is bounded by the settings. A refused file raises
BadInput before anything is stored, and the edge rolls the request back: no record, no
file. When read back (`stored_file`), the content type is judged by the bytes again: a file
stored by an older version or the CLI without the check goes out as an opaque download.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
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
# suffix -> content type sent back; the kind decides which row applies (see media_type)
MEDIA_TYPES = {
    ".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".doc": "application/msword", ".xls": "application/vnd.ms-excel",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
OPAQUE = "application/octet-stream"
# a browser shows these itself (PDF viewer, image); office files are saved and opened
INLINE_KINDS = frozenset({"pdf", "jpeg", "png"})
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


def check(filename: str, content: bytes, max_bytes: int,
          unsaved: str = "Số liệu chưa được ghi.") -> tuple[str, bytes]:
    """(safe base name, content) of an acceptable evidence file; BadInput saying why not
    and that `unsaved` (what the person sent) was not recorded."""
    name = PurePath(filename.replace("\\", "/")).name.strip()
    shown = f" '{name}'" if name else ""
    if not content:
        raise BadInput(f"tệp minh chứng{shown} rỗng (0 byte); hãy chọn lại tệp. "
                       + unsaved)
    if len(content) > max_bytes:
        raise BadInput(f"tệp minh chứng{shown} lớn hơn giới hạn "
                       f"{max_bytes / 1048576:g} MB; hãy nén hoặc chụp lại nhỏ hơn. "
                       + unsaved)
    kind = kind_of(content)
    if kind is None:
        raise BadInput(f"tệp minh chứng{shown} không phải tệp {ACCEPTED} (xét theo nội "
                       "dung tệp, không theo tên). " + unsaved)
    label, suffixes = KINDS[kind]
    suffix = PurePath(name).suffix.lower()
    if not name or not suffix:
        return (name or "minh-chung") + suffixes[0], content
    if suffix not in suffixes:
        raise BadInput(f"tệp minh chứng{shown} có đuôi {suffix} nhưng nội dung là "
                       f"{label}; hãy đổi đuôi tệp cho đúng. " + unsaved)
    return name, content


@dataclass(frozen=True)
class StoredFile:
    """A stored evidence file as it is sent back: its name, content type, and whether a
    browser shows it in place (PDF, images) or saves it."""

    content: bytes
    filename: str
    media_type: str
    inline: bool

    @property
    def ascii_name(self) -> str:
        """The name for browsers that ignore filename*: accents dropped, safe characters."""
        plain = unicodedata.normalize("NFKD", self.filename.replace("đ", "d")
                                      .replace("Đ", "D")).encode("ascii", "ignore").decode()
        stem, dot, ext = plain.rpartition(".")
        stem = re.sub(r"[^A-Za-z0-9]+", "-", stem if dot else plain).strip("-")
        ext = re.sub(r"[^A-Za-z0-9]", "", ext) if dot else ""
        return (stem or "minh-chung") + (f".{ext}" if ext else "")


def media_type(name: str, content: bytes) -> tuple[str, bool]:
    """(content type, shown in place) of stored bytes: judged by content, the suffix only
    choosing among the types of that kind (.doc or .xls); anything else is opaque."""
    kind = kind_of(content)
    if kind is None:
        return OPAQUE, False
    suffix = PurePath(name).suffix.lower()
    suffixes = KINDS[kind][1]
    chosen = MEDIA_TYPES[suffix if suffix in suffixes else suffixes[0]]
    return chosen, kind in INLINE_KINDS


def stored_file(name: str, content: bytes) -> StoredFile:
    kind, inline = media_type(name, content)
    return StoredFile(content, name, kind, inline)
