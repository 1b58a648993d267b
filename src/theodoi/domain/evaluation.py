"""Evaluation of an emulation movement (bình xét thi đua): the pure arithmetic.

Which status codes count as met or done on time (the codes are domain/status.py's), the
share of a participant's items that meet a criterion and whether it passes its threshold,
the verdict of a whole score sheet, the council's vote and the ranking of agencies with
its ties said in words. No I/O, no clock: services/emulation/evaluation.py and
ranking.py pass the status engine's rows in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from theodoi.domain.errors import BadInput

# a target counts as met at these codes ("đạt, vượt")
MET_CODES = frozenset({"dat", "vuot"})
# a task counts in the on-time share once it is finished or overdue: one not yet due (or
# paused) has had no chance to be late, so it is left out, and listed as such
TASK_COUNTED = frozenset({"hoan_thanh_dung_han", "hoan_thanh_tre_han", "qua_han"})
TASK_ON_TIME = frozenset({"hoan_thanh_dung_han"})
# a share criterion with nothing to count: no explanation asked is nothing left unanswered
# (passes); no target, task or report to count leaves the council to judge (None)
EMPTY_PASSES = frozenset({"explanations_answered_share"})
VERDICTS = {True: "Đạt tiêu chuẩn", False: "Chưa đạt tiêu chuẩn",
            None: "Chưa đánh giá đủ tiêu chí"}
DECISIONS = {"approved": "Phê duyệt khen thưởng", "refused": "Không khen thưởng"}
MAJORITY = 0.5  # a proposal needs more than half the council's votes (Luật TĐKT 2022)


def share(part: int, whole: int) -> float | None:
    """`part` of `whole` in per cent, rounded to 0,1; None when there is nothing to count."""
    if whole <= 0:
        return None
    return round(100.0 * part / whole, 1)


def passes(kind: str, threshold: float | None, part: int, whole: int) -> bool | None:
    """Whether a share criterion holds: its share at or above `threshold` (per cent);
    with nothing to count, True for the kinds of EMPTY_PASSES and None (undecided)
    otherwise."""
    value = share(part, whole)
    if value is None:
        return True if kind in EMPTY_PASSES else None
    return value >= (threshold if threshold is not None else 100.0) - 1e-9


def verdict(results: Sequence[bool | None]) -> bool | None:
    """A sheet's verdict from its criteria: False when one fails, None while one is
    undecided, True when every one holds (a sheet with no criterion is undecided)."""
    if any(r is False for r in results):
        return False
    if not results or any(r is None for r in results):
        return None
    return True


def check_vote(agree: int, total: int) -> tuple[int, int]:
    """(agree, total) of a council vote, or BadInput when it cannot be."""
    if total <= 0:
        raise BadInput("tổng số phiếu phải lớn hơn 0.")
    if not 0 <= agree <= total:
        raise BadInput(f"số phiếu đồng ý phải từ 0 đến {total} (tổng số phiếu).")
    return agree, total


def carried(agree: int, total: int) -> bool:
    """Whether the vote carries: more than half of the votes agree."""
    return total > 0 and agree > MAJORITY * total


@dataclass(frozen=True)
class Standing:
    """An agency's completion: targets met of its targets, tasks on time of those
    counted (TASK_COUNTED)."""

    key: int
    name: str
    met: int
    targets: int
    on_time: int
    counted: int

    @property
    def rate(self) -> float | None:
        return share(self.met, self.targets)

    @property
    def on_time_share(self) -> float | None:
        return share(self.on_time, self.counted)

    @property
    def score(self) -> float | None:
        """The combined score: the mean of the rate and the on-time share that exist."""
        found = [v for v in (self.rate, self.on_time_share) if v is not None]
        return round(sum(found) / len(found), 1) if found else None


@dataclass(frozen=True)
class Ranked:
    standing: Standing
    rank: int | None  # None: nothing to rank it by
    tie: str | None  # why it shares its rank, or how a tie on the score was broken


def _order(x: Standing) -> tuple[float, float, float]:
    return (-(x.score or 0.0), -(x.rate if x.rate is not None else -1.0),
            -(x.on_time_share if x.on_time_share is not None else -1.0))


def rank(standings: Sequence[Standing]) -> list[Ranked]:
    """Agencies by combined score, then targets-met rate, then on-time share (higher
    first); equal on all three share a rank (1, 2, 2, 4). Each tie is said in words:
    the agencies it is shared with, or what broke an equal score. Agencies with nothing
    to count come last, unranked."""
    scored = sorted((x for x in standings if x.score is not None),
                    key=lambda x: (*_order(x), x.name))
    out: list[Ranked] = []
    for x in scored:
        first = next(j for j, y in enumerate(scored) if _order(y) == _order(x))
        out.append(Ranked(x, first + 1, _tie_words(x, scored)))
    out += [Ranked(x, None, "Chưa có chỉ tiêu, nhiệm vụ để xếp hạng")
            for x in sorted(standings, key=lambda y: y.name) if x.score is None]
    return out


def _tie_words(x: Standing, scored: Sequence[Standing]) -> str | None:
    same = [y.name for y in scored if y is not x and _order(y) == _order(x)]
    if same:
        return f"Đồng hạng với {', '.join(same)}: cùng điểm, cùng tỷ lệ chỉ tiêu đạt và " \
               "cùng tỷ lệ nhiệm vụ đúng hạn"
    equal = [y for y in scored if y is not x and y.score == x.score]
    if not equal:
        return None
    names = ", ".join(y.name for y in equal)
    if any(y.rate != x.rate for y in equal):
        return f"Cùng điểm với {names}; xếp theo tỷ lệ chỉ tiêu đạt, vượt"
    return f"Cùng điểm với {names}; xếp theo tỷ lệ nhiệm vụ hoàn thành đúng hạn"
