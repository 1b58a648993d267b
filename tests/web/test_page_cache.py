"""Dashboards and registers are rendered once per set of cached data and reused: each
person still gets their own name and CSRF token, the menu of their own role, and a page
made after a write shows the write."""

from __future__ import annotations

import re
from typing import Any

import pytest
from jinja2 import Environment
from starlette.requests import Request

from tests.web.conftest import A, World, lead_of
from tests.web.progress_world import implement
from theodoi.domain.access import Grant
from theodoi.services.accounts.access import Principal
from theodoi.web import templating

SEEN = "2027-01-15"


def _token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def test_two_people_on_the_same_cached_page_each_get_their_own_name_and_token(
        world: World, as_user: Any) -> None:
    implement(as_user, world)
    leader, reader = as_user("lanhdao"), as_user("xem")
    path = f"/don-vi/{world.units[A]}/tong-quan"
    first = leader.get(path, params={"ngay": SEEN}).text
    hits = templating.PAGES.hits
    second = reader.get(path, params={"ngay": SEEN}).text
    again = leader.get(path, params={"ngay": SEEN}).text
    assert templating.PAGES.hits >= hits + 1  # the leader's second view, from the cache
    assert ">Lanhdao</span>" in first and ">Xem</span>" in second
    assert "Lanhdao" not in second and "Xem</span>" not in first
    assert _token(first) == _token(again) != _token(second)
    assert templating.NAME not in second and templating.CSRF not in second
    assert "viec-cua-toi" not in second  # a reader's menu has no 'Việc của tôi'


def test_a_name_is_escaped_where_it_is_put_in(world: World, as_user: Any) -> None:
    from theodoi.services import uow
    from theodoi.services.accounts import users as accounts

    with uow.transaction(world.settings) as s:
        row = accounts.repo.user_by_name(s, "lanhdao")
        assert row is not None
        row.full_name = "<b>Lê</b> & Co"
    page = as_user("lanhdao").get(f"/don-vi/{world.units[A]}/so-theo-doi").text
    assert "&lt;b&gt;Lê&lt;/b&gt; &amp; Co" in page and "<b>Lê</b>" not in page


def test_a_page_made_after_a_write_shows_the_write(world: World, as_user: Any) -> None:
    implement(as_user, world)
    office = as_user("vanphong")
    path = f"/don-vi/{world.units[A]}/tong-quan"
    before = office.get(path, params={"ngay": SEEN}).text
    assert office.post("/api/items/t1/progress",
                       json={"period": "2026", "value": "60"}).status_code == 201
    after = office.get(path, params={"ngay": SEEN}).text
    assert before != after and "Chậm tiến độ" in after
    register = f"/don-vi/{world.units[A]}/so-theo-doi"
    office.get(register)
    r = office.get("/api/items/t1").json()
    assert office.post("/api/items/t1/correct", json={
        "version": r["item"]["version"], "changes": {"indicator": "Chỉ tiêu đã sửa tên"}}
    ).status_code == 200
    assert "Chỉ tiêu đã sửa tên" in office.get(register).text


def test_a_page_cached_for_one_person_is_still_refused_to_whom_may_not_see_it(
        world: World, as_user: Any) -> None:
    """A cached page is found from the unit's or item's scope without loading a row; the
    check on that path refuses whom loading the row would refuse, however warm the cache."""
    items = implement(as_user, world)[A]
    theirs = next(ref for ref, i in items.items()
                  if ref.startswith("t") and lead_of(i) != "Phòng Kinh tế")
    unit = world.units[A]
    pages = [f"/don-vi/{unit}/tong-quan", f"/don-vi/{unit}/so-theo-doi", "/chi-tieu/t1",
             f"/chi-tieu/{theirs}", "/nhiem-vu/k1", "/nhiem-vu/k2"]
    leader, agency, province, other = (as_user(u) for u in ("lanhdao", "donvi", "tinh",
                                                            "khac"))
    for path in pages:
        assert leader.get(path, params={"ngay": SEEN}).status_code == 200
        assert leader.get(path, params={"ngay": SEEN}).status_code == 200  # from the cache
        assert province.get(path, params={"ngay": SEEN}).status_code == 200  # two levels up
        refused = other.get(path, params={"ngay": SEEN})
        assert refused.status_code == 404 and "Lanhdao" not in refused.text
    own = {p: agency.get(p, params={"ngay": SEEN}).status_code for p in pages[2:]}
    assert own == {"/chi-tieu/t1": 200, f"/chi-tieu/{theirs}": 404, "/nhiem-vu/k1": 200,
                   "/nhiem-vu/k2": 404}


def test_a_cached_page_that_reads_another_field_of_the_person_fails_loudly(
        world: World, as_user: Any, monkeypatch: Any) -> None:
    """Rendered once for everyone, a page may read only the person's fields in its key:
    the name (put in per person), the first role's menu and must_change_password."""
    client = as_user("lanhdao")
    path = f"/don-vi/{world.units[A]}/so-theo-doi"
    assert client.get(path).status_code == 200  # the real templates read only those
    templating.PAGES.clear()
    for read in ("user.username", "user.grants[0].agency_id", "user.csrf_token"):
        monkeypatch.setattr(templating.env, "get_template",
                            lambda _name, read=read: templating.env.from_string(
                                "{{ " + read + " }}"))
        with pytest.raises(templating.PerPersonField):
            client.get(path)


def test_a_cached_page_sent_as_bytes_is_its_text_encoded(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """The dashboards, registers and item pages send a cached page as UTF-8 bytes joined
    from its pieces: the same bytes as the text with the person's name (escaped) and
    token put in, the first and the later views alike."""
    page = Environment(autoescape=True).from_string(
        "<p>Xin chào {{ user.display_name }}</p><input value=\"{{ csrf }}\">"
        "<b>{{ data.x }}</b><i>{{ user.display_name }}</i><form>{{ csrf }}</form>")
    monkeypatch.setattr(templating.env, "get_template", lambda _name: page)
    request = Request({"type": "http", "method": "GET", "path": "/trang", "headers": [],
                       "query_string": b""})
    request.state.user = Principal(1, "an", "Lê <Văn> An", (Grant(1, "lanh_dao"),), 7,
                                   "tok-ĐÚNG")
    request.state.csrf = "tok-ĐÚNG"
    shared = ({"x": "Xã thử"},)
    expected = ("<p>Xin chào Lê &lt;Văn&gt; An</p><input value=\"tok-ĐÚNG\"><b>Xã thử</b>"
                "<i>Lê &lt;Văn&gt; An</i><form>tok-ĐÚNG</form>")
    hits = templating.PAGES.hits
    first = templating.rendered("p.html", request, shared=shared, data=shared[0])
    again = templating.rendered("p.html", request, shared=shared, data=shared[0])
    text = templating.render("p.html", request, shared=shared, data=shared[0])
    assert templating.PAGES.hits == hits + 2
    assert first == again == expected.encode() and text == expected
