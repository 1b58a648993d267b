"""A minimal PDF writer for tests: pages of Helvetica lines, or an image-only page (a scan)."""

from __future__ import annotations

from theodoi.reports.pdf_objects import pdf_file


def _stream(lines: list[str]) -> bytes:
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 790 Td"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({safe}) Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def make_pdf(pages: list[list[str]], *, image_only: bool = False) -> bytes:
    """Build a PDF with one page per list of lines (ASCII/Latin-1 text)."""
    objects: list[bytes] = []
    kids = []
    font_id = 3
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages, filled below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for lines in pages:
        if image_only:
            pixels = b"\x80" * 64
            objects.append(b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 "
                           b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Length 64 >>\nstream\n"
                           + pixels + b"\nendstream")
            image_id = len(objects)
            content = f"q 400 0 0 400 100 300 cm /Im{image_id} Do Q".encode()
            resources = f"<< /XObject << /Im{image_id} {image_id} 0 R >> >>"
        else:
            content = _stream(lines)
            resources = f"<< /Font << /F1 {font_id} 0 R >> >>"
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        content_id = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources {resources} /Contents {content_id} 0 R >>".encode())
        kids.append(len(objects))
    objects[1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                  f"/Count {len(kids)} >>").encode()
    return pdf_file(objects, b"1.4")
