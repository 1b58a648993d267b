"""A small world for the web tests: a province with two communes, the same plan imported
into each, and one user per role (plus users of the other commune and of the province)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests import seeds
from tests.conftest import cheap_hashes
from tests.services.conftest import MAX, PLANS
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.register import importing, units
from theodoi.settings import Settings
from theodoi.web.app import create_app

PASSWORD = "mat-khau-123"
V1 = PLANS / "ke-hoach-v1.txt"
A, B = "Xã An Bình", "Xã Bình Minh"
USERS = {  # username -> (unit, role, agency)
    "quantri": (A, "quan_tri", None), "lanhdao": (A, "lanh_dao", None),
    "vanphong": (A, "van_phong", None), "donvi": (A, "don_vi", "Phòng Kinh tế"),
    "xem": (A, "xem", None), "khac": (B, "van_phong", None), "tinh": ("Tỉnh Mẫu", "xem", None),
}


@dataclass
class World:
    settings: Settings
    units: dict[str, int] = field(default_factory=dict)
    plans: dict[str, int] = field(default_factory=dict)
    items: dict[str, dict[str, Any]] = field(default_factory=dict)

    def client(self, base_url: str = "http://testserver") -> TestClient:
        return TestClient(create_app(self.settings), base_url=base_url)


def _seed(settings: Settings) -> World:
    world = World(settings)
    with uow.transaction(settings) as s:
        units.create(s, "Tỉnh Mẫu", level="tinh", code="tinh-mau")
        for name in (A, B):
            units.create(s, name, parent="tinh-mau")
            result = importing.import_plan(s, name, V1.read_bytes(), V1.name, max_bytes=MAX)
            world.plans[name] = result.plan_id
        for name in ("Tỉnh Mẫu", A, B):
            world.units[name] = units.find(s, name).id
        for username, (unit, role, agency) in USERS.items():
            accounts.create_user(s, username, PASSWORD, full_name=username.title())
            accounts.grant(s, username, unit, role, agency)
    return world


def _build(settings: Settings) -> World:
    w = _seed(settings)
    client = w.client()
    login(client, "tinh")  # the province's reader sees both communes
    for name, plan_id in w.plans.items():
        review = client.get(f"/api/plans/{plan_id}/review").json()
        w.items[name] = {i["ref"]: i for i in [*review["targets"], *review["tasks"]]}
    return w


def _build_seed(url: str, data_dir: Path) -> World:
    with pytest.MonkeyPatch.context() as mp:
        cheap_hashes(mp)
        return _build(Settings(database_url=url, data_dir=data_dir))


# `world` tests get a copy of the world built once per worker and backend (tests/seeds.py)
seeds.register(seeds.Seed("web-world", _build_seed, "world", Path(__file__).parent))


@pytest.fixture
def world(db_url: str, tmp_path: Path, db_templates: seeds.Templates) -> World:
    settings = Settings(database_url=db_url, data_dir=tmp_path / "data")
    name, kept = db_templates.seeded(db_url)
    if name == seeds.SCHEMA:  # a test outside tests/web that took this fixture
        return _build(settings)
    assert name == "web-world", f"the world fixture on a copy of the {name} seed"
    return World(settings, dict(kept.units), dict(kept.plans), copy.deepcopy(kept.items))


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in through the API; the client then sends the session's CSRF token."""
    pre = client.get("/api/csrf").json()["csrf_token"]
    r = client.post("/api/login", json={"username": username, "password": password},
                    headers={"X-CSRF-Token": pre})
    assert r.status_code == 200, r.text
    token = r.json()["csrf_token"]
    client.headers["X-CSRF-Token"] = token
    return str(token)


@pytest.fixture
def as_user(world: World) -> Iterator[Any]:
    clients: list[TestClient] = []

    def make(username: str) -> TestClient:
        client = world.client()
        login(client, username)
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.close()


def run_jobs(settings: Settings) -> int:
    """Run every queued job here, one after another (the server's runner is not started
    by a TestClient used without `with`); returns how many ran."""
    from theodoi.services import jobs

    count = 0
    while jobs.run_one(settings):
        count += 1
    return count


def lead_of(item: dict[str, Any]) -> str | None:
    return item.get("lead_agency")
