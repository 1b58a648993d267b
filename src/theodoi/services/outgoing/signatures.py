"""Whether a PDF carries a digital signature, read from its bytes; never whether it is valid.

A PDF signed digitally (PAdES, as Vietnamese CA tools and the e-office systems make it)
holds a signature dictionary: `/Type /Sig` (or a field `/FT /Sig`) with a `/ByteRange`
saying which bytes were signed and `/Contents` holding the PKCS#7 signature. The
dictionary is never inside a compressed object stream (its byte range must be findable),
so a byte scan finds it without parsing the file or adding a library. From it we read the
signer's name (`/Name`) and the signing time (`/M`) when written there. Checking the
certificate chain and the signed digest is not done: the page says "đã phát hiện chữ ký
số, chưa kiểm tra tính hợp lệ", and nothing here claims more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*\d+\s+\d+\s+\d+\s+\d+\s*\]")
SIG_TYPE = re.compile(rb"/(?:Type|FT)\s*/Sig\b")
CONTENTS = re.compile(rb"/Contents\s*<[0-9A-Fa-f\s]+>")
NAME = re.compile(rb"/Name\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)", re.DOTALL)
WHEN = re.compile(rb"/M\s*\(D:(\d{4})(\d{2})(\d{2})")
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
# an upload is untrusted: at most this many /ByteRange are looked at (a signed report has
# one per signature, a handful), each from at most this many bytes around it (a real
# /Contents is a few KB to 64 KB of hex), so a file stuffed with /ByteRange costs a
# bounded scan (about MAX_SIGNATURES × WINDOW), not one quadratic in its size
MAX_SIGNATURES = 20
WINDOW = 256 << 10
NOT_CHECKED = "đã phát hiện chữ ký số, chưa kiểm tra tính hợp lệ"
NONE_FOUND = "không phát hiện chữ ký số (có thể là bản scan có dấu đỏ)"


@dataclass(frozen=True)
class Signature:
    """One signature dictionary found: who (when readable) and when (when written)."""

    signer: str | None
    signed_on: date | None


@dataclass(frozen=True)
class Found:
    """What the scan of a PDF found."""

    signatures: tuple[Signature, ...]

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    def as_json(self) -> dict[str, Any]:
        return {"signed": self.signed, "count": len(self.signatures),
                "signers": [x.signer for x in self.signatures if x.signer],
                "signed_on": [x.signed_on.isoformat() for x in self.signatures if x.signed_on],
                "checked": False}


def label(stored: dict[str, Any] | None) -> str:
    """What the page says of a stored scan: found (with the names), none, or not scanned."""
    if not stored:
        return "chưa có bản đã ký"
    if not stored.get("signed"):
        return NONE_FOUND
    names = ", ".join(stored.get("signers") or [])
    return f"có chữ ký số{f' ({names})' if names else ''}: {NOT_CHECKED}"


def scan(content: bytes) -> Found:
    """The signature dictionaries of a PDF: each `/ByteRange` whose object also says
    `/Sig` or holds a hex `/Contents`."""
    found: list[Signature] = []
    for seen, match in enumerate(BYTE_RANGE.finditer(content)):
        if seen == MAX_SIGNATURES:
            break
        low = max(match.start() - WINDOW, 0)
        start = content.rfind(b" obj", low, match.start())
        end = content.find(b"endobj", match.end(), match.end() + WINDOW)
        part = content[low if start == -1 else start:
                       match.end() + WINDOW if end == -1 else end]
        if SIG_TYPE.search(part) or CONTENTS.search(part):
            found.append(Signature(_name(part), _when(part)))
    return Found(tuple(found))


def _name(part: bytes) -> str | None:
    match = NAME.search(part)
    if match is None:
        return None
    raw = match.group(1)
    data = bytes.fromhex(re.sub(rb"\s", b"", raw[1:-1]).decode()) if raw.startswith(b"<") \
        else _literal(raw[1:-1])
    text = _decode(data).strip()
    return text or None


def _literal(raw: bytes) -> bytes:
    """A PDF literal string's bytes: backslash escapes (\\n, \\(, \\ddd octal) undone."""
    out, i = bytearray(), 0
    while i < len(raw):
        if raw[i:i + 1] != b"\\" or i + 1 >= len(raw):
            out += raw[i:i + 1]
            i += 1
            continue
        octal = re.match(rb"[0-7]{1,3}", raw[i + 1:i + 4])
        if octal:
            out.append(int(octal.group(), 8) & 0xFF)
            i += 1 + len(octal.group())
        else:
            nxt = raw[i + 1:i + 2]
            out += ESCAPES.get(nxt, nxt)
            i += 2
    return bytes(out)


def _decode(data: bytes) -> str:
    """UTF-16BE with its mark (how Vietnamese names are written), UTF-8 with its mark, else
    PDFDocEncoding (Latin-1 is close enough for a name)."""
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be", "replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    return data.decode("latin-1")


def _when(part: bytes) -> date | None:
    match = WHEN.search(part)
    if match is None:
        return None
    try:
        return date(*(int(x) for x in match.groups()))
    except ValueError:
        return None
