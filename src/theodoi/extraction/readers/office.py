"""DOC, RTF and ODT: converted to DOCX by LibreOffice headless, then read as DOCX.

LibreOffice is optional (a large install); without it the user is told what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path, PurePath

from theodoi.extraction.errors import UnreadableFile, UnsupportedFormat
from theodoi.extraction.readers import docx
from theodoi.extraction.source import SourceText

CANDIDATES = ("soffice", "libreoffice")
TIMEOUT_S = 120


def find_soffice() -> str | None:
    return next((p for p in map(shutil.which, CANDIDATES) if p), None)


def read(data: bytes, name: str) -> SourceText:
    """Convert with `soffice --headless --convert-to docx` and read the result."""
    exe = find_soffice()
    suffix = PurePath(name).suffix.lower() or ".doc"
    if exe is None:
        raise UnsupportedFormat(
            f"đọc tệp {suffix[1:].upper()} cần LibreOffice; hãy cài gói libreoffice-writer "
            "(apt-get install libreoffice-writer) hoặc lưu tệp thành DOCX rồi tải lại.",
            subject=name)
    with tempfile.TemporaryDirectory(prefix="theodoi-office-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        try:
            subprocess.run([exe, "--headless", "--convert-to", "docx", "--outdir", tmp,
                            str(src)], capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as exc:
            raise UnreadableFile("LibreOffice chuyển đổi quá lâu; tệp có thể bị hỏng.",
                                 subject=name) from exc
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise UnreadableFile("LibreOffice không chuyển đổi được tệp (tệp hỏng?).",
                                 subject=name)
        source = docx.read(out.read_bytes(), name)
    source.format = suffix[1:]
    return source
