"""Importing a plan as a draft, reviewing its items, activating it — on both backends."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tests.services.conftest import MAX, PLANS, SAMPLES, load
from theodoi.domain.errors import BadInput, Conflict, NotFound
from theodoi.services.register import importing, items, plans
from theodoi.services.register import review_decisions as review
from theodoi.storage.models import Plan, SourceFile, Target, Task

V1 = PLANS / "ke-hoach-v1.txt"


def _count(session: Any, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _target(session: Any, plan_id: int, words: str) -> Target:
    plan = session.get(Plan, plan_id)
    return next(t for t in plan.targets if words in t.indicator)


def test_import_stores_a_draft_with_every_item_proposed_and_its_source(session: Any) -> None:
    result = load(session, V1)
    assert result.unit_created and not result.already_stored
    plan = session.get(Plan, result.plan_id)
    assert (plan.status, plan.number, plan.term_start, plan.term_end) == \
        ("draft", "12/KH-UBND", 2026, 2030)
    assert len(plan.targets) == 3 and len(plan.tasks) == 3
    assert {i.review for i in [*plan.targets, *plan.tasks]} == {"proposed"}
    stored = session.get(SourceFile, plan.source_sha256)
    text = stored.extraction["targets"][0]["text"]
    income = _target(session, plan.id, "Thu nhập")
    assert (income.value, income.unit, income.deadline_year) == (90.0, "triệu đồng/năm", 2030)
    assert income.original["value"] == 90.0 and income.text == text
    assert stored.content == V1.read_bytes()


def test_item_spans_point_into_the_stored_text(session: Any) -> None:
    from theodoi.extraction import read_source

    plan = session.get(Plan, load(session, SAMPLES / "000_bc70259db3d54841.txt").plan_id)
    text = read_source(SAMPLES / "000_bc70259db3d54841.txt")[0].text
    for item in [*plan.targets, *plan.tasks]:
        assert " ".join(text[item.span_start:item.span_end].split()) == " ".join(item.text.split())


def test_reimporting_the_same_file_changes_nothing(session: Any) -> None:
    first = load(session, V1)
    session.commit()
    counts = (_count(session, Plan), _count(session, Target), _count(session, Task))
    again = load(session, V1)
    assert again.already_stored and again.plan_id == first.plan_id
    assert (_count(session, Plan), _count(session, Target), _count(session, Task)) == counts


def test_same_file_in_two_units_is_stored_once(session: Any) -> None:
    load(session, V1, unit="Xã An Bình")
    load(session, V1, unit="Xã Bình Minh")
    assert _count(session, Plan) == 2 and _count(session, SourceFile) == 1


def test_accept_reject_and_correct_keep_the_proposal_beside_the_correction(session: Any) -> None:
    plan_id = load(session, V1).plan_id
    income = _target(session, plan_id, "Thu nhập")
    poverty = _target(session, plan_id, "hộ nghèo")
    review.correct(session, items.ref_of(income), {"value": "92,5", "lead_agency": "Phòng KT",
                                                   "milestones": "2026: 80; 2028: 85,5"})
    review.reject(session, items.ref_of(poverty))
    assert (income.review, income.value, income.original["value"]) == ("corrected", 92.5, 90.0)
    assert [(m.year, m.value) for m in income.milestones] == [(2026, 80.0), (2028, 85.5)]
    lead = next(a for a in income.assignments if a.role == "lead")
    assert lead.name == "Phòng KT" and lead.agency.name == "Phòng Kinh tế"
    assert poverty.review == "rejected"
    view = plans.item_view(income)
    assert view["original"]["value"] == 90.0 and view["value"] == 92.5


@pytest.mark.parametrize(("changes", "message"), [
    ({"value": "nhiều"}, "giá trị 'nhiều' không hợp lệ"),
    ({"kind": "tang"}, "loại chỉ tiêu 'tang' không hợp lệ"),
    ({"deadline_year": "20300"}, "năm hoàn thành"),
    ({"colour": "đỏ"}, "không có trường 'colour'"),
    ({"indicator": "  "}, "tên chỉ tiêu không được để trống"),
    ({"lead_agency": "Phòng Kinh tế; Phòng Nội vụ"}, "chỉ một cơ quan chủ trì"),
    ({"milestones": "2027: 1; 2027: 2"}, "năm 2027 hai lần"),
])
def test_a_bad_correction_is_refused_and_changes_nothing(session: Any, changes: dict[str, str],
                                                         message: str) -> None:
    plan_id = load(session, V1).plan_id
    income = _target(session, plan_id, "Thu nhập")
    session.commit()
    with pytest.raises(BadInput, match=message):
        review.correct(session, items.ref_of(income), changes)
    session.rollback()
    session.refresh(income)
    assert (income.review, income.value, income.indicator) == \
        ("proposed", 90.0, "Thu nhập bình quân đầu người")


def test_add_an_item_the_extractor_missed(session: Any) -> None:
    plan_id = load(session, V1).plan_id
    task = review.add_item(session, plan_id, "task", {
        "title": "Tổng kết 5 năm thực hiện Kế hoạch", "due_date": "30/11/2030",
        "lead_agency": "Văn phòng HĐND và UBND xã"})
    assert task.review == "added" and task.original is None
    assert task.due_date.isoformat() == "2030-11-30" and task.plan_id == plan_id
    with pytest.raises(BadInput, match="cần tên nhiệm vụ"):
        review.add_item(session, plan_id, "task", {"due_date": "30/11/2030"})


def test_activation_needs_every_item_reviewed(session: Any) -> None:
    plan_id = load(session, V1).plan_id
    with pytest.raises(Conflict, match="còn 6 mục chưa rà soát"):
        review.activate(session, plan_id)
    review.accept_all(session, plan_id)
    result = review.activate(session, plan_id)
    assert session.get(Plan, plan_id).status == "active" and result.closed_plan is None
    with pytest.raises(Conflict, match="không phải bản nháp"):
        review.activate(session, plan_id)


def test_items_of_a_closed_plan_cannot_be_changed(session: Any) -> None:
    plan_id = load(session, V1).plan_id
    review.close(session, plan_id)
    ref = items.ref_of(session.get(Plan, plan_id).targets[0])
    with pytest.raises(Conflict, match="đã đóng"):
        review.accept(session, ref)


@pytest.mark.parametrize("ref", ["x1", "t", "t1a", "12"])
def test_bad_item_refs_say_how_to_write_them(session: Any, ref: str) -> None:
    with pytest.raises(BadInput, match="t<số> cho chỉ tiêu"):
        items.get_item(session, ref)


def test_missing_items_and_plans_are_not_found(session: Any) -> None:
    with pytest.raises(NotFound):
        items.get_item(session, "t999")
    with pytest.raises(NotFound):
        review.get_plan(session, 999)


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Any) -> None:
    big = tmp_path / "lon.txt"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(BadInput, match="vượt giới hạn"):
        importing.read_file(big, 1024)
    assert MAX > 1024


def test_every_seed_imports(session: Any) -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        result = load(session, path, unit="Xã Mẫu")
        assert result.targets + result.tasks > 0
    assert _count(session, Plan) == 5
