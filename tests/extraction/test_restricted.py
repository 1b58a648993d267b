"""document.restricted: a document whose own text limits who reads it (Party documents'
ownership footer, "Lưu hành nội bộ", the classification stamps) is flagged, with the line;
the same words inside a sentence of the body are not a mark."""

from __future__ import annotations

import pytest

from theodoi.extraction import extract

HEAD = """ĐẢNG BỘ XÃ HƯNG LỘC
ĐẢNG ỦY XÃ HƯNG LỘC
*
Số 12-KH/ĐU
KẾ HOẠCH
Triển khai nhiệm vụ năm 2026
1. Tuyên truyền sâu rộng trong cán bộ, đảng viên.
"""

MARKED = [
    "Tài liệu này thuộc sở hữu của các cơ quan Đảng. Việc phát tán, sử dụng trái phép bị nghiêm cấm",
    "Tài liệu này thuộc quyền sở hữu của cơ quan Đảng",
    "LƯU HÀNH NỘI BỘ",
    "(Lưu hành nội bộ)",
    "Tài liệu mật",
    "MẬT",
    "TỐI MẬT",
    "TUYỆT MẬT",
]

OPEN = [
    "2. Tăng cường công tác bảo vệ chính trị nội bộ, chú trọng nắm tình hình.",
    "3. Tăng cường mối quan hệ mật thiết giữa Đảng và Nhân dân.",
    "4. Thực hiện 100% văn bản không mật được xử lý trên môi trường số.",
    "5. Không để xảy ra lộ, mất bí mật nhà nước.",
    "Các cơ quan Đảng trực thuộc Đảng ủy xã thực hiện kế hoạch này.",
    "Mật độ dân số tăng.",
]


@pytest.mark.parametrize("line", MARKED)
def test_a_mark_on_its_own_line_restricts_the_document(line: str) -> None:
    text = HEAD + "\n" + line + "\n"
    doc = extract(text.encode(), filename="kh.txt")["document"]
    assert doc["restricted"] is True
    start, end = doc["restricted_by"]["span"]
    assert doc["restricted_by"]["text"] == line
    assert text[start:end] == line


@pytest.mark.parametrize("line", OPEN)
def test_the_same_words_in_the_body_do_not(line: str) -> None:
    doc = extract((HEAD + line + "\n").encode(), filename="kh.txt")["document"]
    assert doc["restricted"] is False and doc["restricted_by"] is None


def test_seed_001_carries_the_party_footer_and_seed_003_none(samples) -> None:
    party = extract(samples / "001_81fb9a8f4653a181.txt")["document"]
    assert party["restricted"] is True
    assert party["restricted_by"]["text"].startswith(
        "Tài liệu này thuộc sở hữu của các cơ quan Đảng.")
    assert extract(samples / "003_ce4c1004cfc020ed.txt")["document"]["restricted"] is False


@pytest.mark.parametrize("line", MARKED)
def test_each_mark_holds_the_words_that_let_a_text_without_them_skip_it(line: str) -> None:
    """The words beside each mark (rules.document.RESTRICTED_MARKS) are in every line it
    matches (lower-cased for an IGNORECASE rule): a mark whose words drifted from its rule
    would silently never be searched."""
    import re

    from theodoi.extraction.rules.document import RESTRICTED_MARKS

    matched = [(words, rule) for words, rule in RESTRICTED_MARKS if rule.search(line)]
    assert matched
    for words, rule in matched:
        assert words in (line.lower() if rule.flags & re.IGNORECASE else line)


def test_a_mark_written_with_a_letter_only_ignorecase_folds_is_still_found() -> None:
    """'ſ' (long s) lower-cases to itself, yet IGNORECASE reads it as 's': the lower case of
    such a text proves nothing, so the mark is searched and found as before."""
    line = "Tài liệu này thuộc ſở hữu của các cơ quan Đảng"
    doc = extract((HEAD + line + "\n").encode(), filename="kh.txt")["document"]
    assert doc["restricted_by"]["text"] == line
