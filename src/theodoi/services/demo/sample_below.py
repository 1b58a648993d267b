"""The demo's units below the commune: the tổ dân phố of Thị trấn Cổ Lễ that its plan
(sample 000) names, its target "Có 4/9 tổ dân phố đạt nông thôn mới kiểu mẫu" split into
one met / not met target per tổ dân phố, and the first two of them recorded as met in
the last quarter ended, so the commune's roll-up shows "2/5" and its status.

The plan names five of its nine tổ dân phố (those to become "thông minh"); only those
five are made. Deterministic and idempotent: units are made only when missing, the split
creates nothing twice, and a figure is recorded only for a target made now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from theodoi.domain.errors import NotFound
from theodoi.domain.periods import Period, quarter
from theodoi.services.demo.sample_progress import REPORT_DELAY
from theodoi.services.progress import records
from theodoi.services.register import units
from theodoi.services.split import splitting
from theodoi.storage.models import Target, Unit
from theodoi.storage.repositories import split as split_repo

COMMUNE = "Thị trấn Cổ Lễ"
TDPS = ("Tổ dân phố Trần Phú", "Tổ dân phố Việt Cường", "Tổ dân phố Đình Cựu",
        "Tổ dân phố Song Khê", "Tổ dân phố Nghĩa Sơn")
MET = TDPS[:2]  # Trần Phú and Việt Cường, the plan's first "đạt chuẩn" (2026)
WORDS = "tổ dân phố đạt"  # in the indicator of the commune target that is split


@dataclass(frozen=True)
class BelowOutcome:
    """What the demo did: the commune target split, units made and figures recorded now."""

    target: str
    units_made: int
    split: int
    met: int


def split_sample(s: Session, as_of: date) -> BelowOutcome | None:
    """Make the tổ dân phố, split the commune's count target into them and record the
    met ones (flushed only); None when the commune or its active target is not there."""
    commune = _find(s, COMMUNE)
    target = None if commune is None else _count_target(s, commune)
    if commune is None or target is None:
        return None
    made = 0
    for name in TDPS:
        if _find(s, name) is None:
            units.create(s, name, level="to_dan_pho", parent=commune.code)
            made += 1
    done = splitting.count(s, target, list(TDPS), "demo")
    period = _last_quarter(as_of)
    # reported a few days after the quarter, never after the demo's day (nothing the demo
    # stores is dated after it: tests/cli/test_demo_progress.py)
    at = datetime.combine(min(period.end + REPORT_DELAY, as_of), time.min)
    met = [r for r in done.created if r["unit"] in MET]
    for row in met:
        records.record_progress(s, row["ref"], period.label, "đạt", by="demo", at=at)
    return BelowOutcome(f"t{target.id}", made, len(done.created), len(met))


def _find(s: Session, name: str) -> Unit | None:
    try:
        return units.find(s, name)
    except NotFound:
        return None


def _count_target(s: Session, commune: Unit) -> Target | None:
    """The commune's first live target counting its tổ dân phố, in an active plan."""
    return next((t for t in split_repo.live_targets(s, commune.id)
                 if WORDS in (t.indicator or t.text).lower()), None)


def _last_quarter(as_of: date) -> Period:
    """The last quarter ended by `as_of` ('Q3/2026')."""
    back = as_of - timedelta(days=1)
    q = (back.month - 1) // 3 + 1
    period = quarter(back.year, q)
    if period.end > back:
        period = quarter(back.year, q - 1) if q > 1 else quarter(back.year - 1, 4)
    return period
