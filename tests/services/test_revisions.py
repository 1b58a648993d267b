"""A revised plan: items matched to the old version, decisions and rows carried over."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tests.conftest import FIXTURES
from tests.services.conftest import MAX, PLANS, load
from theodoi.domain.errors import BadInput
from theodoi.services.register import importing, items
from theodoi.services.register import review_decisions as review
from theodoi.storage.models import Plan, Target, Task

V1, V2 = PLANS / "ke-hoach-v1.txt", PLANS / "ke-hoach-v2.txt"


def _active_v1(session: Any) -> Plan:
    plan = session.get(Plan, load(session, V1).plan_id)
    income = next(t for t in plan.targets if "Thu nhập" in t.indicator)
    insurance = next(t for t in plan.targets if "bảo hiểm" in t.indicator)
    review.correct(session, items.ref_of(insurance), {"unit": "% dân số"})
    review.reject(session, items.ref_of(plan.tasks[-1]))
    review.accept_all(session, plan.id)
    review.activate(session, plan.id)
    assert income.review == "accepted"
    return plan


def test_revision_is_found_by_number_and_compared(session: Any) -> None:
    old = _active_v1(session)
    result = load(session, V2)
    assert result.revises == old.id
    c = result.comparison
    assert (c.count("new"), c.count("changed"), c.count("unchanged"), c.count("removed")) == \
        (1, 1, 4, 1)
    changed = next(r for r in c.rows if r.change == "changed")
    assert changed.kind == "target" and "value" in changed.fields
    assert next(r for r in c.rows if r.change == "removed").text.startswith(
        "Xây dựng Đề án phát triển du lịch")
    assert next(r for r in c.rows if r.change == "new").text.startswith("Số hợp tác xã")


def test_unchanged_items_carry_the_decisions_made_on_the_old_version(session: Any) -> None:
    _active_v1(session)
    new = session.get(Plan, load(session, V2).plan_id)
    by_words = {t.indicator: t for t in new.targets}
    insurance = by_words["Tỷ lệ dân số tham gia bảo hiểm y tế"]
    assert (insurance.change, insurance.review, insurance.unit) == \
        ("unchanged", "corrected", "% dân số")
    income = by_words["Thu nhập bình quân đầu người"]
    assert (income.change, income.review, income.value) == ("changed", "proposed", 100.0)
    rejected_duty = next(k for k in new.tasks if k.title.startswith("Giao Phòng Kinh tế"))
    assert rejected_duty.review == "rejected"


def test_activation_keeps_the_old_rows_of_unchanged_items_and_closes_the_old_plan(
        session: Any) -> None:
    old = _active_v1(session)
    old_rows = {t.indicator: t.id for t in old.targets}
    old_task_ids = {k.title: k.id for k in old.tasks}
    new = session.get(Plan, load(session, V2).plan_id)
    review.accept_all(session, new.id)
    result = review.activate(session, new.id)
    session.expire_all()
    assert result.closed_plan == old.id and result.carried_over == 4
    assert session.get(Plan, old.id).status == "closed"
    new = session.get(Plan, new.id)
    kept = {t.indicator: t.id for t in new.targets}
    # the same rows, so whatever is recorded against them stays with them
    assert kept["Tỷ lệ dân số tham gia bảo hiểm y tế"] == old_rows[
        "Tỷ lệ dân số tham gia bảo hiểm y tế"]
    assert kept["Tỷ lệ hộ nghèo"] == old_rows["Tỷ lệ hộ nghèo"]
    assert kept["Thu nhập bình quân đầu người"] != old_rows["Thu nhập bình quân đầu người"]
    income = session.get(Target, kept["Thu nhập bình quân đầu người"])
    assert income.previous_id == old_rows["Thu nhập bình quân đầu người"]
    assert session.get(Target, income.previous_id).plan_id == old.id  # history stays
    plan_task = next(k for k in new.tasks if k.title.startswith("Xây dựng Kế hoạch"))
    assert plan_task.id == old_task_ids[plan_task.title]
    assert [t.position for t in new.targets] == sorted(t.position for t in new.targets)
    for item in [*new.targets, *new.tasks]:
        assert item.plan_id == new.id
    assert session.get(Task, old_task_ids["Xây dựng Đề án phát triển du lịch cộng đồng"]) \
        .plan_id == old.id


def test_spans_of_moved_rows_point_into_the_new_text(session: Any) -> None:
    from theodoi.extraction import read_source

    _active_v1(session)
    new = session.get(Plan, load(session, V2).plan_id)
    review.accept_all(session, new.id)
    review.activate(session, new.id)
    session.expire_all()
    text = read_source(V2)[0].text
    for item in session.get(Plan, new.id).targets:
        assert " ".join(text[item.span_start:item.span_end].split()) == " ".join(item.text.split())


def test_revises_names_the_old_plan_explicitly(session: Any, tmp_path: Any) -> None:
    old = _active_v1(session)
    renumbered = tmp_path / "sua-doi.txt"
    renumbered.write_text(V2.read_text(encoding="utf-8").replace("12/KH-UBND", "30/KH-UBND"),
                          encoding="utf-8")
    assert load(session, renumbered).revises is None  # a new number is a new document
    other = tmp_path / "sua-doi-2.txt"
    other.write_text(renumbered.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert load(session, other, revises=old.id).revises == old.id
    review.close(session, old.id)
    third = tmp_path / "sua-doi-3.txt"
    third.write_text(other.read_text(encoding="utf-8") + " ", encoding="utf-8")
    with pytest.raises(BadInput, match="đã đóng"):
        load(session, third, revises=old.id)


def test_progress_recorded_on_the_old_version_stays_with_unchanged_items(session: Any) -> None:
    from datetime import date

    from theodoi.services.progress import records as progress
    from theodoi.services.progress import status

    old = _active_v1(session)
    insurance = next(t for t in old.targets if "bảo hiểm" in t.indicator)
    income = next(t for t in old.targets if "Thu nhập" in t.indicator)
    progress.record_progress(session, items.ref_of(insurance), "2026", "93")
    progress.record_progress(session, items.ref_of(income), "2026", "75")
    new = session.get(Plan, load(session, V2).plan_id)
    review.accept_all(session, new.id)
    review.activate(session, new.id)
    session.expire_all()
    live = status.status_of_unit(session, "Xã An Bình", date(2027, 1, 10)).targets
    by_text = {row.text: row for row in live}
    kept = by_text["Tỷ lệ dân số tham gia bảo hiểm y tế"]
    assert kept.ref == items.ref_of(insurance) and kept.actual == 93.0  # same row, its data
    changed = by_text["Thu nhập bình quân đầu người"]
    assert changed.ref != items.ref_of(income) and changed.actual is None  # a new commitment
    assert [r.value for r in progress.history(session, items.ref_of(income))] == [75.0]


DOCX, PDF = FIXTURES / "fixtures" / "ke-hoach-ubnd.docx", FIXTURES / "fixtures" / "ke-hoach-ubnd.pdf"


def test_the_pdf_of_a_docx_in_the_register_is_refused_as_a_duplicate(session: Any) -> None:
    first = load(session, DOCX)
    session.commit()
    with pytest.raises(BadInput, match=f"trùng với kế hoạch số {first.plan_id}"):
        importing.offer(session, "Xã An Bình", PDF.read_bytes(), PDF.name, max_bytes=MAX)
    with pytest.raises(BadInput, match="không lưu bản trùng"):
        load(session, PDF)
    session.rollback()  # what the edge does with the error: nothing of the PDF is kept
    assert session.scalar(select(func.count()).select_from(Plan)) == 1


def test_a_corrected_copy_is_offered_with_its_diff_and_nothing_stored(session: Any) -> None:
    old = _active_v1(session)
    offered = importing.offer(session, "Xã An Bình", V2.read_bytes(), V2.name, max_bytes=MAX)
    assert offered.revises == old.id and offered.comparison is not None
    c = offered.comparison
    assert (c.count("new"), c.count("changed"), c.count("unchanged"), c.count("removed")) == \
        (1, 1, 4, 1)
    assert next(r for r in c.rows if r.change == "changed").fields == ["text", "value"]
    assert session.scalar(select(func.count()).select_from(Plan)) == 1
    assert session.scalar(select(func.count()).select_from(Target)) == len(old.targets)


def test_a_new_document_is_offered_without_a_version(session: Any) -> None:
    offered = importing.offer(session, "Xã An Bình", V1.read_bytes(), V1.name, max_bytes=MAX)
    assert (offered.revises, offered.comparison, offered.already_stored) == (None, None, None)
    assert offered.extraction["document"]["number"]
