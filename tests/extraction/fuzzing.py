"""Hostile and broken files for the readers: crafted bombs and seeded mutations of real files.

Shared by tests/extraction/test_fuzz.py (a few hundred cases) and bench/fuzz.py (10,000+).
Every generator is deterministic for a given `random.Random`.
"""

from __future__ import annotations

import functools
import io
import random
import struct
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.extraction.readers.pdfmaker import make_pdf
from theodoi.reports.pdf_objects import pdf_file

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "data" / "fuzz"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def seeds() -> list[tuple[str, bytes]]:
    """The real files mutations start from: fuzz seeds, fixtures and a few samples."""
    paths = sorted(SEEDS.glob("*")) + sorted((ROOT / "tests" / "data" / "fixtures").glob("*"))
    paths += sorted((ROOT / "samples").glob("*.txt"))[:3]
    return [(p.name, p.read_bytes()) for p in paths if p.is_file()]


# ---------------------------------------------------------------- zip helpers


def docx_with(document_xml: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal DOCX whose word/document.xml is `document_xml`."""
    parts = {
        "[Content_Types].xml": (
            b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
            b'openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            b'ContentType="application/xml"/><Override PartName="/word/document.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            b'document.main+xml"/></Types>'),
        "_rels/.rels": (
            b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            b'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            b'Target="word/document.xml"/></Relationships>'),
        "word/document.xml": document_xml,
        **(extra or {}),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def body(paragraphs: list[str]) -> bytes:
    ps = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
            f"{ps}</w:body></w:document>").encode()


def lie_about_sizes(data: bytes, claimed: int = 1000) -> bytes:
    """Rewrite every local and central header so each entry claims `claimed` bytes unpacked."""
    out = bytearray(data)
    pos = 0
    while (pos := out.find(b"PK\x03\x04", pos)) >= 0:
        out[pos + 22:pos + 26] = struct.pack("<I", claimed)
        pos += 4
    pos = 0
    while (pos := out.find(b"PK\x01\x02", pos)) >= 0:
        out[pos + 24:pos + 28] = struct.pack("<I", claimed)
        pos += 4
    return bytes(out)


@functools.lru_cache(maxsize=4)
def padded_xml_entry(megabytes: int) -> bytes:
    """A DOCX whose document.xml unpacks to `megabytes` MB of one paragraph's text."""
    head = f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"A" * (1 << 20)
    raw = squeeze.compress(head) + b"".join(squeeze.compress(chunk) for _ in range(megabytes))
    raw += squeeze.compress(tail) + squeeze.flush()
    size = len(head) + len(tail) + megabytes * len(chunk)
    crc = zlib.crc32(head)
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    small = docx_with(body(["x"]))
    return _replace_entry(small, "word/document.xml", raw, size, crc)


def _replace_entry(data: bytes, target: str, compressed: bytes, size: int, crc: int) -> bytes:
    """Rebuild a zip with `target`'s deflated bytes given raw (to make bombs cheaply)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    central = []
    for info in src.infolist():
        if info.filename == target:
            blob, usize, ucrc = compressed, size, crc
        else:
            content = src.read(info)
            squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
            blob = squeeze.compress(content) + squeeze.flush()
            usize, ucrc = len(content), zlib.crc32(content)
        name = info.filename.encode()
        offset = out.tell()
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, ucrc,
                              len(blob), usize, len(name), 0) + name + blob)
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0,
                                   ucrc, len(blob), usize, len(name), 0, 0, 0, 0, 0, offset)
                       + name)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))
    return out.getvalue()


# ---------------------------------------------------------------- crafted bombs

LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                     .encode() for i in range(1, 10))
          + f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
            "</w:body></w:document>".encode())
LAUGHS = LAUGHS.replace(b"<w:document", b"]><w:document", 1)


def deep_xml(depth: int) -> bytes:
    return (f'<w:document xmlns:w="{W_NS}"><w:body>'.encode() + b"<w:p>" * depth
            + b"</w:p>" * depth + b"</w:body></w:document>")


def many_entries(count: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", body(["x"]))
        for i in range(count):
            z.writestr(f"word/media/{i}.bin", b"")
    return buf.getvalue()


def xlsx_with(sheet_xml: bytes) -> bytes:
    """An openpyxl workbook whose first sheet's XML is replaced by `sheet_xml`."""
    from openpyxl import Workbook

    buf = io.BytesIO()
    Workbook().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = sheet_xml if info.filename == "xl/worksheets/sheet1.xml" else src.read(info)
            z.writestr(info.filename, data)
    return out.getvalue()


def pdf_claiming_pages(count: int) -> bytes:
    """A PDF whose page tree says it has `count` pages (it has `count` tiny page objects)."""
    return make_pdf([[] for _ in range(count)])


@functools.lru_cache(maxsize=4)
def pdf_content_bomb(megabytes: int) -> bytes:
    """One page whose deflated content stream unpacks to `megabytes` MB of text operators."""
    squeeze = zlib.compressobj(9)
    ops = b"BT /F1 1 Tf " + b"(A) Tj " * 10
    chunk = ops * ((1 << 20) // len(ops))
    stream = squeeze.compress(b"BT /F1 1 Tf 0 0 Td ")
    stream += b"".join(squeeze.compress(chunk) for _ in range(megabytes)) + squeeze.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
               b"<< /F1 3 0 R >> >> /Contents 5 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
               + b"\nendstream"]
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    return pdf_file(objects, b"1.4")


def broken_xref(pdf: bytes, rng: random.Random) -> bytes:
    """The PDF with its xref offsets scrambled (or the table cut off)."""
    at = pdf.rfind(b"xref")
    if at < 0:
        return pdf[: len(pdf) // 2]
    table = bytearray(pdf[at:])
    for i, ch in enumerate(table):
        if 48 <= ch <= 57 and rng.random() < 0.3:
            table[i] = 48 + rng.randrange(10)
    return pdf[:at] + bytes(table)


def crafted() -> list[tuple[str, bytes]]:
    """Every crafted hostile file, with a name whose suffix the upload would carry."""
    return [
        ("laughs.docx", docx_with(LAUGHS)),
        ("deep.docx", docx_with(deep_xml(100_000))),
        ("lying-sizes.docx", lie_about_sizes(padded_xml_entry(100))),
        ("honest-bomb.docx", padded_xml_entry(100)),
        ("many-entries.docx", many_entries(6000)),
        ("laughs-numbering.docx", docx_with(body(["Kế hoạch"]),
                                            extra={"word/numbering.xml": LAUGHS})),
        ("many-pages.pdf", pdf_claiming_pages(2500)),
        ("content-bomb.pdf", pdf_content_bomb(140)),
        ("deep.txt", b"(" * 200_000),
    ]


# ---------------------------------------------------------------- mutations


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(len(data), 2))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def splice_noise(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data) + 1)
    return data[:i] + rng.randbytes(rng.randint(1, 512)) + data[i:]


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data))
    j = min(len(data), i + rng.randint(1, 4096))
    return data[:j] + data[i:j] * rng.randint(2, 50) + data[j:]


