"""Target similarity: properties over any targets, and tables of commitments said twice."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from theodoi.domain.similarity import (
    TargetFacts,
    plain_words,
    score,
    vn_number,
    word_similarity,
    words_of,
)

T = TargetFacts
THRESHOLD = 0.65  # what services/register/links.py suggests from

words = st.sampled_from(["tỷ lệ", "hộ", "nghèo", "nước sạch", "thu nhập", "bình quân",
                         "đầu người", "rừng", "trồng mới", "trường", "đạt chuẩn", "quốc gia",
                         "của", "và", "đạt", "Xã", "BẢO HIỂM", "y tế", "lao động"])
targets = st.builds(
    TargetFacts,
    indicator=st.lists(words, min_size=0, max_size=8).map(" ".join) | st.text(max_size=30),
    value=st.none() | st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    unit=st.none() | st.sampled_from(["%", "ha", "người", "triệu đồng", "phần trăm", ""]),
    deadline_year=st.none() | st.integers(2020, 2045),
    kind=st.none() | st.sampled_from(["level", "change", "growth_rate"]))


@given(targets)
def test_a_target_is_entirely_the_same_as_itself(t: TargetFacts) -> None:
    assert score(t, t).score == 1.0


@given(targets, targets)
@example(TargetFacts("", 0.0, "%", None, None), TargetFacts("", 0.0, "phần trăm", None, None))
@example(TargetFacts("", 1.0, "Hộ", None, None), TargetFacts("", 1.0, "hộ", None, None))
def test_score_is_symmetric_and_in_range(a: TargetFacts, b: TargetFacts) -> None:
    ab, ba = score(a, b), score(b, a)
    assert ab == ba
    assert 0.0 <= ab.score <= 1.0


@given(st.lists(words, min_size=1, max_size=6))
def test_case_punctuation_and_function_words_do_not_matter(parts: list[str]) -> None:
    text = " ".join(parts)
    noisy = f"{text.upper()}, đạt" if any(words_of(p) for p in parts) else text
    assert score(T(text), T(noisy)).score == 1.0


SAME = [
    (T("Tỷ lệ hộ gia đình sử dụng nước sạch", 95, "%", 2030, "level"),
     T("Tỷ lệ hộ dân được sử dụng nước sạch", 95, "%", 2030, "level")),
    (T("Thu nhập bình quân đầu người", 120, "triệu đồng", 2030),
     T("Thu nhập bình quân đầu người đạt", 120, "triệu đồng", 2030)),
    (T("Tỷ lệ dân số tham gia bảo hiểm y tế", 95, "%", 2030),
     T("Tỷ lệ người dân tham gia bảo hiểm y tế", 95, "phần trăm", 2030)),
    (T("Tỷ lệ trường học đạt chuẩn quốc gia", 100, "%", 2030),
     T("Tỷ lệ trường đạt chuẩn quốc gia", 100, "%", 2030)),
    (T("Thu nhập bình quân đầu người", 110, "triệu đồng", 2030),  # the plan below raised it
     T("Thu nhập bình quân đầu người", 120, "triệu đồng", 2030)),
    (T("Tỷ lệ che phủ rừng", 42, "%"), T("Tỷ lệ che phủ rừng ổn định", 42, "%")),
]
DIFFERENT = [
    (T("Tỷ lệ hộ gia đình sử dụng nước sạch", 95, "%", 2030),
     T("Tỷ lệ trẻ em được tiêm chủng đầy đủ", 95, "%", 2030)),
    (T("Thu nhập bình quân đầu người", 120, "triệu đồng", 2030),
     T("Tổng vốn đầu tư toàn xã hội", 120, "tỷ đồng", 2030)),
    (T("Tỷ lệ lao động qua đào tạo", 75, "%", 2030),
     T("Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", 35, "%", 2030)),
    (T("Tỷ lệ hộ nghèo", 2, "%", 2030), T("Số hộ thoát nghèo", 200, "hộ", 2030)),
    (T("Trồng mới rừng sản xuất", 50, "ha", 2030), T("Diện tích lúa chất lượng cao", 50, "ha", 2030)),
]


@pytest.mark.parametrize(("a", "b"), SAME, ids=[p[0].indicator[:30] for p in SAME])
def test_one_commitment_said_twice_scores_above_the_threshold(a: TargetFacts,
                                                              b: TargetFacts) -> None:
    assert score(a, b).score >= THRESHOLD


@pytest.mark.parametrize(("a", "b"), DIFFERENT, ids=[p[1].indicator[:30] for p in DIFFERENT])
def test_different_commitments_score_below_the_threshold(a: TargetFacts, b: TargetFacts) -> None:
    assert score(a, b).score < THRESHOLD


def test_different_indicators_score_low_whatever_their_facts() -> None:
    a = T("Tỷ lệ hộ gia đình sử dụng nước sạch", 95, "%", 2030, "level")
    b = T("Số doanh nghiệp thành lập mới", 95, "%", 2030, "level")
    assert score(a, b).score < 0.2


def test_the_reason_says_what_agrees_in_vietnamese() -> None:
    a = T("Tỷ lệ hộ dùng nước sạch", 95, "%", 2030)
    assert score(a, a).reason == "cùng chỉ tiêu, cùng giá trị 95 %, cùng năm 2030"
    b = T("Tỷ lệ hộ dùng nước sạch", 97.5, "ha", 2025, "change")
    assert score(T(a.indicator, 95, "%", 2030, "level"), b).reason == (
        "cùng chỉ tiêu, giá trị khác (95 / 97,5), đơn vị khác (% / ha), năm khác (2025 / 2030), "
        "khác loại chỉ tiêu")
    assert score(T("Thu nhập bình quân"), T("Thu nhập bình quân đầu người")).reason.startswith(
        "chỉ tiêu giống ")


def test_a_different_unit_or_year_lowers_the_same_words() -> None:
    base = T("Diện tích trồng cây ăn quả", 100, "ha", 2030)
    assert score(base, T(base.indicator, 100, "ha", 2025)).score < 1.0
    assert score(base, T(base.indicator, 100, "%", 2030)).score < 1.0
    assert score(base, T(base.indicator, 100, "ha", 2030)).score == 1.0


@pytest.mark.parametrize(("text", "folded"), [
    ("Tỷ lệ HỘ nghèo (đa chiều);", "tỷ lệ hộ nghèo đa chiều"),
    ("Thuỷ lợi hoá", "thủy lợi hóa"),
    ("Tỷ lệ hộ nghèo", "tỷ lệ hộ nghèo"),  # NFD input
])
def test_plain_words(text: str, folded: str) -> None:
    import unicodedata

    assert plain_words(unicodedata.normalize("NFD", text)) == folded


def test_words_drop_function_words_and_numbers() -> None:
    assert words_of("Phấn đấu đạt 95% số hộ được dùng nước sạch của xã") == (
        "số", "hộ", "dùng", "nước", "sạch", "xã")
    assert word_similarity((), ()) == 1.0 and word_similarity(("a",), ()) == 0.0


@pytest.mark.parametrize(("value", "text"), [(95.0, "95"), (1234.5, "1.234,5"),
                                             (0.25, "0,25"), (13284, "13.284")])
def test_vn_number(value: float, text: str) -> None:
    assert vn_number(value) == text


def test_candidates_are_pairs_of_different_groups_sharing_a_word_pair() -> None:
    from theodoi.domain.similarity import candidate_pairs

    rows = [words_of(t) for t in ("Tỷ lệ hộ dùng nước sạch", "Tỷ lệ hộ dân dùng nước sạch",
                                  "Tỷ lệ hộ nghèo", "Số hộ dùng nước sạch", "Trồng mới")]
    assert candidate_pairs(rows, [1, 2, 2, 1, 2]) == {(0, 1), (1, 3), (0, 2)}  # 2-3: only "hộ"
    assert candidate_pairs(rows, [1, 1, 1, 1, 1]) == set()


def test_a_word_pair_every_target_has_is_no_evidence() -> None:
    from theodoi.domain.similarity import candidate_pairs

    rows = [words_of(f"Tỷ lệ {w}") for w in ("hộ nghèo", "trẻ em", "lao động", "che phủ")]
    rows.append(words_of("Tỷ lệ hộ nghèo đa chiều"))
    pairs = candidate_pairs(rows, [0, 1, 2, 3, 4], max_block=3)
    assert (0, 4) in pairs  # "hộ nghèo" still brings them together
    assert (1, 2) not in pairs  # only "tỷ lệ" in common, held by all five
