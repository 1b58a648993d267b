"""The one fold and the one old/new tone table (domain.text), on real Vietnamese spellings."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theodoi.domain.text import fold, modern_tones, squash
from theodoi.extraction.agencies import normalise_agency


@pytest.mark.parametrize(("old", "new"), [
    ("Phòng Văn hoà - Xã hội", "Phòng Văn hòa - Xã hội"),
    ("ĐẢNG UỶ XÃ NGHI DƯƠNG", "ĐẢNG ỦY XÃ NGHI DƯƠNG"),
    ("Uỷ ban nhân dân xã", "Ủy ban nhân dân xã"),
    ("công trình thuỷ lợi", "công trình thủy lợi"),
    ("chăm sóc sức khoẻ nhân dân", "chăm sóc sức khỏe nhân dân"),
    ("xoá nhà tạm", "xóa nhà tạm"),
    ("thoả thuận", "thỏa thuận"),
    ("hoạ sĩ", "họa sĩ"),
    ("tuỳ theo điều kiện", "tùy theo điều kiện"),
    ("luỹ kế đến nay", "lũy kế đến nay"),
    ("CHUYỂN ĐỔI SỐ, HIỆN ĐẠI HOÁ", "CHUYỂN ĐỔI SỐ, HIỆN ĐẠI HÓA"),
    # the mark stays where the syllable goes on after the pair, or where u belongs to qu
    ("hoàn thành kế hoạch", "hoàn thành kế hoạch"),
    ("đường Hoàng Hoa Thám", "đường Hoàng Hoa Thám"),
    ("Quỹ hỗ trợ nông dân", "Quỹ hỗ trợ nông dân"),
    ("Quý II năm 2026", "Quý II năm 2026"),
    ("ngoài giờ", "ngoài giờ"),
    ("Phòng Văn hóa - Xã hội", "Phòng Văn hóa - Xã hội"),
])
def test_modern_tones(old: str, new: str) -> None:
    assert modern_tones(old) == new
    assert len(modern_tones(old)) == len(old)  # spans into the text stay true


@pytest.mark.parametrize(("a", "b"), [
    ("Phòng Văn hoá -  Xã hội", "phòng văn hóa - xã hội"),
    ("Hoà bình", "hòa bình"),  # hoà is hòa (grave), never hóa (acute)
    ("Uỷ ban MTTQ\n", "ủy ban mttq"),
    ("  Hoàn  thành ", "hoàn thành"),
    (unicodedata.normalize("NFD", "Thuỷ lợi"), "thủy lợi"),
])
def test_fold_gives_two_spellings_one_key(a: str, b: str) -> None:
    assert fold(a) == fold(b) == b


def test_fold_keeps_punctuation_and_digits() -> None:
    assert fold("Tỷ lệ (%) năm 2026;") == "tỷ lệ (%) năm 2026;"


@pytest.mark.parametrize(("text", "squashed"), [
    ("Phòng  Kinh tế\n chủ trì ", "Phòng Kinh tế chủ trì"),
    ("\tUỶ BAN\u00a0NHÂN DÂN", "UỶ BAN NHÂN DÂN"),  # case and old tones kept: text shown back
])
def test_squash(text: str, squashed: str) -> None:
    assert squash(text) == squashed


@pytest.mark.parametrize("written", [
    "Phòng Văn hoá - Xã hội", "Phòng Văn hoá-Xã hội", "PHÒNG VĂN HOÁ - XÃ HỘI", "Phòng VH-XH",
])
def test_agency_in_old_tones_is_recognised(written: str) -> None:
    assert normalise_agency(written) == "Phòng Văn hóa - Xã hội"


WHITESPACE_AND_NOT = ["a", "ế", " ", "  ", "\n", "\t", "\r", "\xa0", "\u2028", "\u3000", "\x1c",
                      "\x85", "\x00", "\u200b", "\ufeff", "."]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(WHITESPACE_AND_NOT), max_size=10))
def test_squash_gives_text_already_squashed_back_and_folds_the_rest(pieces: list[str]) -> None:
    """squash's shortcut (printable text with single inner spaces is given back as it is)
    answers as the split and join do, whatever whitespace or unprintable text it is given."""
    text = "".join(pieces)
    assert squash(text) == " ".join(text.split())


def test_every_whitespace_but_the_space_is_unprintable() -> None:
    """What the shortcut rests on, over every code point."""
    assert [c for c in map(chr, range(sys.maxunicode + 1))
            if c.isspace() and c.isprintable()] == [" "]
