"""Cached pages are found from one query that loads no row (access.unit_scope and
access.item_scope): what it tells must be what loading the unit or the item tells, for
every kind of person, or a cached page would be shown to someone the full check refuses."""

from __future__ import annotations

from typing import Any

import pytest

from tests.services.progress_setup import active_v1
from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput, Forbidden, NotFound
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.register import review_decisions as review
from theodoi.services.register import units
from theodoi.storage.db import session_factory
from theodoi.storage.models import Agency, Plan
from theodoi.storage.repositories import stamps

A, B = "Xã An Bình", "Xã Bình Minh"


@pytest.fixture
def tree(db_url: str) -> Any:
    """Tỉnh > Huyện > two communes, each with the v1 plan active: three levels, so that a
    chain longer than a unit and its parent is checked."""
    s = session_factory(db_url)()
    units.create(s, "Tỉnh Mẫu", level="tinh", code="tinh")
    units.create(s, "Huyện Giữa", level="huyen", parent="tinh", code="huyen")
    for name in (A, B):
        units.create(s, name, parent="huyen")
    refs = {name: active_v1(s, name) for name in (A, B)}
    # a lead with a co-agency after it, and a co-agency with no lead: the lead agency is
    # the first lead assignment, never a co-agency's
    review.correct(s, refs[A].income, {"co_agencies": ["Phòng VH-XH"]})
    review.correct(s, refs[B].tourism, {"lead_agency": "", "co_agencies": ["Phòng Kinh tế"]})
    s.commit()
    yield s, refs
    s.close()


def _people(s: Any) -> dict[str, Principal]:
    ids = {name: units.find(s, name).id for name in ("Tỉnh Mẫu", "Huyện Giữa", A, B)}
    economy = next(a.id for a in s.query(Agency).filter_by(unit_id=ids[A], name="Phòng Kinh tế"))
    grants = {"province": [rules.Grant(ids["Tỉnh Mẫu"], "xem")],
              "district": [rules.Grant(ids["Huyện Giữa"], "lanh_dao")],
              "office": [rules.Grant(ids[A], "van_phong")],
              "agency": [rules.Grant(ids[A], "don_vi", economy)],
              "other": [rules.Grant(ids[B], "quan_tri")],
              "nobody": []}
    return {k: Principal(i, k, k, tuple(g)) for i, (k, g) in enumerate(grants.items(), 1)}


def _outcome(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except (NotFound, Forbidden, BadInput) as e:
        return type(e).__name__, str(e)


def test_a_units_scope_decides_as_loading_the_unit_does(tree: Any) -> None:
    s, _ = tree
    for name in ("Tỉnh Mẫu", "Huyện Giữa", A, B):
        unit_id = units.find(s, name).id
        for who, p in _people(s).items():
            for action in (rules.READ, rules.REVIEW, rules.UPDATE_OWN):
                full = _outcome(access.unit, s, p, unit_id, action)
                quick = _outcome(access.unit_scope, s, p, unit_id, action)
                if isinstance(full, tuple):
                    assert quick == full, (name, who, action)
                    continue
                assert quick.chain == tuple(access.chain(full)), (name, who)
                assert quick.level == full.level
                assert quick.stamp == stamps.read(s, [unit_id])[unit_id]
    assert _outcome(access.unit_scope, s, _people(s)["province"], 999999) == (
        "NotFound", "không có đơn vị số 999999.")


def test_an_items_scope_decides_as_loading_the_item_does(tree: Any) -> None:
    s, refs = tree
    items = [r for name in (A, B) for r in (refs[name].income, refs[name].poor,
                                            refs[name].invest, refs[name].tourism)]
    seen: dict[str, set[bool]] = {}
    for ref in [*items, "t999999", "k999999", "x1", "t"]:
        for who, p in _people(s).items():
            for action in (rules.READ, rules.UPDATE_OWN):
                full = _outcome(access.item, s, p, ref, action)
                quick = _outcome(access.item_scope, s, p, ref, action)
                seen.setdefault(who, set()).add(isinstance(full, tuple))
                if isinstance(full, tuple):
                    assert quick == full, (ref, who, action)
                    continue
                assert quick.chain == tuple(access.chain(full.plan.unit)), (ref, who)
                assert quick.lead_agency_id == access.lead_agency_id(full)
                assert quick.stamp == stamps.read(s, [quick.chain[0]])[quick.chain[0]]
    # the agency user both sees its own items and is refused the others: both paths ran
    assert seen["agency"] == {True, False} and seen["nobody"] == {True}


def test_an_item_whose_lead_changes_is_judged_by_its_new_lead(tree: Any) -> None:
    s, refs = tree
    agency = _people(s)["agency"]
    assert access.item_scope(s, agency, refs[A].income).lead_agency_id is not None
    with pytest.raises(NotFound):
        access.item_scope(s, agency, refs[A].poor)  # Phòng VH-XH leads it
    review.correct(s, refs[A].poor, {"lead_agency": "Phòng Kinh tế"})
    s.flush()
    assert access.item_scope(s, agency, refs[A].poor).chain[0] == units.find(s, A).id


def test_a_restricted_plan_is_decided_alike_by_both_paths(tree: Any) -> None:
    """Restricted: the district's leader, the commune's office read it; the province's
    reader (xem) and the agency (even for its own item) get NotFound on both paths."""
    from theodoi.services.register import items as register_items

    s, refs = tree
    register_items.get_item(s, refs[A].income).plan.restricted = True
    s.flush()
    people = _people(s)
    outcomes: dict[str, bool] = {}
    for ref in (refs[A].income, refs[A].poor, refs[B].income):
        for who, p in people.items():
            full = _outcome(access.item, s, p, ref)
            quick = _outcome(access.item_scope, s, p, ref)
            if isinstance(full, tuple):
                assert quick == full, (ref, who)
            else:
                assert quick.restricted is (ref != refs[B].income)
            if ref == refs[A].income:
                outcomes[who] = not isinstance(full, tuple)
    assert outcomes == {"province": False, "district": True, "office": True,
                        "agency": False, "other": False, "nobody": False}
    unit = units.find(s, A)
    assert access.lens(people["office"], access.unit_scope(s, people["office"], unit.id)) == (
        None, True)
    assert access.lens(people["province"], access.unit_scope(
        s, people["province"], unit.id)) == (None, False)


def test_a_plans_seer_decides_each_item_as_sees_does(tree: Any) -> None:
    """access.seer decides once per plan what `sees` asks of every item of it: the same
    answer for every person and item, a restricted plan included (the register lists a
    commune's items through it)."""
    s, _ = tree
    plans = s.query(Plan).order_by(Plan.id).all()
    plans[-1].restricted = True  # B's plan: only its readers see its items
    s.flush()
    people = _people(s)
    seen: dict[str, int] = {}
    for plan in plans:
        for who, p in people.items():
            sees = access.seer(p, plan)
            for item in [*plan.targets, *plan.tasks]:
                assert sees(item) == access.sees(p, item), (plan.id, who, item.id)
                seen[who] = seen.get(who, 0) + sees(item)
    total = sum(len(p.targets) + len(p.tasks) for p in plans)
    assert seen["nobody"] == 0 and seen["district"] == total
    hidden = len(plans[-1].targets) + len(plans[-1].tasks)
    assert seen["province"] == total - hidden  # an observer does not read a restricted plan
    assert 0 < seen["agency"] < seen["office"] < total  # an agency sees its own items only