def mutate_zip_entry(data: bytes, rng: random.Random) -> bytes:
    """Break one entry of a zip package (its XML or its compressed bytes)."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        infos = src.infolist()
        contents = {i.filename: src.read(i) for i in infos}
    except Exception:  # noqa: BLE001 - not a zip: fall back to a byte-level mutation
        return flip_bytes(data, rng)
    victim = rng.choice(infos).filename
    content = contents[victim]
    choice = rng.randrange(4)
    if choice == 0:
        content = truncate(content, rng) if content else content
    elif choice == 1 and content:
        content = flip_bytes(content, rng)
    elif choice == 2:
        content = deep_xml(rng.choice([300, 5000]))
    else:
        content = LAUGHS
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body_ in contents.items():
            z.writestr(name, content if name == victim else body_)
    result = out.getvalue()
    return lie_about_sizes(result, rng.choice([0, 1, 1 << 31])) if rng.random() < 0.2 else result


MUTATORS: list[Callable[[bytes, random.Random], bytes]] = [
    truncate, flip_bytes, splice_noise, duplicate_chunk, mutate_zip_entry, broken_xref]


def mutated(rng: random.Random, count: int) -> Iterator[tuple[str, bytes]]:
    """`count` mutated files, each from a random seed file by one to three mutations."""
    pool = seeds()
    for n in range(count):
        name, data = rng.choice(pool)
        for _ in range(rng.randint(1, 3)):
            mutate = rng.choice(MUTATORS)
            data = mutate(data, rng) if data else rng.randbytes(64)
        yield f"{n:05d}-{name}", data


def generated(rng: random.Random, count: int) -> Iterator[tuple[str, bytes]]:
    """`count` files made from scratch: random bytes behind each magic, random text."""
    magics = [b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1",
              b"", b"\xef\xbb\xbf"]
    suffixes = [".pdf", ".docx", ".doc", ".txt", ".odt", ""]
    for n in range(count):
        body_ = rng.randbytes(rng.randint(0, 4096))
        if rng.random() < 0.3:
            body_ = "".join(rng.choice("Tỷ lệ 12,5% ha đạt năm 2026 ;.:\n-()1.a)")
                            for _ in range(rng.randint(0, 3000))).encode()
        yield f"g{n:05d}{rng.choice(suffixes)}", rng.choice(magics) + body_


# ---------------------------------------------------------------- the harness


@dataclass
class Outcome:
    """What one file did: ok | refused (a BadInput) | hang | crash | bad-span | stage-error."""

    name: str
    kind: str
    detail: str = ""
    seconds: float = 0.0


def spans_of(value: object) -> Iterator[list[int]]:
    """Every [start, end] under a "span"/"spans"/"also_spans" key of an extraction JSON."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "span" and item is not None:
                yield item
            elif key in ("spans", "also_spans") and isinstance(item, list):
                yield from (s for s in item if s is not None)
            else:
                yield from spans_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from spans_of(item)


