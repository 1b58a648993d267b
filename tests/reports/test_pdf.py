"""PDF needs LibreOffice: without `soffice` on PATH the clerk is told what to install."""

from __future__ import annotations

from pathlib import Path

import pytest

from theodoi.domain.errors import BadInput
from theodoi.reports import pdf


def test_without_libreoffice_a_vietnamese_message_says_what_to_install(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no soffice, no libreoffice
    with pytest.raises(pdf.PdfUnavailable) as raised:
        pdf.docx_to_pdf(b"not used")
    assert isinstance(raised.value, BadInput) and raised.value.exit_code == 2
    assert "libreoffice-writer" in raised.value.message
    assert "chưa cài LibreOffice" in raised.value.message
