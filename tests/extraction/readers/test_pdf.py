"""PDF reader: pages joined in order, running headers/footers and page numbers removed."""

from __future__ import annotations

import io

import pytest

from tests.extraction.readers.pdfmaker import make_pdf
from tests.extraction.readers.preloading import loaded_before_and_after_preload
from theodoi.domain.errors import BadInput
from theodoi.extraction import read_source
from theodoi.extraction.errors import NoTextLayer, UnreadableFile


def _pages(n: int) -> list[list[str]]:
    body = [f"Noi dung dong {k} cua ke hoach phat trien kinh te xa hoi" for k in range(5)]
    return [["UY BAN NHAN DAN XA TAN HUNG", f"Noi dung trang {i} dong mot cua ke hoach xa",
             *body, f"Noi dung trang {i} dong hai cua ke hoach xa", f"- {i} -"]
            for i in range(1, n + 1)]


def test_pages_are_joined_in_order_without_running_headers_and_page_numbers() -> None:
    source = read_source(make_pdf(_pages(4)), "kh.pdf")[0]
    assert source.pages == 4
    assert "UY BAN NHAN DAN" not in source.text
    assert "- 2 -" not in source.text
    order = [source.text.index(f"Noi dung trang {i} dong mot") for i in range(1, 5)]
    assert order == sorted(order)
    assert [w.code for w in source.warnings] == ["W005"]
    assert {b.page for b in source.blocks} == {1, 2, 3, 4}


def test_a_header_on_one_page_only_is_kept() -> None:
    pages = [["Trang bia KE HOACH", "Noi dung"], ["Noi dung khac", "Them noi dung"]]
    text = read_source(make_pdf(pages), "kh.pdf")[0].text
    assert "Trang bia KE HOACH" in text


def test_a_scan_without_text_layer_is_refused_with_w003_wording(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract, whatever the machine has
    with pytest.raises(NoTextLayer, match="không có lớp chữ"):
        read_source(make_pdf([[], []], image_only=True), "scan.pdf")


def test_a_password_protected_pdf_is_a_clear_error() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf(_pages(1)))).pages:
        writer.add_page(page)
    writer.encrypt("mat-khau")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(UnreadableFile, match="mật khẩu"):
        read_source(buf.getvalue(), "khoa.pdf")


@pytest.mark.parametrize(("data", "message"), [
    (b"%PDF-1.4\n garbage garbage", "PDF"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 32, "tệp ảnh"),
])
def test_broken_or_renamed_files(data: bytes, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        read_source(data, "x.pdf")


def test_a_scan_is_read_by_tesseract_when_it_has_vietnamese(monkeypatch, tmp_path) -> None:
    """A fake `tesseract` on PATH: it lists 'vie' and prints a text for a valid PGM page.

    This proves theodoi's rendering, call and reading of the output, not tesseract itself.
    """
    import os
    import stat

    fake = tmp_path / "tesseract"
    fake.write_text(
        '#!/bin/sh\n'
        'if [ "$1" = "--list-langs" ]; then printf "List of available languages:\\neng\\nvie\\n"; '
        'exit 0; fi\n'
        'head -c 2 "$1" | grep -q P5 || exit 3\n'
        'printf "KẾ HOẠCH\\nPhát triển nông nghiệp năm 2026\\n"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")
    source = read_source(make_pdf([[], []], image_only=True), "scan.pdf")[0]
    assert source.text.count("KẾ HOẠCH") == 2
    assert "W004" in [w.code for w in source.warnings]


def test_tesseract_without_vietnamese_data_is_not_used(monkeypatch, tmp_path) -> None:
    import os
    import stat

    fake = tmp_path / "tesseract"
    fake.write_text('#!/bin/sh\nprintf "List of available languages:\\neng\\n"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")
    with pytest.raises(NoTextLayer):
        read_source(make_pdf([[]], image_only=True), "scan.pdf")


def test_words_broken_at_line_ends_are_rejoined() -> None:
    body = [f"Noi dung dong {k} cua ke hoach phat trien kinh te xa hoi" for k in range(4)]
    pages = [[*body, "Thuc hien Ket luan so 4121-", "KL/TU va chuong trinh phat trien kin-",
              "h te nong thon; kinh te -", "xa hoi"]]
    text = read_source(make_pdf(pages), "kh.pdf")[0].text
    assert "4121-KL/TU va chuong trinh phat trien kinh te nong thon" in text
    assert "kinh te -\nxa hoi" in text  # a dash with a space before it is punctuation


def test_preloading_a_pdfs_reader_loads_pdfium_in_the_process_that_forks() -> None:
    """A child forked for each PDF finds PDFium loaded instead of loading it again (about
    40 ms a file); merely importing the extraction package still loads no PDFium."""
    assert loaded_before_and_after_preload(make_pdf([["Noi dung"]]), "kh.pdf",
                                           "pypdfium2") == ["False", "True"]
