"""A page's transaction ends on the route's own worker thread (web/finishing.py): the
request's dependency then makes no thread hop to commit. Committed all the same, before
the answer: a page's sign-in bookkeeping (the session's last-seen time) is stored; a
route that returns data for FastAPI to serialise keeps its session until that is done."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from tests.web.conftest import A, World, login
from theodoi.services import uow
from theodoi.storage.models import WebSession, utcnow
from theodoi.web import deps


def _on_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False  # a worker thread
    return True


@pytest.fixture
def finishes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """What each request does to finish its session: ("hop", True) when the dependency
    sends `uow.finish` to a worker thread, then ("finish", True) for the call itself,
    made off the event loop (False: on the loop, which must never happen)."""
    seen: list[tuple[str, bool]] = []
    real_finish, real_hop = uow.finish, deps.run_in_threadpool

    def finish(s: Any, error: BaseException | None = None) -> None:
        seen.append(("finish", not _on_loop()))
        real_finish(s, error)

    async def hop(func: Any, *args: Any, **kwargs: Any) -> Any:
        if func is uow.finish:
            seen.append(("hop", True))
        return await real_hop(func, *args, **kwargs)

    monkeypatch.setattr(uow, "finish", finish)
    monkeypatch.setattr(deps, "run_in_threadpool", hop)
    return seen


def test_a_page_commits_in_its_route_and_its_bookkeeping_is_stored(
        world: World, finishes: list[tuple[str, bool]]) -> None:
    client = world.client()
    login(client, "lanhdao")
    stale = utcnow() - timedelta(minutes=5)  # old enough for the sign-in to touch it
    with uow.transaction(world.settings) as s:
        s.execute(update(WebSession).values(last_seen=stale))
    finishes.clear()
    page = client.get(f"/don-vi/{world.units[A]}/tong-quan")
    assert page.status_code == 200
    assert finishes == [("finish", True)]  # once, on a worker thread, and no hop for it
    with uow.transaction(world.settings) as s:
        seen = s.scalar(select(func.max(WebSession.last_seen)))  # all were stale
    assert seen is not None and seen.replace(tzinfo=None) > stale.replace(tzinfo=None)


def test_a_json_route_keeps_its_session_until_serialised(
        world: World, finishes: list[tuple[str, bool]]) -> None:
    client = world.client()
    login(client, "lanhdao")
    finishes.clear()
    assert client.get("/api/me").status_code == 200
    assert finishes == [("hop", True), ("finish", True)]  # by the dependency, after
