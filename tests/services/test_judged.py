"""After a write, a commune's status and summary judge again only the items whose inputs
changed (services/progress/judged.py), and the status and completeness of one request share
their reads (storage/repositories/held_rows.py): what a write changed must always show,
exactly as a computation with every cache emptied says."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.services.progress_setup import active_v1
from theodoi.domain import status as rules
from theodoi.domain.periods import parse_period
from theodoi.services import memo
from theodoi.services.progress import judged, summary
from theodoi.services.progress import records as progress
from theodoi.services.progress.completeness import completeness
from theodoi.services.progress.status import status_of_unit
from theodoi.services.register import review_decisions as review
from theodoi.services.register import units
from theodoi.storage.db import session_factory
from theodoi.storage.models import Target
from theodoi.storage.repositories import held_rows

A = "Xã An Bình"
DAY = date(2027, 1, 10)
SOCIAL = "Phòng Văn hóa - Xã hội"  # the directory's name of "Phòng VH-XH"


@pytest.fixture
def commune(db_url: str) -> tuple[str, Any]:
    memo.clear_all()
    with session_factory(db_url)() as s:
        a = active_v1(s, A)
        progress.set_baseline(s, a.income, 70, 2025)
        progress.record_progress(s, a.income, "2026", "72")
        s.commit()
    return db_url, a


@pytest.fixture
def judgements(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The targets' facts each time one is judged."""
    seen: list[Any] = []
    judge = rules.target_status

    def counted(t: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(t)
        return judge(t, *args, **kwargs)

    monkeypatch.setattr(rules, "target_status", counted)
    return seen


def _cold(url: str) -> Any:
    memo.clear_all()
    with session_factory(url)() as s:
        return status_of_unit(s, A, DAY)


def _row(found: Any, ref: str) -> Any:
    return next(r for r in found.targets if r.ref == ref)


def test_after_a_value_only_its_target_is_judged_again(commune: tuple[str, Any],
                                                        judgements: list[Any]) -> None:
    url, a = commune
    with session_factory(url)() as s:
        before = status_of_unit(s, A, DAY)
    assert len(judgements) == 3  # the plan's three targets, the first time
    with session_factory(url)() as s:
        progress.record_progress(s, a.poor, "2026", "0,8")
        s.commit()
    judgements.clear()
    with session_factory(url)() as s:
        after = status_of_unit(s, A, DAY)
    assert len(judgements) == 1  # the poor households' target only
    assert _row(after, a.poor).actual == 0.8 and _row(before, a.poor).actual is None
    assert _row(after, a.income) is _row(before, a.income)  # given again, not made again
    assert after.targets == _cold(url).targets and after.tasks == _cold(url).tasks


def test_a_changed_lead_is_judged_again_and_shows(commune: tuple[str, Any],
                                                  judgements: list[Any]) -> None:
    url, a = commune
    with session_factory(url)() as s:
        assert _row(status_of_unit(s, A, DAY), a.income).lead_agency == "Phòng Kinh tế"
    with session_factory(url)() as s:
        review.correct(s, a.income, {"lead_agency": "Phòng VH-XH"})
        s.commit()
    judgements.clear()
    with session_factory(url)() as s:
        after = status_of_unit(s, A, DAY)
    assert _row(after, a.income).lead_agency == SOCIAL
    assert len(judgements) == 1
    assert after.by_agency == _cold(url).by_agency


def test_the_communes_summary_follows_a_value_judging_one_target(
        commune: tuple[str, Any], judgements: list[Any]) -> None:
    url, a = commune
    period = {1: parse_period("2026")}

    def counts() -> dict[str, int]:
        with session_factory(url)() as s:
            unit_id = units.find(s, A).id
            return summary.summaries_of_units(s, {unit_id: A}, {unit_id: period[1]},
                                              DAY)[unit_id].counts

    first = counts()
    with session_factory(url)() as s:
        progress.record_progress(s, a.income, "2026", "95")  # past the goal of 90
        s.commit()
    judgements.clear()
    after = counts()
    assert len(judgements) == 1
    assert after != first
    memo.clear_all()
    assert counts() == after


def test_many_units_keep_nothing() -> None:
    memo.clear_all()
    judge = judged.Judge("test", list(range(1, judged.FEW + 2)), ())
    assert not judge.on
    judge.done()
    assert memo.JUDGED.get(("test", 1, ())) is None


def test_a_change_in_the_session_is_seen_by_the_next_held_read(
        commune: tuple[str, Any]) -> None:
    url, a = commune
    with session_factory(url)() as s:
        unit_id = units.find(s, A).id
        leads = held_rows.leads(s, [unit_id], Target)
        assert held_rows.leads(s, [unit_id], Target) is leads  # held: no second query
        assert (int(a.income[1:]), "Phòng Kinh tế") in [tuple(r) for r in leads]
        income = s.get(Target, int(a.income[1:]))
        social = s.get(Target, int(a.poor[1:])).assignments[0].agency_id
        income.assignments[0].agency_id = social  # not flushed: the read flushes it
        again = [tuple(r) for r in held_rows.leads(s, [unit_id], Target)]
        assert (int(a.income[1:]), SOCIAL) in again
        owed = completeness(s, A, "2026", DAY)
        assert a.income in {o.ref for g in owed.agencies if g.agency == SOCIAL
                            for o in g.owed}
