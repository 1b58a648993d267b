"""The invariant the caches and validators stand on: every write of a row a cached page or
computed status reads replaces its unit's data stamp (storage/stamping.py).

Every mapped table is either stamped or named here as one no cached page reads; a change,
a delete, and a one-statement UPDATE or DELETE through the session (the guarded writes of
the repositories) of each stamped table's row each replace the stamp."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import delete, select, update

from tests.services.progress_setup import active_v1
from theodoi.services.accounts import users
from theodoi.services.progress import records as progress
from theodoi.services.register import review_decisions as review
from theodoi.storage import stamping
from theodoi.storage.db import session_factory
from theodoi.storage.models import (
    Agency,
    Assignment,
    Basis,
    BodyApprover,
    Contribution,
    FigureSubmission,
    InstructionItem,
    LevelLink,
    Milestone,
    OfficeEstimate,
    PeriodLock,
    Plan,
    ProductStep,
    ProgressRecord,
    ReportStream,
    RollupMethod,
    Target,
    Task,
    TaskUpdate,
    Unit,
    UnitStamp,
)
from theodoi.storage.models.base import Base

A = "Xã An Bình"
# tables no page cached by stamp, and no computed status, reads (why, in a word or two)
NOT_STAMPED = {
    "users": "the person: in the key", "role_grants": "the person: in the key",
    "web_sessions": "the person: in the key", "login_attempts": "sign-in only",
    "login_limits": "sign-in only", "api_tokens": "the person's tokens page, not cached",
    "jobs": "job pages, not cached", "audit_log": "history pages, not cached",
    "explanation_requests": "explanation pages, not cached",
    "attachments": "a record names its file by id", "agency_aliases": "import matching",
    "target_links": "cascade pages, not cached",
    "source_files": "review page, not cached", "unit_stamps": "the stamps themselves",
    "item_comments": "in the item page's tag itself", "notices": "inbox, not cached",
    "outbox": "sent log, not cached", "outbox_attempts": "sent log, not cached",
    "reminder_prefs": "settings page, not cached", "reminder_rules": "rules page, not cached",
    "scheduler_leases": "the scheduler only",
    "movements": "emulation pages, not cached", "movement_criteria": "emulation pages, not cached",
    "movement_participants": "emulation pages, not cached",
    "registrations": "emulation pages, not cached",
    "evaluation_sheets": "evaluation pages, not cached",
    "evaluation_judgements": "evaluation pages, not cached",
    "council_results": "evaluation pages, not cached",
    "reward_dossiers": "dossier page, not cached; the dashboard's tag holds its deadlines",
    "dossier_files": "dossier page, not cached; the dashboard's tag holds its deadlines",
    "outgoing_counters": "numbering only", "outgoing_documents": "register pages, not cached",
    "exchange_keys": "signing packages only", "exchange_imports": "exchange page, not cached",
    "exchange_items": "matching a package's records",
    "installation": "this installation's id, written into packages",
}
# a change of one column that the table's constraints allow
CHANGES: dict[type, Callable[[Any], None]] = {
    Unit: lambda r: setattr(r, "name", r.name + " mới"),
    Plan: lambda r: setattr(r, "title", r.title + " (sửa)"),
    Agency: lambda r: setattr(r, "name", r.name + " mới"),
    Target: lambda r: setattr(r, "indicator", r.indicator + " (sửa)"),
    Task: lambda r: setattr(r, "title", r.title + " (sửa)"),
    Milestone: lambda r: setattr(r, "value", (r.value or 0) + 1),
    ProgressRecord: lambda r: setattr(r, "value", r.value + 1),
    TaskUpdate: lambda r: setattr(r, "percent", 40.0 if r.percent != 40.0 else 41.0),
    Assignment: lambda r: setattr(r, "name", r.name + " mới"),
    ProductStep: lambda r: setattr(r, "reason", (r.reason or "") + " Bổ sung nguồn vốn."),
    Contribution: lambda r: setattr(r, "note", (r.note or "") + " Đã phối hợp tuyên truyền."),
    OfficeEstimate: lambda r: setattr(r, "value", r.value + 1),
    FigureSubmission: lambda r: setattr(r, "note", (r.note or "") + " Số liệu từ biên bản."),
    PeriodLock: lambda r: setattr(r, "reason", (r.reason or "") + " Đã ban hành báo cáo."),
    ReportStream: lambda r: setattr(r, "recipient", (r.recipient or "") + " và Đảng ủy xã"),
    LevelLink: lambda r: setattr(r, "reason", (r.reason or "") + ", cùng năm 2030"),
    RollupMethod: lambda r: setattr(r, "method", "mean" if r.method != "mean" else "none"),
    InstructionItem: lambda r: setattr(r, "report_text", (r.report_text or "") + " Đã làm."),
    Basis: lambda r: setattr(r, "text", r.text + " (sửa)"),
    BodyApprover: lambda r: setattr(r, "body", r.body + " xã"),
}
# deleting one breaks nothing
LEAVES = (Milestone, ProgressRecord, TaskUpdate, Assignment, FigureSubmission)


@pytest.fixture
def one_commune(db_url: str) -> str:
    """A commune with a row in every stamped table: a plan, its items, agencies and
    assignments, a milestone, a recorded value, a task update, a product submitted, a
    co-agency's part, the office's estimate of a year, a figure waiting for validation, a
    locked period, a reporting stream, a link across levels, a roll-up method, an
    instruction item, a basis and the person named to approve for a body."""
    with session_factory(db_url)() as s:
        refs = active_v1(s, A)
        review.correct(s, refs.income, {"milestones": "2028: 80"})
        progress.record_progress(s, refs.income, "2026", "72")
        progress.update_task(s, refs.invest, "đang thực hiện", on=date(2026, 9, 1),
                             percent=30)
        s.add(ProductStep(task_id=int(refs.invest[1:]), action="trinh", state="da_trinh",
                          made_on=date(2026, 9, 2), to_body="Ban Thường vụ Đảng ủy"))
        agency = s.scalars(select(Agency).limit(1)).one()
        s.add(Contribution(target_id=int(refs.income[1:]), agency_id=agency.id,
                           note="Phối hợp rà soát số liệu thu nhập."))
        s.add(OfficeEstimate(target_id=int(refs.income[1:]), year=2026, value=74.0))
        s.add(FigureSubmission(target_id=int(refs.poor[1:]), period_key="2026",
                               value_text="0,9", value=0.9, sent_by="kinhte"))
        s.add(PeriodLock(unit_id=agency.unit_id, period_key="2025", state="locked",
                         on=date(2026, 1, 20), by="vanphong"))
        s.add(ReportStream(plan_id=refs.plan_id, position=0, every="year", day=10, month=12,
                           recipient="Ban Thường vụ Đảng ủy"))
        # across levels in a real register; two targets of the one commune do here
        s.add(LevelLink(upper_id=int(refs.income[1:]), lower_id=int(refs.poor[1:]),
                        state="suggested", score=0.7, reason="chỉ tiêu giống 70 %"))
        s.add(RollupMethod(upper_id=int(refs.income[1:]), method="sum"))
        s.add(InstructionItem(task_id=int(refs.invest[1:]), unit_id=agency.unit_id))
        s.add(Basis(plan_id=refs.plan_id, text="Nghị quyết số 01-NQ/ĐU ngày 25/8/2025"))
        bithu = users.create_user(s, "bithu", "mật khẩu đủ dài 123")
        s.add(BodyApprover(unit_id=agency.unit_id, body="Ban Thường vụ Đảng ủy",
                           body_key="ban thường vụ đảng ủy", user_id=bithu.id))
        s.commit()
    return db_url


def _stamp(s: Any) -> int:
    """The stamp of the one unit there is."""
    stamp: int = s.scalars(select(UnitStamp.stamp)).one()
    return stamp


def test_every_table_is_stamped_or_named_as_read_by_no_cached_page() -> None:
    stamped = {model.__tablename__ for model in stamping.HANGS_ON}
    every = set(Base.metadata.tables)
    assert stamped.isdisjoint(NOT_STAMPED) and set(NOT_STAMPED) <= every
    assert every - stamped - set(NOT_STAMPED) == set()  # a new table: decide which it is
    assert set(CHANGES) == set(stamping.HANGS_ON)


@pytest.mark.parametrize("model", list(CHANGES), ids=lambda m: m.__name__)
def test_a_change_of_any_stamped_row_replaces_the_stamp(one_commune: str, model: type) -> None:
    with session_factory(one_commune)() as s:
        before = _stamp(s)
        row = s.scalars(select(model).limit(1)).first()
        assert row is not None
        CHANGES[model](row)
        s.flush()
        assert _stamp(s) != before
        s.rollback()


@pytest.mark.parametrize("model", LEAVES, ids=lambda m: m.__name__)
def test_a_deleted_stamped_row_replaces_the_stamp(one_commune: str, model: type) -> None:
    with session_factory(one_commune)() as s:
        before = _stamp(s)
        s.delete(s.scalars(select(model).limit(1)).first())
        s.flush()
        assert _stamp(s) != before
        s.rollback()


@pytest.mark.parametrize("model", LEAVES, ids=lambda m: m.__name__)
@pytest.mark.parametrize("statement", ["update", "delete"])
def test_a_one_statement_write_through_the_session_replaces_the_stamp(
        one_commune: str, model: Any, statement: str) -> None:
    """A guarded UPDATE … WHERE (supersede a record, move assignments) writes no ORM
    object, so no flush sees it."""
    with session_factory(one_commune)() as s:
        before = _stamp(s)
        first = s.scalars(select(model.id).limit(1)).first()
        if statement == "delete":
            s.execute(delete(model).where(model.id == first))
        else:
            column = {Milestone: "value", ProgressRecord: "superseded",
                      TaskUpdate: "percent", Assignment: "name",
                      FigureSubmission: "state"}[model]
            value = {"superseded": True, "name": "Phòng khác",
                     "state": "tra_lai"}.get(column, 1.0)
            s.execute(update(model).where(model.id == first).values({column: value}))
        assert _stamp(s) != before
        s.rollback()


def test_undoing_the_first_value_of_a_period_replaces_the_stamp(one_commune: str) -> None:
    """The revert of a period's only value supersedes it and restores nothing: one
    guarded UPDATE and no ORM write at all."""
    with session_factory(one_commune)() as s:
        before = _stamp(s)
        current = s.scalars(select(ProgressRecord.id).where(
            ProgressRecord.superseded.is_(False))).first()
        progress.withdraw_record(s, current, None)
        s.flush()
        assert _stamp(s) != before
        s.commit()


def test_unlinking_a_commune_plan_replaces_the_stamp_of_the_province_it_named(
        db_url: str) -> None:
    """The province's instruction tasks are read from its communes' links: a basis
    unlinked (its pointer set back to none) stamps the unit it pointed at too."""
    from theodoi.services.register import units

    with session_factory(db_url)() as s:
        units.create(s, "Tỉnh Thử", level="tinh")
        units.create(s, "Xã Thử", level="xa", parent="Tỉnh Thử")
        province = Plan(unit_id=units.find(s, "Tỉnh Thử").id, title="Chương trình 16")
        commune = Plan(unit_id=units.find(s, "Xã Thử").id, title="Kế hoạch 66")
        s.add_all([province, commune])
        s.flush()
        basis = Basis(plan_id=commune.id, text="Chương trình 16", linked_plan_id=province.id)
        s.add(basis)
        s.commit()
        top = province.unit_id
        before = s.scalars(select(UnitStamp.stamp).where(UnitStamp.unit_id == top)).one()
        basis.linked_plan_id = None
        s.flush()
        after = s.scalars(select(UnitStamp.stamp).where(UnitStamp.unit_id == top)).one()
        assert after != before
        s.rollback()
