"""The evidence file check: type by content (real files of each accepted kind, and files
that only pretend by their name), the name's suffix agreeing, empty and oversized files."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from tests.conftest import FIXTURES
from theodoi.domain.errors import BadInput
from theodoi.services.progress import evidence

LIMIT = 1024 * 1024
DOCX = (FIXTURES / "fixtures" / "ke-hoach-ubnd.docx").read_bytes()
PDF = (FIXTURES / "fixtures" / "ke-hoach-ubnd.pdf").read_bytes()


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "Số liệu quý III"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _open_document(kind: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
        z.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def _zip_of(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in names:
            z.writestr(name, "x")
    return out.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
GOOD = [("bao-cao.pdf", PDF, "pdf"), ("bao-cao.docx", DOCX, "docx"),
        ("so-lieu.xlsx", _xlsx(), "xlsx"), ("bao-cao.doc", OLE, "ole"),
        ("so-lieu.xls", OLE, "ole"), ("bao-cao.odt", _open_document("text"), "odt"),
        ("so-lieu.ods", _open_document("spreadsheet"), "ods"),
        ("anh.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpeg"),
        ("anh.JPEG", b"\xff\xd8\xff\xe1\x00\x10Exif", "jpeg"),
        ("anh.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png")]


@pytest.mark.parametrize(("name", "content", "kind"), GOOD)
def test_accepted_kinds_are_known_by_their_content(name: str, content: bytes,
                                                   kind: str) -> None:
    assert evidence.kind_of(content) == kind
    assert evidence.check(name, content, LIMIT) == (name, content)


@pytest.mark.parametrize(("name", "content"), [
    ("bao-cao.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00PE\x00\x00"),  # a program renamed
    ("bao-cao.pdf", b"<!doctype html><html><script>alert(1)</script></html>"),
    ("bao-cao.pdf", b"Bao cao so lieu quy III"),
    ("bao-cao.docx", _zip_of(["readme.txt", "setup.exe"])),  # a zip, but no document
    ("bao-cao.docx", b"PK\x03\x04 hong"),
    ("anh.png", b"GIF89a\x01\x00"),
])
def test_files_that_only_pretend_by_their_name_are_refused(name: str,
                                                           content: bytes) -> None:
    with pytest.raises(BadInput) as refused:
        evidence.check(name, content, LIMIT)
    assert f"tệp minh chứng '{name}' không phải tệp PDF, DOCX, XLSX" in refused.value.message
    assert "Số liệu chưa được ghi." in refused.value.message


def test_a_suffix_that_disagrees_with_the_content_is_refused() -> None:
    with pytest.raises(BadInput, match=r"có đuôi \.pdf nhưng nội dung là ảnh PNG"):
        evidence.check("anh.pdf", GOOD[-1][1], LIMIT)


def test_a_name_without_suffix_gets_the_one_of_its_content() -> None:
    assert evidence.check("C:\\Tai lieu\\minh chung", PDF, LIMIT) == ("minh chung.pdf", PDF)


def test_an_empty_or_oversized_file_is_refused() -> None:
    with pytest.raises(BadInput, match=r"'rong.pdf' rỗng \(0 byte\)"):
        evidence.check("rong.pdf", b"", LIMIT)
    with pytest.raises(BadInput, match="lớn hơn giới hạn 1 MB"):
        evidence.check("lon.pdf", b"%PDF-1.4" + b"0" * LIMIT, LIMIT)
    assert evidence.check("vua.pdf", b"%PDF-1.4" + b"0" * (LIMIT - 8), LIMIT)[0] == "vua.pdf"
