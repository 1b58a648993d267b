"""A served web process hides what its start-up made from Python's cyclic garbage
collector (web/app.py's `freeze_start_up`): once, at start, after collecting the garbage
start-up left, so nothing that was already garbage is kept; what requests make later is
collected as before. An app started without `warm` (the tests' apps) freezes nothing."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import World, login
from theodoi.web.app import create_app


class Node:
    """Something a weak reference can follow, put in a cycle only the collector frees."""

    me: Any = None


def _garbage_cycle() -> weakref.ref[Node]:
    node = Node()
    node.me = node
    return weakref.ref(node)


@pytest.fixture(autouse=True)
def _collector_as_it_was() -> Iterator[None]:
    """No frozen objects before, and none left for the next tests; collection automatic."""
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.enable()


def test_a_served_app_freezes_what_start_up_made_after_collecting_its_garbage(
        world: World) -> None:
    gc.disable()  # only an explicit collection frees the cycle below
    left = _garbage_cycle()
    assert left() is not None
    with TestClient(create_app(world.settings, warm=True)) as client:
        assert left() is None  # collected before the freeze, not frozen with the rest
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # modules, routes, templates: nearly all the process holds
        gc.enable()
        login(client, "lanhdao")
        unit = world.units["Xã An Bình"]
        for _ in range(3):
            assert client.get(f"/don-vi/{unit}/tong-quan").status_code == 200
        # requests freeze nothing (a frozen object nothing refers to any more is freed)
        assert gc.get_freeze_count() <= frozen
        later = _garbage_cycle()
        gc.collect()
        assert later() is None  # what is made after start is collected as before


def test_an_app_started_without_warm_freezes_nothing(world: World) -> None:
    with TestClient(create_app(world.settings)) as client:
        assert client.get("/dang-nhap").status_code == 200
        assert gc.get_freeze_count() == 0
