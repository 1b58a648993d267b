"""Instructions to communes on SQLite and PostgreSQL: one item per commune made when the
province plan is activated (never twice), closed by the commune's plan linked in the
cascade (dated by its issue date) or by a report, reopened when the link goes, and the
instruction task's own status read from its items."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.services.docs import PARTY_SAMPLE, import_sample, import_text, plan_text
from theodoi.domain.errors import BadInput, Conflict
from theodoi.services.instructions import tracking
from theodoi.services.progress import status
from theodoi.services.register import cascade, units
from theodoi.services.register.review_decisions import get_plan
from theodoi.storage.repositories import instructions as repo

# the province's programme: task 2 is addressed to every commune, task 1 is the office's
PROVINCE_CTR = plan_text("16-CTr/TU", "12 tháng 02 năm 2026",
                         targets=["Tỷ lệ hộ gia đình sử dụng nước sạch đạt 95%."]).replace(
    "hoàn thành trong Quý IV năm 2026.\n",
    "hoàn thành trong Quý IV năm 2026.\n\n2. Các đảng ủy xã, phường xây dựng kế hoạch "
    "thực hiện Chương trình hành động này, hoàn thành trước ngày 31/3/2026.\n")
# a commune's plan implementing it, issued after the deadline
LATE_PLAN = plan_text("07-KH/ĐU", "10 tháng 4 năm 2026", kind="KẾ HOẠCH",
                      bases=["Chương trình hành động số 16-CTr/TU ngày 12/02/2026 của Ban "
                             "Thường vụ Tỉnh ủy"],
                      targets=["Tỷ lệ hộ gia đình sử dụng nước sạch đạt 96%."])
COMMUNES = ("Xã Thử", "Xã Hai", "Xã Ba")


@pytest.fixture
def s(session: Any) -> Any:
    units.create(session, "Tỉnh Thử", level="tinh")
    for name in COMMUNES:
        units.create(session, name, level="xa", parent="Tỉnh Thử")
    return session


def _province(s: Any) -> int:
    return import_text(s, "Tỉnh Thử", PROVINCE_CTR, "ctr16.txt", activate=True)


def _instruction(s: Any, plan_id: int) -> Any:
    return next(t for t in get_plan(s, plan_id).tasks if t.title.startswith("Các đảng ủy")
                or t.text.startswith("Các đảng ủy") or "Các đảng ủy" in t.text)


def _states(s: Any, plan_id: int, as_of: date) -> dict[str, tuple[str, date | None]]:
    rows = tracking.instruction_rows(s, repo.items(s, plan_unit_ids=[get_plan(s, plan_id)
                                                                      .unit_id]), as_of)
    assert len(rows) == 1
    return {r["unit"]["name"]: (r["state"], r["acted_on"]) for r in rows[0]["items"]}


def test_activating_the_province_plan_makes_one_item_per_commune_once(s: Any) -> None:
    plan_id = _province(s)
    task = _instruction(s, plan_id)
    assert task.due_date == date(2026, 3, 31)
    items = repo.items(s, plan_unit_ids=[get_plan(s, plan_id).unit_id])
    assert sorted(i.unit.name for i in items) == sorted(COMMUNES)
    assert {i.task_id for i in items} == {task.id}  # the office's own task is not one
    again = tracking.create_for_plan(s, get_plan(s, plan_id))
    assert (again.tasks, again.created) == ([f"k{task.id}"], 0)
    units.create(s, "Phường Mới", level="xa", parent="Tỉnh Thử")
    assert tracking.create_for_plan(s, get_plan(s, plan_id)).created == 1


def test_a_commune_plan_linked_closes_its_item_on_its_issue_day(s: Any) -> None:
    plan_id = _province(s)
    import_sample(s, PARTY_SAMPLE, "Xã Thử")  # 66-KH/ĐU of 30/3/2026, implements 16-CTr/TU
    import_text(s, "Xã Hai", LATE_PLAN, "kh07.txt", parent="Tỉnh Thử")
    assert _states(s, plan_id, date(2026, 4, 15)) == {
        "Xã Thử": ("da_thuc_hien_dung_han", date(2026, 3, 30)),
        "Xã Hai": ("da_thuc_hien_tre_han", date(2026, 4, 10)),
        "Xã Ba": ("qua_han", None)}
    assert _states(s, plan_id, date(2026, 3, 1)) == {
        name: ("chua_den_han", None) for name in COMMUNES}  # nothing issued yet that day


def test_removing_the_link_reopens_the_item(s: Any) -> None:
    plan_id = _province(s)
    commune_plan = import_text(s, "Xã Hai", LATE_PLAN, "kh07.txt", parent="Tỉnh Thử")
    assert _states(s, plan_id, date(2026, 5, 1))["Xã Hai"][0] == "da_thuc_hien_tre_han"
    cascade.unlink(s, commune_plan, plan_id)
    assert _states(s, plan_id, date(2026, 5, 1))["Xã Hai"] == ("qua_han", None)
    cascade.link(s, commune_plan, plan_id)
    assert _states(s, plan_id, date(2026, 5, 1))["Xã Hai"][0] == "da_thuc_hien_tre_han"


def test_a_report_closes_the_item_and_can_be_taken_back(s: Any) -> None:
    plan_id = _province(s)
    item = next(i for i in repo.items(s, plan_unit_ids=[get_plan(s, plan_id).unit_id])
                if i.unit.name == "Xã Ba")
    with pytest.raises(BadInput):
        tracking.close(s, item, date(2026, 3, 20), "   ", "vanphong")
    tracking.close(s, item, date(2026, 3, 20),
                   "Đảng ủy xã đã ban hành Công văn số 12-CV/ĐU triển khai.", "vanphong")
    assert _states(s, plan_id, date(2026, 4, 1))["Xã Ba"] == (
        "da_thuc_hien_dung_han", date(2026, 3, 20))
    with pytest.raises(Conflict):
        tracking.close(s, item, date(2026, 3, 21), "Báo cáo lần hai.", "vanphong")
    tracking.reopen(s, item)
    assert _states(s, plan_id, date(2026, 4, 1))["Xã Ba"] == ("qua_han", None)


def _task_code(s: Any, task_id: int, as_of: date) -> str:
    found = status.status_of_unit(s, "Tỉnh Thử", as_of)
    return next(r.code for r in found.tasks if r.ref == f"k{task_id}")


def test_the_instruction_task_is_done_once_every_commune_acted(s: Any) -> None:
    plan_id = _province(s)
    task = _instruction(s, plan_id)
    s.commit()
    assert _task_code(s, task.id, date(2026, 4, 15)) == "qua_han"
    import_sample(s, PARTY_SAMPLE, "Xã Thử")
    import_text(s, "Xã Hai", LATE_PLAN, "kh07.txt", parent="Tỉnh Thử")
    s.commit()
    assert _task_code(s, task.id, date(2026, 4, 15)) == "qua_han"  # Xã Ba has not acted
    item = next(i for i in repo.items(s, task_ids=[task.id]) if i.unit.name == "Xã Ba")
    tracking.close(s, item, date(2026, 4, 12), "Đã ban hành kế hoạch 03-KH/ĐU.", "vp")
    s.commit()
    # done when the last commune acted (12/4), after the deadline: late, no longer overdue
    assert _task_code(s, task.id, date(2026, 4, 15)) == "hoan_thanh_tre_han"
    tracking.reopen(s, item)
    s.commit()
    assert _task_code(s, task.id, date(2026, 4, 15)) == "qua_han"
