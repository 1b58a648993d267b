"""Status, completeness and dashboards are cached per unit data stamp: a write to a unit
replaces its stamp in the same transaction, so no reader is ever served a status older
than the data it can see, and a write to one commune leaves the others' cache alone."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from tests.services.progress_setup import active_v1
from theodoi.services.memo import COMPUTED
from theodoi.services.progress import records as progress
from theodoi.services.progress.completeness import completeness
from theodoi.services.progress.status import status_below, status_of_unit
from theodoi.services.register import review_decisions as review
from theodoi.services.register import units
from theodoi.storage.db import session_factory
from theodoi.storage.models import Plan, UnitStamp
from theodoi.storage.repositories import stamps

A, B = "Xã An Bình", "Xã Bình Minh"
DAY = date(2027, 1, 10)


def _stamp(s: Any, unit: str) -> int | None:
    unit_id = units.find(s, unit).id
    return s.scalar(select(UnitStamp.stamp).where(UnitStamp.unit_id == unit_id))


def _income(s: Any, unit: str, ref: str) -> Any:
    found = status_of_unit(s, unit, DAY)
    return next(r for r in found.targets if r.ref == ref)


@pytest.fixture
def two_communes(db_url: str) -> tuple[str, Any, Any]:
    with session_factory(db_url)() as s:
        a, b = active_v1(s, A), active_v1(s, B)
        progress.set_baseline(s, a.income, 70, 2025)
        progress.set_baseline(s, b.income, 70, 2025)
        s.commit()
    return db_url, a, b


def test_every_write_that_status_reads_replaces_its_units_stamp(
        two_communes: tuple[str, Any, Any]) -> None:
    url, a, b = two_communes
    factory = session_factory(url)
    with factory() as s:
        before = (_stamp(s, A), _stamp(s, B))
        assert None not in before  # the import and the review wrote them
        progress.record_progress(s, a.income, "2026", "72")
        s.commit()
        after = (_stamp(s, A), _stamp(s, B))
    assert after[0] != before[0] and after[1] == before[1]
    with factory() as s:
        review.correct(s, b.tourism, {"lead_agency": "Phòng Kinh tế"})
        s.commit()
        assert (_stamp(s, A), _stamp(s, B) != after[1]) == (after[0], True)


def test_a_rolled_back_write_leaves_the_stamp_as_it_was(
        two_communes: tuple[str, Any, Any]) -> None:
    url, a, _b = two_communes
    with session_factory(url)() as s:
        before = _stamp(s, A)
        progress.record_progress(s, a.income, "2026", "72")
        s.flush()
        assert _stamp(s, A) != before  # inside the transaction the write is stamped
        s.rollback()
        assert _stamp(s, A) == before


def test_status_after_a_write_in_another_transaction_is_never_the_cached_one(
        two_communes: tuple[str, Any, Any]) -> None:
    url, a, b = two_communes
    factory = session_factory(url)
    with factory() as s:
        assert _income(s, A, a.income).code == "chua_co_so_lieu"
        assert _income(s, A, a.income) is _income(s, A, a.income)  # cached, not remade
        other = _income(s, B, b.income)
    with factory() as s:
        progress.record_progress(s, a.income, "2026", "65")
        s.commit()
    with factory() as s:
        row = _income(s, A, a.income)
        assert (row.code, row.actual) == ("cham_tien_do", 65.0)
        assert _income(s, B, b.income) is other  # the other commune kept its cache
    with factory() as s:  # a correction, then the plan taken out of force
        progress.record_progress(s, a.income, "2026", "74")
        s.commit()
        assert _income(s, A, a.income).code == "dung_tien_do"
        s.get(Plan, a.plan_id).status = "draft"
        s.commit()
        assert status_of_unit(s, A, DAY).targets == []


def test_a_unit_without_a_stamp_gets_one_when_read(two_communes: tuple[str, Any, Any]) -> None:
    url, _a, _b = two_communes
    with session_factory(url)() as s:  # as after rows written around the ORM
        unit_id = units.find(s, A).id
        s.execute(UnitStamp.__table__.delete())
        s.commit()
        found = stamps.read(s, [unit_id])
        s.commit()
        assert found[unit_id] == _stamp(s, A) is not None
        assert stamps.read(s, [unit_id, 10_000]) == found  # no such unit: nothing made


def test_completeness_and_the_province_rows_follow_writes(
        two_communes: tuple[str, Any, Any]) -> None:
    url, a, _b = two_communes
    factory = session_factory(url)
    with factory() as s:
        before = completeness(s, A, "2026", DAY)
        assert completeness(s, A, "2026", DAY) is before
        by_unit = status_below(s, A, DAY)
        assert len(by_unit) == 1
        assert status_below(s, A, DAY) == by_unit and COMPUTED.hits > 0
    with factory() as s:
        progress.record_progress(s, a.income, "2026", "72")
        s.commit()
    with factory() as s:
        after = completeness(s, A, "2026", DAY)
        reported = {g.agency: g.reported for g in after.agencies}
        assert reported["Phòng Kinh tế"] == 1 + {
            g.agency: g.reported for g in before.agencies}["Phòng Kinh tế"]


def test_a_web_sessions_last_seen_is_written_when_the_request_commits(db_url: str,
                                                                      tmp_path: Any) -> None:
    from datetime import timedelta

    from theodoi.services import uow
    from theodoi.services.accounts import users as accounts
    from theodoi.settings import Settings
    from theodoi.storage.models import WebSession

    settings = Settings(database_url=db_url, data_dir=tmp_path)
    with uow.transaction(settings) as s:
        accounts.create_user(s, "canbo", "mat-khau-dai-1", full_name="Cán bộ")
        signed_in = accounts.login(s, "canbo", "mat-khau-dai-1", "test")
        assert isinstance(signed_in, accounts.SignIn)
        token = signed_in.token
    with uow.transaction(settings) as s:
        row = s.scalar(select(WebSession))
        seen = row.last_seen
        later = seen + timedelta(minutes=5)
        assert accounts.session_of(s, token, now=later) is not None
        assert s.scalar(select(WebSession.last_seen)) == seen  # not yet: at the commit
    with uow.transaction(settings) as s:
        assert s.scalar(select(WebSession.last_seen)) == later
