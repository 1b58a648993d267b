"""Answers of pure helpers kept for one document's stages (extraction/memo.py): the same
answers as the helpers give, kept only while a document's stages run, let go after."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from theodoi.extraction import agencies, extract, memo
from theodoi.extraction.memo import per_document, per_document_list

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["Phòng VH-XH", "UBND xã", "các phòng, ban, đơn vị liên quan căn cứ chức năng",
         "Văn phòng HĐND và UBND xã", "Sở Khoa học và Công nghệ, Sở Xây dựng", "", "x"]


def _counted() -> tuple[list[str], Callable[[str], str], Callable[[str], list[str]]]:
    calls: list[str] = []

    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    def pieces(text: str) -> list[str]:
        calls.append(text)
        return text.split()

    return calls, per_document(upper), per_document_list(pieces)


def test_an_answer_is_worked_out_once_a_document_and_again_in_the_next() -> None:
    calls, upper, _ = _counted()
    for _ in range(2):
        with memo.document():
            assert [upper("a b"), upper("a b"), upper("c")] == ["A B", "A B", "C"]
    assert calls == ["a b", "c", "a b", "c"]  # kept inside a document, let go after it


def test_outside_a_document_nothing_is_kept() -> None:
    calls, upper, _ = _counted()
    assert [upper("a"), upper("a")] == ["A", "A"]
    assert calls == ["a", "a"]
    assert all(not table for table in memo._kept)


def test_a_long_text_is_not_kept() -> None:
    calls, upper, _ = _counted()
    long = "x" * (memo.LONGEST + 1)
    with memo.document():
        assert upper(long) == upper(long) == long.upper()
        assert upper("a") == upper("a")
    assert calls == [long, long, "a"]


def test_a_kept_list_is_each_callers_own() -> None:
    _, _, pieces = _counted()
    with memo.document():
        first = pieces("a b")
        first.append("changed")
        assert pieces("a b") == ["a", "b"]


def test_the_agency_helpers_answer_as_they_do_unkept() -> None:
    unkept = [(agencies.normalise_agency.__wrapped__(n), agencies.known_name_end.__wrapped__(n),
               agencies.looks_like_body.__wrapped__(n), agencies.split_bodies.__wrapped__(n))
              for n in NAMES]
    with memo.document():
        for _ in range(2):
            assert [(agencies.normalise_agency(n), agencies.known_name_end(n),
                     agencies.looks_like_body(n), agencies.split_bodies(n))
                    for n in NAMES] == unkept


def test_an_extraction_leaves_nothing_kept_and_answers_alike_twice() -> None:
    path = ROOT / "samples" / sorted(p.name for p in (ROOT / "samples").glob("*.txt"))[0]
    first = extract(path, memory_mb=0)
    assert all(not table for table in memo._kept)
    second = extract(path, memory_mb=0)
    for result in (first, second):
        result.pop("extracted_at", None)
    assert first == second and first["tasks"]
