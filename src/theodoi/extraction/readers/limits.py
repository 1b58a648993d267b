"""Limits that keep a hostile or broken file from exhausting the machine, and the checks.

A zip's headers say how large each entry unpacks, but they are written by whoever made the
file: a 1.9 MB DOCX whose entries claim a few kB each unpacked to 2 GB of XML. So every
entry is unpacked here through a counting stream that stops at the limit; the headers are
never trusted. OOXML (DOCX, XLSX) never carries a DTD, so a package part declaring one
(the "billion laughs" entity expansion) is refused outright, and XML is parsed with entity
resolution, network access and libxml2's "huge tree" mode all off (the latter keeps its
depth limit of 256 nested elements).

Each limit is a constant with the reason for its size; each refusal is a BadInput subclass
with a Vietnamese message (extraction/errors.py).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from theodoi.domain.errors import BadInput
from theodoi.domain.numbers import vn_number
from theodoi.extraction.errors import FileTooLarge, UnreadableFile, UnsafeContent

# The largest real plan in the corpus unpacks to about 1 MB of XML; 64 MB is far above any
# plan and far below what a worker can hold as an lxml tree (about 10x the XML size).
MAX_UNPACKED_XML = 64 * 1024 * 1024
# A progress template or a register export of a commune has a few hundred rows (about
# 100 kB of sheet XML); openpyxl holds ~50x its XML as cell objects, so 16 MB is the most a
# worker should ever parse from an uploaded workbook.
MAX_UNPACKED_XLSX_XML = 16 * 1024 * 1024
# Pictures and embedded files are kept by python-docx as bytes, not parsed; a plan with many
# photos stays well under this.
MAX_UNPACKED_TOTAL = 256 * 1024 * 1024
# A zip entry of XML compresses about 5-20x; 200x is only reached by padding (a bomb).
MAX_RATIO = 200
# A Word or Excel file has a few dozen parts; thousands of entries are made to waste time.
MAX_ENTRIES = 5000
# A PDF's compressed streams (page contents, fonts, object streams; not pictures, which
# text reading never decodes) unpack to a few MB for a real plan; a content stream that
# unpacks to hundreds of MB is a bomb PDFium would hold in memory many times over.
MAX_PDF_STREAMS = 128 * 1024 * 1024
# A PDF plan has tens of pages; the longest law documents a few hundred.
MAX_PDF_PAGES = 2000
# A page of text is a few hundred text objects (one per line or run); a page of hundreds of
# thousands is generated to make the text layout (quadratic in places) run for minutes.
MAX_PAGE_OBJECTS = 100_000
# A dense A4 page holds about 5,000 characters; a page claiming more is generated garbage.
MAX_PAGE_CHARS = 100_000
# The text of a whole document: 2000 dense pages, and never more than the reader can hold.
MAX_TEXT_CHARS = 20_000_000
# Text may grow past the file it comes from (a PDF compresses its streams) but a plan's
# text is at most a few times its file; beyond this factor (and the floor below, for small
# files) the growth is a decompression bomb.
MAX_TEXT_GROWTH = 100
MIN_TEXT_BUDGET = 5_000_000
# A reader (in its own child process, readers/isolation.py) may grow by this much memory:
# the largest real PDF needs about 150 MB; a bomb is stopped long before the machine's RAM.
READ_MEMORY_MB = 1024
# A text file or DOCX reads in under a second and a long PDF in a few; OCR of a scanned
# plan of ~40 pages at ~5 s a page is the slowest honest case.
READ_TIMEOUT_S = 300.0

CHUNK = 64 * 1024
DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY")
XML_SUFFIXES = (".xml", ".rels", ".vml")


@dataclass(frozen=True)
class Package:
    """A zip package whose entries were all unpacked within the limits: name -> bytes."""

    parts: dict[str, bytes]

    def names(self) -> set[str]:
        return set(self.parts)


def open_zip(data: bytes, name: str, what: str) -> zipfile.ZipFile:
    """The zip archive of `data`, or UnreadableFile naming `what` ("Word", "Excel")."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
            NotImplementedError) as exc:
        raise UnreadableFile(f"tệp {what} bị hỏng, không mở được.", subject=name) from exc
    if len(infos) > MAX_ENTRIES:
        raise UnsafeContent(f"tệp {what} có {len(infos)} phần bên trong, quá nhiều "
                            f"(tối đa {MAX_ENTRIES}); nghi là tệp nén độc hại.", subject=name)
    return archive


def unpack(data: bytes, name: str, what: str, *, xml_limit: int = MAX_UNPACKED_XML,
           keep: bool = True) -> Package:
    """Unpack every entry of the zip `data`, counting the bytes as they come out.

    Raises FileTooLarge as soon as the XML (over `xml_limit`) or all entries pass their
    limit or the ratio, UnsafeContent for a DTD in an XML part, UnreadableFile for a corrupt
    entry. With `keep=False` only the checks run and no part is kept in memory.
    """
    archive = open_zip(data, name, what)
    budget = _Budget(name, what, min(MAX_UNPACKED_TOTAL, MAX_RATIO * max(len(data), 1)),
                     xml_limit)
    parts: dict[str, bytes] = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        is_xml = info.filename.lower().endswith(XML_SUFFIXES)
        content = _read_entry(archive, info, budget, is_xml, keep)
        if keep:
            parts[info.filename] = content
    return Package(parts)


