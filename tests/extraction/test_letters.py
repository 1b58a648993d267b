"""Capital and small letters of Vietnamese in the rules: "[A-ZĐÀ-Ỹ]" was written for "a
capital" but Unicode interleaves the marked capitals and small letters, so it matched "ổ",
"ạ", "đ" too. The classes of rules/letters.py hold one case each."""

from __future__ import annotations

import re

import pytest

from theodoi.extraction.rules.letters import CAPITALS, SMALLS
from theodoi.extraction.stages.outline import match_heading

VIETNAMESE = ("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụ"
              "ưừứửữựvxyỳýỷỹỵ")


@pytest.mark.parametrize("small", list(VIETNAMESE))
def test_each_letter_is_in_its_own_case_class_only(small: str) -> None:
    capital = small.upper()
    assert re.fullmatch(f"[{SMALLS}]", small) and not re.fullmatch(f"[{CAPITALS}]", small)
    assert re.fullmatch(f"[{CAPITALS}]", capital) and not re.fullmatch(f"[{SMALLS}]", capital)


@pytest.mark.parametrize(("line", "heading"), [
    ("2. Ổn định sản xuất, kinh doanh", True),
    ("2. Đẩy mạnh chuyển đổi số", True),
    # a number a PDF wrapped to a line start, the sentence going on in small letters
    ("2. ổn định sản xuất, kinh doanh trên địa bàn", False),
    ("3. đảm bảo tiến độ đề ra", False),
    ("10. ứng dụng công nghệ cao", False),
])
def test_a_heading_title_starts_with_a_capital(line: str, heading: bool) -> None:
    assert (match_heading(line) is not None) == heading
