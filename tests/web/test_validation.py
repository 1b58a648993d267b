"""Pages and JSON that show a unit's data carry an ETag; asked again with it, they answer
304 Not Modified until anything they show may have changed: a write by anyone through the
application, the person's roles, their session, a new day."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from starlette.requests import Request

from tests.web.conftest import A, World
from tests.web.progress_world import implement
from theodoi.domain.access import Grant
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.register import units
from theodoi.web import validation

SEEN = "2027-01-15"


def _paths(w: World) -> list[str]:
    unit = w.units[A]
    return [f"/don-vi/{unit}/tong-quan?ngay={SEEN}", f"/don-vi/{unit}/so-theo-doi",
            f"/chi-tieu/t1?ngay={SEEN}", f"/nhiem-vu/k1?ngay={SEEN}",
            f"/api/units/{unit}/dashboard?as_of={SEEN}", f"/api/units/{unit}/register",
            f"/api/items/t1?as_of={SEEN}"]


def _again(client: Any, path: str, tag: str) -> Any:
    return client.get(path, headers={"If-None-Match": tag})


def test_a_page_asked_again_with_its_etag_is_not_sent_again(world: World,
                                                             as_user: Any) -> None:
    implement(as_user, world, validate=False)
    leader = as_user("lanhdao")
    for path in _paths(world):
        first = leader.get(path)
        assert first.status_code == 200, path
        tag = first.headers["etag"]
        assert first.headers["cache-control"] == "private, no-cache"
        again = _again(leader, path, tag)
        assert (again.status_code, again.content) == (304, b""), path
        assert again.headers["etag"] == tag
        assert _again(leader, path, f'W/{tag}, "x"').status_code == 304
        assert _again(leader, path, '"another"').status_code == 200


def test_a_write_by_anyone_changes_the_etag_and_the_page_shows_it(world: World,
                                                                   as_user: Any) -> None:
    implement(as_user, world, validate=False)
    leader, office = as_user("lanhdao"), as_user("vanphong")
    tags = {path: leader.get(path).headers["etag"] for path in _paths(world)}
    assert office.post("/api/items/t1/progress",
                       json={"period": "2026", "value": "60"}).status_code == 201
    for path, tag in tags.items():
        after = _again(leader, path, tag)
        assert after.status_code == 200 and after.headers["etag"] != tag, path
    assert "Chậm tiến độ" in leader.get(f"/don-vi/{world.units[A]}/tong-quan?ngay={SEEN}").text


def test_a_commune_write_changes_the_province_dashboards_etag(world: World,
                                                              as_user: Any) -> None:
    implement(as_user, world, validate=False)
    province = as_user("tinh")
    with uow.transaction(world.settings) as s:
        path = f"/don-vi/{units.find(s, 'tinh-mau').id}/tong-quan?ngay={SEEN}"
    tag = province.get(path).headers["etag"]
    assert _again(province, path, tag).status_code == 304
    assert as_user("vanphong").post("/api/items/t1/progress",
                                    json={"period": "2026", "value": "60"}).status_code == 201
    assert _again(province, path, tag).status_code == 200


def test_a_role_change_or_another_person_never_gets_the_etags_304(world: World,
                                                                   as_user: Any) -> None:
    implement(as_user, world, validate=False)
    leader, reader = as_user("lanhdao"), as_user("xem")
    path = f"/don-vi/{world.units[A]}/so-theo-doi"
    tag = leader.get(path).headers["etag"]
    assert _again(reader, path, tag).status_code == 200  # another name, menu, token
    assert _again(as_user("khac"), path, tag).status_code == 404  # not theirs at all
    with uow.transaction(world.settings) as s:
        accounts.grant(s, "lanhdao", A, "van_phong")
    changed = _again(leader, path, tag)
    assert changed.status_code == 200 and changed.headers["etag"] != tag
    assert _again(as_user("lanhdao"), path, tag).status_code == 200  # a new session


def _request(path: str) -> Request:
    return Request({"type": "http", "method": "GET", "path": path, "query_string": b"",
                    "headers": []})


@pytest.mark.parametrize("change", ["day", "stamp", "name", "grant", "path"])
def test_each_thing_a_page_depends_on_is_in_its_etag(change: str) -> None:
    person = Principal(1, "lanhdao", "Lanh Dao", (), 7, "csrf")
    day, stamps, path = date(2027, 1, 15), ("db", 3, 42), "/don-vi/3/tong-quan"
    before = validation.etag(_request(path), person, day, stamps)
    if change == "day":
        day = date(2027, 1, 16)
    elif change == "stamp":
        stamps = ("db", 3, 43)
    elif change == "name":
        person = Principal(1, "lanhdao", "Lê Lãnh Đạo", (), 7, "csrf")
    elif change == "grant":
        person = Principal(1, "lanhdao", "Lanh Dao", (Grant(3, "xem", None),), 7, "csrf")
    else:
        path = "/don-vi/4/tong-quan"
    assert validation.etag(_request(path), person, day, stamps) != before


def test_a_new_comment_changes_the_item_pages_etag(world: World, as_user: Any) -> None:
    """Comments hang on no unit's stamp: the thread itself is part of the page's tag, so a
    leader's direction written after the page was seen is never hidden by a 304."""
    implement(as_user, world, validate=False)
    leader, office = as_user("lanhdao"), as_user("vanphong")
    path = f"/chi-tieu/t1?ngay={SEEN}"
    tag = leader.get(path).headers["etag"]
    assert _again(leader, path, tag).status_code == 304
    assert office.post("/api/items/t1/comments",
                       json={"body": "Đề nghị báo cáo số liệu quý IV đúng hạn."}
                       ).status_code == 201
    after = _again(leader, path, tag)
    assert after.status_code == 200 and after.headers["etag"] != tag
    assert "Đề nghị báo cáo số liệu quý IV đúng hạn." in after.text
