"""Who reads a restricted plan (domain.access): the roles the unit names, at the unit or
above it; by default lanh_dao, van_phong and quan_tri. An open plan: everyone in scope."""

from __future__ import annotations

import pytest

from theodoi.domain.access import (
    Grant,
    check_readers,
    reads_restricted,
    restricted_readers,
    sees_plan,
)
from theodoi.domain.errors import BadInput

PROVINCE, COMMUNE, OTHER = 1, 2, 3
CHAIN = (COMMUNE, PROVINCE)  # the commune, then the province above it


@pytest.mark.parametrize(("grants", "setting", "reads"), [
    ([Grant(COMMUNE, "lanh_dao")], None, True),
    ([Grant(COMMUNE, "van_phong")], None, True),
    ([Grant(COMMUNE, "quan_tri")], None, True),
    ([Grant(COMMUNE, "xem")], None, False),
    ([Grant(COMMUNE, "don_vi", 7)], None, False),
    ([Grant(PROVINCE, "lanh_dao")], None, True),   # the leaders above read it
    ([Grant(PROVINCE, "xem")], None, False),       # an observer above does not
    ([Grant(OTHER, "lanh_dao")], None, False),     # another commune's leader: out of scope
    ([Grant(COMMUNE, "xem"), Grant(PROVINCE, "lanh_dao")], None, True),
    ([Grant(COMMUNE, "don_vi", 7)], "lanh_dao,don_vi", True),  # the unit names its agencies
    ([Grant(COMMUNE, "van_phong")], "lanh_dao", False),
    ([Grant(COMMUNE, "lanh_dao")], "", False),     # nobody named: nobody reads
])
def test_who_reads_a_restricted_plan(grants: list[Grant], setting: str | None,
                                     reads: bool) -> None:
    assert reads_restricted(grants, CHAIN, setting) is reads
    assert sees_plan(grants, CHAIN, True, setting) is reads


def test_an_open_plan_is_seen_by_everyone_in_scope_and_nobody_else() -> None:
    assert sees_plan([Grant(COMMUNE, "xem")], CHAIN, False, "")
    assert sees_plan([Grant(COMMUNE, "don_vi", 7)], CHAIN, False, None)
    assert not sees_plan([Grant(OTHER, "quan_tri")], CHAIN, False, None)


def test_a_setting_is_stored_in_the_roles_order_and_read_back() -> None:
    assert check_readers(["don_vi", "lanh_dao"]) == "lanh_dao,don_vi"
    assert restricted_readers("lanh_dao,don_vi") == ("lanh_dao", "don_vi")
    assert restricted_readers(None) == ("lanh_dao", "van_phong", "quan_tri")
    with pytest.raises(BadInput, match="vai trò 'chu_tich' không có"):
        check_readers(["lanh_dao", "chu_tich"])
