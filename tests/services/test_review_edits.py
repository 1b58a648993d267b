"""Review corrections of everything the reader can get wrong: every field of a target and
a task, a missed item with its span, split and merge, the plan's own facts, deleting a
draft; each validated, version-checked, audited and revertible from the history."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from tests.services.progress_setup import active_v1
from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput, Conflict, FieldError
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.history import undo
from theodoi.services.progress import records as progress
from theodoi.services.register import items, units
from theodoi.services.register import review_guarded as reviewing
from theodoi.storage.models import AuditEntry, Plan, Target, Task

A = "Xã An Bình"


def _office(s: Any) -> Principal:
    user = accounts.create_user(s, "vanphong", "mat-khau-du-dai-1")
    return Principal(user.id, "vanphong", "Văn phòng",
                     (rules.Grant(units.find(s, A).id, "van_phong"),))


def _entries(s: Any, kind: str, entity_id: int) -> dict[str, AuditEntry]:
    rows = s.scalars(select(AuditEntry).where(AuditEntry.entity_kind == kind,
                                              AuditEntry.entity_id == entity_id)
                     .order_by(AuditEntry.id))
    return {e.field: e for e in rows}


def test_every_field_of_a_target_is_corrected_and_each_change_reverts(session: Any) -> None:
    s = session
    refs = active_v1(s, activate=False)
    p = _office(s)
    row = items.get_item(s, refs.income)
    changes = {"kind": "growth_rate", "comparator": "between", "value": "9,5",
               "value_max": "10", "value_of": "1.200", "unit": "%/năm", "field": "kinh_te",
               "deadline_year": "2030", "milestones": "2026: 9,5; 2028: 10",
               "lead_agency": "Phòng Kinh tế", "co_agencies": "Phòng VH-XH; Công an xã"}
    reviewing.correct(s, p, refs.income, row.version, changes)
    assert (row.kind, row.comparator, row.value, row.value_max, row.value_of) == \
        ("growth_rate", "between", 9.5, 10.0, 1200.0)
    assert (row.unit, row.field, row.deadline_year) == ("%/năm", "kinh_te", 2030)
    assert [(m.year, m.value) for m in row.milestones] == [(2026, 9.5), (2028, 10.0)]
    assert items.names(row, "co") == ["Phòng VH-XH", "Công an xã"]
    logged = _entries(s, "target", row.id)
    assert (logged["value_max"].old, logged["value_max"].new) == (None, "10.0")
    assert (logged["comparator"].old, logged["comparator"].new) == ("=", "between")  # spec: "đạt …" reads as "="
    undo.revert(s, p, logged["co_agencies"].id)
    assert items.names(row, "co") == []
    undo.revert(s, p, logged["milestones"].id)
    assert row.milestones == []


def test_every_field_of_a_task_is_corrected(session: Any) -> None:
    s = session
    refs = active_v1(s, activate=False)
    p = _office(s)
    row = items.get_item(s, refs.tourism)
    assert isinstance(row, Task)
    reviewing.correct(s, p, refs.tourism, row.version, {
        "title": "Đề án phát triển du lịch cộng đồng", "kind": "scheme",
        "lead_agency": "Phòng VH-XH", "co_agencies": "Phòng Kinh tế",
        "leader": "Phó Chủ tịch UBND xã", "advisory_agency": "Văn phòng HĐND và UBND xã",
        "due_text": "Quý IV năm 2027", "due_date": "31/12/2027", "due_recurrence": "annual",
        "product": "Đề án trình HĐND xã", "submit_to": "HĐND xã; UBND huyện"})
    assert (row.title, row.kind, row.due_date, row.due_recurrence, row.product) == (
        "Đề án phát triển du lịch cộng đồng", "scheme", date(2027, 12, 31), "annual",
        "Đề án trình HĐND xã")
    assert row.submit_to == ["HĐND xã", "UBND huyện"]
    assert items.names(row, "leader") == ["Phó Chủ tịch UBND xã"]
    assert items.names(row, "advisory") == ["Văn phòng HĐND và UBND xã"]
    submit = _entries(s, "task", row.id)["submit_to"]
    undo.revert(s, p, submit.id)
    assert row.submit_to == []


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"comparator": "between", "value": "10", "value_max": "9,5"}, "value_max", "không nhỏ"),
    ({"comparator": "between", "value_max": ""}, "value_max", "giá trị cao"),
    ({"value": "mười"}, "value", "cần một số"),
    ({"deadline_year": "2O30"}, "deadline_year", "cần một năm"),
    ({"milestones": "2026: 30; 2026: 50"}, "milestones", "hai lần"),
    ({"kind": "chi_tieu"}, "kind", "cần một trong"),
])
def test_a_bad_target_value_names_its_field_and_changes_nothing(
        session: Any, changes: dict[str, str], field: str, words: str) -> None:
    s = session
    refs = active_v1(s, activate=False)
    p = _office(s)
    row = items.get_item(s, refs.income)
    before = reviewing.snapshot(row)
    with pytest.raises(FieldError, match=words) as caught:
        reviewing.correct(s, p, refs.income, row.version, changes)
    assert caught.value.field == field
    assert reviewing.snapshot(row) == before


def test_a_bad_due_date_names_its_field(session: Any) -> None:
    s = session
    refs = active_v1(s, activate=False)
    with pytest.raises(FieldError, match="dd/mm/yyyy") as caught:
        reviewing.correct(s, _office(s), refs.invest, None, {"due_date": "31/02/2027"})
    assert caught.value.field == "due_date"


def test_a_stale_page_changes_nothing(session: Any) -> None:
    s = session
    refs = active_v1(s, activate=False)
    row = items.get_item(s, refs.poor)
    with pytest.raises(Conflict, match="vừa được người khác thay đổi"):
        reviewing.correct(s, _office(s), refs.poor, row.version - 1, {"value": "2"})
    assert row.value == 1.0


def test_a_missed_item_is_added_with_its_span_and_its_addition_reverts(session: Any) -> None:
    s = session
    refs = active_v1(s, activate=False)
    p = _office(s)
    added = reviewing.add_item(s, p, refs.plan_id, "target", {
        "indicator": "Tỷ lệ thu gom rác thải", "text": "thu gom rác thải đạt 100%",
        "value": "100", "unit": "%", "span_start": "120", "span_end": "145"})
    assert isinstance(added, Target)
    assert (added.review, added.span_start, added.span_end) == ("added", 120, 145)
    assert (added.text, added.value) == ("thu gom rác thải đạt 100%", 100.0)
    created = _entries(s, "target", added.id)["review"]
    assert (created.old, created.new) == (None, "added")
    undo.revert(s, p, created.id)
    assert added.review == "rejected"
    with pytest.raises(FieldError, match="chọn lại") as caught:
        reviewing.add_item(s, p, refs.plan_id, "task", {"title": "X", "span_start": "9",
                                                         "span_end": "9"})
    assert caught.value.field == "span"


def test_an_item_split_in_two_keeps_order_span_and_people(session: Any) -> None:
    s = session
    refs = active_v1(s, activate=False)
    p = _office(s)
    row = items.get_item(s, refs.invest)
    row.text = "Xây dựng Kế hoạch đầu tư công trung hạn và danh mục dự án năm 2027"
    row.title, row.span_start, row.span_end = row.text, 100, 100 + len(row.text)
    s.flush()
    first, second = reviewing.split(s, p, refs.invest, row.version, "danh mục dự án năm 2027")
    assert first.title == "Xây dựng Kế hoạch đầu tư công trung hạn và"
    assert second.title == second.text == "danh mục dự án năm 2027"
    assert (first.span_end, second.span_start, second.span_end) == (143, 143, 166)
    assert items.names(second, "lead") == ["Phòng Kinh tế"]
    assert second.review == "added"
    plan = s.get(Plan, refs.plan_id)
    assert [t.id for t in plan.tasks].index(second.id) == \
        [t.id for t in plan.tasks].index(first.id) + 1
    with pytest.raises(FieldError) as caught:
        reviewing.split(s, p, refs.invest, first.version, "không có trong mục")
    assert caught.value.field == "second_part"


def test_two_items_merged_into_one_and_the_merge_reverts(session: Any) -> None:
    s = session
    refs = active_v1(s, activate=False)
    p = _office(s)
    keep, other = items.get_item(s, refs.invest), items.get_item(s, refs.tourism)
    text = keep.text
    reviewing.merge(s, p, refs.invest, keep.version, refs.tourism)
    assert keep.text == f"{text} {other.text}"
    assert items.names(keep, "co") == ["Văn phòng HĐND và UBND xã", "Phòng VH-XH"]
    assert other.review == "rejected"
    rejected = _entries(s, "task", other.id)["review"]
    undo.revert(s, p, rejected.id)
    assert other.review == "proposed"
    undo.revert(s, p, _entries(s, "task", keep.id)["text"].id)
    assert keep.text == text
    with pytest.raises(FieldError, match="cùng một kế hoạch"):
        reviewing.merge(s, p, refs.invest, keep.version, refs.income)


def test_the_plans_facts_are_fixed_checked_and_reverted(session: Any) -> None:
    s = session
    refs = active_v1(s, activate=False)
    p = _office(s)
    plan = s.get(Plan, refs.plan_id)
    assert (plan.number, plan.issued_on) == ("12/KH-UBND", date(2026, 1, 15))
    reviewing.correct_plan(s, p, plan.id, plan.version, {
        "number": "21/KH-UBND", "issued_on": "16/01/2026", "issuer": "UBND xã An Bình",
        "kind": "chuong_trinh_hanh_dong", "term_start": "2026", "term_end": "2030"})
    assert (plan.number, plan.issued_on, plan.kind) == (
        "21/KH-UBND", date(2026, 1, 16), "chuong_trinh_hanh_dong")
    logged = _entries(s, "plan", plan.id)
    assert (logged["issued_on"].old, logged["issued_on"].new) == ("2026-01-15", "2026-01-16")
    undo.revert(s, p, logged["issued_on"].id)
    undo.revert(s, p, logged["number"].id)
    assert (plan.number, plan.issued_on) == ("12/KH-UBND", date(2026, 1, 15))
    for bad, field in (({"issued_on": "30/02/2026"}, "issued_on"),
                       ({"term_start": "2030", "term_end": "2026"}, "term_end"),
                       ({"kind": "cong_van"}, "kind")):
        with pytest.raises(FieldError) as caught:
            reviewing.correct_plan(s, p, plan.id, plan.version, bad)
        assert caught.value.field == field
    with pytest.raises(BadInput, match="không có trường nào"):
        reviewing.correct_plan(s, p, plan.id, plan.version, {"number": "12/KH-UBND"})
    with pytest.raises(Conflict):
        reviewing.correct_plan(s, p, plan.id, plan.version - 1, {"number": "1"})


def test_a_draft_is_deleted_with_its_items_and_the_history_keeps_it(session: Any) -> None:
    s = session
    refs = active_v1(s, activate=False)
    p = _office(s)
    plan = s.get(Plan, refs.plan_id)
    gone = reviewing.delete_draft(s, p, plan.id, plan.version)
    assert (gone["targets"], gone["tasks"], gone["number"]) == (3, 3, "12/KH-UBND")  # III.1 (giao … chủ trì) is a task too
    assert s.get(Plan, refs.plan_id) is None
    assert s.scalars(select(Target).where(Target.plan_id == refs.plan_id)).first() is None
    entry = _entries(s, "plan", refs.plan_id)["deleted"]
    assert (entry.old, entry.new) == ("draft", None) and "12/KH-UBND" in (entry.detail or "")


def test_a_plan_in_use_or_with_figures_is_not_deleted(session: Any) -> None:
    s = session
    refs = active_v1(s)
    p = _office(s)
    plan = s.get(Plan, refs.plan_id)
    with pytest.raises(Conflict, match="chỉ xóa được bản nháp"):
        reviewing.delete_draft(s, p, plan.id, plan.version)
    progress.record_progress(s, refs.poor, "2026", "0,9", by="vanphong")
    plan.status = "draft"  # as if reverted to a draft after a figure was entered
    s.flush()
    with pytest.raises(Conflict, match="1 số liệu đã nhập"):
        reviewing.delete_draft(s, p, plan.id, plan.version)
    assert s.get(Plan, refs.plan_id) is not None
