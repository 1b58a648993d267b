"""Access scopes (a unit's chain and stamp; an item's chain, lead agency and stamp) and
the units under a province are held in the session between writes only: a page asks for them two or three times, and a
write in the same session is seen at the next ask, through a flush or a bulk statement."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select, update

from tests.services.conftest import PLANS, load
from theodoi.storage.models import Agency, Assignment, Plan, Task, Unit
from theodoi.storage.repositories import plans, stamps, units


def _first_led_task(s: Any) -> tuple[int, Assignment]:
    lead = s.scalars(select(Assignment).where(Assignment.role == "lead",
                                              Assignment.task_id.is_not(None),
                                              Assignment.agency_id.is_not(None))
                     .order_by(Assignment.id)).first()
    assert lead is not None
    assert lead.task_id is not None
    return lead.task_id, lead


def _other_agency(s: Any, unit_id: int, not_id: int) -> int:
    other = Agency(unit_id=unit_id, name="Phòng Thử nghiệm riêng",
                   key="phong thu nghiem rieng", status="active")
    s.add(other)
    s.flush()
    assert other.id != not_id
    return other.id


def test_a_flushed_change_of_lead_is_seen_by_the_next_scope(session: Any) -> None:
    s = session
    load(s, PLANS / "ke-hoach-v1.txt")
    s.commit()
    task_id, lead = _first_led_task(s)
    first = plans.item_scope(s, Task, task_id)
    assert first is not None and first.lead_agency_id == lead.agency_id
    assert plans.item_scope(s, Task, task_id) is first  # held: no second query
    other = _other_agency(s, first.chain[0], lead.agency_id or 0)
    lead.agency_id = other
    s.flush()
    again = plans.item_scope(s, Task, task_id)
    assert again is not None and again.lead_agency_id == other


def test_a_bulk_update_and_a_rollback_are_seen_by_the_next_scope(session: Any) -> None:
    s = session
    load(s, PLANS / "ke-hoach-v1.txt")
    s.commit()
    task_id, lead = _first_led_task(s)
    before = plans.item_scope(s, Task, task_id)
    assert before is not None
    other = _other_agency(s, before.chain[0], lead.agency_id or 0)
    s.commit()
    assert plans.item_scope(s, Task, task_id) is not None
    s.execute(update(Assignment).where(Assignment.id == lead.id).values(agency_id=other))
    moved = plans.item_scope(s, Task, task_id)
    assert moved is not None and moved.lead_agency_id == other
    s.rollback()
    back = plans.item_scope(s, Task, task_id)
    assert back is not None and back.lead_agency_id == before.lead_agency_id


def test_a_unit_moved_in_the_session_is_seen_by_the_next_unit_scope(session: Any) -> None:
    s = session
    province = Unit(code="tinh-thu", name="Tỉnh Thử", level="province")
    other = Unit(code="tinh-khac", name="Tỉnh Khác", level="province")
    s.add_all([province, other])
    s.flush()
    commune = Unit(code="tinh-thu.xa-a", name="Xã A", level="commune", parent_id=province.id)
    s.add(commune)
    s.commit()
    first = units.scope(s, commune.id)
    assert first is not None and first.chain == (commune.id, province.id)
    assert units.scope(s, commune.id) is first  # held: no second query
    commune.parent_id = other.id
    s.flush()
    moved = units.scope(s, commune.id)
    assert moved is not None and moved.chain == (commune.id, other.id)


def test_the_units_under_a_province_are_read_again_after_a_write(session: Any) -> None:
    """A province's dashboard reads the units under it (stamps, restricted plans) once for
    its tag, its communes' rows and its roll-up; a plan restricted or a stamp replaced in
    the same session is seen at the next ask."""
    s = session
    province = Unit(code="tinh-thu", name="Tỉnh Thử", level="tinh")
    s.add(province)
    s.flush()
    commune = Unit(code="tinh-thu.xa-a", name="Xã A", level="xa", parent_id=province.id)
    s.add(commune)
    s.flush()
    plan = Plan(unit_id=commune.id, title="Nghị quyết", status="active")
    s.add(plan)
    s.commit()
    first = stamps.under(s, province.id)
    assert list(first) == [commune.id] and first[commune.id].restricted == ()
    assert stamps.under(s, province.id) is first  # held: no second query
    stamp = first[commune.id].stamp
    plan.restricted = True  # a flush stamps the commune again (storage/stamping.py)
    s.flush()
    again = stamps.under(s, province.id)
    assert again[commune.id].restricted == (plan.id,)
    assert again[commune.id].stamp != stamp
    assert stamps.below(s, province.id) == {commune.id: ("Xã A", again[commune.id].stamp)}


def test_a_scope_that_finds_no_unit_under_it_spares_the_query_until_a_write(
        session: Any) -> None:
    """A commune's scope says no unit stands under it, so `under` answers without its
    query; a thôn added in the same session after the scope was read (pending, not yet
    flushed) is still found by the first ask after it."""
    s = session
    province = Unit(code="tinh-thu", name="Tỉnh Thử", level="tinh")
    s.add(province)
    s.flush()
    one, two = (Unit(code=f"tinh-thu.xa-{c}", name=f"Xã {c}", level="xa",
                     parent_id=province.id) for c in "ab")
    s.add_all([one, two])
    s.commit()
    seen: list[str] = []
    event.listen(s.get_bind(), "before_cursor_execute", lambda *a: seen.append(a[2]))
    scope, other = units.scope(s, one.id), units.scope(s, two.id)
    assert scope is not None and other is not None and not scope.below and not other.below
    assert stamps.under(s, one.id) == {} and len(seen) == 2  # the scopes' queries only
    up = units.scope(s, province.id)
    assert up is not None and up.below
    s.add(Unit(code="tinh-thu.xa-b.thon-1", name="Thôn Một", level="thon",
               parent_id=two.id))
    assert [u.name for u in stamps.under(s, two.id).values()] == ["Thôn Một"]
    again = units.scope(s, two.id)
    assert again is not None and again.below


def test_all_stamped_is_false_only_when_a_unit_has_no_stamp_yet() -> None:
    """A stamp of 0 is a stamp (only None is none), and no unit at all is whole."""
    assert stamps.all_stamped({2: ("Xã A", 0), 3: ("Xã B", 7)})
    assert not stamps.all_stamped({2: ("Xã A", 0), 3: ("Xã B", None)})
    assert stamps.all_stamped({})
