"""TXT reader: encodings, legacy TCVN3 conversion, and the block map as a property."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.extraction import read_source
from theodoi.extraction.readers import txt
from theodoi.extraction.rules.legacy_encodings import TCVN3

PLAN = "KẾ HOẠCH\nPhấn đấu tỷ lệ hộ nghèo giảm còn dưới 1,5% vào năm 2027.\nỦy ban nhân dân xã"


@pytest.mark.parametrize("data", [
    PLAN.encode("utf-8"),
    codecs.BOM_UTF8 + PLAN.encode("utf-8"),
    PLAN.encode("utf-16"),                       # with BOM
    PLAN.replace("\n", "\r\n").encode("utf-8"),  # Windows line ends
])
def test_unicode_encodings_read_the_same(data: bytes) -> None:
    source = read_source(data, "kh.txt")[0]
    assert source.text == PLAN
    assert source.warnings == []


def test_windows_1258_is_read_with_a_warning() -> None:
    data = b"Ph\xe1t tri\xea\xd2n n\xf4ng nghi\xea\xf2p"  # tone marks as separate bytes
    source = read_source(data, "kh.txt")[0]
    assert source.text == "Phát triển nông nghiệp"
    assert [w.code for w in source.warnings] == ["W002"]


def _to_tcvn3(text: str) -> str:
    reverse = {v: k for k, v in TCVN3.items()}
    return "".join(reverse.get(ch.lower(), ch) if ch.lower() in reverse and not ch.isascii()
                   else ch for ch in text)


TCVN3_LINES = [
    "KÕ ho¹ch ph¸t triÓn kinh tÕ - x· héi n¨m 2026",     # as .VnTime shows it
    "Phấn đấu thu nhập bình quân đầu người đạt 80 triệu đồng",
]


def test_tcvn3_typed_as_utf8_latin1_is_converted_with_w001() -> None:
    source = read_source(TCVN3_LINES[0].encode("utf-8"), "cu.txt")[0]
    assert source.text == "Kế hoạch phát triển kinh tế - xã hội năm 2026"
    assert [w.code for w in source.warnings] == ["W001"]


def test_raw_8bit_tcvn3_is_converted() -> None:
    raw = _to_tcvn3(TCVN3_LINES[1]).encode("latin-1")
    source = read_source(raw, "cu.txt")[0]
    assert source.text == TCVN3_LINES[1]
    assert [w.code for w in source.warnings] == ["W001"]


def test_vnTimeH_capitals_are_restored() -> None:
    raw = _to_tcvn3("KẾ HOẠCH").upper()
    text = read_source(raw.encode("utf-8"), "cu.txt")[0].text
    assert text == "KẾ HOẠCH"


def test_unicode_vietnamese_is_never_taken_for_tcvn3() -> None:
    text = "Café là đồ uống; giá 25.000 đồng — số liệu năm 2025 đạt 95%"
    source = read_source(text.encode("utf-8"), "a.txt")[0]
    assert source.text == text and source.warnings == []


@given(st.text(min_size=1, max_size=300).filter(lambda s: s.strip()))
def test_blocks_lie_inside_the_text_in_order(body: str) -> None:
    source = read_source(body.encode("utf-8", errors="surrogatepass").decode(
        "utf-8", errors="ignore").encode("utf-8") or b"x", "p.txt")[0]
    previous = 0
    for block in source.blocks:
        assert previous <= block.start <= block.end <= len(source.text)
        previous = block.end


VNI_LINES = [
    ("Keá hoaïch phaùt trieån kinh teá - xaõ hoäi naêm 2026",
     "Kế hoạch phát triển kinh tế - xã hội năm 2026"),
    ("Phaán ñaáu thu nhaäp bình quaân ñaàu ngöôøi ñaït 80 trieäu ñoàng",
     "Phấn đấu thu nhập bình quân đầu người đạt 80 triệu đồng"),
    ("UÛY BAN NHAÂN DAÂN XAÕ", "ỦY BAN NHÂN DÂN XÃ"),
]


@pytest.mark.parametrize(("vni", "unicode"), VNI_LINES)
def test_vni_typed_text_is_converted_with_w001(vni: str, unicode: str) -> None:
    for data in (vni.encode("utf-8"), vni.encode("latin-1")):
        source = read_source(data, "cu.txt")[0]
        assert source.text == unicode
        assert [w.code for w in source.warnings] == ["W001"]
        assert "VNI" in source.warnings[0].message


def test_utf8_read_in_pieces_gives_the_text_and_lines_of_the_whole(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces of a few bytes, cut after line breaks: letters written as a base and combining
    marks at the start and end of lines compose as in the whole text (a line break is a
    starter no mark joins), Windows line ends become one break, and the line indexes of the
    blocks run on from piece to piece."""
    monkeypatch.setattr(txt, "CHUNK_BYTES", 4)
    body = "Tie\u0302\u0301n\r\nho\u0323c\r\n\u0301a\nxa\u0303\n"
    source = txt.read(body.encode("utf-8"), "kh.txt")
    assert source.text == "Tiến\nhọc\n\u0301a\nxã\n"
    assert [(b.start, b.end, b.kind, b.paragraph) for b in source.blocks] == [
        (0, 4, "line", 0), (5, 8, "line", 1), (9, 11, "line", 2), (12, 14, "line", 3)]
    assert source.warnings == []


def test_a_bad_byte_after_a_utf8_bom_is_replaced_in_every_piece(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(txt, "CHUNK_BYTES", 4)
    source = txt.read(codecs.BOM_UTF8 + b"ab\xffc\n" * 3 + "đạt".encode(), "kh.txt")
    assert source.text == "ab\ufffdc\n" * 3 + "đạt"
    assert [w.code for w in source.warnings] == ["W006"]


def test_tcvn3_in_utf8_pieces_is_still_converted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(txt, "CHUNK_BYTES", 4)
    data = (TCVN3_LINES[0] + "\n" + TCVN3_LINES[0]).encode("utf-8")
    source = txt.read(data, "cu.txt")
    assert source.text == ("Kế hoạch phát triển kinh tế - xã hội năm 2026\n"
                           "Kế hoạch phát triển kinh tế - xã hội năm 2026")
    assert [w.code for w in source.warnings] == ["W001"]
