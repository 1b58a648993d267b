"""A Party document that says it belongs to the Party bodies is restricted from import on
(sample 001, "Tài liệu này thuộc sở hữu của các cơ quan Đảng"); a Party plan without such
a line (sample 003) is not: the mark decides, not the issuer."""

from __future__ import annotations

from typing import Any

from tests.conftest import SAMPLES
from tests.services.conftest import MAX
from theodoi.domain import access as rules
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.register import importing, units
from theodoi.storage.models import Plan


def _import(session: Any, name: str) -> Plan:
    path = next(SAMPLES.glob(f"{name}_*.txt"))
    found = importing.import_plan(session, "Xã Thái Tân", path.read_bytes(), path.name,
                                  max_bytes=MAX)
    plan = session.get(Plan, found.plan_id)
    assert plan is not None
    return plan


def test_sample_001_is_restricted_after_import_and_003_is_not(session: Any) -> None:
    marked, open_ = _import(session, "001"), _import(session, "003")
    assert marked.restricted is True and open_.restricted is False
    unit = units.find(session, "Xã Thái Tân")
    agency = Principal(1, "donvi", "", (rules.Grant(unit.id, "xem"),))
    leader = Principal(2, "bithu", "", (rules.Grant(unit.id, "lanh_dao"),))
    assert access.hidden_plans(session, agency, unit) == frozenset({marked.id})
    assert access.hidden_plans(session, leader, unit) == frozenset()
    assert access.reads_plan(leader, marked) and not access.reads_plan(agency, marked)
    assert access.reads_plan(agency, open_)