def _case(data: bytes, name: str) -> tuple[list[list[int]], list[str]]:
    """In the child: read, run every stage, and return spans outside the text and W100s."""
    from theodoi.extraction import pipeline, read_source, schema
    from theodoi.extraction.stages import STAGES

    source, _, sha = read_source(data, name, memory_mb=0)
    result = schema.to_json(pipeline.run(STAGES, source), name, sha)
    size = len(source.text)
    outside = [s for s in spans_of(result) if not 0 <= s[0] <= s[1] <= size]
    stage_errors = [w["message"] for w in result["warnings"] if w["code"] == "W100"]
    return outside, stage_errors


def check(name: str, data: bytes, *, timeout_s: float = 10, memory_mb: int = 1024) -> Outcome:
    """Run one file through the readers and the extractor under the invariants."""
    from theodoi.domain.errors import BadInput
    from theodoi.extraction import readers
    from theodoi.extraction.errors import ReadTimedOut
    from theodoi.extraction.readers import isolation
    from theodoi.extraction.stages import STAGES

    assert STAGES  # loaded here once, not in every child
    readers.preload(data, name)
    started = time.perf_counter()
    try:
        outside, stage_errors = isolation.run(lambda: _case(data, name), name,
                                              memory_mb=memory_mb, timeout_s=timeout_s)
    except ReadTimedOut as exc:
        return Outcome(name, "hang", exc.render(), time.perf_counter() - started)
    except BadInput as exc:
        crashed = isinstance(exc.__cause__, RuntimeError) or "bất thường" in exc.message
        return Outcome(name, "crash" if crashed else "refused", exc.render(),
                       time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - the invariant under test
        return Outcome(name, "crash", repr(exc), time.perf_counter() - started)
    seconds = time.perf_counter() - started
    if outside:
        return Outcome(name, "bad-span", repr(outside[:3]), seconds)
    if stage_errors:
        return Outcome(name, "stage-error", stage_errors[0], seconds)
    return Outcome(name, "ok", "", seconds)
