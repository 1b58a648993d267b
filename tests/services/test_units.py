"""Units: codes from names, a tree, lookups by code or name."""

from __future__ import annotations

from typing import Any

import pytest

from theodoi.domain.errors import BadInput, NotFound
from theodoi.services.register import units


def test_units_form_a_tree_with_codes_from_their_names(session: Any) -> None:
    province = units.create(session, "Tỉnh Thanh Hóa", level="tinh")
    commune = units.create(session, "Xã Ngọc Liên", parent="tinh-thanh-hoa")
    assert (province.code, commune.code) == ("tinh-thanh-hoa", "tinh-thanh-hoa.xa-ngoc-lien")
    assert units.find(session, "xã ngọc liên").id == commune.id
    assert units.list_units(session)[0].name == "Tỉnh Thanh Hóa"
    assert units.list_units(session)[1].parent == "Tỉnh Thanh Hóa"


def test_same_name_under_two_provinces_needs_the_code(session: Any) -> None:
    units.create(session, "Tỉnh A", level="tinh")
    units.create(session, "Tỉnh B", level="tinh")
    units.create(session, "Xã Tân Lập", parent="Tỉnh A")
    units.create(session, "Xã Tân Lập", parent="Tỉnh B")
    with pytest.raises(BadInput, match="hãy dùng mã"):
        units.find(session, "Xã Tân Lập")
    assert units.find(session, "tinh-b.xa-tan-lap").parent.name == "Tỉnh B"


@pytest.mark.parametrize(("name", "kw", "message"), [
    ("  ", {}, "không được để trống"),
    ("Xã X", {"level": "lang"}, "cấp đơn vị 'lang' không có"),  # thôn is a level now
    ("Xã X", {"parent": "Tỉnh Không Có"}, "không có đơn vị"),
])
def test_bad_units_are_refused(session: Any, name: str, kw: dict[str, str],
                               message: str) -> None:
    with pytest.raises((BadInput, NotFound), match=message):
        units.create(session, name, **kw)


def test_find_or_create_says_whether_it_created(session: Any) -> None:
    unit, created = units.find_or_create(session, "Phường Mới", level="phuong")
    again, created_again = units.find_or_create(session, "Phường Mới")
    assert created and not created_again and unit.id == again.id
    with pytest.raises(NotFound):
        units.find(session, "Phường Cũ")


def test_a_name_with_a_capital_beyond_ascii_is_found_as_typed(session: Any) -> None:
    # SQLite's lower() folds only A–Z: "Thôn Đông" must still be found by its own name
    units.create(session, "Xã Đông Hưng", level="xa")
    made = units.create(session, "Thôn Đông", level="thon", parent="Xã Đông Hưng")
    assert units.find(session, "Thôn Đông").id == made.id
    assert units.find(session, "Xã Đông Hưng").id == made.parent.id
