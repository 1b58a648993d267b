"""The evaluation's arithmetic (domain/evaluation.py): shares, thresholds, verdicts, votes
and the ranking with its ties in words. Expected values worked out by hand."""

from __future__ import annotations

import pytest

from theodoi.domain import evaluation as V
from theodoi.domain.errors import BadInput


@pytest.mark.parametrize(("kind", "threshold", "part", "whole", "expected"), [
    ("targets_met_share", 80.0, 4, 5, True),  # 80 % meets "≥ 80 %"
    ("targets_met_share", 80.0, 3, 4, False),  # 75 %
    ("tasks_on_time_share", 100.0, 2, 3, False),
    ("tasks_on_time_share", None, 3, 3, True),  # no threshold: all of them
    ("reports_on_time_share", 50.0, 0, 0, None),  # nothing owed: the council judges
    ("explanations_answered_share", 100.0, 0, 0, True),  # nothing asked, nothing unanswered
])
def test_a_share_passes_its_threshold(kind: str, threshold: float | None, part: int,
                                      whole: int, expected: bool | None) -> None:
    assert V.passes(kind, threshold, part, whole) is expected


def test_shares_round_to_a_tenth() -> None:
    assert (V.share(2, 3), V.share(1, 3), V.share(0, 4), V.share(1, 0)) == (
        66.7, 33.3, 0.0, None)


def test_a_verdict_fails_on_one_and_waits_on_an_undecided_one() -> None:
    assert V.verdict([True, True]) is True
    assert V.verdict([True, None]) is None
    assert V.verdict([None, False]) is False
    assert V.verdict([]) is None


def test_a_vote_needs_more_than_half() -> None:
    assert V.check_vote(5, 9) == (5, 9) and V.carried(5, 9)
    assert not V.carried(4, 8)  # exactly half does not carry
    for agree, total in ((10, 9), (-1, 9), (0, 0)):
        with pytest.raises(BadInput):
            V.check_vote(agree, total)


def test_ranking_shares_a_rank_on_a_full_tie_and_says_how_a_score_tie_was_broken() -> None:
    a = V.Standing(1, "Phòng A", 3, 4, 1, 2, )  # 75 and 50: score 62,5
    b = V.Standing(2, "Phòng B", 1, 2, 3, 4)  # 50 and 75: score 62,5, lower rate
    c = V.Standing(3, "Phòng C", 3, 4, 1, 2)  # the same as A in every number
    d = V.Standing(4, "Phòng D", 2, 2, 0, 0)  # 100, no task counted: score 100
    e = V.Standing(5, "Phòng E", 0, 0, 0, 0)  # nothing to count
    ranked = V.rank([e, b, c, a, d])
    assert [(r.standing.name, r.rank) for r in ranked] == [
        ("Phòng D", 1), ("Phòng A", 2), ("Phòng C", 2), ("Phòng B", 4), ("Phòng E", None)]
    ties = {r.standing.name: r.tie for r in ranked}
    assert ties["Phòng D"] is None
    assert ties["Phòng A"].startswith("Đồng hạng với Phòng C")
    assert ties["Phòng B"] == ("Cùng điểm với Phòng A, Phòng C; xếp theo tỷ lệ chỉ tiêu "
                               "đạt, vượt")
    assert ties["Phòng E"] == "Chưa có chỉ tiêu, nhiệm vụ để xếp hạng"