def check_package(data: bytes, name: str, what: str, *, xml_limit: int) -> None:
    """Run unpack's checks on a package another library will open (openpyxl for XLSX)."""
    unpack(data, name, what, xml_limit=xml_limit, keep=False)


class _Budget:
    """Bytes unpacked so far, against the total, XML and ratio limits."""

    def __init__(self, name: str, what: str, total_limit: int,
                 xml_limit: int = MAX_UNPACKED_XML) -> None:
        self.name, self.what = name, what
        self.total_limit, self.xml_limit = total_limit, xml_limit
        self.total = self.xml = 0

    def take(self, size: int, is_xml: bool) -> None:
        self.total += size
        self.xml += size if is_xml else 0
        if self.total > self.total_limit or self.xml > self.xml_limit:
            limit = min(self.total_limit, self.xml_limit)
            raise FileTooLarge(f"tệp {self.what} giải nén ra quá lớn (vượt {mb(limit)}, gấp "
                               f"{MAX_RATIO} lần tệp hoặc quá giới hạn; nghi là tệp nén độc "
                               "hại).", subject=self.name)


def mb(size: int) -> str:
    """A size for a message: '0,5 MB', '64 MB' (Vietnamese decimal comma)."""
    value = size / 1048576
    return f"{vn_number(value, 0 if value >= 10 else 1)} MB"


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget,
                is_xml: bool, keep: bool = True) -> bytes:
    """One entry's bytes (b"" unless `keep`), read in chunks so the budget stops a bomb
    mid-way and a DTD is seen wherever it sits."""
    out = bytearray()
    tail = b""  # the end of the previous chunk: a mark may straddle two chunks
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                budget.take(len(chunk), is_xml)
                if is_xml and any(mark in tail + chunk for mark in DTD_MARKS):
                    raise UnsafeContent(f"tệp {budget.what} chứa khai báo DTD/ENTITY trong "
                                        f"{info.filename} (nghi là tệp độc hại).",
                                        subject=budget.name)
                tail = chunk[-16:]
                if keep:
                    out += chunk
    except BadInput:
        raise
    except Exception as exc:  # BadZipFile, zlib.error, EOFError, RuntimeError (encrypted) …
        raise UnreadableFile(f"tệp {budget.what} bị hỏng ({info.filename} không giải nén "
                             "được).", subject=budget.name) from exc
    return bytes(out)


def xml_parser() -> etree.XMLParser:
    """An lxml parser that resolves no entity, loads no DTD, reads no network, and keeps
    libxml2's limits on depth and text size (no huge_tree)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, dtd_validation=False)


def parse_xml(data: bytes, name: str, part: str) -> etree._Element:
    """The root element of package part `part`, or UnreadableFile when it is not XML."""
    try:
        return etree.fromstring(data, xml_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableFile(f"phần {part} của tệp không phải XML hợp lệ (tệp hỏng hoặc "
                             "lồng nhau quá sâu).", subject=name) from exc


PDF_STREAM = re.compile(rb"obj\s*<<(?P<dict>(?:(?!\bobj\b).){0,4096}?)>>\s*stream\r?\n",
                        re.DOTALL)


def check_pdf_streams(data: bytes, name: str) -> None:
    """Unpack the PDF's Flate streams (pictures aside) within MAX_PDF_STREAMS, before PDFium
    does, and refuse the file when they pass it: a 1 MB PDF can unpack to gigabytes."""
    left = MAX_PDF_STREAMS
    view = memoryview(data)  # no copy of the file's tail per stream
    for match in PDF_STREAM.finditer(data):
        head = match.group("dict")
        if b"FlateDecode" not in head or b"/Image" in head:
            continue
        inflate = zlib.decompressobj()
        try:
            left -= len(inflate.decompress(view[match.end():], left + 1))
        except zlib.error:
            continue  # a broken stream is PDFium's to refuse or skip, not a bomb
        if left < 0:
            raise FileTooLarge(f"tệp PDF giải nén ra quá lớn (hơn {mb(MAX_PDF_STREAMS)}; nghi "
                               "là tệp nén độc hại).", subject=name)


def check_text(length: int, file_size: int, name: str) -> None:
    """Refuse text that grows past MAX_TEXT_CHARS or MAX_TEXT_GROWTH times its file."""
    budget = min(MAX_TEXT_CHARS, max(MIN_TEXT_BUDGET, MAX_TEXT_GROWTH * file_size))
    if length > budget:
        raise FileTooLarge(f"văn bản đọc ra quá dài ({vn_number(length)} ký tự, tối đa "
                           f"{vn_number(budget)}); nghi là tệp nén độc hại.", subject=name)
