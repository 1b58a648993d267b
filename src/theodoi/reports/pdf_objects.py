"""A PDF file written from its objects: the numbering, the byte offsets, the
cross-reference table and the trailer computed, so every offset is right.

Used where theodoi makes a tiny PDF itself (the demo's stand-in for a signed copy) and by
the tests that need PDFs of a given shape (text pages, scans, signature fields, broken
files). Object 1 must be the catalogue. Pure: bytes in, bytes out.
"""

from __future__ import annotations

from collections.abc import Sequence


def pdf_file(objects: Sequence[bytes], version: bytes = b"1.7", *,
             binary_mark: bool = False) -> bytes:
    """`objects` as objects 1, 2, … of a PDF of `version`; `binary_mark` adds the comment
    line of high bytes that tells a transfer program the file is binary."""
    out = bytearray(b"%PDF-" + version + b"\n")
    if binary_mark:
        out += b"%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)
