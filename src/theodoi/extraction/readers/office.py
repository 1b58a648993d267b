"""DOC, RTF and ODT: converted to DOCX by LibreOffice headless, then read as DOCX.

LibreOffice is optional (a large install); without it the user is told what to install.
It runs one conversion at a time, in its own profile, without network (theodoi/tools/soffice.py).
"""

from __future__ import annotations

from pathlib import PurePath

from theodoi.extraction.errors import UnreadableFile, UnsupportedFormat
from theodoi.extraction.readers import docx
from theodoi.extraction.source import SourceText
from theodoi.tools import soffice

TIMEOUT_S = 120


def read(data: bytes, name: str) -> SourceText:
    """Convert with `soffice --headless --convert-to docx` and read the result."""
    suffix = PurePath(name).suffix.lower() or ".doc"
    if soffice.find() is None:
        raise UnsupportedFormat(
            f"đọc tệp {suffix[1:].upper()} cần LibreOffice; hãy cài gói libreoffice-writer "
            "(apt-get install libreoffice-writer) hoặc lưu tệp thành DOCX rồi tải lại.",
            subject=name)
    try:
        converted = soffice.convert(data, suffix, "docx", timeout_s=TIMEOUT_S)
    except soffice.ConversionFailed as exc:
        reason = str(exc)
        message = {"timeout": "LibreOffice chuyển đổi quá lâu; tệp có thể bị hỏng.",
                   "busy": "LibreOffice đang bận chuyển đổi tệp khác quá lâu; hãy thử lại "
                           "sau ít phút."}.get(reason, "LibreOffice không chuyển đổi được tệp "
                                                       "(tệp hỏng?).")
        raise UnreadableFile(message, subject=name) from exc
    source = docx.read(converted, name)
    source.format = suffix[1:]
    return source
