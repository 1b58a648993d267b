"""PDF of a report: the DOCX converted by LibreOffice headless, when it is installed.

theodoi draws no PDF itself; LibreOffice lays the DOCX out as Word would, so the PDF and
the editable DOCX a clerk signs look the same.
"""

from __future__ import annotations

from theodoi.domain.errors import BadInput
from theodoi.tools import soffice as lo

TIMEOUT_S = 120


class PdfUnavailable(BadInput):
    """No LibreOffice on this machine, or it failed to convert the document."""

    code = "E130"


def soffice() -> str:
    """The LibreOffice command on PATH, or PdfUnavailable saying what to install."""
    found = lo.find()
    if found is None:
        raise PdfUnavailable(
            "không tạo được PDF vì máy chưa cài LibreOffice; hãy cài gói libreoffice-writer "
            "(Ubuntu/Debian: sudo apt-get install libreoffice-writer) hoặc xuất DOCX rồi "
            "lưu thành PDF bằng Word.")
    return found


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF of a DOCX given as bytes (`soffice --headless --convert-to pdf`), converted
    one at a time, in a private profile (a clerk's open LibreOffice window must not block
    it) and without network (theodoi/tools/soffice.py)."""
    soffice()
    try:
        return lo.convert(docx, ".docx", "pdf", timeout_s=TIMEOUT_S)
    except lo.ConversionFailed as exc:
        reason = {"timeout": "quá thời gian", "busy": "đang bận chuyển tệp khác",
                  "no output": "không tạo ra tệp PDF"}.get(str(exc), str(exc))
        raise PdfUnavailable(f"LibreOffice không chuyển được báo cáo sang PDF ({reason}).") \
            from exc
