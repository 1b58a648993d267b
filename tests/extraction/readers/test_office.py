"""DOC/ODT through LibreOffice: the clear error without it, and the conversion call with it.

The conversion test puts a fake `soffice` on PATH that copies a known DOCX to --outdir: it
proves theodoi's call and its reading of the result, not LibreOffice itself.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.extraction.readers.test_docx import _plan_docx
from theodoi.extraction import read_source
from theodoi.extraction.errors import UnsupportedFormat

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512


def test_without_libreoffice_the_error_names_what_to_install(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UnsupportedFormat, match="libreoffice-writer"):
        read_source(OLE, "cu.doc")


def test_with_libreoffice_the_converted_docx_is_read(monkeypatch, tmp_path: Path) -> None:
    known = tmp_path / "known.docx"
    known.write_bytes(_plan_docx())
    fake = tmp_path / "soffice"
    fake.write_text('#!/bin/sh\n# args: -env:… --headless … --outdir DIR FILE\n'
                    'while [ "$1" != "--outdir" ]; do shift; done\n'
                    f'cp "{known}" "$2/input.docx"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")
    source = read_source(OLE, "cu.doc")[0]
    assert source.format == "doc"
    assert "1. Chỉ tiêu chủ yếu" in source.text
