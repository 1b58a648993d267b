"""A warm province dashboard (nothing written since it was last made) costs a fixed,
small number of statements, however many communes the province has: the person signed
in, the unit's scope (which also says whether the unit has a movement with a deadline)
and the units under it (their stamps and restricted plans, one query shared by the
page's tag, its communes' rows and its roll-up); the movements with a deadline only when
there are some and the person sees them. It used to read the communes' stamps three
times, their restricted plans twice and load the unit through the ORM: nine statements,
each a round trip on PostgreSQL. Statements are counted, never timed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bench import province
from fastapi.testclient import TestClient
from sqlalchemy import event

from tests.conftest import fresh_database
from theodoi.services import memo, uow
from theodoi.services.accounts import users as accounts
from theodoi.settings import Settings
from theodoi.storage import db
from theodoi.storage.models import ItemComment, Task, Unit
from theodoi.web import templating
from theodoi.web.app import create_app

PASSWORD = "mat-khau-123"
PROVINCE = "/don-vi/1/tong-quan"  # the generator's province is unit 1
DAY = {"ngay": "2026-12-01"}


@pytest.fixture(autouse=True)
def _cold() -> Iterator[None]:
    for cache in (memo.COMPUTED, memo.VIEWS, templating.PAGES):
        cache.clear()
    yield
    for cache in (memo.COMPUTED, memo.VIEWS, templating.PAGES):
        cache.clear()


def _clients(url: str, tmp: Path, communes: int) -> dict[str, TestClient]:
    """The generated province with a restricted Party plan in every commune; a leader
    and an observer of the province, each signed in."""
    db.upgrade(url)
    engine = db.engine_for(url)
    province.generate(engine, communes=communes)
    province.add_party_plans(engine, communes)
    settings = Settings(database_url=url, data_dir=tmp)
    out = {}
    with uow.transaction(settings) as s:
        for username, role in (("lanhdao", "lanh_dao"), ("xem", "xem")):
            accounts.create_user(s, username, PASSWORD, full_name=username)
            accounts.grant(s, username, "tinh-bench", role)
            signed = accounts.login(s, username, PASSWORD, "test")
            assert isinstance(signed, accounts.SignIn)
            out[username] = TestClient(create_app(settings),
                                       cookies={"theodoi_session": signed.token})
    return out


def _statements(url: str, client: TestClient, path: str = PROVINCE) -> tuple[int, str]:
    """The statements of one warm read of `path` (the province's dashboard), and the
    page."""
    engine = db.engine_for(url)
    seen: list[str] = []

    def counted(*args: Any) -> None:
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", counted)
    try:
        page = client.get(path, params=DAY)
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    assert page.status_code == 200
    return len(seen), page.text


def _warm(url: str, tmp: Path, communes: int) -> dict[str, tuple[int, str]]:
    clients = _clients(url, tmp, communes)
    for client in clients.values():
        assert client.get(PROVINCE, params=DAY).status_code == 200  # made and cached
    return {who: _statements(url, client) for who, client in clients.items()}


def test_a_warm_province_dashboard_costs_three_statements_for_2_and_6_communes(
        backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path / "two.db") as url:
        two = _warm(url, tmp_path, 2)
    for cache in (memo.COMPUTED, memo.VIEWS, templating.PAGES):
        cache.clear()
    with fresh_database(backend, tmp_path / "six.db") as url:
        six = _warm(url, tmp_path, 6)
    # sign-in, scope, units under: the province has no movement with a deadline (its
    # scope says so), so neither page asks for movements
    assert (two["lanhdao"][0], two["xem"][0]) == (3, 3)
    assert (six["lanhdao"][0], six["xem"][0]) == (3, 3)
    assert "Xã thử 005" in six["lanhdao"][1] and "Xã thử 005" not in two["lanhdao"][1]


def _row(page: str, unit_id: int) -> str:
    found = re.search(rf'<tr id="dv-{unit_id}">(.*?)</tr>', page, re.S)
    assert found
    return found.group(1)


def test_a_write_in_a_commune_shows_on_the_next_warm_read(backend: str,
                                                          tmp_path: Path) -> None:
    """The shared read of the communes' stamps is the request's own: a task added in a
    commune between two reads shows in that commune's row on the next one, which is then
    warm again at the same count."""
    with fresh_database(backend, tmp_path / "two.db") as url:
        leader = _clients(url, tmp_path, 2)["lanhdao"]
        before = leader.get(PROVINCE, params=DAY).text
        settings = Settings(database_url=url, data_dir=tmp_path)
        with uow.transaction(settings) as s:  # Xã thử 001 (unit 3) and its plan 2
            s.add(Task(plan_id=2, review="accepted", text="Việc mới của xã",
                       title="Việc mới của xã", kind="task", due_date=date(2025, 6, 30),
                       submit_to=[]))
        after = leader.get(PROVINCE, params=DAY).text
        count, again = _statements(url, leader)
    # 75 generated tasks and the Party plan's 4 (the leader reads it), then one more
    assert '<td class="so">79</td>' in _row(before, 3)
    assert '<td class="so">80</td>' in _row(after, 3)
    assert _row(before, 2) == _row(after, 2)  # the other commune's row is unchanged
    assert again == after
    assert count == 3


def test_a_warm_target_page_reads_its_scope_once_and_shows_the_chase_button(
        backend: str, tmp_path: Path) -> None:
    """Sign-in and the item's scope, which also says the item has no comment to read: the
    chase button is decided from the item's scope (its unit's chain), not from a second
    query for the unit's scope. The province's leader may chase at the commune (the
    button shows); the observer may not."""
    with fresh_database(backend, tmp_path / "two.db") as url:
        clients = _clients(url, tmp_path, 2)
        for client in clients.values():
            assert client.get("/chi-tieu/t1", params=DAY).status_code == 200
        seen = {who: _statements(url, client, "/chi-tieu/t1")
                for who, client in clients.items()}
    assert (seen["lanhdao"][0], seen["xem"][0]) == (2, 2)
    assert "Đôn đốc cơ quan chủ trì" in seen["lanhdao"][1]
    assert "Đôn đốc cơ quan chủ trì" not in seen["xem"][1]


def test_a_comment_written_since_shows_on_the_next_warm_target_page(
        backend: str, tmp_path: Path) -> None:
    """The thread is read when the item's scope says it has a comment (a third
    statement), and the page's tag changes with it; a target without one still reads
    none."""
    with fresh_database(backend, tmp_path / "two.db") as url:
        leader = _clients(url, tmp_path, 2)["lanhdao"]
        before = leader.get("/chi-tieu/t1", params=DAY)
        assert leader.get("/chi-tieu/t2", params=DAY).status_code == 200
        settings = Settings(database_url=url, data_dir=tmp_path)
        with uow.transaction(settings) as s:
            s.add(ItemComment(target_id=1, author_name="Bí thư", direction=True,
                              body="Đề nghị báo cáo rõ nguyên nhân chậm."))
        after = leader.get("/chi-tieu/t1", params=DAY)
        count, again = _statements(url, leader, "/chi-tieu/t1")
        other, _page = _statements(url, leader, "/chi-tieu/t2")
    assert "Đề nghị báo cáo rõ nguyên nhân chậm." not in before.text
    assert "Đề nghị báo cáo rõ nguyên nhân chậm." in after.text
    assert after.headers["etag"] != before.headers["etag"]
    assert again == after.text
    assert (count, other) == (3, 2)


def test_a_warm_commune_dashboard_looks_for_units_under_it_only_when_it_has_some(
        backend: str, tmp_path: Path) -> None:
    """A commune's scope says whether any unit stands under it: without one its warm
    dashboard is the sign-in and the scope; a thôn added under it is read again (the
    units under it, their stamps) and a write there changes the commune's page tag."""
    commune = "/don-vi/2/tong-quan"
    with fresh_database(backend, tmp_path / "two.db") as url:
        leader = _clients(url, tmp_path, 2)["lanhdao"]
        first = leader.get(commune, params=DAY)
        alone, page = _statements(url, leader, commune)
        settings = Settings(database_url=url, data_dir=tmp_path)
        with uow.transaction(settings) as s:
            s.add(Unit(code="tinh-bench.xa-000.thon-1", name="Thôn Một", level="thon",
                       parent_id=2))
        second = leader.get(commune, params=DAY)
        with_thon, _page = _statements(url, leader, commune)
        with uow.transaction(settings) as s:  # a write in the thôn stamps it again
            thon = s.query(Unit).filter_by(code="tinh-bench.xa-000.thon-1").one()
            thon.name = "Thôn Một Mới"
        third = leader.get(commune, params=DAY)
    assert page == first.text and first.status_code == 200
    assert (alone, with_thon) == (2, 3)
    assert len({first.headers["etag"], second.headers["etag"], third.headers["etag"]}) == 3
