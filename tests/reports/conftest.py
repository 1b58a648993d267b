"""The PDF page tests need LibreOffice (soffice) and poppler (pdftoppm, pdftotext, pdfinfo,
pdffonts), which scripts/test.sh installs with apt-get. Where they are missing those tests
are skipped and the run says so loudly; with CI=true they fail instead (a skip would hide
that the PDF was never looked at)."""

from __future__ import annotations

import shutil

import pytest

from tests.tools import need

TOOLS = ("soffice", "pdftoppm", "pdftotext", "pdfinfo", "pdffonts")


def pdf_tools_problem() -> str | None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        return (f"no {', '.join(missing)} on PATH (scripts/test.sh installs "
                "libreoffice-writer-nogui, fonts-liberation2 and poppler-utils)")
    return None


def need_pdf_tools() -> None:
    """Skip loudly where LibreOffice or poppler is missing; with CI=true fail."""
    need(pdf_tools_problem(), "the PDF report test")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    problem = pdf_tools_problem()
    if problem:
        terminalreporter.write_sep("!", f"PDF report pages NOT CHECKED: {problem}", red=True)
