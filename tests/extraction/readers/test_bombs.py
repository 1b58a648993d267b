"""Files built to exhaust a reader are refused while reading, with a Vietnamese BadInput.

H3 of issue 14: a DOCX whose zip entries lie about their size passed the zip-bomb check and
drove a worker to 2.1 GB; a 1.2 MB PDF reached 6 GB. Each case below is the attack in
small, and a memory-capped child is the floor under them all.
"""

from __future__ import annotations

import io
import os
import time
import zipfile

import pytest

from tests.extraction import fuzzing as F
from tests.extraction.readers.test_docx import _plan_docx
from theodoi.domain.errors import BadInput
from theodoi.extraction import extract, read_source, readers
from theodoi.extraction.errors import FileTooLarge, ReadTimedOut, UnreadableFile, UnsafeContent
from theodoi.extraction.readers import isolation, limits


def test_a_zip_whose_headers_claim_small_sizes_is_counted_as_it_unpacks() -> None:
    bomb = F.lie_about_sizes(F.padded_xml_entry(100), claimed=1000)
    claimed = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert claimed < 10_000  # what the old header check summed, and let through
    with pytest.raises(BadInput) as raised:
        read_source(bomb, "bom.docx", memory_mb=0)
    assert isinstance(raised.value, FileTooLarge | UnreadableFile)


def test_an_honest_bomb_stops_at_the_budget_not_at_its_end() -> None:
    taken: list[int] = []
    budget = limits._Budget("bom.docx", "Word", limits.MAX_RATIO * 100_000)
    original = budget.take

    def spy(size: int, is_xml: bool) -> None:
        taken.append(size)
        original(size, is_xml)

    budget.take = spy  # type: ignore[method-assign]
    archive = zipfile.ZipFile(io.BytesIO(F.padded_xml_entry(100)))
    info = archive.getinfo("word/document.xml")
    with pytest.raises(FileTooLarge, match="giải nén ra quá lớn"):
        limits._read_entry(archive, info, budget, is_xml=True)
    assert sum(taken) <= limits.MAX_RATIO * 100_000 + limits.CHUNK  # 20 MB of its 100
    assert sum(taken) < info.file_size // 4


@pytest.mark.parametrize("name, data", [
    ("laughs.docx", F.docx_with(F.LAUGHS)),
    ("laughs-numbering.docx", F.docx_with(F.body(["Kế hoạch"]),
                                          extra={"word/numbering.xml": F.LAUGHS})),
])
def test_entity_expansion_is_refused_before_any_parse(name: str, data: bytes) -> None:
    with pytest.raises(UnsafeContent, match="DTD/ENTITY"):
        read_source(data, name, memory_mb=0)


def test_deeply_nested_xml_is_refused_by_the_parser_depth_limit() -> None:
    data = F.docx_with(F.deep_xml(300) + b" " * 20_000)  # small enough for the ratio check
    with pytest.raises(UnreadableFile):
        read_source(data, "sau.docx", memory_mb=0)
    with pytest.raises(UnreadableFile, match="lồng nhau quá sâu"):
        limits.parse_xml(F.deep_xml(300), "sau.docx", "word/numbering.xml")


def test_the_parser_resolves_no_entity_and_reads_no_network() -> None:
    root = limits.parse_xml(b'<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>', "x.docx", "p")
    assert "boom" not in (root.text or "")


def test_a_zip_with_thousands_of_entries_is_refused() -> None:
    with pytest.raises(UnsafeContent, match="quá nhiều"):
        read_source(F.many_entries(limits.MAX_ENTRIES + 1), "nhieu.docx", memory_mb=0)


def test_a_real_docx_still_reads() -> None:
    assert "Chỉ tiêu chủ yếu" in read_source(_plan_docx(), "kh.docx")[0].text


def test_a_pdf_with_too_many_pages_is_refused_before_reading_them() -> None:
    with pytest.raises(FileTooLarge, match="2500 trang"):
        read_source(F.pdf_claiming_pages(2500), "dai.pdf", memory_mb=0)


def test_a_pdf_content_stream_bomb_is_refused_before_pdfium_opens_it() -> None:
    with pytest.raises(FileTooLarge, match="giải nén ra quá lớn"):
        read_source(F.pdf_content_bomb(140), "bom.pdf", memory_mb=0)


def test_a_page_with_too_much_text_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_PAGE_CHARS", 20)
    pdf = F.make_pdf([["Ke hoach so 12"], ["Chi tieu: ty le ho ngheo giam con duoi 2 phan tram"]])
    with pytest.raises(FileTooLarge, match="trang 2 của tệp PDF"):
        read_source(pdf, "trang.pdf", memory_mb=0)


def test_a_page_with_too_many_objects_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_PAGE_OBJECTS", 2)
    pdf = F.make_pdf([["Ke hoach"], ["Chi tieu 1", "Chi tieu 2", "Chi tieu 3"]])
    with pytest.raises(FileTooLarge, match="trang 2 của tệp PDF có 3 đối tượng"):
        read_source(pdf, "dac.pdf", memory_mb=0)


def test_text_growing_far_past_its_file_is_refused() -> None:
    with pytest.raises(FileTooLarge, match="quá dài"):
        limits.check_text(limits.MAX_TEXT_CHARS + 1, 10 * 1024 * 1024, "to.pdf")
    limits.check_text(limits.MIN_TEXT_BUDGET, 10, "nho.txt")  # a small file's floor


def _allocate_gigabytes() -> bytes:
    return bytes(2 * 1024 * 1024 * 1024)


def test_a_reader_that_allocates_past_the_cap_fails_only_its_child() -> None:
    with pytest.raises(FileTooLarge, match="200 MB bộ nhớ"):
        isolation.run(_allocate_gigabytes, "bom.pdf", memory_mb=200, timeout_s=60)
    assert isolation.run(lambda: "vẫn chạy", "ok.txt", memory_mb=200, timeout_s=60) == "vẫn chạy"


def test_a_reader_that_never_ends_is_killed_at_the_deadline() -> None:
    marker = []

    def forever() -> None:
        marker.append(os.getpid())
        while True:
            time.sleep(1)

    with pytest.raises(ReadTimedOut, match=r"quá 0\.5 giây"):
        isolation.run(forever, "treo.pdf", memory_mb=200, timeout_s=0.5)
    assert marker == []  # it ran in the child, not here


def test_a_bad_input_raised_in_the_child_arrives_as_itself() -> None:
    def refuse() -> None:
        raise UnsafeContent("có DTD.", subject="a.docx")

    with pytest.raises(UnsafeContent) as raised:
        isolation.run(refuse, "a.docx", memory_mb=200, timeout_s=60)
    assert raised.value.render() == "a.docx: có DTD."


def test_a_parser_crash_becomes_unreadable_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from theodoi.extraction.readers import txt

    def crash(data: bytes, name: str) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(txt, "read", crash)
    with pytest.raises(UnreadableFile, match="không đọc được tệp"):
        readers.read(b"Ke hoach", "kh.txt")  # in the child, which the patch reached by fork


def test_extract_runs_its_stages_in_the_child_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from theodoi.extraction import pipeline

    def endless(stages: object, source: object) -> None:
        while True:
            time.sleep(1)

    monkeypatch.setattr(pipeline, "run", endless)
    with pytest.raises(ReadTimedOut):
        extract(b"Ke hoach nam 2026", filename="kh.txt", timeout_s=1)
