"""Property: whatever the input text, every span lies inside the text and is the item's text
(whitespace folded, as the contract allows)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from theodoi.extraction import extract

# Words that make the stages fire (headings, commitments, numbers, agencies, dates), mixed
# with arbitrary text, so the property is exercised on the interesting paths too.
VOCAB = [
    "I. MỤC TIÊU", "1. Chỉ tiêu", "(1) Tỷ lệ", "a)", "- ", "+ Năm 2026: Đạt 30%", "phấn đấu",
    "đạt", "trên", "95%", "10,9%/năm", "13.284", "4/9 tổ dân phố", "từ 10% đến 12%",
    "triệu đồng", "đến năm 2030", "hằng năm", "UBND xã", "chủ trì", "phối hợp", "Quý I năm 2026",
    "trước ngày 10/11/2024", "Giao cho Ban Xây dựng Đảng chủ trì,", "Nơi nhận:", "KẾ HOẠCH",
    "Số 12-KH/ĐU", "ngày 30 tháng 3 năm 2026", "T/M BAN THƯỜNG VỤ", "\n", "\n\n", " ",
]

texts = st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=12)), max_size=60).map(
    "".join)


def _fold(s: str) -> str:
    return " ".join(s.split())


def _items(result: dict) -> list[dict]:
    return [*result["outline"], *result["targets"], *result["tasks"]]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_every_span_is_inside_the_text_and_is_the_items_text(body: str) -> None:
    text_bytes = body.encode("utf-8")
    if not text_bytes.strip():
        return  # empty input is a BadInput, tested in the CLI bad-input tests
    result = extract(text_bytes, filename="x.txt")
    from theodoi.extraction import read_source

    text = read_source(text_bytes, "x.txt")[0].text
    assert result["source"]["chars"] == len(text)
    for item in _items(result):
        start, end = item["span"]
        assert 0 <= start <= end <= len(text)
        if "text" in item:  # the contract allows the item's text to fold whitespace
            assert _fold(text[start:end]) == _fold(item["text"])
    for warning in result["warnings"]:
        if warning["span"]:
            assert 0 <= warning["span"][0] <= warning["span"][1] <= len(text)
