"""Revert from the audit history, per kind of change, on SQLite and PostgreSQL: make the
change, revert it, compare the rows with the state before; the history keeps both entries;
a revert of the revert; a revert that would override a later change is refused."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from tests.services.progress_setup import active_v1
from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput, Conflict
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit, undo
from theodoi.services.progress import records as progress
from theodoi.services.register import confirmations, directory, units
from theodoi.services.register import review_guarded as reviewing
from theodoi.storage.models import (
    Agency,
    AgencyAlias,
    Assignment,
    AuditEntry,
    Plan,
    ProgressRecord,
    Target,
    TaskUpdate,
)

A = "Xã An Bình"


def _office(s: Any) -> Principal:
    user = accounts.create_user(s, "vanphong", "mat-khau-du-dai-1")
    return Principal(user.id, "vanphong", "Văn phòng",
                     (rules.Grant(units.find(s, A).id, "van_phong"),))


def _last(s: Any, kind: str, field: str) -> AuditEntry:
    return s.scalars(select(AuditEntry).where(AuditEntry.entity_kind == kind,
                                              AuditEntry.field == field)
                     .order_by(AuditEntry.id.desc())).first()


def _count(s: Any) -> int:
    return len(list(s.scalars(select(AuditEntry.id))))


def test_review_decision_reverted_and_reverted_again(session: Any) -> None:
    s = session
    refs = active_v1(s, activate=False)
    p = _office(s)
    reviewing.accept(s, p, refs.invest, None)
    accepted = _last(s, "task", "review")
    assert (accepted.old, accepted.new) == ("proposed", "accepted")
    done = undo.revert(s, p, accepted.id)
    assert done["changes"] == [f"rà soát của mục {refs.invest}: 'đã chấp nhận' → 'chờ rà soát'"]
    back = _last(s, "task", "review")
    assert (back.old, back.new, back.reverts_id) == ("accepted", "proposed", accepted.id)
    assert s.get(AuditEntry, accepted.id) is not None  # history kept, not deleted
    assert reviewing.items.get_item(s, refs.invest).review == "proposed"
    undo.revert(s, p, back.id)  # the revert of the revert
    assert reviewing.items.get_item(s, refs.invest).review == "accepted"
    reviewing.reject(s, p, refs.invest, None)
    with pytest.raises(Conflict, match="đã loại"):
        undo.revert(s, p, accepted.id)  # rejected since: the accept is not undone


def test_activation_reverted_back_to_draft_and_refused_once_reported(session: Any) -> None:
    s = session
    refs = active_v1(s, activate=False)
    p = _office(s)
    reviewing.accept_all(s, p, refs.plan_id, None)
    reviewing.activate(s, p, refs.plan_id, None)
    activation = _last(s, "plan", "status")
    assert (activation.old, activation.new) == ("draft", "active")
    assert undo.preview(s, p, activation.id)["changes"] == [
        f"kế hoạch số {refs.plan_id} trở lại bản nháp"]
    undo.revert(s, p, activation.id)
    assert s.get(Plan, refs.plan_id).status == "draft"
    back = _last(s, "plan", "status")
    assert (back.old, back.new, back.reverts_id) == ("active", "draft", activation.id)
    undo.revert(s, p, back.id)
    assert s.get(Plan, refs.plan_id).status == "active"
    again = _last(s, "plan", "status")
    progress.record_progress(s, refs.poor, "2026", "0,9", by="vanphong")
    with pytest.raises(Conflict, match="đã có 1 báo cáo"):
        undo.revert(s, p, again.id)
    assert s.get(Plan, refs.plan_id).status == "active"


def test_recorded_value_reverted_makes_the_replaced_one_current(session: Any) -> None:
    s = session
    refs = active_v1(s)
    p = _office(s)
    first = progress.record_progress(s, refs.insured, "2026", "90", by="vanphong")
    first_entry = _last(s, "progress", "value")
    second = progress.record_progress(s, refs.insured, "2026", "92", by="vanphong")
    entry = _last(s, "progress", "value")
    assert (entry.entity_id, entry.old, entry.new) == (second.id, "90.0", "92.0")
    before = _count(s)
    undo.revert(s, p, entry.id)
    rows = {r.id: r.superseded for r in s.scalars(select(ProgressRecord))}
    assert rows == {first.id: False, second.id: True}  # both kept, the first counts again
    assert [r.current for r in progress.history(s, refs.insured)] == [True, False]
    back = _last(s, "progress", "value")
    assert (back.reverts_id, back.old, back.new) == (entry.id, "92.0", "90.0")
    assert _count(s) == before + 1
    undo.revert(s, p, back.id)  # revert of the revert: 92 counts again
    rows = {r.id: r.superseded for r in s.scalars(select(ProgressRecord))}
    assert rows == {first.id: True, second.id: False}
    with pytest.raises(Conflict, match="đã được ghi lại"):
        undo.revert(s, p, first_entry.id)  # 92 was recorded over it since


def test_first_value_reverted_leaves_no_current_record(session: Any) -> None:
    s = session
    refs = active_v1(s)
    p = _office(s)
    progress.record_progress(s, refs.insured, "2026", "90", by="vanphong")
    undo.revert(s, p, _last(s, "progress", "value").id)
    assert progress.repo.current(s, int(refs.insured[1:]), "2026") is None
    assert [r.current for r in progress.history(s, refs.insured)] == [False]


def test_task_update_withdrawn_and_restored(session: Any) -> None:
    s = session
    refs = active_v1(s)
    p = _office(s)
    row = progress.update_task(s, refs.invest, "dang_thuc_hien", on=date(2026, 5, 2),
                               percent=40, by="vanphong")
    entry = _last(s, "task_update", "update")
    assert (entry.entity_id, entry.new) == (row.id, "Đang thực hiện")
    assert undo.preview(s, p, entry.id)["changes"] == [
        f"rút lại báo cáo tiến độ ngày 02/05/2026 của nhiệm vụ {refs.invest} (Đang thực hiện)"]
    undo.revert(s, p, entry.id)
    assert s.get(TaskUpdate, row.id).withdrawn is True  # kept, no longer counted
    assert progress.task_history(s, refs.invest) == []
    with pytest.raises(Conflict, match=f"thay đổi số {entry.id} đã được hoàn tác .*đã được "
                       "rút lại"):
        undo.revert(s, p, entry.id)
    undo.revert(s, p, _last(s, "task_update", "update").id)
    assert [u.id for u in progress.task_history(s, refs.invest)] == [row.id]


def _directory(s: Any, unit_id: int) -> dict[str, Any]:
    s.expire_all()
    return {"agencies": sorted((a.id, a.name, a.key, a.status)
                               for a in s.scalars(select(Agency).where(Agency.unit_id == unit_id))),
            "aliases": sorted((x.key, x.agency_id) for x in
                              s.scalars(select(AgencyAlias).where(AgencyAlias.unit_id == unit_id))),
            "assignments": sorted((x.id, x.agency_id) for x in s.scalars(select(Assignment)))}


def test_merge_undone_restores_the_agency_and_exactly_what_moved(session: Any) -> None:
    s = session
    refs = active_v1(s)
    p = _office(s)
    unit = units.find(s, A)
    economy = s.scalar(select(Agency).where(Agency.unit_id == unit.id,
                                            Agency.name == "Phòng Kinh tế"))
    social = s.scalar(select(Agency).where(Agency.unit_id == unit.id,
                                           Agency.name == "Phòng Văn hóa - Xã hội"))
    before = _directory(s, unit.id)
    moved = sorted(i for i, a in before["assignments"] if a == social.id)
    assert len(moved) >= 2  # hộ nghèo, BHYT (and the VH-XH task)
    directory.merge(s, p, social.id, economy.id, None)
    entry = _last(s, "agency", "merged")
    assert sorted(undo.audit.detail_of(entry)["assignments"]) == moved
    assert s.get(Agency, social.id) is None
    undo.revert(s, p, entry.id)
    assert _directory(s, unit.id) == before  # same id, aliases and assignments back
    back = _last(s, "agency", "unmerged")
    assert back.reverts_id == entry.id
    undo.revert(s, p, back.id)  # merged again
    assert s.get(Agency, social.id) is None
    again = _last(s, "agency", "merged")
    assert again.reverts_id == back.id
    reviewing.correct(s, p, refs.poor, None, {"lead_agency": "Phòng Tư pháp"})
    with pytest.raises(Conflict, match="1 lượt giao việc"):
        undo.revert(s, p, again.id)


def test_an_old_merge_entry_without_its_moves_says_it_cannot_be_undone(session: Any) -> None:
    s = session
    active_v1(s)
    p = _office(s)
    unit = units.find(s, A)
    s.add(AuditEntry(unit_id=unit.id, entity_kind="agency", entity_id=1, field="merged",
                     old="Phòng Cũ", new="Phòng Kinh tế"))
    s.flush()
    with pytest.raises(BadInput, match="không tách lại được"):
        undo.revert(s, p, _last(s, "agency", "merged").id)


def _revision(s: Any) -> tuple[Principal, int, int]:
    """v1 active, v2 (its revision) imported and accepted: (person, old plan, new plan)."""
    from tests.services.conftest import PLANS, load

    old = active_v1(s).plan_id
    p = _office(s)
    new = load(s, PLANS / "ke-hoach-v2.txt").plan_id
    reviewing.accept_all(s, p, new, None)
    return p, old, new


def test_activation_of_a_revision_undone_reopens_the_version_it_closed(session: Any) -> None:
    s = session
    p, old, new = _revision(s)
    # every item of v2 counted as changed, so activation moves no row of v1 into it
    for item in [*s.get(Plan, new).targets, *s.get(Plan, new).tasks]:
        item.change = "changed"
    s.flush()
    reviewing.activate(s, p, new, None)
    assert (s.get(Plan, old).status, s.get(Plan, new).status) == ("closed", "active")
    activation = _last(s, "plan", "status")
    assert undo.preview(s, p, activation.id)["changes"] == [
        f"kế hoạch số {new} trở lại bản nháp",
        f"kế hoạch số {old} (phiên bản cũ, đã bị đóng) được thực hiện lại"]
    undo.revert(s, p, activation.id)
    assert (s.get(Plan, old).status, s.get(Plan, new).status) == ("active", "draft")
    reopened = _last(s, "plan", "status")
    assert (reopened.entity_id, reopened.old, reopened.new, reopened.reverts_id) == (
        old, "closed", "active", activation.id)
    back = s.scalars(select(AuditEntry).where(AuditEntry.entity_id == new,
                                              AuditEntry.entity_kind == "plan",
                                              AuditEntry.reverts_id == activation.id)).one()
    undo.revert(s, p, back.id)  # activated again: v1 closed again
    assert (s.get(Plan, old).status, s.get(Plan, new).status) == ("closed", "active")


def test_activation_that_carried_rows_over_is_undone_and_done_again(session: Any) -> None:
    s = session
    p, old, new = _revision(s)
    old_rows = {t.id: (t.plan_id, t.position, t.span_start) for t in s.get(Plan, old).targets}
    insured = next(t.id for t in s.get(Plan, old).targets if "bảo hiểm" in t.indicator)
    progress.record_progress(s, f"t{insured}", "2026", "80", by="vanphong")  # unchanged in v2
    reviewing.activate(s, p, new, None)
    activation = _last(s, "plan", "status")
    moved = {(m["kind"], m["id"]) for m in audit.detail_of(activation)["moves"]}
    assert len(moved) == 4 and ("target", insured) in moved
    assert undo.preview(s, p, activation.id)["changes"][2] == \
        f"4 mục không đổi trở về kế hoạch số {old} cùng số liệu của chúng"
    undo.revert(s, p, activation.id)
    s.expire_all()
    assert (s.get(Plan, old).status, s.get(Plan, new).status) == ("active", "draft")
    assert {t.id: (t.plan_id, t.position, t.span_start)
            for t in s.get(Plan, old).targets} == old_rows  # every row back in its place
    new_plan = s.get(Plan, new)
    assert len(new_plan.targets) + len(new_plan.tasks) == 6  # 1 new, 1 changed, 4 unchanged
    copies = [("target" if c in new_plan.targets else "task", c.previous_id)
              for c in [*new_plan.targets, *new_plan.tasks] if c.change == "unchanged"]
    assert set(copies) == moved
    assert s.scalars(select(ProgressRecord)).one().target_id == insured
    again = s.scalars(select(AuditEntry).where(
        AuditEntry.entity_id == new, AuditEntry.entity_kind == "plan",
        AuditEntry.reverts_id == activation.id)).one()
    undo.revert(s, p, again.id)  # activated again: the rows move into v2 once more
    s.expire_all()
    assert (s.get(Plan, old).status, s.get(Plan, new).status) == ("closed", "active")
    assert s.get(Target, insured).plan_id == new  # its value with it


def test_closing_a_plan_reverted_reopens_it_and_reverted_again_closes_it(session: Any) -> None:
    s = session
    refs = active_v1(s)
    p = _office(s)
    lines = confirmations.closing(s, p, refs.plan_id)["lines"]
    assert lines[0].startswith(f"kế hoạch số {refs.plan_id} thôi nhận báo cáo: 6 mục")  # 3 targets, 3 tasks
    reviewing.close(s, p, refs.plan_id, None)
    closed = _last(s, "plan", "status")
    assert (closed.old, closed.new, s.get(Plan, refs.plan_id).status) == \
        ("active", "closed", "closed")
    assert undo.preview(s, p, closed.id)["changes"] == [
        f"kế hoạch số {refs.plan_id} được thực hiện lại (nhận báo cáo trở lại)"]
    undo.revert(s, p, closed.id)
    assert s.get(Plan, refs.plan_id).status == "active"
    back = _last(s, "plan", "status")
    assert (back.old, back.new, back.reverts_id) == ("closed", "active", closed.id)
    with pytest.raises(Conflict, match="đang thực hiện"):
        undo.revert(s, p, closed.id)  # open already: nothing to reopen
    undo.revert(s, p, back.id)
    assert s.get(Plan, refs.plan_id).status == "closed"


def test_closing_refused_unless_the_plan_is_live(session: Any) -> None:
    s = session
    refs = active_v1(s, activate=False)
    with pytest.raises(Conflict, match="chỉ đóng được kế hoạch đang thực hiện"):
        reviewing.close(s, _office(s), refs.plan_id, None)


def test_rejecting_an_item_of_a_live_plan_reverted(session: Any) -> None:
    s = session
    refs = active_v1(s)
    p = _office(s)
    said = confirmations.rejection(s, p, refs.income)["lines"][0]
    assert said.startswith(f"mục {refs.income} bị loại khỏi kế hoạch số {refs.plan_id}")
    before = reviewing.items.get_item(s, refs.income).review
    reviewing.reject(s, p, refs.income, None)
    undo.revert(s, p, _last(s, "target", "review").id)
    assert reviewing.items.get_item(s, refs.income).review == before


def test_activation_of_a_revision_says_which_plan_it_closes(session: Any) -> None:
    s = session
    p, old, new = _revision(s)
    said = confirmations.activation(s, p, new)
    assert said["closes"]["id"] == old and said["waiting"] == []
    assert said["lines"][1].startswith(f"kế hoạch số {old} (")
    assert said["lines"][2].startswith("1 mục mới, 1 mục sửa, 4 mục giữ nguyên")
    assert said["lines"][3].startswith("1 mục của phiên bản cũ không còn trong bản mới")
