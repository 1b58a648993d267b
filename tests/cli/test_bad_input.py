"""Bad input never gives a traceback: one Vietnamese line naming the file, exit code 2."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from tests.cli.test_extract_cli import run
from tests.extraction.readers.pdfmaker import make_pdf


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(make_pdf([["Noi dung"]]))).pages[0])
    writer.encrypt("123")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


CASES = {
    "rong.txt": (b"", "tệp rỗng"),
    "ngau-nhien.pdf": (os.urandom(2048).replace(b"%PDF", b"xxxx"), "không phải định dạng PDF"),
    "ngau-nhien.docx": (os.urandom(2048).replace(b"PK", b"xx"), "không phải định dạng DOCX"),
    "anh.pdf": (b"\x89PNG\r\n\x1a\n" + os.urandom(256), "tệp ảnh"),
    "khoa.pdf": (_encrypted_pdf(), "mật khẩu"),
    "bom.docx": (_zip_bomb(), "quá lớn"),
    "scan.pdf": (make_pdf([[]], image_only=True), "không có lớp chữ"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_file_is_one_line_and_exit_2(tmp_path: Path, name: str) -> None:
    data, message = CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    proc = run("extract", str(path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert name in lines[0] and message in lines[0]
    assert proc.stdout == ""


def test_a_file_over_the_size_setting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lon.txt"
    path.write_bytes(b"KE HOACH\n" * 200_000)  # about 1.8 MB
    env = {**os.environ, "THEODOI_MAX_UPLOAD_MB": "1"}
    import subprocess
    import sys

    exe = Path(sys.executable).with_name("theodoi")
    proc = subprocess.run([str(exe), "extract", str(path)], capture_output=True, text=True,
                          env=env, timeout=60)
    assert proc.returncode == 2
    assert "vượt giới hạn 1 MB" in proc.stderr and "lon.txt" in proc.stderr


HOSTILE = {  # crafted in tests/extraction/fuzzing.py; the message each must end in
    "laughs.docx": "DTD/ENTITY", "lying-sizes.docx": "bị hỏng", "deep.docx": "quá lớn",
    "many-entries.docx": "quá nhiều", "many-pages.pdf": "2500 trang",
    "content-bomb.pdf": "giải nén ra quá lớn",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_file_is_one_line_and_exit_2(tmp_path: Path, name: str) -> None:
    from tests.extraction.fuzzing import crafted

    path = tmp_path / name
    path.write_bytes(dict(crafted())[name])
    proc = run("extract", str(path))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and name in lines[0] and HOSTILE[name] in lines[0], proc.stderr
