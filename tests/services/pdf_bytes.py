"""Tiny PDFs written by hand for the outgoing-document tests: one page, with or without
a digital signature's dictionary (/Type /Sig with /ByteRange and /Contents), the way
signing tools write it; the bytes and the cross-reference table are built here so every
offset is right."""

from __future__ import annotations

from theodoi.reports.pdf_objects import pdf_file


def _pdf(objects: list[bytes]) -> bytes:
    return pdf_file(objects, binary_mark=True)


def _text_page(text: bytes) -> list[bytes]:
    stream = b"BT /F1 12 Tf 72 760 Td (" + text + b") Tj ET"
    return [b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont "
            b"/Helvetica >> >> >> /Annots [5 0 R] >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"]


def unsigned_pdf(text: bytes = b"Bao cao so 1/BC-UBND (ban da ky, quet)") -> bytes:
    """A one-page PDF with no signature: what a scan of the signed paper looks like."""
    page = _text_page(text)
    page[1] = page[1].replace(b" /Annots [5 0 R]", b"")
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", *page])


def signed_pdf(signer: str | None = "Nguyễn Văn An") -> bytes:
    """A one-page PDF with a signature field whose value is a signature dictionary; the
    signer's name (when given) in UTF-16BE with its mark, as Vietnamese names are written."""
    name = b""
    if signer is not None:
        name = b" /Name <" + ("\ufeff" + signer).encode("utf-16-be").hex().upper().encode() + b">"
    contents = b"3082" + b"0" * 60  # a stand-in for the PKCS#7 signature: never checked
    sig = (b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached "
           b"/ByteRange [0 840 904 400] /Contents <" + contents + b">" + name +
           b" /M (D:20260403091500+07'00') /Reason (Ky ban hanh) >>")
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] "
                 b"/SigFlags 3 >> >>", *_text_page(b"Bao cao so 1/BC-UBND"),
                 b"<< /FT /Sig /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /T (Chu ky 1) "
                 b"/V 6 0 R /P 3 0 R >>", sig])
