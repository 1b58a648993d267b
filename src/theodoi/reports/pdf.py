"""PDF of a report: the DOCX converted by LibreOffice headless, when it is installed.

theodoi draws no PDF itself; LibreOffice lays the DOCX out as Word would, so the PDF and
the editable DOCX a clerk signs look the same.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from theodoi.domain.errors import BadInput

TIMEOUT_S = 120


class PdfUnavailable(BadInput):
    """No LibreOffice on this machine, or it failed to convert the document."""

    code = "E130"


def soffice() -> str:
    """The LibreOffice command on PATH, or PdfUnavailable saying what to install."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise PdfUnavailable(
            "không tạo được PDF vì máy chưa cài LibreOffice; hãy cài gói libreoffice-writer "
            "(Ubuntu/Debian: sudo apt-get install libreoffice-writer) hoặc xuất DOCX rồi "
            "lưu thành PDF bằng Word.")
    return found


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF of a DOCX given as bytes (`soffice --headless --convert-to pdf`)."""
    command = soffice()
    with tempfile.TemporaryDirectory(prefix="theodoi-pdf-") as tmp:
        source = Path(tmp) / "baocao.docx"
        source.write_bytes(docx)
        # a private profile: a clerk's open LibreOffice window must not block the conversion
        profile = (Path(tmp) / "profile").as_uri()
        try:
            subprocess.run([command, f"-env:UserInstallation={profile}", "--headless",
                            "--convert-to", "pdf", "--outdir", tmp, str(source)],
                           check=True, capture_output=True, timeout=TIMEOUT_S)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise PdfUnavailable(f"LibreOffice không chuyển được báo cáo sang PDF ({exc}).") \
                from exc
        target = source.with_suffix(".pdf")
        if not target.exists():
            raise PdfUnavailable("LibreOffice chạy xong nhưng không tạo ra tệp PDF.")
        return target.read_bytes()
